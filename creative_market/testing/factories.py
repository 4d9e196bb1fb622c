"""Factories for catalogue objects: sensible defaults, every field overridable.

Each factory adds the object to the session and flushes, never commits. The values that
must be unique in the database (emails, slugs, SKUs) carry a random token drawn once per
process, so two test processes (or runs) sharing one database never collide.
"""

from __future__ import annotations

import itertools
import os
import secrets
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from creative_market.accounts.models import Role, User
from creative_market.catalog.enums import (
    CarpetTechnique,
    CreativeCluster,
    Delivery,
    DesignCategory,
    Fibre,
    ListingStatus,
    MediaType,
    Region,
    SellerKind,
    WeavingSchool,
)
from creative_market.catalog.licensing import LicenceOffer, LicenceTier, OfferStatus
from creative_market.catalog.models import Carpet, DesignWork, MediaWork, MusicWork, Product, Seller

_sequence = itertools.count(1)
# Consonants only: a token never spells a word or a number that a test might look for.
_TOKEN_ALPHABET = "bcdfghjkmnpqrstvwxz"


def _draw_token() -> str:
    return "".join(secrets.choice(_TOKEN_ALPHABET) for _ in range(7))


_token = _draw_token()


def _redraw_token() -> None:
    global _token
    _token = _draw_token()


# A forked child shares the parent's counter, so it needs a token of its own.
os.register_at_fork(after_in_child=_redraw_token)


def _next() -> int:
    return next(_sequence)


def _unique(prefix: str, n: int) -> str:
    """`prefix-token-n`: unique across processes; the same token keeps a process's order."""
    return f"{prefix}-{_token}-{n}"


def _save(session: Session, obj: Any) -> Any:
    session.add(obj)
    session.flush()
    return obj


def make_user(session: Session, **overrides: Any) -> User:
    """An account (buyer by default) whose password is 'password-123'."""
    n = _next()
    password = overrides.pop("password", "password-123")
    user = User(
        email=overrides.pop("email", f"{_unique('user', n)}@example.az"),
        name=overrides.pop("name", f"İstifadəçi {n}"),
        role=overrides.pop("role", Role.BUYER),
        **overrides,
    )
    user.set_password(password)
    return _save(session, user)


def make_seller(session: Session, **overrides: Any) -> Seller:
    """A verified carpet workshop in Guba, unless told otherwise."""
    n = _next()
    values: dict[str, Any] = {
        "slug": _unique("seller", n),
        "display_name": f"Usta {n}",
        "kind": SellerKind.INDIVIDUAL,
        "cluster": CreativeCluster.CARPETS,
        "region": Region.GUBA,
        "bio_az": "Əl işi xalçalar toxuyan usta.",
        "verified": True,
        "contact_email": f"{_unique('seller', n)}@example.az",
        "shipping_domestic": Decimal("10.00"),
        "shipping_cis": Decimal("40.00"),
        "shipping_world": Decimal("90.00"),
    }
    values.update(overrides)
    return _save(session, Seller(**values))


def _product_defaults(session: Session, overrides: dict[str, Any], title: str) -> dict[str, Any]:
    n = _next()
    seller = overrides.pop("seller", None) or make_seller(session)
    values: dict[str, Any] = {
        "seller": seller,
        "sku": _unique("SKU", n).upper(),
        "slug": _unique("item", n),
        "title_az": f"{title} {n}",
        "description_az": f"{title} — təsvir.",
        "status": ListingStatus.PUBLISHED,
    }
    values.update(overrides)
    return values


def make_carpet(session: Session, **overrides: Any) -> Carpet:
    """A published, one-of-a-kind knotted wool carpet from Guba priced 1,200 AZN."""
    values = _product_defaults(session, overrides, "Quba xalçası")
    values.setdefault("delivery", Delivery.PHYSICAL)
    values.setdefault("price", Decimal("1200.00"))
    values.setdefault("stock_quantity", 1)
    values.setdefault("weight_grams", 8000)
    values.setdefault("weaving_school", WeavingSchool.GUBA)
    values.setdefault("technique", CarpetTechnique.KNOTTED_PILE)
    values.setdefault("pile_material", None if "technique" in overrides else Fibre.WOOL)
    values.setdefault("warp_material", Fibre.WOOL)
    values.setdefault("width_cm", 150)
    values.setdefault("length_cm", 220)
    if CarpetTechnique(values["technique"]).is_knotted:
        values.setdefault("knot_density_per_dm2", 1600)
        values["pile_material"] = values["pile_material"] or Fibre.WOOL
    values.setdefault("year_made", 2024)
    values.setdefault("list_price", values["price"])
    return _save(session, Carpet(**values))


def make_design_work(session: Session, **overrides: Any) -> DesignWork:
    """A physical ceramic piece, or a digital font when category says so."""
    values = _product_defaults(session, overrides, "Dizayn işi")
    category = DesignCategory(values.setdefault("category", DesignCategory.CERAMICS))
    values.setdefault("delivery", category.delivery)
    if category.delivery is Delivery.PHYSICAL:
        values.setdefault("price", Decimal("80.00"))
        values.setdefault("stock_quantity", 5)
        values.setdefault("weight_grams", 900)
        values.setdefault("materials", ["clay"])
        values.setdefault("list_price", values["price"])
    else:
        values.setdefault("file_formats", ["OTF"])
    return _save(session, DesignWork(**values))


def make_music_work(session: Session, **overrides: Any) -> MusicWork:
    """A digital track with WAV and MP3 files."""
    values = _product_defaults(session, overrides, "Muğam")
    values.setdefault("delivery", Delivery.DIGITAL)
    values.setdefault("file_formats", ["WAV", "MP3"])
    values.setdefault("duration_seconds", 245)
    values.setdefault("genre", "mugham")
    return _save(session, MusicWork(**values))


def make_media_work(session: Session, **overrides: Any) -> MediaWork:
    """A digital photograph unless told otherwise."""
    values = _product_defaults(session, overrides, "Foto")
    values.setdefault("delivery", Delivery.DIGITAL)
    media_type = MediaType(values.setdefault("media_type", MediaType.PHOTO))
    values.setdefault("duration_seconds", None if not media_type.has_duration else 120)
    values.setdefault("resolution_width_px", 6000)
    values.setdefault("resolution_height_px", 4000)
    values.setdefault("file_formats", ["JPEG"])
    return _save(session, MediaWork(**values))


def make_offer(session: Session, product: Product, **overrides: Any) -> LicenceOffer:
    """A standard commercial, worldwide, perpetual offer at 50 AZN (exclusive sells once)."""
    values: dict[str, Any] = {
        "product": product,
        "tier": LicenceTier.STANDARD_COMMERCIAL,
        "media": ["web", "social"],
        "territory": ["WW"],
        "price": Decimal("50.00"),
    }
    values.update(overrides)
    if LicenceTier(values["tier"]) is LicenceTier.EXCLUSIVE:
        values.setdefault("max_sales", 1)
    offer = _save(session, LicenceOffer(**values))
    _refresh_list_price(session, offer.product)
    return offer


def _refresh_list_price(session: Session, product: Product) -> None:
    """Keep the denormalised "from" price of a digital work equal to its cheapest offer."""
    if product.is_physical:
        return
    prices = [o.price for o in product.offers if o.status == OfferStatus.ACTIVE]
    product.list_price = min(prices) if prices else None
    session.flush()
