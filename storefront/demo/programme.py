"""The demo's export side: exchange rates, the agency's programme, shipments and documents.

Built on the sales history with the export services (`set_exchange_rate`,
`create_programme`, `enrol_seller`, `shipment_from_order`, `add_package`,
`issue_shipment_documents`, `issue_services_invoice`), so the agency pages of the demo
show a programme with enrolled sellers, its report and charts, issued documents and a
draft shipment waiting for its package.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from creative_market.accounts.models import Role
from creative_market.catalog.models import Product, Seller
from creative_market.export import programmes, services
from creative_market.export.models import Programme, Shipment
from creative_market.orders.models import LineKind, Order
from creative_market.orders.state import LineStatus
from storefront.demo.accounts import DEMO_ACCOUNTS, DEMO_SELLER_SLUG
from storefront.demo.sales import SalesHistory
from storefront.demo.sellers import REGION_NAMES

PROGRAMME_NAME = "Yaradıcı ixrac 2026"
PROGRAMME_MARKETS = ["DE", "GB", "RU", "TR", "US"]
# The busiest exporter of each cluster and the demo seller's workshop are enrolled.
# Manat per unit, as the agency records them (demo figures; USD is the CBAR's fixed rate).
EXCHANGE_RATES = (("USD", "2026-01-01", "1.7000"), ("EUR", "2026-01-01", "1.9650"),
                  ("EUR", "2026-07-01", "1.9880"))
PACKAGING_KG = Decimal("1.5")
OPEN_LINE_STATES = (LineStatus.SOLD, LineStatus.SHIPPED, LineStatus.FULFILLED)


@dataclass
class ExportSide:
    """What the export side of the demo made."""

    programme: Programme
    shipments: list[Shipment] = field(default_factory=list)
    services_invoices: int = 0


def generate_export_side(session: Session, *, history: SalesHistory) -> ExportSide:
    """Rates, the programme with its sellers, shipments and a services invoice; flush only."""
    for currency, valid_from, azn in EXCHANGE_RATES:
        programmes.set_exchange_rate(session, data={
            "currency": currency, "valid_from": valid_from, "azn_per_unit": azn,
            "source": "Demo figure"})
    side = ExportSide(_programme(session, history))
    for order, planned in history.orders:
        if planned.after in ("documents", "draft"):
            side.shipments += _shipments(session, order, issue=planned.after == "documents")
    licensed_abroad = [order for order, _ in history.orders if _abroad(order) and _licences(order)]
    if licensed_abroad:
        order = licensed_abroad[0]
        for seller in _sellers_of(_licences(order)):
            services.issue_services_invoice(session, order=order, seller=seller)
            side.services_invoices += 1
    return side


def _programme(session: Session, history: SalesHistory) -> Programme:
    agency = next(a for a in DEMO_ACCOUNTS if a.role is Role.AGENCY)
    programme = programmes.create_programme(session, data={
        "name": PROGRAMME_NAME, "agency": agency.name,
        "description": "Xalça emalatxanalarının, dizayn studiyalarının, musiqiçilərin və "
                       "kinematoqrafçıların Avropa, Türkiyə, Rusiya və ABŞ bazarlarına ixracının "
                       "təşviqi.",
        "starts_on": "2026-01-01", "ends_on": "2026-12-31", "target_markets": PROGRAMME_MARKETS,
    })
    lines_abroad = Counter(line.seller for order, _ in history.orders if _abroad(order)
                           for line in order.lines if line.status in OPEN_LINE_STATES)
    busiest = sorted(lines_abroad, key=lambda seller: (-lines_abroad[seller], seller.id))
    enrolled = [seller for number, seller in enumerate(busiest)
                if seller.cluster not in {other.cluster for other in busiest[:number]}]
    workshop = session.scalars(select(Seller).where(Seller.slug == DEMO_SELLER_SLUG)).one()
    if workshop not in enrolled:
        enrolled.append(workshop)
    for number, seller in enumerate(enrolled):
        programmes.enrol_seller(session, programme=programme, seller=seller,
                                enrolled_on=programme.starts_on + timedelta(days=14 + 7 * number))
    return programme


def _shipments(session: Session, order: Order, *, issue: bool) -> list[Shipment]:
    """A shipment per seller of the order's goods: documented (with a package) or a draft."""
    made = []
    for seller in _sellers_of([line for line in order.lines if line.kind == LineKind.PHYSICAL]):
        shipment = services.shipment_from_order(session, order=order, seller=seller, data={
            "transport": "post", "exporter_address": f"{REGION_NAMES[seller.region][0]}, "
                                                     "Azərbaycan"})
        if issue:
            services.add_package(session, shipment=shipment, data=_package(session, shipment))
            services.issue_shipment_documents(session, shipment=shipment)
        made.append(shipment)
    return made


def _package(session: Session, shipment: Shipment) -> dict[str, str]:
    """One parcel for all items: a rolled carpet's length, 35 cm across, net weight + wrapping."""
    net = sum((item.net_weight_kg for item in shipment.items), Decimal(0))
    lengths = [getattr(session.get(Product, item.product_id), "width_cm", None)
               for item in shipment.items]
    length = max((value for value in lengths if value), default=50) + 10
    return {"length_cm": str(length), "width_cm": "35", "height_cm": "35",
            "net_weight_kg": str(net), "gross_weight_kg": str(net + PACKAGING_KG)}


def _abroad(order: Order) -> bool:
    country = order.buyer_country or order.shipping_country
    return country is not None and country != "AZ"


def _licences(order: Order) -> list:
    return [line for line in order.lines
            if line.kind == LineKind.LICENCE and line.status in OPEN_LINE_STATES]


def _sellers_of(lines: list) -> list[Seller]:
    return sorted({line.seller for line in lines}, key=lambda seller: seller.id)
