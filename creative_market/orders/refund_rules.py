"""Who may refund which lines of a paid order.

- An administrator may refund any line of a paid order that is not refunded yet.
- A seller may refund only their own lines, of a paid order, and:
  - a physical line at any time before or after shipping (the goods come back to stock);
  - a licence line only while none of its files has been downloaded (a downloaded file
    cannot be given back, so those refunds go through an administrator).
"""

from __future__ import annotations

from creative_market.exceptions import PermissionDeniedError
from creative_market.messages import Message
from creative_market.orders.models import LineKind, Order, OrderLine
from creative_market.orders.state import PAID_STATES, LineStatus, OrderStatus


def refundable_lines(order: Order, *, seller_id: int | None) -> list[OrderLine]:
    """The lines the actor may refund (seller_id None: an administrator)."""
    if OrderStatus(order.status) not in PAID_STATES:
        return []
    lines = [line for line in order.lines if line.status != LineStatus.REFUNDED]
    if seller_id is None:
        return lines
    return [line for line in lines if line.seller_id == seller_id and _seller_may(line)]


def _seller_may(line: OrderLine) -> bool:
    if line.kind == LineKind.PHYSICAL:
        return True
    return line.grant is None or line.grant.download_count == 0


def check_refund(order: Order, line_ids: list[int], *, seller_id: int | None) -> None:
    """Raise PermissionDeniedError unless the actor may refund every line named."""
    if seller_id is not None and all(line.seller_id != seller_id for line in order.lines):
        raise PermissionDeniedError(Message("This order has none of your lines."))
    allowed = {line.id for line in refundable_lines(order, seller_id=seller_id)}
    refused = [str(i) for i in line_ids if i not in allowed]
    if refused or not line_ids:
        raise PermissionDeniedError(Message(
            "You may refund only your own lines of a paid order that are not refunded yet, "
            "and licences only before any file was downloaded. Ask an administrator for others."
        ))
