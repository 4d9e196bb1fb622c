"""Turn catalogue products into index documents, and load them from the database in batches.

The text comes from `creative_market.catalog.search_text` (the library decides what a
listing says); this module adds what only the index needs: facet keys, the sort keys
(price in integer minor units, publication time) and the stored data a result card shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, with_polymorphic

from creative_market.catalog.enums import Delivery, FileRole, ListingStatus
from creative_market.catalog.licensing import OfferStatus
from creative_market.catalog.models import Product
from creative_market.catalog.search_text import ListingText, search_text
from creative_market.db import as_utc
from creative_market.money import Money
from creative_market.text import LANGUAGES

# Sold-out listings stay findable (shown as out of stock); drafts and archived ones do not.
SEARCHABLE_STATUSES = (ListingStatus.PUBLISHED, ListingStatus.SOLD_OUT)
BATCH_SIZE = 500


def listing_price(product: Product) -> Money | None:
    """The "from" price: the denormalised list price, the goods price or the cheapest offer."""
    list_price = getattr(product, "list_price", None)
    if list_price is not None:
        return Money(list_price, product.currency)
    if product.price is not None:
        return Money(product.price, product.currency)
    offers = [o for o in product.offers if o.status == OfferStatus.ACTIVE]
    if not offers:
        return None
    cheapest = min(offers, key=lambda offer: Decimal(offer.price))
    return Money(cheapest.price, cheapest.currency)


# Price bands in minor units (AZN qintars): key -> lowest price of the band, ascending.
PRICE_BANDS = {"0-50": 0, "50-200": 5_000, "200-1000": 20_000, "1000-": 100_000}


def price_band(minor_units: int) -> str:
    """The facet band of a price in minor units ("50-200" for 120.00)."""
    band = "0-50"
    for key, lowest in PRICE_BANDS.items():
        if minor_units >= lowest:
            band = key
    return band


def in_stock(product: Product) -> bool:
    """Digital works never run out; goods are in stock while unreserved units remain."""
    if product.status != ListingStatus.PUBLISHED:
        return False
    if product.delivery == Delivery.DIGITAL:
        return True
    return product.available_quantity > 0


def _text_fields(text: ListingText) -> dict[str, str]:
    fields: dict[str, str] = {}
    for language in LANGUAGES:
        part = text.by_language[language]
        tags = " ".join(part.tags)
        suffixes = ("az", "azf") if language == "az" else (language,)
        for suffix in suffixes:
            fields[f"title_{suffix}"] = part.title
            fields[f"tags_{suffix}"] = tags
            fields[f"description_{suffix}"] = part.description
    fields["seller"] = fields["seller_f"] = text.seller_name
    fields["details"] = text.details
    words = [text.by_language[lang].title for lang in LANGUAGES]
    words += [" ".join(text.by_language[lang].tags) for lang in LANGUAGES]
    fields["spelling"] = " ".join(words)
    return fields


def _display(product: Product) -> dict[str, Any]:
    images = [f for f in product.files if f.role == FileRole.IMAGE]
    return {
        "titles": {lang: getattr(product, f"title_{lang}") or "" for lang in LANGUAGES},
        "image_id": images[0].id if images else None,
        "image_filename": images[0].filename if images else None,
        "seller_slug": product.seller.slug if product.seller is not None else "",
    }


def product_document(product: Product) -> dict[str, Any]:
    """The index document of one searchable listing."""
    price = listing_price(product)
    published = as_utc(product.published_at or product.created_at)
    seller = product.seller
    document: dict[str, Any] = {
        "id": str(product.id),
        "slug": product.slug,
        "kind": str(product.kind),
        "cluster": str(seller.cluster) if seller is not None else "",
        "region": str(seller.region) if seller is not None else "",
        "tiers": ",".join(sorted({str(o.tier) for o in product.offers
                                  if o.status == OfferStatus.ACTIVE})),
        "in_stock": "yes" if in_stock(product) else "no",
        "currency": price.currency if price else product.currency,
        "published": int(published.timestamp()),
        "display": _display(product),
    }
    if price is not None:
        document["price"] = price.to_minor()
        document["price_band"] = price_band(document["price"])
    document.update(_text_fields(search_text(product)))
    return document


def _loader_query():
    every_kind = with_polymorphic(Product, "*")
    return every_kind, select(every_kind).options(
        selectinload(every_kind.seller),
        selectinload(every_kind.offers),
        selectinload(every_kind.files),
    )


def load_products(session: Session, product_ids: Iterable[int]) -> list[Product]:
    """Products with the given ids (any status), with seller, offers and files loaded."""
    ids = sorted(set(product_ids))
    products: list[Product] = []
    every_kind, query = _loader_query()
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = ids[start : start + BATCH_SIZE]
        products.extend(session.scalars(query.where(every_kind.id.in_(chunk))).unique())
    return products


def searchable_ids(session: Session) -> list[int]:
    """Ids of every listing that belongs in the index, in id order."""
    query = select(Product.id).where(Product.status.in_(SEARCHABLE_STATUSES)).order_by(Product.id)
    return list(session.scalars(query))


def iter_documents(session: Session, product_ids: list[int], *,
                   release: bool = False) -> Iterator[dict[str, Any]]:
    """Index documents for `product_ids`, loaded in batches.

    With `release`, the session is emptied after each batch to bound memory (only for a
    session the caller made for this purpose).
    """
    for start in range(0, len(product_ids), BATCH_SIZE):
        for product in load_products(session, product_ids[start : start + BATCH_SIZE]):
            if product.status in SEARCHABLE_STATUSES:
                yield product_document(product)
        if release:
            session.expunge_all()
