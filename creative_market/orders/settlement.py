"""What the marketplace does when a payment provider reports money in or out.

The storefront's payment pages and webhooks call one function here per event, so the
decisions (plan payouts, refund a late payment, match a dashboard refund to lines, bring
sellers' payouts in line after a refund) are made in one place, whatever the gateway.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from creative_market.money import Money
from creative_market.orders import payouts
from creative_market.orders.models import Order, Refund
from creative_market.orders.paying import record_payment
from creative_market.orders.payments import PaymentGateway
from creative_market.orders.refund_rules import check_refund
from creative_market.orders.refunds import lock_order_for_update, refund_key, refund_order
from creative_market.orders.state import PAID_STATES, LineStatus, OrderStatus


def settle_payment(
    session: Session, *, order: Order, provider: str, provider_reference: str, amount: Money,
    gateway: PaymentGateway | None = None,
) -> str:
    """Record a provider's payment (once), plan payouts or refund a late one; say what happened.

    The answer ends in " paid" only for the notification that paid the order, so a caller
    sends its mails once even when a second, different event reports the same payment.
    """
    already_paid = OrderStatus(order.status) in PAID_STATES
    payment = record_payment(session, order=order, provider=provider,
                             provider_reference=provider_reference, amount=amount)
    if payment.problem:
        return f"payment refused: {payment.problem}"
    if already_paid:
        return f"order {order.reference} was paid before; nothing changed"
    if OrderStatus(order.status) in PAID_STATES:
        payouts.plan_payouts(session, order=order)
        return f"order {order.reference} paid"
    if OrderStatus(order.status) is OrderStatus.NEEDS_REFUND:
        # Paid after the reservation ended and the goods went to someone else: give it back.
        refund_order(session, order=order, gateway=gateway,
                     idempotency_key=f"late-{provider}-{provider_reference}",
                     reason="Paid after the reservation ended; sold meanwhile")
        return f"late payment refunded; order {order.reference} was sold out meanwhile"
    return f"payment recorded; order is {OrderStatus(order.status).value}"


def refund_and_adjust(
    session: Session, *, order: Order, line_ids: list[int] | None, reason: str,
    gateway: PaymentGateway | None = None, idempotency_key: str | None = None,
) -> Refund:
    """Refund lines (through the gateway, once per key) and bring sellers' payouts in line."""
    refund = refund_order(session, order=order, line_ids=line_ids, reason=reason,
                          gateway=gateway, idempotency_key=idempotency_key)
    payouts.adjust_for_refund(session, order=order, refund_id=refund.id)
    return refund


def refund_by_actor(
    session: Session, *, order: Order, line_ids: list[int], seller_id: int | None, reason: str,
    gateway: PaymentGateway | None = None,
) -> Refund:
    """Refund lines an administrator (seller_id None) or a seller chose, within the rules."""
    check_refund(order, line_ids, seller_id=seller_id)
    return refund_and_adjust(session, order=order, line_ids=line_ids, reason=reason or "Refund",
                             gateway=gateway, idempotency_key=refund_key(order, line_ids))


def lines_worth(order: Order, amount: Decimal) -> list[int] | None:
    """The unrefunded lines an outside refund stands for: all of them, or one exactly."""
    open_lines = [line for line in order.lines if line.status != LineStatus.REFUNDED]
    if amount == order.total - order.refunded_amount:
        return [line.id for line in open_lines]
    matching = [line.id for line in open_lines if line.line_total == amount]
    return matching[:1] or None


def record_outside_refund(
    session: Session, *, order: Order, refunded_total: Decimal, key: str, reason: str,
) -> str:
    """Record a refund made at the provider (e.g. its dashboard) that now totals `refunded_total`.

    The part not yet recorded is matched to lines; when it matches none, the order is
    flagged for an administrator instead of guessing.
    """
    lock_order_for_update(session, order=order)
    missing = refunded_total - order.refunded_amount
    if missing <= 0:
        return "refund already recorded"
    if OrderStatus(order.status) not in PAID_STATES:
        return f"order is {OrderStatus(order.status).value}; nothing to refund"
    line_ids = lines_worth(order, missing)
    if line_ids is None:
        order.needs_attention = True
        order.attention_reason = (f"The provider refunded {missing} {order.currency} that "
                                  "matches no set of lines; choose the lines to refund by hand.")
        session.flush()
        return "refund does not match lines; order flagged for an administrator"
    refund_and_adjust(session, order=order, line_ids=line_ids, reason=reason,
                      idempotency_key=key)
    return f"recorded a refund of {missing} {order.currency}"
