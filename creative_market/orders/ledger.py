"""The seller ledger: double entry, so that every booking (and the whole ledger) sums to zero.

A sale line books three entries: the buyer's money in (BUYER_PAYMENTS, negative), the
seller's earnings (line total less commission) and the marketplace's commission. Shipping
is the seller's (they ship). A refund books the same entries with opposite signs.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from creative_market.orders.models import (
    LedgerAccount,
    LedgerEntry,
    Order,
    OrderLine,
    OrderShipping,
    Refund,
)


def _entry(order: Order, account: LedgerAccount, amount: Decimal, **fields) -> LedgerEntry:
    return LedgerEntry(
        account=account, amount=amount, currency=order.currency, order_id=order.id, **fields
    )


def line_entries(
    order: Order, line: OrderLine, *, sign: int = 1, refund: Refund | None = None
) -> list[LedgerEntry]:
    """The balanced entries of selling (`sign=1`) or refunding (`sign=-1`) one line."""
    refund_id = refund.id if refund else None
    memo = ("Refund of " if sign < 0 else "Sale of ") + line.title[:180]
    common = {"order_line_id": line.id, "refund_id": refund_id, "memo": memo}
    return [
        _entry(order, LedgerAccount.BUYER_PAYMENTS, -sign * line.line_total, **common),
        _entry(
            order, LedgerAccount.SELLER_EARNINGS, sign * line.seller_earnings,
            seller_id=line.seller_id, **common,
        ),
        _entry(order, LedgerAccount.COMMISSION, sign * line.commission_amount, **common),
    ]


def shipping_entries(
    order: Order, charge: OrderShipping, *, sign: int = 1, refund: Refund | None = None
) -> list[LedgerEntry]:
    """The balanced entries of a seller's shipping charge (all of it goes to the seller)."""
    common = {"refund_id": refund.id if refund else None, "memo": "Shipping"}
    return [
        _entry(order, LedgerAccount.BUYER_PAYMENTS, -sign * charge.amount, **common),
        _entry(
            order, LedgerAccount.SELLER_EARNINGS, sign * charge.amount,
            seller_id=charge.seller_id, **common,
        ),
    ]


def book_sale(session: Session, *, order: Order) -> None:
    """Book the earnings of every sold line and shipping charge of a paid order."""
    entries: list[LedgerEntry] = []
    for line in order.lines:
        entries += line_entries(order, line)
    for charge in order.shipping_charges:
        if charge.amount:
            entries += shipping_entries(order, charge)
    session.add_all(entries)


def ledger_balance(session: Session, *, currency: str | None = None) -> Decimal:
    """The sum of every ledger entry (of one currency): zero when the books balance."""
    statement = select(func.coalesce(func.sum(LedgerEntry.amount), 0))
    if currency:
        statement = statement.where(LedgerEntry.currency == currency)
    return Decimal(str(session.scalar(statement)))


def seller_balance(session: Session, *, seller_id: int, currency: str) -> Decimal:
    """What the marketplace owes a seller in `currency`: earnings less reversals."""
    statement = select(func.coalesce(func.sum(LedgerEntry.amount), 0)).where(
        LedgerEntry.account == LedgerAccount.SELLER_EARNINGS,
        LedgerEntry.seller_id == seller_id,
        LedgerEntry.currency == currency,
    )
    return Decimal(str(session.scalar(statement))).quantize(Decimal("0.01"))
