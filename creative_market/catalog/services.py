"""Catalogue use cases: sellers, listings and their life cycle, licence offers.

Every service takes the Session first and keyword-only arguments, validates its input with
the schemas of `catalog.schemas`, flushes and never commits. Errors come from
`creative_market.exceptions` with messages a person can act on.

Life cycle of a listing (anything else raises InvalidTransitionError)::

    draft ──publish──> published ──mark_sold_out──> sold_out
      ^  <─unpublish──    │   <──mark_back_in_stock──   │
      │                   └──────archive──> archived <──┘ (and from draft)
      └──────────────restore─────────────────┘

`Product.list_price` is kept by these services: the price of a physical good, the lowest
active offer of a digital work (NULL while it has none), in the listing's currency. The
offer services live in `catalog.offers` and are re-exported here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from creative_market.catalog.editing import (
    assign,
    current_values,
    insert_with_free_slug,
    sku_from_slug,
    unique_slug,
    validate,
)
from creative_market.catalog.enums import FileRole, ListingStatus
from creative_market.catalog.licensing import OfferStatus
from creative_market.catalog.models import PRODUCT_CLASSES, Product, Seller
from creative_market.catalog.offers import (
    add_offer,
    refresh_list_price,
    update_offer,
    withdraw_commercial_offers,
    withdraw_offer,
)
from creative_market.catalog.schemas import SellerSchema, listing_schema_for
from creative_market.db import utcnow
from creative_market.exceptions import DuplicateError, InvalidTransitionError, ValidationError
from creative_market.messages import Message

__all__ = [
    "ALLOWED_TRANSITIONS",
    "add_offer",
    "archive_listing",
    "create_listing",
    "create_seller",
    "mark_back_in_stock",
    "mark_sold_out",
    "publication_problems",
    "publish_listing",
    "refresh_list_price",
    "restore_listing",
    "unique_slug",
    "unpublish_listing",
    "update_listing",
    "update_offer",
    "update_seller",
    "validate",
    "verify_seller",
    "withdraw_commercial_offers",
    "withdraw_offer",
]

PUBLISHED, DRAFT = ListingStatus.PUBLISHED, ListingStatus.DRAFT
SOLD_OUT, ARCHIVED = ListingStatus.SOLD_OUT, ListingStatus.ARCHIVED
ALLOWED_TRANSITIONS: dict[ListingStatus, frozenset[ListingStatus]] = {
    DRAFT: frozenset({PUBLISHED, ARCHIVED}),
    PUBLISHED: frozenset({DRAFT, SOLD_OUT, ARCHIVED}),
    SOLD_OUT: frozenset({PUBLISHED, DRAFT, ARCHIVED}),
    ARCHIVED: frozenset({DRAFT}),
}


# Sellers ---------------------------------------------------------------------------------


def create_seller(session: Session, *, data: Mapping[str, Any], user: Any = None) -> Seller:
    """Add a seller to the directory; the slug comes from the display name unless given."""
    values = validate(SellerSchema(), data)
    slug_given = bool(values.get("slug"))
    if slug_given:
        _check_seller_slug_free(session, values["slug"])
    else:
        values["slug"] = unique_slug(session, Seller, values["display_name"])
    seller = Seller(**values, user=user)
    retitle = None if slug_given else values["display_name"]
    insert_with_free_slug(session, seller, Seller, retitle=retitle)
    return seller


def update_seller(session: Session, *, seller: Seller, data: Mapping[str, Any]) -> Seller:
    """Change a seller's directory entry; blank optional fields are cleared."""
    schema = SellerSchema()
    values = validate(schema, {**current_values(seller, schema), **data})
    if not values.get("slug"):
        values["slug"] = seller.slug
    elif values["slug"] != seller.slug:
        _check_seller_slug_free(session, values["slug"])
    assign(seller, values)
    session.flush()
    return seller


def verify_seller(session: Session, *, seller: Seller, verified: bool = True) -> Seller:
    """Mark a seller as verified by the marketplace (or withdraw the mark)."""
    seller.verified = verified
    session.flush()
    return seller


def _check_seller_slug_free(session: Session, slug: str) -> None:
    if session.scalar(select(Seller.id).where(Seller.slug == slug)) is not None:
        raise DuplicateError(Message("The slug '%(slug)s' is already used by another seller.",
                                     slug=slug))


# Listings --------------------------------------------------------------------------------


def create_listing(session: Session, *, seller: Seller, data: Mapping[str, Any]) -> Product:
    """Create a draft listing of `data["kind"]`; slug from the Azerbaijani title, SKU if none."""
    try:
        schema = listing_schema_for(data.get("kind") or "")
    except ValueError as error:
        raise ValidationError({"kind": [str(error)]}) from None
    values = validate(schema, data)
    values["slug"] = unique_slug(session, Product, values["title_az"])
    generated_sku = not values.get("sku")
    if generated_sku:
        values["sku"] = sku_from_slug(values["slug"])
    _check_sku_free(session, seller, values["sku"])
    product = PRODUCT_CLASSES[schema.kind](status=DRAFT, **values)
    insert_with_free_slug(session, product, Product, retitle=values["title_az"],
                          sku_from_slug=generated_sku, seller=seller)
    return product


def update_listing(session: Session, *, product: Product, data: Mapping[str, Any]) -> Product:
    """Change a listing; the whole result is validated again, the slug stays as it was."""
    kind = data.get("kind", product.kind)
    if str(getattr(kind, "value", kind)).strip().lower() != product.kind.value:
        raise ValidationError({"kind": [Message(
            "The kind of a listing cannot change; create a new listing instead.")]})
    schema = listing_schema_for(product.kind)
    values = validate(schema, {**current_values(product, schema), **data})
    if values["delivery"] != product.delivery:
        raise ValidationError({"category": [Message(
            "A physical item cannot become a digital work or the other way round; "
            "create a new listing instead."
        )]})
    if not values.get("sku"):
        values["sku"] = product.sku
    elif values["sku"] != product.sku:
        _check_sku_free(session, product.seller, values["sku"])
    if product.is_physical and values["stock_quantity"] < product.reserved_quantity:
        raise ValidationError({"stock_quantity": [Message(
            "Stock quantity cannot be less than the %(reserved)s held for buyers in checkout.",
            reserved=product.reserved_quantity)]})
    if not product.is_physical:
        values.pop("list_price", None)
        _check_offer_currency(product, values["currency"])
    assign(product, values)
    session.flush()
    return product


def _check_sku_free(session: Session, seller: Seller, sku: str) -> None:
    found = session.scalar(
        select(Product.id).where(Product.seller_id == seller.id, Product.sku == sku)
    )
    if found is not None:
        raise DuplicateError(Message("%(seller)s already has a listing with SKU '%(sku)s'.",
                                     seller=seller.display_name, sku=sku))


def _check_offer_currency(product: Product, currency: str) -> None:
    currencies = {o.currency for o in product.offers if o.status == OfferStatus.ACTIVE}
    if currencies - {currency}:
        raise ValidationError({"currency": [Message(
            "The active licence offers are priced in %(currencies)s; "
            "a work is priced in one currency.", currencies=", ".join(sorted(currencies)))]})


def publication_problems(product: Product, *, require_files: bool = False
                         ) -> dict[str, list[str]]:
    """What keeps a listing from being published, by field; empty when it can be.

    With `require_files` (a seller publishing by hand) a physical item also needs a
    picture and a digital work the file its buyers download. A bulk import publishes
    without files (they are uploaded afterwards), so the rule is the caller's choice.
    """
    problems: dict[str, list[str]] = {}
    if product.is_physical:
        if product.price is None:
            problems["price"] = [Message("Set a price before publishing.")]
        if product.available_quantity <= 0:
            problems["stock_quantity"] = [
                Message("Add stock before publishing: none is available.")]
    elif not any(o.status == OfferStatus.ACTIVE for o in product.offers):
        problems["offers"] = [
            Message("Add at least one active licence offer before publishing.")]
    if require_files:
        roles = {file.role for file in product.files}
        if product.is_physical and FileRole.IMAGE not in roles:
            problems["files"] = [Message("Add at least one picture before publishing.")]
        elif not product.is_physical and FileRole.DELIVERABLE not in roles:
            problems["files"] = [Message(
                "Upload the work file buyers will download before publishing.")]
    return problems


def _move(product: Product, target: ListingStatus) -> None:
    current = ListingStatus(product.status)
    if target not in ALLOWED_TRANSITIONS[current]:
        raise InvalidTransitionError(f"Listing '{product.slug}'", current.value, target.value)
    product.status = target


def publish_listing(session: Session, *, product: Product,
                    require_files: bool = False) -> Product:
    """Make a draft (or sold-out) listing visible to buyers once it has what they need."""
    current = ListingStatus(product.status)
    if PUBLISHED not in ALLOWED_TRANSITIONS[current]:
        raise InvalidTransitionError(f"Listing '{product.slug}'", current.value, PUBLISHED.value)
    problems = publication_problems(product, require_files=require_files)
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
