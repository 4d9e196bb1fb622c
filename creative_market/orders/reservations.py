"""Stock and licence counters, changed only by conditional UPDATE (never read-then-write).

Each function issues one UPDATE whose WHERE clause states the rule, and reports by its
row count whether the rule held. Callers touch products in ascending id order, then offers
in ascending id order, so that two transactions never wait for each other in a cycle.
ORM objects already loaded keep their old counter values: refresh them to see the change.
"""

from __future__ import annotations

from sqlalchemy import and_, or_, update
from sqlalchemy.orm import Session

from creative_market.catalog.enums import ListingStatus
from creative_market.catalog.licensing import LicenceOffer, OfferStatus
from creative_market.catalog.models import Product
from creative_market.changes import note_products_changed
from creative_market.orders.models import OrderLine
from creative_market.orders.state import LineStatus

products = Product.__table__
offers = LicenceOffer.__table__
order_lines = OrderLine.__table__


def reserve_stock(session: Session, *, product_id: int, quantity: int) -> bool:
    """Hold `quantity` of a published product if that much is free; True when held."""
    statement = (
        update(products)
        .where(
            products.c.id == product_id,
            products.c.status == ListingStatus.PUBLISHED.value,
            products.c.stock_quantity - products.c.reserved_quantity >= quantity,
        )
        .values(reserved_quantity=products.c.reserved_quantity + quantity)
    )
    held = session.execute(statement).rowcount == 1
    if held:
        note_products_changed(session, [product_id])
    return held


def release_stock(session: Session, *, product_id: int, quantity: int) -> None:
    """Give back a hold on stock (expiry or cancellation before payment)."""
    statement = (
        update(products)
        .where(products.c.id == product_id, products.c.reserved_quantity >= quantity)
        .values(reserved_quantity=products.c.reserved_quantity - quantity)
    )
    session.execute(statement)
    note_products_changed(session, [product_id])


def sell_reserved_stock(session: Session, *, product_id: int, quantity: int) -> None:
    """Turn a hold into a sale: stock goes down; the listing is sold out at zero."""
    session.execute(
        update(products)
        .where(products.c.id == product_id, products.c.reserved_quantity >= quantity)
        .values(
            stock_quantity=products.c.stock_quantity - quantity,
            reserved_quantity=products.c.reserved_quantity - quantity,
        )
    )
    _mark_sold_out_if_empty(session, product_id)


def sell_free_stock(session: Session, *, product_id: int, quantity: int) -> bool:
    """Sell stock no one holds (a payment after expiry); True when it was still free."""
    statement = (
        update(products)
        .where(
            products.c.id == product_id,
            products.c.status == ListingStatus.PUBLISHED.value,
            products.c.stock_quantity - products.c.reserved_quantity >= quantity,
        )
        .values(stock_quantity=products.c.stock_quantity - quantity)
    )
    sold = session.execute(statement).rowcount == 1
    if sold:
        _mark_sold_out_if_empty(session, product_id)
    return sold


def restock(session: Session, *, product_id: int, quantity: int) -> None:
    """Return refunded goods to stock; a sold-out listing is published again."""
    session.execute(
        update(products)
        .where(products.c.id == product_id)
        .values(
            stock_quantity=products.c.stock_quantity + quantity,
            status=_case_sold_out_to_published(),
        )
    )
    note_products_changed(session, [product_id])


def _case_sold_out_to_published():
    from sqlalchemy import case

    return case(
        (products.c.status == ListingStatus.SOLD_OUT.value, ListingStatus.PUBLISHED.value),
        else_=products.c.status,
    )


def _mark_sold_out_if_empty(session: Session, product_id: int) -> None:
    note_products_changed(session, [product_id])  # every sale ends here: stock changed
    session.execute(
        update(products)
        .where(
            products.c.id == product_id,
            products.c.stock_quantity == 0,
            products.c.status == ListingStatus.PUBLISHED.value,
        )
        .values(status=ListingStatus.SOLD_OUT.value)
    )


def _offer_is_active():
    return offers.c.status == OfferStatus.ACTIVE.value


def _offer_has_room():
    return or_(
        offers.c.max_sales.is_(None),
        offers.c.reserved_count + offers.c.sold_count < offers.c.max_sales,
    )


def reserve_offer(session: Session, *, offer_id: int) -> bool:
    """Hold one licence of an active offer; an exclusive one (max_sales=1) holds once."""
    statement = (
        update(offers)
        .where(offers.c.id == offer_id, _offer_is_active(), _offer_has_room())
        .values(reserved_count=offers.c.reserved_count + 1)
    )
    return session.execute(statement).rowcount == 1


def release_offer(session: Session, *, offer_id: int, count: int = 1) -> None:
    """Give back `count` held licences of an offer."""
    session.execute(
        update(offers)
        .where(offers.c.id == offer_id, offers.c.reserved_count >= count)
        .values(reserved_count=offers.c.reserved_count - count)
    )


def sell_reserved_offer(session: Session, *, offer_id: int) -> None:
    """Turn a held licence into a sale; an offer that reaches max_sales becomes sold."""
    session.execute(
        update(offers)
        .where(offers.c.id == offer_id, offers.c.reserved_count >= 1)
        .values(reserved_count=offers.c.reserved_count - 1, sold_count=offers.c.sold_count + 1)
    )
    _mark_offer_sold_if_full(session, offer_id)


def sell_free_offer(session: Session, *, offer_id: int) -> bool:
    """Sell a licence no one holds (a payment after expiry); True when there was room."""
    statement = (
        update(offers)
        .where(offers.c.id == offer_id, _offer_is_active(), _offer_has_room())
        .values(sold_count=offers.c.sold_count + 1)
    )
    sold = session.execute(statement).rowcount == 1
    if sold:
        _mark_offer_sold_if_full(session, offer_id)
    return sold


def unsell_offer(session: Session, *, offer_id: int) -> None:
    """Take back a refunded licence sale; a sold-out offer becomes active again."""
    rows = session.execute(
        update(offers)
        .where(offers.c.id == offer_id, offers.c.sold_count >= 1)
        .values(
            sold_count=offers.c.sold_count - 1,
            status=_case_offer_sold_to_active(),
        )
        .returning(offers.c.product_id)
    )
    note_products_changed(session, rows.scalars())


def _case_offer_sold_to_active():
    from sqlalchemy import case

    return case(
        (offers.c.status == OfferStatus.SOLD.value, OfferStatus.ACTIVE.value),
        else_=offers.c.status,
    )


def _mark_offer_sold_if_full(session: Session, offer_id: int) -> None:
    rows = session.execute(
        update(offers)
        .where(
            offers.c.id == offer_id,
            offers.c.max_sales.is_not(None),
            offers.c.sold_count >= offers.c.max_sales,
            offers.c.status == OfferStatus.ACTIVE.value,
        )
        .values(status=OfferStatus.SOLD.value)
        .returning(offers.c.product_id)
    )
    note_products_changed(session, rows.scalars())


def move_line(session: Session, *, line_id: int, source: LineStatus, target: LineStatus) -> bool:
    """Move one line from `source` to `target` if it is still there; True when it moved.

    This is what makes each reservation released or sold once, whoever else runs at once.
    """
    statement = (
        update(order_lines)
        .where(and_(order_lines.c.id == line_id, order_lines.c.status == source.value))
        .values(status=target.value)
    )
    return session.execute(statement).rowcount == 1
