"""Read-side queries of the export area, with what pages need loaded in a fixed number
of statements."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from creative_market.exceptions import NotFoundError
from creative_market.export.models import (
    CustomsItem,
    ExchangeRate,
    IssuedDocument,
    Shipment,
)
from creative_market.export.schemas import is_database_id


def recent_shipments(session: Session, *, limit: int = 50) -> list[Shipment]:
    """The newest shipments with their seller and issued documents (three statements)."""
    return list(session.scalars(
        select(Shipment).order_by(Shipment.created_at.desc(), Shipment.id.desc()).limit(limit)
        .options(selectinload(Shipment.seller), selectinload(Shipment.documents))
    ))


def get_shipment(session: Session, *, shipment_id: int) -> Shipment:
    """A shipment with items (and certificates), packages, documents and order loaded."""
    if not is_database_id(shipment_id):
        raise NotFoundError(f"There is no shipment {shipment_id}.")
    shipment = session.scalar(
        select(Shipment).where(Shipment.id == shipment_id).options(
            selectinload(Shipment.items).selectinload(CustomsItem.cultural_certificate),
            selectinload(Shipment.packages), selectinload(Shipment.documents),
            selectinload(Shipment.order), selectinload(Shipment.seller))
    )
    if shipment is None:
        raise NotFoundError(f"There is no shipment {shipment_id}.")
    return shipment


def get_document(session: Session, *, document_id: int) -> IssuedDocument:
    """An issued document; NotFoundError if there is none with this id."""
    document = session.get(IssuedDocument, document_id) if is_database_id(document_id) else None
    if document is None:
        raise NotFoundError(f"There is no document {document_id}.")
    return document


def services_invoices(session: Session, *, limit: int = 50) -> list[IssuedDocument]:
    """The newest services invoices (licences sold abroad)."""
    return list(session.scalars(
        select(IssuedDocument).where(IssuedDocument.kind == "services_invoice")
        .order_by(IssuedDocument.id.desc()).limit(limit)
    ))


def exchange_rates(session: Session) -> list[ExchangeRate]:
    """Every exchange rate, by currency then newest first."""
    return list(session.scalars(
        select(ExchangeRate).order_by(ExchangeRate.currency, ExchangeRate.valid_from.desc())
    ))
