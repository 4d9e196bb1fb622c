"""Export models: shipments with packages and customs items, cultural-value certificates,
issued documents with per-exporter number sequences, programmes and exchange rates.

A shipment is one seller's (the exporter's) physical goods of one order going abroad. Its
customs items carry everything the trade documents print, copied from the order lines so
later catalogue edits never change a document already issued.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
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

if TYPE_CHECKING:
    from creative_market.catalog.models import Seller
    from creative_market.orders.models import Order

WEIGHT = Numeric(10, 3)


class ShipmentStatus(StrEnum):
    """A draft can change; a shipment with final documents is frozen."""

    DRAFT = "draft"
    DOCUMENTED = "documented"


class DocumentKind(StrEnum):
    """Documents the library issues; each has its own number sequence per exporter."""

    COMMERCIAL_INVOICE = "commercial_invoice"
    PACKING_LIST = "packing_list"
    ORIGIN_APPLICATION = "origin_application"
    CN23 = "cn23"
    SERVICES_INVOICE = "services_invoice"

    @property
    def prefix(self) -> str:
        """The letters that start the document's number."""
        return {
            "commercial_invoice": "INV",
            "packing_list": "PL",
            "origin_application": "COO",
            "cn23": "CN23",
            "services_invoice": "SRV",
        }[self.value]


class Shipment(Base):
    """One exporter's physical goods of one order going to one consignee abroad."""

    __tablename__ = "shipments"
    __table_args__ = (
        CheckConstraint("destination_country <> 'AZ'", name="goes_abroad"),
        CheckConstraint("freight_cost >= 0 AND insurance_cost >= 0", name="costs_not_negative"),
        Index("ix_shipments_seller_id_created_at", "seller_id", "created_at"),
        # One shipment per seller and order (a double-submitted form must not declare the
        # same goods twice); shipments made without an order (NULL) are not limited.
        UniqueConstraint("order_id", "seller_id", name="uq_shipments_order_id_seller_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id", ondelete="RESTRICT"))
    order_id: Mapped[int | None] = mapped_column(
        ForeignKey("orders.id", ondelete="RESTRICT"), index=True
    )
    status: Mapped[ShipmentStatus] = mapped_column(
        enum_type(ShipmentStatus), default=ShipmentStatus.DRAFT
    )
    exporter_name: Mapped[str] = mapped_column(String(200))
    exporter_address: Mapped[str] = mapped_column(Text, default="")
    exporter_tax_id: Mapped[str | None] = mapped_column(String(20))
    consignee_name: Mapped[str] = mapped_column(String(200))
    consignee_address: Mapped[str] = mapped_column(Text)
    destination_country: Mapped[str] = mapped_column(String(2))
    incoterm: Mapped[str] = mapped_column(String(3))
    incoterm_place: Mapped[str] = mapped_column(String(120))
    currency: Mapped[str] = mapped_column(String(3), default="AZN")
    transport: Mapped[str] = mapped_column(String(40), default="post")
    freight_cost: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0"))
    insurance_cost: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    documented_at: Mapped[datetime | None]

    seller: Mapped[Seller] = relationship()
    order: Mapped[Order | None] = relationship()
    packages: Mapped[list[Package]] = relationship(
        back_populates="shipment", order_by="Package.number", cascade="all, delete-orphan"
    )
    items: Mapped[list[CustomsItem]] = relationship(
        back_populates="shipment", order_by="CustomsItem.id", cascade="all, delete-orphan"
    )
    documents: Mapped[list[IssuedDocument]] = relationship(
        back_populates="shipment", order_by="IssuedDocument.id"
    )

    @property
    def goods_value(self) -> Money:
        """The sum of the customs items' values."""
        total = sum((item.total_value for item in self.items), Decimal(0))
        return Money(total, self.currency)


class Package(Base):
    """A parcel of a shipment: outer dimensions and gross/net weights in kilograms."""

    __tablename__ = "shipment_packages"
    __table_args__ = (
        UniqueConstraint("shipment_id", "number", name="uq_shipment_packages_shipment_id_number"),
        CheckConstraint(
            "length_cm > 0 AND width_cm > 0 AND height_cm > 0", name="dimensions_positive"
        ),
        CheckConstraint("net_weight_kg > 0 AND gross_weight_kg >= net_weight_kg", name="weights"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipments.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    length_cm: Mapped[Decimal] = mapped_column(Numeric(8, 1))
    width_cm: Mapped[Decimal] = mapped_column(Numeric(8, 1))
    height_cm: Mapped[Decimal] = mapped_column(Numeric(8, 1))
    gross_weight_kg: Mapped[Decimal] = mapped_column(WEIGHT)
    net_weight_kg: Mapped[Decimal] = mapped_column(WEIGHT)

    shipment: Mapped[Shipment] = relationship(back_populates="packages")
    items: Mapped[list[CustomsItem]] = relationship(
        back_populates="package", order_by="CustomsItem.id"
    )


class CustomsItem(Base):
    """A line of the customs declaration: what, HS code, origin, quantity, weight, value."""

    __tablename__ = "customs_items"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("net_weight_kg > 0", name="net_weight_positive"),
        CheckConstraint("unit_value > 0", name="unit_value_positive"),
        CheckConstraint("length(hs_code) = 6", name="hs_subheading"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    shipment_id: Mapped[int] = mapped_column(
        ForeignKey("shipments.id", ondelete="CASCADE"), index=True
    )
    package_id: Mapped[int | None] = mapped_column(
        ForeignKey("shipment_packages.id", ondelete="SET NULL")
    )
    order_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("order_lines.id", ondelete="RESTRICT"), unique=True
    )
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id", ondelete="SET NULL"))
    description: Mapped[str] = mapped_column(String(300))
    hs_code: Mapped[str] = mapped_column(String(6))
    origin_country: Mapped[str] = mapped_column(String(2), default="AZ")
    quantity: Mapped[int] = mapped_column(Integer)
    net_weight_kg: Mapped[Decimal] = mapped_column(WEIGHT)  # of all units together
    unit_value: Mapped[Decimal]
    currency: Mapped[str] = mapped_column(String(3))
    year_made: Mapped[int | None]

    shipment: Mapped[Shipment] = relationship(back_populates="items")
    package: Mapped[Package | None] = relationship(back_populates="items")
    cultural_certificate: Mapped[CulturalCertificate | None] = relationship(
        back_populates="item", cascade="all, delete-orphan"
    )

    @property
    def total_value(self) -> Decimal:
        """Quantity times unit value."""
        return self.unit_value * self.quantity

    @property
    def chapter(self) -> str:
        """The HS chapter (first two digits)."""
        return self.hs_code[:2]


class CulturalCertificate(Base):
    """The Ministry of Culture's export certificate for an item of cultural value."""

    __tablename__ = "cultural_certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    customs_item_id: Mapped[int] = mapped_column(
        ForeignKey("customs_items.id", ondelete="CASCADE"), unique=True
    )
    certificate_number: Mapped[str] = mapped_column(String(60))
    issued_on: Mapped[date] = mapped_column(Date)
    issued_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    item: Mapped[CustomsItem] = relationship(back_populates="cultural_certificate")


class DocumentSequence(Base):
    """The last number issued to one exporter for one kind of document."""

    __tablename__ = "document_sequences"
    __table_args__ = (
        UniqueConstraint("seller_id", "kind", name="uq_document_sequences_seller_id_kind"),
        CheckConstraint("last_number >= 0", name="last_number_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"))
    kind: Mapped[DocumentKind] = mapped_column(enum_type(DocumentKind))
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class IssuedDocument(Base):
    """A numbered document as issued: its data frozen as JSON; PDFs render from it."""

    __tablename__ = "issued_documents"
    __table_args__ = (
        UniqueConstraint("seller_id", "kind", "number", name="uq_issued_documents_number"),
        UniqueConstraint("shipment_id", "kind", name="uq_issued_documents_shipment_id_kind"),
        UniqueConstraint("order_id", "seller_id", "kind", name="uq_issued_documents_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id", ondelete="RESTRICT"))
    kind: Mapped[DocumentKind] = mapped_column(enum_type(DocumentKind))
    number: Mapped[int] = mapped_column(Integer)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    shipment_id: Mapped[int | None] = mapped_column(ForeignKey("shipments.id", ondelete="RESTRICT"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id", ondelete="RESTRICT"))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)

    shipment: Mapped[Shipment | None] = relationship(back_populates="documents")


class Programme(Base):
    """An export-promotion programme: a period, target markets and enrolled sellers."""

    __tablename__ = "export_programmes"
    __table_args__ = (CheckConstraint("ends_on >= starts_on", name="period_ordered"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    agency: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    markets: Mapped[list[ProgrammeMarket]] = relationship(
        back_populates="programme", order_by="ProgrammeMarket.country",
        cascade="all, delete-orphan",
    )
    enrolments: Mapped[list[ProgrammeSeller]] = relationship(
        back_populates="programme", order_by="ProgrammeSeller.seller_id",
        cascade="all, delete-orphan",
    )

    @property
    def target_markets(self) -> list[str]:
        """ISO codes of the target countries."""
        return [market.country for market in self.markets]


class ProgrammeMarket(Base):
    """A target country of a programme."""

    __tablename__ = "export_programme_markets"

    programme_id: Mapped[int] = mapped_column(
        ForeignKey("export_programmes.id", ondelete="CASCADE"), primary_key=True
    )
    country: Mapped[str] = mapped_column(String(2), primary_key=True)

    programme: Mapped[Programme] = relationship(back_populates="markets")


class ProgrammeSeller(Base):
    """A seller enrolled in a programme."""

    __tablename__ = "export_programme_sellers"

    programme_id: Mapped[int] = mapped_column(
        ForeignKey("export_programmes.id", ondelete="CASCADE"), primary_key=True
    )
    seller_id: Mapped[int] = mapped_column(
        ForeignKey("sellers.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    enrolled_on: Mapped[date] = mapped_column(Date)

    programme: Mapped[Programme] = relationship(back_populates="enrolments")
    seller: Mapped[Seller] = relationship()


class ExchangeRate(Base):
    """Manat per unit of a currency from a date on, as supplied by the agency."""

    __tablename__ = "exchange_rates"
    __table_args__ = (
        UniqueConstraint("currency", "valid_from", name="uq_exchange_rates_currency_valid_from"),
        CheckConstraint("azn_per_unit > 0", name="rate_positive"),
        CheckConstraint("currency <> 'AZN'", name="not_manat"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    currency: Mapped[str] = mapped_column(String(3))
    valid_from: Mapped[date] = mapped_column(Date)
    azn_per_unit: Mapped[Decimal] = mapped_column(Numeric(14, 6))
    source: Mapped[str] = mapped_column(String(120), default="")
