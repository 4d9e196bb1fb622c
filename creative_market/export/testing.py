"""Factories for export tests and demos: paid orders abroad, shipments ready to document.

Like `creative_market.testing.factories`, each adds to the session and flushes.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from creative_market.catalog.enums import CreativeCluster, Region
from creative_market.db import utcnow
from creative_market.orders.models import LineKind, Order, OrderLine
from creative_market.orders.state import LineStatus, OrderStatus

COMMISSION = Decimal("0.1000")


def make_paid_order(
    session: Session,
    *,
    items: list[tuple[Any, int]],
    country: str = "DE",
    currency: str = "AZN",
    paid_at: datetime | None = None,
    buyer_name: str = "Anna Schmidt",
    city: str = "Berlin",
) -> Order:
    """A paid order of (product or licence offer, quantity) pairs shipping to `country`."""
    paid_at = paid_at or utcnow()
    order = Order(
        status=OrderStatus.PAID, buyer_name=buyer_name, buyer_email="buyer@example.com",
        currency=currency, subtotal=Decimal(0), total=Decimal(0), shipping_country=country,
        buyer_country=country,
        shipping_address={"recipient": buyer_name, "line1": "Hauptstraße 5", "city": city,
                          "postal_code": "10115", "country": country},
        placed_at=paid_at, reserved_until=paid_at + timedelta(minutes=30), paid_at=paid_at,
    )
    for thing, quantity in items:
        order.lines.append(_line(thing, quantity))
    order.subtotal = order.total = sum((line.line_total for line in order.lines), Decimal(0))
    session.add(order)
    session.flush()
    order.reference = f"CM-{paid_at.year}-{order.id:06d}"
    session.flush()
    return order


def _line(thing: Any, quantity: int) -> OrderLine:
    offer = thing if hasattr(thing, "tier") else None
    product = offer.product if offer is not None else thing
    price = offer.price if offer is not None else product.price
    total = price * quantity
    return OrderLine(
        seller_id=product.seller_id, product=product,
        licence_offer_id=offer.id if offer is not None else None,
        kind=LineKind.LICENCE if offer is not None else LineKind.PHYSICAL,
        status=LineStatus.SOLD, title=product.title_az, sku=product.sku, quantity=quantity,
        unit_price=price, line_total=total, commission_rate=COMMISSION,
        commission_amount=(total * COMMISSION).quantize(Decimal("0.01")),
        licence_terms=offer.terms().to_dict() if offer is not None else None,
        licensee_name="Anna Schmidt" if offer is not None else None,
    )


def _march(day: int, month: int = 3) -> datetime:
    return datetime(2026, month, day, 12, 0, tzinfo=UTC)


def make_sample_exports(session: Session) -> dict[str, Any]:
    """Two carpet workshops and a design studio; sales abroad and at home, Feb to Apr 2026.

    March 2026 exports: 3,100 AZN of carpets (one sale in USD at 1.70) and 120 AZN of design
    (a ceramic bowl twice and a photo licence); 1,000 AZN of carpets in February and April.
    """
    from creative_market.export.programmes import set_exchange_rate
    from creative_market.testing import factories as f

    guba = f.make_seller(session, slug="guba", display_name="Quba Xalça", region=Region.GUBA)
    shaki = f.make_seller(session, slug="shaki", display_name="Şəki İpək", region=Region.SHAKI)
    studio = f.make_seller(session, slug="studio", display_name="Bakı Dizayn",
                           cluster=CreativeCluster.DESIGN, region=Region.BAKU)
    rug = f.make_carpet(session, seller=guba, price=Decimal("1000.00"), stock_quantity=10)
    kilim = f.make_carpet(session, seller=shaki, technique="kilim", price=Decimal("400.00"),
                          stock_quantity=10, hs_code="570210")
    bowl = f.make_design_work(session, seller=studio, price=Decimal("50.00"))
    photo_offer = f.make_offer(session, f.make_media_work(session, seller=studio),
                               price=Decimal("20.00"))
    for items, country, currency, paid_at in (
        ([(rug, 1), (bowl, 2)], "DE", "AZN", _march(5)),
        ([(kilim, 1)], "RU", "AZN", _march(20)),
        ([(rug, 1)], "US", "USD", _march(25)),
        ([(photo_offer, 1)], "DE", "AZN", _march(26)),
        ([(rug, 1)], "AZ", "AZN", _march(6)),  # sold at home: not an export
        ([(rug, 1)], "DE", "AZN", _march(10, month=2)),
        ([(rug, 1)], "DE", "AZN", _march(10, month=4)),
    ):
        make_paid_order(session, items=items, country=country, currency=currency,
                        paid_at=paid_at)
    set_exchange_rate(session, data={"currency": "USD", "valid_from": "2026-01-01",
                                     "azn_per_unit": "1.7000"})
    return {"guba": guba, "shaki": shaki, "studio": studio, "rug": rug, "kilim": kilim}
