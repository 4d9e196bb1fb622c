"""Recording payments: idempotent by (provider, reference), refusing mismatched amounts,
turning reservations into sales, granting licences and booking sellers' earnings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from creative_market.catalog.licensing import LicenceTier
from creative_market.catalog.offers import withdraw_commercial_offers
from creative_market.db import as_utc, utcnow
from creative_market.exceptions import NotFoundError, PaymentError
from creative_market.messages import Message
from creative_market.money import Money
from creative_market.orders import reservations
from creative_market.orders.ledger import book_sale
from creative_market.orders.licences import grant_licence
from creative_market.orders.models import LineKind, Order, OrderLine, Payment, PaymentStatus
from creative_market.orders.progress import claim_order, lock_key, move_line, settle_order_status
from creative_market.orders.settings import DEFAULT_SETTINGS, OrderSettings
from creative_market.orders.state import LineStatus, OrderStatus


def get_order(session: Session, *, reference: str) -> Order:
    """The order with a human reference such as CM-2026-000123."""
    order = session.scalar(select(Order).where(Order.reference == reference.strip().upper()))
    if order is None:
        raise NotFoundError(Message("There is no order %(order)s.", order=reference))
    return order


def find_payment(session: Session, *, provider: str, provider_reference: str) -> Payment | None:
    """The payment recorded for a provider's reference, if any."""
    return session.scalar(
        select(Payment).where(
            Payment.provider == provider, Payment.provider_reference == provider_reference
        )
    )


def record_payment(
    session: Session, *, order: Order, provider: str, provider_reference: str, amount: Money,
    now: datetime | None = None, settings: OrderSettings = DEFAULT_SETTINGS,
) -> Payment:
    """Record a provider's payment notification once; pay the order if the amount matches.

    Returns the Payment. A repeated notification returns the first one unchanged. A payment
    whose amount or currency differs from the order is stored with status `mismatched`, the
    order is flagged `needs_attention`, and nothing is sold: commit it like any other.
    """
    now = as_utc(now or utcnow())
    payment = find_payment(session, provider=provider, provider_reference=provider_reference)
    if payment is not None:
        return _same_order(payment, order)
    problem = _mismatch(order, amount)
    payment = Payment(
        order_id=order.id, provider=provider, provider_reference=provider_reference,
        amount=amount.amount, currency=amount.currency, received_at=now, problem=problem,
        status=PaymentStatus.MISMATCHED if problem else PaymentStatus.SUCCEEDED,
    )
    try:
        with session.begin_nested():  # a concurrent duplicate may insert it first
            session.add(payment)
    except IntegrityError:
        duplicate = find_payment(session, provider=provider, provider_reference=provider_reference)
        if duplicate is None:
            raise
        return _same_order(duplicate, order)
    if problem:
        _flag(order, f"Payment {provider}:{provider_reference} refused: {problem}")
    else:
        _apply_payment(session, order, payment, now, settings)
    session.flush()
    return payment


def _same_order(payment: Payment, order: Order) -> Payment:
    if payment.order_id != order.id:
        raise PaymentError(
            f"Payment {payment.provider}:{payment.provider_reference} belongs to another order."
        )
    return payment


def _mismatch(order: Order, amount: Money) -> str | None:
    if amount.currency != order.currency:
        return f"paid in {amount.currency} but the order is in {order.currency}."
    if amount.amount != order.total:
        return f"paid {amount} but the order totals {order.total_money}."
    return None


def _flag(order: Order, reason: str) -> None:
    order.needs_attention = True
    order.attention_reason = reason if not order.attention_reason else (
        order.attention_reason + "\n" + reason
    )


def _apply_payment(
    session: Session, order: Order, payment: Payment, now: datetime, settings: OrderSettings
) -> None:
    pending, expired = OrderStatus.PENDING_PAYMENT, OrderStatus.EXPIRED
    if claim_order(session, order=order, source=pending, target=OrderStatus.PAID, paid_at=now):
        for line in sorted(order.lines, key=lock_key):
            if move_line(session, line=line, target=LineStatus.SOLD):
                _sell_reserved(session, line)
        _after_sale(session, order, now, settings)
        return
    session.refresh(order)
    # Lock the expired order's row so that two late payments cannot both re-take stock.
    if claim_order(session, order=order, source=expired, target=expired):
        _late_payment(session, order, now, settings)
        return
    _flag(order, f"Payment {payment.provider}:{payment.provider_reference} arrived for an "
                 f"order already {order.status.value}; refund it to the buyer.")


def _sell_reserved(session: Session, line: OrderLine) -> None:
    if line.kind == LineKind.PHYSICAL:
        reservations.sell_reserved_stock(
            session, product_id=line.product_id, quantity=line.quantity
        )
    else:
        reservations.sell_reserved_offer(session, offer_id=line.licence_offer_id)


def _sell_free(session: Session, line: OrderLine) -> bool:
    if line.kind == LineKind.PHYSICAL:
        return reservations.sell_free_stock(
            session, product_id=line.product_id, quantity=line.quantity
        )
    return reservations.sell_free_offer(session, offer_id=line.licence_offer_id)


def _give_back(session: Session, line: OrderLine) -> None:
    if line.kind == LineKind.PHYSICAL:
        reservations.restock(session, product_id=line.product_id, quantity=line.quantity)
    else:
        reservations.unsell_offer(session, offer_id=line.licence_offer_id)


def _late_payment(session: Session, order: Order, now: datetime, settings: OrderSettings) -> None:
    """A payment after expiry: sell again if every line is still free, else ask for a refund."""
    taken: list[OrderLine] = []
    for line in sorted(order.lines, key=lock_key):
        if not _sell_free(session, line):
            for done in reversed(taken):
                _give_back(session, done)
            claim_order(session, order=order, source=OrderStatus.EXPIRED,
                        target=OrderStatus.NEEDS_REFUND, needs_attention=True,
                        attention_reason=f"Paid after expiry, but '{line.title}' was sold "
                                         "meanwhile: refund the buyer.")
            return
        taken.append(line)
    claim_order(session, order=order, source=OrderStatus.EXPIRED, target=OrderStatus.PAID,
                paid_at=now, closed_at=None)
    for line in order.lines:
        move_line(session, line=line, target=LineStatus.SOLD)
    _after_sale(session, order, now, settings)


def _after_sale(session: Session, order: Order, now: datetime, settings: OrderSettings) -> None:
    """Withdraw rival offers of exclusive sales, grant licences, book earnings, set status."""
    for line in order.lines:
        if line.kind != LineKind.LICENCE:
            continue
        if (line.licence_terms or {}).get("tier") == LicenceTier.EXCLUSIVE.value:
            withdraw_commercial_offers(
                session, product_id=line.product_id, except_offer_id=line.licence_offer_id
            )
        grant_licence(session, order=order, line=line, now=now, settings=settings)
        if move_line(session, line=line, target=LineStatus.FULFILLED):
            line.fulfilled_at = now
    book_sale(session, order=order)
    settle_order_status(order)
