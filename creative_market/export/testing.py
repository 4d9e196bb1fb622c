"""Factories for export tests and demos: paid orders abroad, shipments ready to document.

Like `creative_market.testing.factories`, each adds to the session and flushes.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

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
