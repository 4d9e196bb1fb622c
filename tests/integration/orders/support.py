"""Helpers shared by the order tests: place and pay with sensible defaults, read counters."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from creative_market.catalog.licensing import LicenceOffer
from creative_market.catalog.models import Product
from creative_market.orders.models import LedgerEntry, Order, Payment
from creative_market.orders.services import place_order, record_payment

ADDRESS = {"recipient": "Aynur Məmmədova", "line1": "Nizami küç. 10", "city": "Bakı",
           "country": "AZ"}


def goods(product: Product, quantity: int = 1) -> dict[str, Any]:
    """An order line for a physical product."""
    return {"product_id": product.id, "quantity": quantity}


def licence(offer: LicenceOffer, name: str = "Aynur Məmmədova", **extra: Any) -> dict[str, Any]:
    """An order line for a licence."""
    return {"offer_id": offer.id, "licensee_name": name, **extra}


def place(session: Session, lines: list[dict[str, Any]], **overrides: Any) -> Order:
    """Place an order as a Baku buyer in AZN."""
    values: dict[str, Any] = {"buyer_name": "Aynur Məmmədova", "buyer_email": "aynur@example.az",
                              "currency": "AZN"}
    if any(line.get("product_id") for line in lines):
        values["shipping_address"] = ADDRESS
    values.update(overrides)
    return place_order(session, lines=lines, **values)


def pay(session: Session, order: Order, reference: str | None = None, **overrides: Any) -> Payment:
    """Pay an order in full through the offline provider."""
    values: dict[str, Any] = {"provider": "offline",
                              "provider_reference": reference or f"pay-{order.id}",
                              "amount": order.total_money}
    values.update(overrides)
    return record_payment(session, order=order, **values)


def counters(session: Session, product: Product) -> tuple[int, int, str]:
    """(stock, reserved, status) of a product as the database has them now."""
    row = session.execute(
        select(Product.stock_quantity, Product.reserved_quantity, Product.status)
        .where(Product.id == product.id)
    ).one()
    return row.stock_quantity, row.reserved_quantity, str(row.status)


def offer_counters(session: Session, offer: LicenceOffer) -> tuple[int, int, str]:
    """(reserved, sold, status) of a licence offer as the database has them now."""
    row = session.execute(
        select(LicenceOffer.reserved_count, LicenceOffer.sold_count, LicenceOffer.status)
        .where(LicenceOffer.id == offer.id)
    ).one()
    return row.reserved_count, row.sold_count, str(row.status)


def ledger_sum(session: Session) -> Decimal:
    """The sum of the whole ledger."""
    return Decimal(str(session.scalar(select(func.coalesce(func.sum(LedgerEntry.amount), 0)))))
