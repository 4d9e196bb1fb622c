"""Fulfilment: sellers mark physical lines shipped; licence lines are fulfilled when granted."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from creative_market.db import as_utc, utcnow
from creative_market.exceptions import ConflictError, PermissionDeniedError, ValidationError
from creative_market.messages import Message
from creative_market.orders.models import LineKind, Order, OrderLine
from creative_market.orders.progress import move_line, settle_order_status
from creative_market.orders.schemas import SHIP_LINES_SCHEMA, load_with
from creative_market.orders.state import LineStatus


def mark_lines_shipped(
    session: Session, *, order: Order, line_ids: list[int], carrier: str, tracking_number: str,
    seller_id: int | None = None, now: datetime | None = None,
) -> list[OrderLine]:
    """Mark paid physical lines shipped with a carrier and tracking number.

    With `seller_id` (a seller acting for themselves) every line must be that seller's.
    """
    now = as_utc(now or utcnow())
    data = load_with(SHIP_LINES_SCHEMA, {"carrier": carrier, "tracking_number": tracking_number})
    lines = _lines_to_ship(order, line_ids, seller_id)
    for line in lines:
        if not move_line(session, line=line, target=LineStatus.SHIPPED):
            raise ConflictError(Message("'%(title)s' changed meanwhile; reload the order.",
                                        title=line.title))
        line.carrier, line.tracking_number = data["carrier"], data["tracking_number"]
        line.shipped_at = line.fulfilled_at = now
    settle_order_status(order)
    session.flush()
    return lines


def _lines_to_ship(order: Order, line_ids: list[int], seller_id: int | None) -> list[OrderLine]:
    by_id = {line.id: line for line in order.lines}
    unknown = [str(i) for i in line_ids if i not in by_id]
    if unknown or not line_ids:
        raise ValidationError({"line_ids": [
            Message("Choose lines of %(order)s to ship; not its lines: %(lines)s.",
                    order=order.reference, lines=", ".join(unknown)) if unknown
            else Message("Choose lines of %(order)s to ship.", order=order.reference)]})
    lines = [by_id[i] for i in dict.fromkeys(line_ids)]
    for line in lines:
        if seller_id is not None and line.seller_id != seller_id:
            raise PermissionDeniedError(Message("'%(title)s' is another seller's line.",
                                                title=line.title))
        if line.kind != LineKind.PHYSICAL:
            raise ValidationError({"line_ids": [
                Message("'%(title)s' is a licence; nothing ships.", title=line.title)]})
    return lines


def lines_to_ship(order: Order, *, seller_id: int | None = None) -> list[OrderLine]:
    """Paid physical lines not shipped yet (of one seller, if given)."""
    return [
        line for line in order.lines
        if line.kind == LineKind.PHYSICAL and line.status == LineStatus.SOLD
        and (seller_id is None or line.seller_id == seller_id)
    ]
