"""Export use cases: HS override, shipments, cultural certificates, numbered documents.

Every function takes the Session first and keyword-only arguments, flushes and never
commits. Programmes and exchange rates are in `creative_market.export.programmes`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from creative_market.db import utcnow
from creative_market.exceptions import (
    ExportDocumentError,
    NotFoundError,
    ShipmentExistsError,
    ValidationError,
)
from creative_market.export import cultural, hs, schemas
from creative_market.export.classification import effective_hs_code
from creative_market.export.documents import TradeDocument
from creative_market.export.documents import licences as licence_documents
from creative_market.export.documents import shipment as shipment_documents
from creative_market.export.documents.base import KG, kg
from creative_market.export.models import (
    CulturalCertificate,
    CustomsItem,
    DocumentKind,
    DocumentSequence,
    IssuedDocument,
    Package,
    Shipment,
    ShipmentStatus,
)
from creative_market.export.settings import ExportSettings
from creative_market.messages import Message

SHIPPABLE_LINE_STATES = ("sold", "shipped", "fulfilled")


def set_product_hs_code(session: Session, *, product: Any, hs_code: str | None) -> Any:
    """Record the seller's HS code for a product (None: go back to the suggestion)."""
    product.hs_code = hs.validate_subheading(hs_code) if hs_code else None
    session.flush()
    return product


def create_shipment(
    session: Session, *, seller: Any, data: dict[str, Any], order: Any = None
) -> Shipment:
    """Open a draft shipment for `seller` (the exporter) from validated shipment data.

    An order's goods of one seller get one shipment: a second one (a form sent twice, two
    clerks at once) raises ShipmentExistsError naming the first.
    """
    values = schemas.load(schemas.ShipmentSchema(), data)
    if order is not None:
        _refuse_second_shipment(session, order=order, seller=seller)
    shipment = Shipment(
        seller_id=seller.id,
        order_id=order.id if order is not None else None,
        exporter_name=seller.display_name,
        **{**values, "destination_country": values["destination_country"].upper(),
           "incoterm": values["incoterm"].strip().upper(), "currency": values["currency"].upper(),
           "transport": values["transport"].strip().lower()},
    )
    try:
        with session.begin_nested():  # the unique key decides a race the check above lost
            session.add(shipment)
    except IntegrityError:
        _refuse_second_shipment(session, order=order, seller=seller)
        raise
    return shipment


def _refuse_second_shipment(session: Session, *, order: Any, seller: Any) -> None:
    """Raise ShipmentExistsError when `seller`'s goods of `order` already have a shipment."""
    if order is None:
        return
    existing = session.scalar(select(Shipment.id).where(
        Shipment.order_id == order.id, Shipment.seller_id == seller.id))
    if existing is not None:
        raise ShipmentExistsError(Message(
            "Order %(order)s already has shipment %(number)s for %(seller)s.",
            order=order.reference, number=existing, seller=seller.display_name),
            shipment_id=existing)


def _check_draft(shipment: Shipment) -> None:
    if shipment.status != ShipmentStatus.DRAFT:
        raise ExportDocumentError(Message(
            "Shipment %(shipment)s already has final documents; it can no longer change.",
            shipment=shipment.id))


def add_package(session: Session, *, shipment: Shipment, data: dict[str, Any]) -> Package:
    """Add a parcel with its dimensions and weights; numbers run 1, 2, 3 per shipment."""
    _check_draft(shipment)
    values = schemas.load(schemas.PackageSchema(), data)
    if values["gross_weight_kg"] < values["net_weight_kg"]:
        raise ValidationError({"gross_weight_kg": [
            Message("Gross weight cannot be less than net weight.")]})
    package = Package(number=len(shipment.packages) + 1, **values)
    shipment.packages.append(package)
    session.flush()
    return package


def add_customs_item(
    session: Session, *, shipment: Shipment, data: dict[str, Any]
) -> CustomsItem:
    """Add a line of the customs declaration (validated HS code, origin, weights, value)."""
    _check_draft(shipment)
    values = schemas.load(schemas.CustomsItemSchema(), data)
    package_number = values.pop("package_number")
    item = CustomsItem(
        **{**values, "hs_code": hs.validate_subheading(values["hs_code"]),
           "origin_country": values["origin_country"].upper(),
           "currency": values["currency"].upper()},
    )
    if item.currency != shipment.currency:
        raise ValidationError({"currency": [Message(
            "Items are valued in the shipment's currency, %(currency)s.",
            currency=shipment.currency)]})
    package = _package_numbered(shipment, package_number) if package_number is not None else None
    shipment.items.append(item)
    item.package = package
    session.flush()
    return item


def _package_numbered(shipment: Shipment, number: int) -> Package:
    for package in shipment.packages:
        if package.number == number:
            return package
    raise ValidationError({"package_number": [Message(
        "Shipment %(shipment)s has no package %(number)s.", shipment=shipment.id, number=number)]})


def shipment_from_order(
    session: Session, *, order: Any, seller: Any, data: dict[str, Any] | None = None
) -> Shipment:
    """A draft shipment of `seller`'s paid physical lines of `order`, with customs items.

    Consignee and destination default to the order's shipping address; `data` may add or
    override shipment fields (incoterm defaults to DAP at the consignee's city).
    """
    lines = [
        line for line in order.lines
        if line.seller_id == seller.id and line.kind == "physical"
        and line.status in SHIPPABLE_LINE_STATES
    ]
    if not lines:
        raise NotFoundError(Message(
            "Order %(order)s has no paid physical lines of %(seller)s to ship.",
            order=order.reference, seller=seller.display_name))
    shipment = create_shipment(
        session, seller=seller, order=order,
        data={**_defaults_from_order(order, seller), **(data or {})}
    )
    for line in lines:
        shipment.items.append(_item_from_line(line, order.currency))
    session.flush()
    return shipment


def shipment_from_order_form(session: Session, *, data: dict[str, Any]) -> Shipment:
    """A draft shipment from form input: `order` (reference), `seller` (slug), shipment fields.

    Empty shipment fields take the order's defaults (see `shipment_from_order`); an unknown
    order or seller, or an order without paid physical lines of that seller, is a
    ValidationError on the `order` or `seller` field.
    """
    from creative_market.catalog.models import Seller
    from creative_market.orders.models import Order

    names = schemas.load(schemas.OrderShipmentSchema(), data)
    reference = names["order"].strip().upper()  # references are CM-2026-000123; any case
    order = session.scalar(select(Order).where(Order.reference == reference))
    seller = session.scalar(select(Seller).where(Seller.slug == names["seller"].strip()))
    errors = {}
    if order is None:
        errors["order"] = [Message("There is no order %(order)s.", order=reference)]
    if seller is None:
        errors["seller"] = [Message("There is no seller '%(seller)s'.",
                                      seller=names["seller"].strip())]
    if errors:
        raise ValidationError(errors)
    fields = {key: value for key, value in data.items()
              if key not in ("order", "seller") and value not in (None, "")}
    try:
        return shipment_from_order(session, order=order, seller=seller, data=fields)
    except NotFoundError as error:
        raise ValidationError({"order": [error.message]}) from error


def _defaults_from_order(order: Any, seller: Any) -> dict[str, Any]:
    """Shipment fields the order already gives: consignee, destination, Incoterm DAP at the
    buyer's city, the order's currency, and as freight the shipping the buyer paid this seller.
    """
    address = order.shipping_address or {}
    freight = sum((charge.amount for charge in order.shipping_charges
                   if charge.seller_id == seller.id and not charge.refunded), Decimal(0))
    parts = [address.get("line1"), address.get("line2"),
             " ".join(filter(None, [address.get("postal_code"), address.get("city")]))]
    return {
        "consignee_name": address.get("recipient") or order.buyer_name,
        "consignee_address": ", ".join(p for p in parts if p),
        "destination_country": order.shipping_country or address.get("country") or "",
        "incoterm": "DAP",
        "incoterm_place": address.get("city") or "",
        "currency": order.currency,
        "freight_cost": str(freight),
    }


def customs_description(line: Any) -> str:
    """The goods as customs abroad read them: the English title first, the order's beside it.

    Foreign customs officers read English; the Azerbaijani title the buyer saw stays in
    brackets so the papers still match the order ("Shaki carpet (Şəki xalçası)").
    """
    english = (getattr(line.product, "title_en", None) or "").strip()
    if not english or english == line.title:
        return line.title[:300]
    return f"{english} ({line.title})"[:300]


def _item_from_line(line: Any, currency: str) -> CustomsItem:
    product = line.product
    code = effective_hs_code(product)
    if code is None or product.weight_grams is None:
        if code is None and product.weight_grams is None:
            missing = Message("an HS code and a weight")
        else:
            missing = Message("an HS code") if code is None else Message("a weight")
        raise ValidationError({"items": [Message(
            "'%(title)s' needs %(missing)s before it can be declared; "
            "set them on the product or add the item by hand.",
            title=line.title, missing=missing)]})
    return CustomsItem(
        order_line_id=line.id, product_id=product.id, description=customs_description(line),
        hs_code=hs.validate_subheading(code), origin_country="AZ", quantity=line.quantity,
        net_weight_kg=(Decimal(product.weight_grams * line.quantity) / 1000).quantize(KG),
        unit_value=line.unit_price, currency=currency,
        year_made=getattr(product, "year_made", None),
    )


def record_cultural_certificate(
    session: Session, *, item: CustomsItem, data: dict[str, Any],
    settings: ExportSettings | None = None,
) -> CulturalCertificate:
    """Record the Ministry of Culture certificate (number and date) for a customs item.

    Refused (ExportDocumentError) once the shipment's documents are issued: the issued
    invoice names the certificate it was issued with.
    """
    _check_draft(item.shipment)
    settings = settings or ExportSettings.from_env()
    values = schemas.load(schemas.CulturalCertificateSchema(), data)
    if values["issued_on"] > date.today():
        raise ValidationError({"issued_on": ["The date of issue cannot be in the future."]})
    certificate = item.cultural_certificate or CulturalCertificate(issued_by=settings.ministry_name)
    certificate.certificate_number = values["certificate_number"].strip()
    certificate.issued_on = values["issued_on"]
    item.cultural_certificate = certificate
    session.flush()
    return certificate


def missing_for_documents(shipment: Shipment, settings: ExportSettings | None = None) -> list[str]:
    """Everything still missing before final documents can be issued (empty when ready)."""
    settings = settings or ExportSettings.from_env()
    missing: list[str] = []
    if not shipment.items:
        missing.append(Message("At least one customs item."))
    if not shipment.packages:
        missing.append(Message("At least one package with dimensions and weights."))
    elif len(shipment.packages) > 1:
        unpacked = [item.description for item in shipment.items if item.package_id is None]
        if unpacked:
            missing.append(Message("The package of each item: %(items)s.",
                                   items=", ".join(unpacked)))
    if shipment.items and shipment.packages:
        items_net = shipment_documents.item_totals(shipment)["net_weight_kg"]
        packages_net = shipment_documents.package_totals(shipment)["net_weight_kg"]
        if items_net != packages_net:
            missing.append(Message(
                "Net weights that agree: the items weigh %(items)s kg net, "
                "the packages %(packages)s kg.", items=Decimal(kg(items_net)),
                packages=Decimal(kg(packages_net))))  # Decimals: an interface writes them
    return missing + cultural.missing_cultural_records(shipment.items, settings)


def allocate_document_number(session: Session, *, seller_id: int, kind: DocumentKind) -> int:
    """The next number of `kind` for an exporter: 1, 2, 3 ... without gaps or repeats.

    The counter row is created if missing, then bumped with one UPDATE ... RETURNING, whose
    row lock (PostgreSQL) or write lock (SQLite) holds until the caller's commit.
    """
    table = DocumentSequence.__table__
    dialect = session.get_bind().dialect.name
    insert_for = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}.get(dialect)
    if insert_for is None:
        raise NotImplementedError(f"Document numbers need PostgreSQL or SQLite, not {dialect}.")
    session.execute(
        insert_for(table).values(seller_id=seller_id, kind=kind, last_number=0)
        .on_conflict_do_nothing(index_elements=["seller_id", "kind"])
    )
    statement = (
        update(table)
        .where(table.c.seller_id == seller_id, table.c.kind == kind)
        .values(last_number=table.c.last_number + 1)
        .returning(table.c.last_number)
    )
    return session.execute(statement).scalar_one()


def _issue(
    session: Session, *, seller_id: int, kind: DocumentKind, build: Any,
    shipment: Shipment | None = None, order_id: int | None = None,
) -> IssuedDocument:
    number = allocate_document_number(session, seller_id=seller_id, kind=kind)
    reference = f"{kind.prefix}-{seller_id}-{number:06d}"
    document: TradeDocument = build(reference, utcnow().date().isoformat())
    issued = IssuedDocument(seller_id=seller_id, kind=kind, number=number, reference=reference,
                            shipment=shipment, order_id=order_id, data=document.to_dict())
    session.add(issued)
    session.flush()
    return issued


def issue_shipment_documents(
    session: Session, *, shipment: Shipment, settings: ExportSettings | None = None
) -> dict[DocumentKind, IssuedDocument]:
    """Issue the final, numbered documents of a shipment (once; later calls return them).

    Raises ExportDocumentError listing what is missing (packages, weights, cultural certificates).
    """
    existing = {DocumentKind(d.kind): d for d in shipment.documents}
    if shipment.status == ShipmentStatus.DOCUMENTED:
        return existing
    missing = missing_for_documents(shipment, settings)
    if missing:
        raise ExportDocumentError(Message("Final documents need: %(missing)s", missing=missing))
    seller_id, docs = shipment.seller_id, shipment_documents
    invoice = _issue(session, seller_id=seller_id, kind=DocumentKind.COMMERCIAL_INVOICE,
                     shipment=shipment, build=lambda ref, day: docs.commercial_invoice(
                         shipment, reference=ref, issued_on=day))
    issued = {DocumentKind.COMMERCIAL_INVOICE: invoice}
    builders = {DocumentKind.PACKING_LIST: docs.packing_list,
                DocumentKind.ORIGIN_APPLICATION: docs.origin_application}
    if shipment.transport == "post":
        builders[DocumentKind.CN23] = docs.cn23
    for kind, builder in builders.items():
        issued[kind] = _issue(
            session, seller_id=seller_id, kind=kind, shipment=shipment,
            build=lambda ref, day, builder=builder: builder(
                shipment, reference=ref, issued_on=day, invoice_reference=invoice.reference),
        )
    shipment.status, shipment.documented_at = ShipmentStatus.DOCUMENTED, utcnow()
    session.flush()
    return issued


def preview_shipment_document(shipment: Shipment, kind: DocumentKind) -> TradeDocument:
    """A draft of a shipment document marked DRAFT, unnumbered, for checking before issue."""
    docs, day = shipment_documents, utcnow().date().isoformat()
    if kind is DocumentKind.COMMERCIAL_INVOICE:
        return docs.commercial_invoice(shipment, reference="DRAFT", issued_on=day)
    builders = {DocumentKind.PACKING_LIST: docs.packing_list,
                DocumentKind.ORIGIN_APPLICATION: docs.origin_application,
                DocumentKind.CN23: docs.cn23}
    if kind not in builders:
        raise NotFoundError(f"A shipment has no {kind.value.replace('_', ' ')}.")
    return builders[kind](shipment, reference="DRAFT", issued_on=day, invoice_reference="DRAFT")


def issue_services_invoice(session: Session, *, order: Any, seller: Any) -> IssuedDocument:
    """Issue (once) the services invoice for `seller`'s paid licence lines of an order abroad."""
    existing = session.scalars(select(IssuedDocument).filter_by(
        order_id=order.id, seller_id=seller.id, kind=DocumentKind.SERVICES_INVOICE
    )).first()
    if existing is not None:
        return existing
    country = order.buyer_country or order.shipping_country
    if not country or country.upper() == "AZ":
        raise ExportDocumentError(
            f"Order {order.reference} has no buyer country abroad; a services invoice for "
            "export needs the buyer's country."
        )
    lines = [line for line in order.lines if line.seller_id == seller.id
             and line.kind == "licence" and line.status in SHIPPABLE_LINE_STATES]
    if not lines:
        raise NotFoundError(f"Order {order.reference} has no paid licences of "
                            f"{seller.display_name}.")
    return _issue(
        session, seller_id=seller.id, kind=DocumentKind.SERVICES_INVOICE, order_id=order.id,
        build=lambda ref, day: licence_documents.services_invoice(
            order, seller, lines, reference=ref, issued_on=day),
    )
