"""Expiring unpaid orders: safe to run from several processes at once.

Each order moves pending_payment -> expired by a conditional UPDATE, so only one process
wins it; each line moves reserved -> released the same way, so each reservation is given
back exactly once. On PostgreSQL the candidates are picked with FOR UPDATE SKIP LOCKED, so
concurrent runs share the work instead of queueing on the same rows.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from creative_market.db import as_utc, utcnow
from creative_market.orders import reservations
from creative_market.orders.models import LineKind, Order, OrderLine
from creative_market.orders.state import LineStatus, OrderStatus

orders_table = Order.__table__
lines_table = OrderLine.__table__


def expire_unpaid_orders(session: Session, *, now: datetime | None = None, limit: int = 500) -> int:
    """Expire up to `limit` orders unpaid past their deadline, releasing their reservations."""
    now = as_utc(now or utcnow())
    candidates = (
        select(orders_table.c.id)
        .where(
            orders_table.c.status == OrderStatus.PENDING_PAYMENT.value,
            orders_table.c.reserved_until <= now,
        )
        .order_by(orders_table.c.id)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    session.flush()
    candidate_ids = list(session.scalars(candidates))
    expired = [order_id for order_id in candidate_ids if _expire(session, order_id, now)]
    if expired:
        _release_lines(session, expired)
        session.expire_all()  # loaded orders and counters changed under the ORM
    return len(expired)


def _expire(session: Session, order_id: int, now: datetime) -> bool:
    statement = (
        update(orders_table)
        .where(
            orders_table.c.id == order_id,
            orders_table.c.status == OrderStatus.PENDING_PAYMENT.value,
            orders_table.c.reserved_until <= now,
        )
        .values(status=OrderStatus.EXPIRED.value, closed_at=now)
    )
    return session.execute(statement).rowcount == 1


def release_order_lines(session: Session, *, order_ids: list[int]) -> None:
    """Release the held lines of orders this transaction has just closed (expired, cancelled)."""
    _release_lines(session, order_ids)


def _release_lines(session: Session, order_ids: list[int]) -> None:
    rows = session.execute(
        select(lines_table.c.id, lines_table.c.kind, lines_table.c.product_id,
               lines_table.c.licence_offer_id, lines_table.c.quantity)
        .where(lines_table.c.order_id.in_(order_ids),
               lines_table.c.status == LineStatus.RESERVED.value)
        .order_by(lines_table.c.id)
    ).all()
    stock: dict[int, int] = defaultdict(int)
    offer_holds: dict[int, int] = defaultdict(int)
    for row in rows:
        released = reservations.move_line(
            session, line_id=row.id, source=LineStatus.RESERVED, target=LineStatus.RELEASED
        )
        if not released:
            continue
        if row.kind == LineKind.PHYSICAL.value:
            stock[row.product_id] += row.quantity
        else:
            offer_holds[row.licence_offer_id] += 1
    # Counters are changed in ascending id order, like everywhere else, to avoid deadlocks.
    for product_id in sorted(stock):
        reservations.release_stock(session, product_id=product_id, quantity=stock[product_id])
    for offer_id in sorted(offer_holds):
        reservations.release_offer(session, offer_id=offer_id, count=offer_holds[offer_id])
