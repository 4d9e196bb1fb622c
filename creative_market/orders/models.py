"""Order models: orders and their lines, shipping per seller, payments, refunds, licence
grants and the seller ledger.

A line snapshots what was bought (title, unit price, commission, the full licence terms as
JSON) so that later edits to a listing never change a past order. Reservations live on the
lines (`status = reserved` and `quantity`) and on the catalogue counters
(`products.reserved_quantity`, `licence_offers.reserved_count`), which change only by
conditional UPDATE (see `orders.reservations`).
"""

from __future__ import annotations

import secrets
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from creative_market.db import Base, enum_type, utcnow
from creative_market.money import Money
from creative_market.orders.state import LineStatus, OrderStatus

if TYPE_CHECKING:
    from creative_market.accounts.models import User
    from creative_market.catalog.licensing import LicenceOffer
    from creative_market.catalog.models import Product, Seller

REFERENCE_PREFIX = "CM"


def format_reference(year: int, number: int) -> str:
    """The human reference of an order: CM-2026-000123."""
    return f"{REFERENCE_PREFIX}-{year}-{number:06d}"


def new_licence_number() -> str:
    """An unguessable licence number (about 100 bits of randomness), easy to read aloud."""
    raw = secrets.token_hex(10).upper()
    return "LIC-" + "-".join(raw[i : i + 5] for i in range(0, len(raw), 5))


class LineKind(StrEnum):
    """A line ships a physical good or grants a licence to a digital work."""

    PHYSICAL = "physical"
    LICENCE = "licence"


class ShippingZone(StrEnum):
    """Flat-rate shipping zones of a seller's profile (see `orders.shipping`)."""

    DOMESTIC = "domestic"
    CIS = "cis"
    WORLD = "world"


class PaymentStatus(StrEnum):
    """A recorded payment was accepted, or refused because it did not match the order."""

    SUCCEEDED = "succeeded"
    MISMATCHED = "mismatched"


class GrantStatus(StrEnum):
    """A licence is valid until it is revoked (refund) or its term runs out."""

    VALID = "valid"
    REVOKED = "revoked"


class LedgerAccount(StrEnum):
    """Accounts of the double-entry ledger; every booking sums to zero."""

    BUYER_PAYMENTS = "buyer_payments"  # money taken from buyers (negative: it came in)
    SELLER_EARNINGS = "seller_earnings"  # owed to a seller (positive)
    COMMISSION = "commission"  # the marketplace's income (positive)


class Order(Base):
    """A buyer's order: one currency, lines from one or several sellers."""

    __tablename__ = "orders"
    __table_args__ = (
        CheckConstraint("subtotal >= 0 AND shipping_total >= 0", name="amounts_not_negative"),
        CheckConstraint(
            "refunded_amount >= 0 AND refunded_amount <= total", name="refund_within_total"
        ),
        Index("ix_orders_status_reserved_until", "status", "reserved_until"),
        Index("ix_orders_buyer_email", "buyer_email"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Set from the id in the same transaction that inserts the order: unique without a lock.
    reference: Mapped[str | None] = mapped_column(String(20), unique=True)
    status: Mapped[OrderStatus] = mapped_column(
        enum_type(OrderStatus), default=OrderStatus.PENDING_PAYMENT
    )
    buyer_name: Mapped[str] = mapped_column(String(200))
    buyer_email: Mapped[str] = mapped_column(String(254))
    buyer_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    currency: Mapped[str] = mapped_column(String(3))
    subtotal: Mapped[Decimal]
    shipping_total: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0"))
    total: Mapped[Decimal]
    refunded_amount: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0"))
    shipping_address: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    shipping_country: Mapped[str | None] = mapped_column(String(2))
    # Where the buyer lives (ISO alpha-2): the export destination of licences, which ship
    # nowhere; the shipping country when the buyer gave no other.
    buyer_country: Mapped[str | None] = mapped_column(String(2))
    # The interface language at checkout (ISO 639-1: az, en, ru): the buyer's mails use it.
    # The database default too, so an order written with plain SQL (a script, the report
    # benchmark) is valid without naming it.
    language: Mapped[str] = mapped_column(String(2), default="az", server_default="az")
    placed_at: Mapped[datetime] = mapped_column(default=utcnow)
    reserved_until: Mapped[datetime]
    paid_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]  # cancelled, expired or fully refunded
    needs_attention: Mapped[bool] = mapped_column(default=False)
    attention_reason: Mapped[str | None] = mapped_column(Text)

    buyer_user: Mapped[User | None] = relationship()
    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", order_by="OrderLine.id", cascade="all, delete-orphan"
    )
    shipping_charges: Mapped[list[OrderShipping]] = relationship(
        back_populates="order", order_by="OrderShipping.seller_id", cascade="all, delete-orphan"
    )
    payments: Mapped[list[Payment]] = relationship(back_populates="order", order_by="Payment.id")
    refunds: Mapped[list[Refund]] = relationship(back_populates="order", order_by="Refund.id")

    @property
    def total_money(self) -> Money:
        """What the buyer pays, as Money."""
        return Money(self.total, self.currency)

    @property
    def ships(self) -> bool:
        """True when at least one line is a physical good."""
        return any(line.kind == LineKind.PHYSICAL for line in self.lines)

    def __repr__(self) -> str:
        return f"<Order {self.reference} {self.status}>"


class OrderLine(Base):
    """One thing bought: a quantity of a physical good, or one licence to a digital work."""

    __tablename__ = "order_lines"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("kind = 'physical' OR quantity = 1", name="one_licence_per_line"),
        CheckConstraint(
            "(kind = 'licence') = (licence_offer_id IS NOT NULL)", name="licence_has_offer"
        ),
        CheckConstraint("unit_price > 0", name="unit_price_positive"),
        CheckConstraint(
            "commission_rate >= 0 AND commission_rate < 1", name="commission_rate_range"
        ),
        Index("ix_order_lines_seller_id_status", "seller_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id", ondelete="RESTRICT"))
    product_id: Mapped[int] = mapped_column(
        ForeignKey("products.id", ondelete="RESTRICT"), index=True
    )
    licence_offer_id: Mapped[int | None] = mapped_column(
        ForeignKey("licence_offers.id", ondelete="RESTRICT"), index=True
    )
    kind: Mapped[LineKind] = mapped_column(enum_type(LineKind))
    status: Mapped[LineStatus] = mapped_column(enum_type(LineStatus), default=LineStatus.RESERVED)
    # The snapshot: what the buyer saw and agreed to, frozen.
    title: Mapped[str] = mapped_column(String(200))
    sku: Mapped[str] = mapped_column(String(64))
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    unit_price: Mapped[Decimal]
    line_total: Mapped[Decimal]
    commission_rate: Mapped[Decimal] = mapped_column(Numeric(5, 4))
    commission_amount: Mapped[Decimal]
    licence_terms: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    licensee_name: Mapped[str | None] = mapped_column(String(200))
    licensee_company: Mapped[str | None] = mapped_column(String(200))
    # Fulfilment.
    carrier: Mapped[str | None] = mapped_column(String(80))
    tracking_number: Mapped[str | None] = mapped_column(String(80))
    shipped_at: Mapped[datetime | None]
    fulfilled_at: Mapped[datetime | None]
    refund_id: Mapped[int | None] = mapped_column(ForeignKey("refunds.id", ondelete="SET NULL"))

    order: Mapped[Order] = relationship(back_populates="lines")
    seller: Mapped[Seller] = relationship()
    product: Mapped[Product] = relationship()
    licence_offer: Mapped[LicenceOffer | None] = relationship()
    grant: Mapped[LicenceGrant | None] = relationship(back_populates="order_line")

    @property
    def seller_earnings(self) -> Decimal:
        """The line total less the marketplace commission."""
        return self.line_total - self.commission_amount

    @property
    def line_total_money(self) -> Money:
        """The line total as Money in the order's currency."""
        return Money(self.line_total, self.order.currency)


class OrderShipping(Base):
    """Shipping charged for one seller's physical lines of an order, by zone."""

    __tablename__ = "order_shipping"
    __table_args__ = (
        UniqueConstraint("order_id", "seller_id", name="uq_order_shipping_order_id_seller_id"),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id", ondelete="RESTRICT"))
    zone: Mapped[ShippingZone] = mapped_column(enum_type(ShippingZone))
    amount: Mapped[Decimal]
    processing_days: Mapped[int] = mapped_column(Integer)
    refunded: Mapped[bool] = mapped_column(default=False)

    order: Mapped[Order] = relationship(back_populates="shipping_charges")
    seller: Mapped[Seller] = relationship()


class Payment(Base):
    """A payment notification from a provider; one row per (provider, provider_reference)."""

    __tablename__ = "payments"
    __table_args__ = (
        UniqueConstraint(
            "provider", "provider_reference", name="uq_payments_provider_provider_reference"
        ),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="RESTRICT"), index=True)
    provider: Mapped[str] = mapped_column(String(40))
    provider_reference: Mapped[str] = mapped_column(String(200))
    amount: Mapped[Decimal]
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[PaymentStatus] = mapped_column(enum_type(PaymentStatus))
    problem: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)

    order: Mapped[Order] = relationship(back_populates="payments")


class Refund(Base):
    """Money given back for a whole order or chosen lines; idempotent by its key."""

    __tablename__ = "refunds"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="RESTRICT"), index=True)
    idempotency_key: Mapped[str] = mapped_column(String(120), unique=True)
    amount: Mapped[Decimal]
    currency: Mapped[str] = mapped_column(String(3))
    reason: Mapped[str] = mapped_column(Text, default="")
    provider: Mapped[str | None] = mapped_column(String(40))
    provider_reference: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    order: Mapped[Order] = relationship(back_populates="refunds")
    lines: Mapped[list[OrderLine]] = relationship(order_by="OrderLine.id")


class LicenceGrant(Base):
    """A licence granted by a paid order line: number, licensee, work, frozen terms."""

    __tablename__ = "licence_grants"
    __table_args__ = (
        CheckConstraint(
            "download_count >= 0 AND download_count <= download_limit", name="downloads_within_cap"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True, default=new_licence_number)
    order_line_id: Mapped[int] = mapped_column(
        ForeignKey("order_lines.id", ondelete="RESTRICT"), unique=True
    )
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="RESTRICT"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="RESTRICT"))
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id", ondelete="RESTRICT"))
    licensee_name: Mapped[str] = mapped_column(String(200))
    licensee_company: Mapped[str | None] = mapped_column(String(200))
    work_title: Mapped[str] = mapped_column(String(200))
    seller_name: Mapped[str] = mapped_column(String(200))
    terms: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[GrantStatus] = mapped_column(enum_type(GrantStatus), default=GrantStatus.VALID)
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)
    valid_until: Mapped[datetime | None]  # None: perpetual
    revoked_at: Mapped[datetime | None]
    download_limit: Mapped[int] = mapped_column(Integer, default=5)
    download_count: Mapped[int] = mapped_column(Integer, default=0)

    order_line: Mapped[OrderLine] = relationship(back_populates="grant")
    product: Mapped[Product] = relationship()


class LedgerEntry(Base):
    """One signed amount on one ledger account; each booking's entries sum to zero."""

    __tablename__ = "ledger_entries"
    __table_args__ = (
        Index("ix_ledger_entries_seller_id_account", "seller_id", "account"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[LedgerAccount] = mapped_column(enum_type(LedgerAccount))
    seller_id: Mapped[int | None] = mapped_column(ForeignKey("sellers.id", ondelete="RESTRICT"))
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="RESTRICT"), index=True)
    order_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("order_lines.id", ondelete="RESTRICT")
    )
    refund_id: Mapped[int | None] = mapped_column(ForeignKey("refunds.id", ondelete="RESTRICT"))
    amount: Mapped[Decimal]
    currency: Mapped[str] = mapped_column(String(3))
    memo: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
