"""Cancelling and refunding: whole orders or chosen lines, with stock, licences and ledger."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from creative_market.db import as_utc, utcnow
from creative_market.exceptions import ConflictError, InvalidTransitionError, ValidationError
from creative_market.messages import Message
from creative_market.money import Money
from creative_market.orders import reservations
from creative_market.orders.expiry import release_order_lines
from creative_market.orders.ledger import line_entries, shipping_entries
from creative_market.orders.licences import revoke_line_grant
from creative_market.orders.models import (
    LineKind,
    Order,
    OrderLine,
    OrderShipping,
    Payment,
    PaymentStatus,
    Refund,
)
from creative_market.orders.payments import PaymentGateway
from creative_market.orders.progress import claim_order, lock_key, move_line, settle_order_status
from creative_market.orders.state import PAID_STATES, LineStatus, OrderStatus


def cancel_order(
    session: Session, *, order: Order, reason: str = "", now: datetime | None = None,
    gateway: PaymentGateway | None = None,
) -> Order:
    """Cancel an unpaid order (its stock is released) or refund a paid one in full."""
    now = as_utc(now or utcnow())
    status = OrderStatus(order.status)
    if status in PAID_STATES or status is OrderStatus.NEEDS_REFUND:
        refund_order(session, order=order, reason=reason or "Order cancelled", now=now,
                     gateway=gateway)
        return order
    session.flush()
    pending = OrderStatus.PENDING_PAYMENT
    if not claim_order(session, order=order, source=pending, target=OrderStatus.CANCELLED,
                       closed_at=now):
        session.refresh(order)
        raise InvalidTransitionError("Order", OrderStatus(order.status).value, "cancelled")
    release_order_lines(session, order_ids=[order.id])
    for line in order.lines:
        session.expire(line)
    return order


def refund_order(
    session: Session, *, order: Order, line_ids: list[int] | None = None, reason: str = "",
    restock: bool = True, gateway: PaymentGateway | None = None,
    idempotency_key: str | None = None, now: datetime | None = None,
) -> Refund:
    """Refund a paid order whole (no `line_ids`) or chosen lines; the same key refunds once.

    Refunded goods go back to stock (unless `restock=False`), refunded licences are revoked,
    reversing ledger entries are booked, and a seller's shipping is refunded with the last
    of their physical lines. With a `gateway`, the money is sent back through it. The order
    row is locked first, so concurrent refunds of one order take turns; without a key, one
    is derived from the order and the lines, so a retried refund never pays twice.
    """
    now = as_utc(now or utcnow())
    lock_order_for_update(session, order=order)
    key = idempotency_key or refund_key(order, line_ids)
    done = _earlier_refund(session, order, key)
    if done is not None:
        return done
    if order.status == OrderStatus.NEEDS_REFUND:
        return _refund_unsold(session, order, key, reason, gateway, now)
    if OrderStatus(order.status) not in PAID_STATES:
        raise InvalidTransitionError("Order", OrderStatus(order.status).value, "refunded")
    lines = _chosen_lines(order, line_ids)
    charges = _shipping_released_by(order, lines)
    amount = sum((line.line_total for line in lines), Decimal(0)) + sum(
        (charge.amount for charge in charges), Decimal(0))
    refund = Refund(order_id=order.id, idempotency_key=key, amount=amount,
                    currency=order.currency, reason=reason, created_at=now)
    session.add(refund)
    session.flush()
    _reverse_lines(session, order, lines, refund, restock, now)
    for charge in charges:
        charge.refunded = True
        session.add_all(shipping_entries(order, charge, sign=-1, refund=refund))
    _add_refunded_amount(session, order, amount)
    if settle_order_status(order) is OrderStatus.REFUNDED:
        order.closed_at = now
    _send_money_back(session, order, refund, gateway)
    session.flush()
    return refund


def refund_key(order: Order, line_ids: list[int] | None) -> str:
    """The idempotency key of refunding these lines of `order` (None: all that are left)."""
    if line_ids is None:
        return f"refund-{order.reference}-whole"
    return f"refund-{order.reference}-" + "-".join(str(i) for i in sorted(set(line_ids)))


def lock_order_for_update(session: Session, *, order: Order) -> Order:
    """Lock the order's row until commit and reload it, its lines and shipping charges.

    PostgreSQL takes SELECT ... FOR UPDATE; on SQLite every transaction began with BEGIN
    IMMEDIATE, which already holds the database's write lock.
    """
    session.flush()
    fresh = session.execute(
        select(Order).where(Order.id == order.id).with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one()
    for model in (OrderLine, OrderShipping):
        session.execute(select(model).where(model.order_id == order.id)
                        .execution_options(populate_existing=True)).all()
    return fresh


def _add_refunded_amount(session: Session, order: Order, amount: Decimal) -> None:
    """Add to the order's refunded amount in the database, not from a value read earlier."""
    table = Order.__table__
    total = session.execute(
        update(table).where(table.c.id == order.id)
        .values(refunded_amount=table.c.refunded_amount + amount)
        .returning(table.c.refunded_amount)
    ).scalar_one()
    set_committed_value(order, "refunded_amount", Decimal(str(total)).quantize(Decimal("0.01")))


def _earlier_refund(session: Session, order: Order, key: str | None) -> Refund | None:
    if not key:
        return None
    done = session.scalar(select(Refund).where(Refund.idempotency_key == key))
    if done is not None and done.order_id != order.id:
        raise ConflictError("This refund key was used for another order.")
    return done


def _chosen_lines(order: Order, line_ids: list[int] | None) -> list[OrderLine]:
    if line_ids is None:
        lines = [line for line in order.lines if line.status != LineStatus.REFUNDED]
    else:
        by_id = {line.id: line for line in order.lines}
        unknown = [str(i) for i in line_ids if i not in by_id]
        if unknown:
            raise ValidationError({"line_ids": [Message(
                "Not lines of %(order)s: %(lines)s.", order=order.reference,
                lines=", ".join(unknown))]})
        lines = [by_id[i] for i in dict.fromkeys(line_ids)]
    if not lines:
        raise ValidationError({"line_ids": [
            Message("Choose at least one line that is not refunded.")]})
    return sorted(lines, key=lock_key)


def _shipping_released_by(order: Order, lines: list[OrderLine]) -> list[OrderShipping]:
    """Shipping charges whose seller has no physical line left after this refund."""
    refunding = {line.id for line in lines}
    charges = []
    for charge in order.shipping_charges:
        if charge.refunded:
            continue
        remaining = [
            line for line in order.lines
            if line.seller_id == charge.seller_id and line.kind == LineKind.PHYSICAL
            and line.status != LineStatus.REFUNDED and line.id not in refunding
        ]
        if not remaining:
            charges.append(charge)
    return charges


def _reverse_lines(session: Session, order: Order, lines: list[OrderLine], refund: Refund,
                   restock: bool, now: datetime) -> None:
    for line in lines:
        if not move_line(session, line=line, target=LineStatus.REFUNDED):
            raise ConflictError(Message("'%(title)s' was refunded meanwhile; reload the order.",
                                        title=line.title))
        line.refund_id = refund.id
        if line.kind == LineKind.PHYSICAL:
            if restock:
                reservations.restock(session, product_id=line.product_id, quantity=line.quantity)
        else:
            reservations.unsell_offer(session, offer_id=line.licence_offer_id)
            revoke_line_grant(session, line=line, now=now)
        session.add_all(line_entries(order, line, sign=-1, refund=refund))


def _refund_unsold(session: Session, order: Order, key: str, reason: str,
                   gateway: PaymentGateway | None, now: datetime) -> Refund:
    """A payment that arrived after the stock was gone: give all of it back."""
    refund = Refund(order_id=order.id, idempotency_key=key, amount=order.total,
                    currency=order.currency, reason=reason or "Paid after expiry; sold out",
                    created_at=now)
    session.add(refund)
    session.flush()
    claim_order(session, order=order, source=OrderStatus.NEEDS_REFUND,
                target=OrderStatus.REFUNDED, refunded_amount=order.total, closed_at=now,
                needs_attention=False)
    _send_money_back(session, order, refund, gateway)
    session.flush()
    return refund


def _send_money_back(session: Session, order: Order, refund: Refund,
                     gateway: PaymentGateway | None) -> None:
    if gateway is None:
        return
    payment = session.scalar(
        select(Payment).where(Payment.order_id == order.id,
                              Payment.status == PaymentStatus.SUCCEEDED,
                              Payment.provider == gateway.name)
        .order_by(Payment.id)
    )
    if payment is None:
        return
    receipt = gateway.refund(provider_reference=payment.provider_reference,
                             amount=Money(refund.amount, refund.currency),
                             idempotency_key=refund.idempotency_key)
    refund.provider, refund.provider_reference = receipt.provider, receipt.provider_reference
