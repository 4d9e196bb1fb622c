"""The order and order-line state machines: the states and the transitions allowed.

    pending_payment ──> paid ──> partially_fulfilled ──> fulfilled
         │   │           │  \\____________________________/  │
         │   │           └──────> partially_refunded ──> refunded <┘
         │   └──> cancelled                                  ^
         └──> expired ──> paid (late payment, stock still free)
                  └────> needs_refund (late payment, stock gone) ─┘
"""

from __future__ import annotations

from enum import StrEnum

from creative_market.exceptions import InvalidTransitionError


class OrderStatus(StrEnum):
    """Where an order is in its life."""

    PENDING_PAYMENT = "pending_payment"
    PAID = "paid"
    PARTIALLY_FULFILLED = "partially_fulfilled"
    FULFILLED = "fulfilled"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    NEEDS_REFUND = "needs_refund"
    PARTIALLY_REFUNDED = "partially_refunded"
    REFUNDED = "refunded"


class LineStatus(StrEnum):
    """Where one order line is: holding stock, released, sold, delivered or refunded."""

    RESERVED = "reserved"
    RELEASED = "released"
    SOLD = "sold"
    SHIPPED = "shipped"
    FULFILLED = "fulfilled"
    REFUNDED = "refunded"

    @property
    def is_delivered(self) -> bool:
        """A shipped physical line and a granted licence both count as fulfilled."""
        return self in (LineStatus.SHIPPED, LineStatus.FULFILLED)


S = OrderStatus
ORDER_TRANSITIONS: dict[OrderStatus, frozenset[OrderStatus]] = {
    S.PENDING_PAYMENT: frozenset({S.PAID, S.CANCELLED, S.EXPIRED}),
    S.EXPIRED: frozenset({S.PAID, S.NEEDS_REFUND}),
    S.PAID: frozenset({S.PARTIALLY_FULFILLED, S.FULFILLED, S.PARTIALLY_REFUNDED, S.REFUNDED}),
    S.PARTIALLY_FULFILLED: frozenset({S.FULFILLED, S.PARTIALLY_REFUNDED, S.REFUNDED}),
    S.FULFILLED: frozenset({S.PARTIALLY_REFUNDED, S.REFUNDED}),
    S.PARTIALLY_REFUNDED: frozenset({S.REFUNDED}),
    S.NEEDS_REFUND: frozenset({S.REFUNDED}),
    S.CANCELLED: frozenset(),
    S.REFUNDED: frozenset(),
}

L = LineStatus
LINE_TRANSITIONS: dict[LineStatus, frozenset[LineStatus]] = {
    L.RESERVED: frozenset({L.RELEASED, L.SOLD}),
    L.RELEASED: frozenset({L.SOLD}),  # a late payment re-took the stock
    L.SOLD: frozenset({L.SHIPPED, L.FULFILLED, L.REFUNDED}),
    L.SHIPPED: frozenset({L.REFUNDED}),
    L.FULFILLED: frozenset({L.REFUNDED}),
    L.REFUNDED: frozenset(),
}

PAID_STATES = frozenset({S.PAID, S.PARTIALLY_FULFILLED, S.FULFILLED, S.PARTIALLY_REFUNDED})


def check_order_transition(current: OrderStatus | str, target: OrderStatus | str) -> None:
    """Raise InvalidTransitionError unless an order may go from `current` to `target`."""
    current, target = OrderStatus(current), OrderStatus(target)
    if target not in ORDER_TRANSITIONS[current]:
        raise InvalidTransitionError("Order", current.value, target.value)


def check_line_transition(current: LineStatus | str, target: LineStatus | str) -> None:
    """Raise InvalidTransitionError unless an order line may go from `current` to `target`."""
    current, target = LineStatus(current), LineStatus(target)
    if target not in LINE_TRANSITIONS[current]:
        raise InvalidTransitionError("Order line", current.value, target.value)


def status_from_lines(lines: list[LineStatus]) -> OrderStatus:
    """The status of a paid order implied by its lines (refunds first, then fulfilment)."""
    refunded = [s for s in lines if s is LineStatus.REFUNDED]
    if lines and len(refunded) == len(lines):
        return OrderStatus.REFUNDED
    if refunded:
        return OrderStatus.PARTIALLY_REFUNDED
    delivered = [s for s in lines if s.is_delivered]
    if lines and len(delivered) == len(lines):
        return OrderStatus.FULFILLED
    return OrderStatus.PARTIALLY_FULFILLED if delivered else OrderStatus.PAID
