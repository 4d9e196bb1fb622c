"""Catalogue use cases: sellers, listings and their life cycle, licence offers.

Every service takes the Session first and keyword-only arguments, validates its input with
the schemas of `catalog.schemas`, flushes and never commits. Errors come from
`creative_market.exceptions` with messages a person can act on.

Life cycle of a listing (anything else raises InvalidTransitionError)::

    draft ──publish──> published ──mark_sold_out──> sold_out
      ^  <─unpublish──    │   <──mark_back_in_stock──   │
      │                   └──────archive──> archived <──┘ (and from draft)
      └──────────────restore─────────────────┘

`Product.list_price` is kept here: the price of a physical good, the lowest active offer
of a digital work (NULL while it has none), in the listing's currency.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from marshmallow import Schema
from marshmallow import ValidationError as SchemaError
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from creative_market.catalog.enums import Delivery, ListingStatus
from creative_market.catalog.licensing import LicenceOffer, LicenceTier, OfferStatus
from creative_market.catalog.models import PRODUCT_CLASSES, Product, Seller
from creative_market.catalog.schemas import LicenceOfferSchema, SellerSchema, listing_schema_for
from creative_market.db import utcnow
from creative_market.exceptions import (
    DuplicateError,
    InvalidTransitionError,
    LicensingError,
    ValidationError,
)
from creative_market.text import slugify

PUBLISHED, DRAFT = ListingStatus.PUBLISHED, ListingStatus.DRAFT
SOLD_OUT, ARCHIVED = ListingStatus.SOLD_OUT, ListingStatus.ARCHIVED
ALLOWED_TRANSITIONS: dict[ListingStatus, frozenset[ListingStatus]] = {
    DRAFT: frozenset({PUBLISHED, ARCHIVED}),
    PUBLISHED: frozenset({DRAFT, SOLD_OUT, ARCHIVED}),
    SOLD_OUT: frozenset({PUBLISHED, DRAFT, ARCHIVED}),
    ARCHIVED: frozenset({DRAFT}),
}
SLUG_MAX_LENGTH = 80


def validate(schema: Schema, data: Mapping[str, Any], error: type[ValidationError] = ValidationError
             ) -> dict[str, Any]:
    """Load `data` with `schema`, turning marshmallow's error into the library's."""
    try:
        return schema.load(data)
    except SchemaError as failure:
        messages = failure.messages if isinstance(failure.messages, dict) else {
            "_schema": failure.messages}
        raise error(messages) from None


def unique_slug(session: Session, model: type[Seller] | type[Product], text: str) -> str:
    """A slug from `text` not yet used by `model`: "quba-xalcasi", then "-2", "-3"..."""
    base = slugify(text, max_length=SLUG_MAX_LENGTH)
    taken = set(session.scalars(
        select(model.slug).where((model.slug == base) | model.slug.like(f"{base}-%"))
    ))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _current(obj: Any, schema: Schema) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in schema.load_fields if hasattr(obj, name)}


def _assign(obj: Any, values: Mapping[str, Any]) -> None:
    for name, value in values.items():
        setattr(obj, name, value)


# Sellers ---------------------------------------------------------------------------------


def create_seller(session: Session, *, data: Mapping[str, Any], user: Any = None) -> Seller:
    """Add a seller to the directory; the slug comes from the display name unless given."""
    values = validate(SellerSchema(), data)
    if values.get("slug"):
        _check_seller_slug_free(session, values["slug"])
    else:
        values["slug"] = unique_slug(session, Seller, values["display_name"])
    seller = Seller(**values, user=user)
    session.add(seller)
    session.flush()
    return seller


def update_seller(session: Session, *, seller: Seller, data: Mapping[str, Any]) -> Seller:
    """Change a seller's directory entry; blank optional fields are cleared."""
    schema = SellerSchema()
    values = validate(schema, {**_current(seller, schema), **data})
    if not values.get("slug"):
        values["slug"] = seller.slug
    elif values["slug"] != seller.slug:
        _check_seller_slug_free(session, values["slug"])
    _assign(seller, values)
    session.flush()
    return seller


def verify_seller(session: Session, *, seller: Seller, verified: bool = True) -> Seller:
    """Mark a seller as verified by the marketplace (or withdraw the mark)."""
    seller.verified = verified
    session.flush()
    return seller


def _check_seller_slug_free(session: Session, slug: str) -> None:
    if session.scalar(select(Seller.id).where(Seller.slug == slug)) is not None:
        raise DuplicateError(f"The slug '{slug}' is already used by another seller.")


# Listings --------------------------------------------------------------------------------


def create_listing(session: Session, *, seller: Seller, data: Mapping[str, Any]) -> Product:
    """Create a draft listing of `data["kind"]`; slug from the Azerbaijani title, SKU if none."""
    try:
        schema = listing_schema_for(data.get("kind") or "")
    except ValueError as error:
        raise ValidationError({"kind": [str(error)]}) from None
    values = validate(schema, data)
    values["slug"] = unique_slug(session, Product, values["title_az"])
    values["sku"] = values.get("sku") or values["slug"][:64].upper()
    _check_sku_free(session, seller, values["sku"])
    product = PRODUCT_CLASSES[schema.kind](seller=seller, status=DRAFT, **values)
    session.add(product)
    session.flush()
    return product


def update_listing(session: Session, *, product: Product, data: Mapping[str, Any]) -> Product:
    """Change a listing; the whole result is validated again, the slug stays as it was."""
    schema = listing_schema_for(product.kind)
    values = validate(schema, {**_current(product, schema), **data})
    if values["delivery"] != product.delivery:
        raise ValidationError({"category": [
            "A physical item cannot become a digital work or the other way round; "
            "create a new listing instead."
        ]})
    if not values.get("sku"):
        values["sku"] = product.sku
    elif values["sku"] != product.sku:
        _check_sku_free(session, product.seller, values["sku"])
    if product.is_physical and values["stock_quantity"] < product.reserved_quantity:
        raise ValidationError({"stock_quantity": [
            f"Stock quantity cannot be less than the {product.reserved_quantity} "
            "held for buyers in checkout."
        ]})
    if not product.is_physical:
        values.pop("list_price", None)
        _check_offer_currency(product, values["currency"])
    _assign(product, values)
    session.flush()
    return product


def _check_sku_free(session: Session, seller: Seller, sku: str) -> None:
    found = session.scalar(
        select(Product.id).where(Product.seller_id == seller.id, Product.sku == sku)
    )
    if found is not None:
        raise DuplicateError(f"{seller.display_name} already has a listing with SKU '{sku}'.")


def _check_offer_currency(product: Product, currency: str) -> None:
    currencies = {o.currency for o in product.offers if o.status == OfferStatus.ACTIVE}
    if currencies - {currency}:
        raise ValidationError({"currency": [
            f"The active licence offers are priced in {', '.join(sorted(currencies))}; "
            "a work is priced in one currency."
        ]})


def publication_problems(product: Product) -> dict[str, list[str]]:
    """What keeps a listing from being published, by field; empty when it can be."""
    problems: dict[str, list[str]] = {}
    if product.is_physical:
        if product.price is None:
            problems["price"] = ["Set a price before publishing."]
        if product.available_quantity <= 0:
            problems["stock_quantity"] = ["Add stock before publishing: none is available."]
    elif not any(o.status == OfferStatus.ACTIVE for o in product.offers):
        problems["offers"] = ["Add at least one active licence offer before publishing."]
    return problems


def _move(product: Product, target: ListingStatus) -> None:
    current = ListingStatus(product.status)
    if target not in ALLOWED_TRANSITIONS[current]:
        raise InvalidTransitionError(f"Listing '{product.slug}'", current.value, target.value)
    product.status = target


def publish_listing(session: Session, *, product: Product) -> Product:
    """Make a draft (or sold-out) listing visible to buyers once it has what they need."""
    current = ListingStatus(product.status)
    if PUBLISHED not in ALLOWED_TRANSITIONS[current]:
        raise InvalidTransitionError(f"Listing '{product.slug}'", current.value, PUBLISHED.value)
    problems = publication_problems(product)
    if problems:
        raise ValidationError(problems, "Cannot publish yet: " + " ".join(
            message for messages in problems.values() for message in messages))
    _move(product, PUBLISHED)
    product.published_at = product.published_at or utcnow()
    session.flush()
    return product


def unpublish_listing(session: Session, *, product: Product) -> Product:
    """Take a published or sold-out listing back to draft, hidden from buyers."""
    _move(product, DRAFT)
    session.flush()
    return product


def archive_listing(session: Session, *, product: Product) -> Product:
    """Retire a listing for good: hidden everywhere, kept for past orders."""
    _move(product, ARCHIVED)
    session.flush()
    return product


def restore_listing(session: Session, *, product: Product) -> Product:
    """Bring an archived listing back as a draft."""
    _move(product, DRAFT)
    session.flush()
    return product


def mark_sold_out(session: Session, *, product: Product) -> Product:
    """Show a published listing as sold out (still visible, not buyable)."""
    if product.status == SOLD_OUT:
        return product
    _move(product, SOLD_OUT)
    session.flush()
    return product


def mark_back_in_stock(
    session: Session, *, product: Product, stock_quantity: int | None = None
) -> Product:
    """Publish a sold-out listing again, optionally with a new stock quantity."""
    if stock_quantity is not None:
        update_listing(session, product=product, data={"stock_quantity": stock_quantity})
    if ListingStatus(product.status) is not SOLD_OUT:
        raise InvalidTransitionError(
            f"Listing '{product.slug}'", ListingStatus(product.status).value, "back in stock"
        )
    return publish_listing(session, product=product)


# Licence offers --------------------------------------------------------------------------


def add_offer(session: Session, *, product: Product, data: Mapping[str, Any]) -> LicenceOffer:
    """Offer a digital work under new licence terms; one offer per tier."""
    _check_licensable(product)
    values = validate(LicenceOfferSchema(product_kind=product.kind), data, LicensingError)
    tier = values["tier"]
    existing = next((o for o in product.offers if o.tier == tier), None)
    if existing is not None:
        raise DuplicateError(
            f"This work already has a {tier.value.replace('_', ' ')} offer "
            f"({OfferStatus(existing.status).value}); change that offer instead."
        )
    _check_offer_rules(product, values)
    offer = LicenceOffer(product=product, **values)
    session.add(offer)
    session.flush()
    refresh_list_price(session, product=product)
    return offer


def update_offer(session: Session, *, offer: LicenceOffer, data: Mapping[str, Any]) -> LicenceOffer:
    """Change the terms or price of an offer; sales already made keep their frozen terms."""
    if offer.status == OfferStatus.SOLD:
        raise InvalidTransitionError("A sold licence offer", "sold", "changed")
    product = offer.product
    schema = LicenceOfferSchema(product_kind=product.kind)
    values = validate(schema, {**_current(offer, schema), **data}, LicensingError)
    tier = values["tier"]
    if any(o.tier == tier and o is not offer for o in product.offers):
        raise DuplicateError(f"This work already has a {tier.value.replace('_', ' ')} offer.")
    if tier is LicenceTier.EXCLUSIVE and offer.reserved_count + offer.sold_count > 0:
        raise LicensingError({"tier": [
            "This offer already has buyers, so it cannot become exclusive; add a new offer."
        ]})
    _check_offer_rules(product, values, ignore=offer)
    _assign(offer, values)
    session.flush()
    refresh_list_price(session, product=product)
    return offer


def withdraw_offer(session: Session, *, offer: LicenceOffer) -> LicenceOffer:
    """Stop selling an offer; licences already granted stay valid. Idempotent."""
    if offer.status == OfferStatus.SOLD:
        raise InvalidTransitionError("Licence offer", "sold", "withdrawn")
    offer.status = OfferStatus.WITHDRAWN
    session.flush()
    refresh_list_price(session, product=offer.product)
    return offer


def withdraw_commercial_offers(session: Session, *, product_id: int, except_offer_id: int) -> int:
    """After an exclusive sale: withdraw the work's other active commercial offers.

    Personal offers stay on sale. Returns how many offers were withdrawn. The caller (the
    order that sold `except_offer_id`) marks that offer sold itself.
    """
    result = session.execute(
        update(LicenceOffer)
        .where(
            LicenceOffer.product_id == product_id,
            LicenceOffer.id != except_offer_id,
            LicenceOffer.status == OfferStatus.ACTIVE,
            LicenceOffer.tier != LicenceTier.PERSONAL,
        )
        .values(status=OfferStatus.WITHDRAWN, updated_at=utcnow())
        .execution_options(synchronize_session="fetch")
    )
    refresh_list_price(session, product_id=product_id, except_offer_id=except_offer_id)
    return result.rowcount


def refresh_list_price(
    session: Session,
    *,
    product: Product | None = None,
    product_id: int | None = None,
    except_offer_id: int | None = None,
) -> None:
    """Set a digital work's list_price to its cheapest active offer, in one UPDATE."""
    pid = product.id if product is not None else product_id
    cheapest = select(func.min(LicenceOffer.price)).where(
        LicenceOffer.product_id == pid, LicenceOffer.status == OfferStatus.ACTIVE
    )
    if except_offer_id is not None:
        cheapest = cheapest.where(LicenceOffer.id != except_offer_id)
    session.execute(
        update(Product)
        .where(Product.id == pid, Product.delivery == Delivery.DIGITAL)
        .values(list_price=cheapest.scalar_subquery())
        .execution_options(synchronize_session="fetch")
    )


def _check_licensable(product: Product) -> None:
    if product.is_physical:
        raise LicensingError({"tier": [
            "Physical items are sold at their price, not by licence; offers are for digital "
            "works."
        ]})


def _check_offer_rules(product: Product, values: dict[str, Any],
                       ignore: LicenceOffer | None = None) -> None:
    """Rules that need the work's other offers: currency, and exclusivity."""
    others = [o for o in product.offers if o is not ignore]
    if values["currency"] != product.currency:
        raise LicensingError({"currency": [
            f"This work is priced in {product.currency}; give the offer's price in "
            f"{product.currency} too."
        ]})
    tier = values["tier"]
    if tier.is_commercial and any(
        o.tier == LicenceTier.EXCLUSIVE and o.sold_count > 0 for o in others
    ):
        raise LicensingError({"tier": [
            "This work has been licensed exclusively; it can take no more commercial offers."
        ]})
    if tier is LicenceTier.EXCLUSIVE and any(
        o.tier.is_commercial and o.sold_count + o.reserved_count > 0 for o in others
    ):
        raise LicensingError({"tier": [
            "Commercial licences of this work were already sold, so it can no longer be "
            "licensed exclusively."
        ]})
