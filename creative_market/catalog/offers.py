"""Licence offers of digital works: add, change, withdraw, and the exclusivity rules.

Re-exported by `catalog.services`, so callers write `services.add_offer(...)`. Each service
keeps `Product.list_price` (the lowest active offer) in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from creative_market.catalog.editing import assign, current_values, validate
from creative_market.catalog.enums import Delivery
from creative_market.catalog.licensing import LicenceOffer, LicenceTier, OfferStatus
from creative_market.catalog.models import Product
from creative_market.catalog.schemas import LicenceOfferSchema
from creative_market.changes import note_products_changed
from creative_market.db import utcnow
from creative_market.exceptions import DuplicateError, InvalidTransitionError, LicensingError
from creative_market.messages import Message

# A tier as the offers' sentences name it ("a standard commercial offer").
TIER_WORDS = {
    LicenceTier.PERSONAL: Message("personal"),
    LicenceTier.STANDARD_COMMERCIAL: Message("standard commercial"),
    LicenceTier.EXTENDED_COMMERCIAL: Message("extended commercial"),
    LicenceTier.EXCLUSIVE: Message("exclusive"),
}


def add_offer(session: Session, *, product: Product, data: Mapping[str, Any]) -> LicenceOffer:
    """Offer a digital work under new licence terms; one offer per tier.

    Offering a tier whose earlier offer was withdrawn brings that offer back with the new
    terms (the row is reused: one offer per tier, and past sales keep their frozen terms).
    """
    _check_licensable(product)
    values = validate(LicenceOfferSchema(product_kind=product.kind), data, LicensingError)
    tier = values["tier"]
    existing = next((o for o in product.offers if o.tier == tier), None)
    if existing is not None and existing.status != OfferStatus.WITHDRAWN:
        raise DuplicateError(Message(
            "This work already has a %(tier)s offer (%(status)s); change that offer instead.",
            tier=TIER_WORDS[tier], status=OfferStatus(existing.status)))
    _check_offer_rules(product, values, ignore=existing)
    if existing is None:
        offer = LicenceOffer(product=product, **values)
        session.add(offer)
    else:
        offer = existing
        assign(offer, {**values, "status": OfferStatus.ACTIVE})
    session.flush()
    refresh_list_price(session, product=product)
    return offer


def update_offer(session: Session, *, offer: LicenceOffer, data: Mapping[str, Any]) -> LicenceOffer:
    """Change the terms or price of an offer; sales already made keep their frozen terms."""
    if offer.status == OfferStatus.SOLD:
        raise InvalidTransitionError("A sold licence offer", "sold", "changed", message=Message(
            "This offer has been sold, so its terms cannot change; add a new offer instead."))
    product = offer.product
    schema = LicenceOfferSchema(product_kind=product.kind)
    values = validate(schema, {**current_values(offer, schema), **data}, LicensingError)
    tier = values["tier"]
    if any(o.tier == tier and o is not offer for o in product.offers):
        raise DuplicateError(Message("This work already has a %(tier)s offer.",
                                     tier=TIER_WORDS[tier]))
    if tier is LicenceTier.EXCLUSIVE and offer.reserved_count + offer.sold_count > 0:
        raise LicensingError({"tier": [Message(
            "This offer already has buyers, so it cannot become exclusive; add a new offer."
        )]})
    _check_offer_rules(product, values, ignore=offer)
    assign(offer, values)
    session.flush()
    refresh_list_price(session, product=product)
    return offer


def withdraw_offer(session: Session, *, offer: LicenceOffer) -> LicenceOffer:
    """Stop selling an offer; licences already granted stay valid. Idempotent."""
    if offer.status == OfferStatus.SOLD:
        raise InvalidTransitionError("Licence offer", "sold", "withdrawn", message=Message(
            "This offer has been sold; it stays with its buyer and cannot be withdrawn."))
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
    note_products_changed(session, [pid])


def _check_licensable(product: Product) -> None:
    if product.is_physical:
        raise LicensingError({"tier": [Message(
            "Physical items are sold at their price, not by licence; offers are for digital "
            "works."
        )]})


def _check_offer_rules(product: Product, values: dict[str, Any],
                       ignore: LicenceOffer | None = None) -> None:
    """Rules that need the work's other offers: currency, and exclusivity."""
    others = [o for o in product.offers if o is not ignore]
    if values["currency"] != product.currency:
        raise LicensingError({"currency": [Message(
            "This work is priced in %(currency)s; give the offer's price in %(currency)s too.",
            currency=product.currency)]})
    tier = values["tier"]
    if tier.is_commercial and any(
        o.tier == LicenceTier.EXCLUSIVE and o.sold_count > 0 for o in others
    ):
        raise LicensingError({"tier": [Message(
            "This work has been licensed exclusively; it can take no more commercial offers."
        )]})
    if tier is LicenceTier.EXCLUSIVE and any(
        o.tier.is_commercial and o.sold_count + o.reserved_count > 0 for o in others
    ):
        raise LicensingError({"tier": [Message(
            "Commercial licences of this work were already sold, so it can no longer be "
            "licensed exclusively."
        )]})
