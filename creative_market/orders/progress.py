"""Moving orders and lines between states: conditional UPDATEs kept in step with the ORM."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from creative_market.orders import reservations
from creative_market.orders.models import Order, OrderLine
from creative_market.orders.state import (
    LineStatus,
    OrderStatus,
    check_line_transition,
    check_order_transition,
    status_from_lines,
)

orders_table = Order.__table__


def claim_order(
    session: Session, *, order: Order, source: OrderStatus, target: OrderStatus,
    where: Any = None, **values: Any,
) -> bool:
    """Move `order` from `source` to `target` only if it is still in `source`.

    The UPDATE takes the row lock and re-checks the state, so of two processes doing this
    at once exactly one gets True. `source == target` just claims the row.
    """
    if source != target:
        check_order_transition(source, target)
    statement = update(orders_table).where(
        orders_table.c.id == order.id, orders_table.c.status == source.value
    )
    if where is not None:
        statement = statement.where(where)
    claimed = session.execute(statement.values(status=target.value, **values)).rowcount == 1
    if claimed:
        set_committed_value(order, "status", target)
        for key, value in values.items():
            set_committed_value(order, key, value)
    return claimed


def move_line(session: Session, *, line: OrderLine, target: LineStatus) -> bool:
    """Move a line from its current state to `target` if no one moved it first."""
    source = LineStatus(line.status)
    check_line_transition(source, target)
    moved = reservations.move_line(session, line_id=line.id, source=source, target=target)
    if moved:
        set_committed_value(line, "status", target)
    return moved


def settle_order_status(order: Order) -> OrderStatus:
    """Set a paid order's status from its lines (fulfilment, refunds), checking the move."""
    target = status_from_lines([LineStatus(line.status) for line in order.lines])
    current = OrderStatus(order.status)
    if target != current:
        check_order_transition(current, target)
        order.status = target
    return target


def lock_key(line: OrderLine) -> tuple[int, int]:
    """Products first, then offers, each in ascending id: the one order locks are taken in."""
    if line.licence_offer_id is None:
        return (0, line.product_id)
    return (1, line.licence_offer_id)
