"""Seller payouts: each seller's share of a paid order, sent by transfer or kept as a balance.

When an order is paid, `plan_payouts` writes one payout per seller: the seller's lines less
commission, plus the shipping they charged. A seller with a connected payment account gets
a payout the storefront transfers (`pending` -> `transferred`, or `failed` and retried); a
seller without one gets an `owed` payout: a balance an administrator pays by hand and marks
paid. A sender first claims a payout (`claim_payout`: pending/failed -> sending), so two
senders never transfer the same payout. A refund after the payout was planned adds a
negative payout (a claw-back) to the seller's balance, or shrinks the payout when it has
not left yet. Each payout carries an idempotency key, so planning twice or retrying a
transfer never pays twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    func,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship, selectinload

from creative_market.catalog.models import Seller
from creative_market.db import Base, as_utc, enum_type, utcnow
from creative_market.exceptions import ConflictError, NotFoundError
from creative_market.orders.models import LineKind, Order, OrderLine
from creative_market.orders.state import LineStatus

MAX_TRANSFER_ATTEMPTS = 5
#: A payout `sending` this long after it was written is shown to administrators as stuck.
STUCK_AFTER = timedelta(minutes=15)
CENT = Decimal("0.01")


class PayoutStatus(StrEnum):
    """Where a seller's share is: owed by hand, waiting to transfer, sent, failed, paid."""

    OWED = "owed"
    PENDING = "pending"
    SENDING = "sending"  # claimed by one sender; the gateway call is under way
    TRANSFERRED = "transferred"
    FAILED = "failed"
    PAID = "paid"  # an owed balance paid by hand and marked by an administrator
    CANCELLED = "cancelled"  # fully refunded before it left


class SellerPayout(Base):
    """One seller's share of one order (or a claw-back after a refund)."""

    __tablename__ = "seller_payouts"
    __table_args__ = (
        CheckConstraint("attempts >= 0", name="attempts_not_negative"),
        CheckConstraint(
            "amount >= 0 OR status IN ('owed', 'paid', 'cancelled')", name="only_balances_negative"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(120), unique=True)
    seller_id: Mapped[int] = mapped_column(
        ForeignKey("sellers.id", ondelete="RESTRICT"), index=True
    )
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="RESTRICT"), index=True)
    amount: Mapped[Decimal]
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[PayoutStatus] = mapped_column(enum_type(PayoutStatus), index=True)
    destination_account: Mapped[str | None] = mapped_column(String(64))
    transfer_group: Mapped[str] = mapped_column(String(40))
    provider_reference: Mapped[str | None] = mapped_column(String(200))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    paid_reference: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[datetime | None]  # when a sender last claimed it (status -> sending)
    settled_at: Mapped[datetime | None]

    seller: Mapped[Seller] = relationship()
    order: Mapped[Order] = relationship()


@dataclass(frozen=True)
class OrderShare:
    """A seller's share of one order: goods after commission, the shipping they charged."""

    goods: Decimal
    shipping: Decimal
    currency: str

    @property
    def payout(self) -> Decimal:
        """What the seller is paid for the order: the two parts together, in cents."""
        return (self.goods + self.shipping).quantize(CENT)


def order_share(order: Order, seller_id: int) -> OrderShare:
    """A seller's share of an order: unrefunded lines less commission, unrefunded shipping."""
    goods = sum(
        (line.seller_earnings for line in order.lines
         if line.seller_id == seller_id and line.status != LineStatus.REFUNDED),
        Decimal(0),
    )
    shipping = sum(
        (c.amount for c in order.shipping_charges if c.seller_id == seller_id and not c.refunded),
        Decimal(0),
    )
    return OrderShare(goods=goods, shipping=shipping, currency=order.currency)


def seller_share(order: Order, seller_id: int) -> Decimal:
    """What a seller is paid for an order (see `order_share`)."""
    return order_share(order, seller_id).payout


def order_shares(
    session: Session, *, seller_id: int, references: list[str],
) -> dict[str, OrderShare]:
    """The seller's share of each order (reference -> OrderShare), in three statements."""
    if not references:
        return {}
    orders = session.scalars(
        select(Order).where(Order.reference.in_(references))
        .options(selectinload(Order.lines), selectinload(Order.shipping_charges))
    )
    return {order.reference: order_share(order, seller_id) for order in orders}


def plan_payouts(session: Session, *, order: Order) -> list[SellerPayout]:
    """Write each seller's payout for a paid order (once; later calls return the same rows)."""
    planned = []
    for seller in {line.seller for line in order.lines}:
        key = f"payout-{order.reference}-{seller.id}"
        payout = session.scalar(select(SellerPayout).where(SellerPayout.idempotency_key == key))
        if payout is None:
            account = seller.stripe_account_id
            payout = SellerPayout(
                idempotency_key=key, seller_id=seller.id, order_id=order.id,
                amount=seller_share(order, seller.id), currency=order.currency,
                status=PayoutStatus.PENDING if account else PayoutStatus.OWED,
                destination_account=account, transfer_group=order.reference,
            )
            session.add(payout)
        planned.append(payout)
    session.flush()
    return planned


def adjust_for_refund(session: Session, *, order: Order, refund_id: int) -> None:
    """Bring each seller's payout of `order` in line with its lines after a refund."""
    payouts = session.scalars(
        select(SellerPayout).where(
            SellerPayout.order_id == order.id, SellerPayout.idempotency_key.like("payout-%")
        )
    ).all()
    for payout in payouts:
        due = seller_share(order, payout.seller_id)
        if payout.status in (PayoutStatus.PENDING, PayoutStatus.FAILED, PayoutStatus.OWED):
            payout.amount = due
            if due == 0:
                payout.status = PayoutStatus.CANCELLED
            continue
        already = _settled_for(session, order.id, payout.seller_id)
        if due < already:
            session.add(SellerPayout(
                idempotency_key=f"refund-{refund_id}-{payout.seller_id}",
                seller_id=payout.seller_id, order_id=order.id, amount=due - already,
                currency=payout.currency, status=PayoutStatus.OWED,
                transfer_group=payout.transfer_group,
            ))
    session.flush()


def _settled_for(session: Session, order_id: int, seller_id: int) -> Decimal:
    """What a seller has been paid or owes for an order, claw-backs included."""
    total = session.scalar(
        select(func.coalesce(func.sum(SellerPayout.amount), 0)).where(
            SellerPayout.order_id == order_id, SellerPayout.seller_id == seller_id,
            SellerPayout.status != PayoutStatus.CANCELLED,
        )
    )
    return Decimal(str(total))


def payouts_to_transfer(
    session: Session, *, order: Order | None = None, limit: int = 200,
) -> list[SellerPayout]:
    """Pending payouts, and failed ones with attempts left, oldest first."""
    statement = select(SellerPayout).where(
        SellerPayout.status.in_([PayoutStatus.PENDING, PayoutStatus.FAILED]),
        SellerPayout.attempts < MAX_TRANSFER_ATTEMPTS,
        SellerPayout.amount > 0,
    )
    if order is not None:
        statement = statement.where(SellerPayout.order_id == order.id)
    statement = statement.options(selectinload(SellerPayout.seller))
    return list(session.scalars(statement.order_by(SellerPayout.id).limit(limit)))


def claim_payout(
    session: Session, *, payout: SellerPayout, destination_account: str | None = None,
) -> bool:
    """Claim a pending or failed payout for sending (status -> sending); False if taken.

    A conditional UPDATE, so of the cron job, the administrators' button and the
    after-payment hook trying the same payout at once exactly one sends it. Commit the
    claim before calling the gateway, so the others see it.
    """
    session.flush()
    table = SellerPayout.__table__
    claimed = session.execute(
        update(table)
        .where(table.c.id == payout.id,
               table.c.status.in_([PayoutStatus.PENDING.value, PayoutStatus.FAILED.value]),
               table.c.attempts < MAX_TRANSFER_ATTEMPTS, table.c.amount > 0)
        .values(status=PayoutStatus.SENDING.value, attempts=table.c.attempts + 1,
                claimed_at=utcnow(),
                destination_account=destination_account or table.c.destination_account)
    ).rowcount == 1
    session.expire(payout, ["status", "attempts", "claimed_at", "destination_account"])
    return claimed


def record_transfer(
    session: Session, *, payout: SellerPayout, transfer_id: str | None = None,
    error: str | None = None,
) -> SellerPayout:
    """Record the attempt on a claimed payout: its id when it went through, the reason when not."""
    if payout.status != PayoutStatus.SENDING:
        raise ConflictError(f"Payout {payout.id} is {payout.status}: claim it before sending.")
    if transfer_id:
        payout.status, payout.provider_reference = PayoutStatus.TRANSFERRED, transfer_id
        payout.last_error, payout.settled_at = None, utcnow()
    else:
        payout.status, payout.last_error = PayoutStatus.FAILED, (error or "unknown error")[:2000]
    session.flush()
    return payout


@dataclass(frozen=True)
class SellerBalance:
    """What the marketplace owes one seller in one currency, to pay by hand."""

    seller_id: int
    seller_name: str
    currency: str
    amount: Decimal
    payouts: int
    unshipped: int = 0  # paid physical lines of these orders the seller has not shipped yet


def owed_balances(session: Session) -> list[SellerBalance]:
    """Every seller's owed balance (payouts kept in the ledger), largest first, in one query.

    Each balance counts the goods of its orders still waiting to be shipped, so whoever pays
    by hand sees what the money is for before the goods have left.
    """
    unshipped = (
        select(func.count(OrderLine.id))
        .where(OrderLine.order_id == SellerPayout.order_id,
               OrderLine.seller_id == SellerPayout.seller_id,
               OrderLine.kind == LineKind.PHYSICAL.value,
               OrderLine.status == LineStatus.SOLD.value)
        .correlate(SellerPayout).scalar_subquery()
    )
    rows = session.execute(
        select(Seller.id, Seller.display_name, SellerPayout.currency,
               func.sum(SellerPayout.amount), func.count(SellerPayout.id),
               func.sum(unshipped))
        .join(Seller, Seller.id == SellerPayout.seller_id)
        .where(SellerPayout.status == PayoutStatus.OWED)
        .group_by(Seller.id, Seller.display_name, SellerPayout.currency)
    ).all()
    balances = [SellerBalance(r[0], r[1], r[2], Decimal(str(r[3])).quantize(CENT), r[4],
                              int(r[5] or 0)) for r in rows]
    return sorted(balances, key=lambda b: b.amount, reverse=True)


def mark_balance_paid(
    session: Session, *, seller_id: int, currency: str, paid_reference: str
) -> Decimal:
    """Mark a seller's owed payouts in `currency` paid by hand; return the amount settled."""
    owed = select(func.coalesce(func.sum(SellerPayout.amount), 0)).where(
        SellerPayout.seller_id == seller_id, SellerPayout.currency == currency,
        SellerPayout.status == PayoutStatus.OWED,
    )
    amount = Decimal(str(session.scalar(owed))).quantize(CENT)
    if session.get(Seller, seller_id) is None:
        raise NotFoundError(f"There is no seller {seller_id}.")
    session.execute(
        update(SellerPayout)
        .where(SellerPayout.seller_id == seller_id, SellerPayout.currency == currency,
               SellerPayout.status == PayoutStatus.OWED)
        .values(status=PayoutStatus.PAID, paid_reference=paid_reference[:200], settled_at=utcnow())
    )
    session.flush()
    return amount


def failed_transfers(session: Session, *, limit: int = 100) -> list[SellerPayout]:
    """Transfers that failed, newest first, with their sellers loaded (admin page)."""
    statement = (
        select(SellerPayout)
        .where(SellerPayout.status == PayoutStatus.FAILED)
        .options(selectinload(SellerPayout.seller))
        .order_by(SellerPayout.id.desc()).limit(limit)
    )
    return list(session.scalars(statement))


def stuck_payouts(
    session: Session, *, older_than: timedelta = STUCK_AFTER, limit: int = 100,
) -> list[SellerPayout]:
    """Payouts left `sending` (claimed, no gateway result recorded), longest first (admin page).

    Their age counts from the claim: a payout written days ago and claimed a minute ago is
    being sent right now, not stuck.
    """
    statement = (
        select(SellerPayout)
        .where(SellerPayout.status == PayoutStatus.SENDING,
               _claimed_at(SellerPayout.__table__) <= utcnow() - older_than)
        .options(selectinload(SellerPayout.seller))
        .order_by(_claimed_at(SellerPayout.__table__), SellerPayout.id).limit(limit)
    )
    return list(session.scalars(statement))


def release_stuck_payout(
    session: Session, *, payout: SellerPayout, older_than: timedelta = STUCK_AFTER,
) -> bool:
    """Put a stuck `sending` payout back to `failed` for the normal retry; False if not stuck.

    A conditional UPDATE (only from `sending`, only when older than `older_than`), so a
    payout another sender has just recorded is left alone. The retry sends it with the same
    idempotency key, so a transfer that did reach the gateway is not paid twice.
    """
    session.flush()
    table = SellerPayout.__table__
    released = session.execute(
        update(table)
        .where(table.c.id == payout.id, table.c.status == PayoutStatus.SENDING.value,
               _claimed_at(table) <= utcnow() - older_than)
        .values(status=PayoutStatus.FAILED.value,
                last_error="Released by an administrator: the transfer was left in sending "
                           "with no gateway result recorded.")
    ).rowcount == 1
    session.expire(payout, ["status", "last_error"])
    return released


def _claimed_at(table: Table) -> Any:
    """When the payout was claimed (its creation for a claim older than the column)."""
    return func.coalesce(table.c.claimed_at, table.c.created_at)


def sending_since(payout: SellerPayout) -> datetime:
    """When `payout` went into `sending`, in UTC (its creation if the claim time is unknown)."""
    return as_utc(payout.claimed_at or payout.created_at)
