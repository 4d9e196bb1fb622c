"""Placing an order: price from the catalogue, snapshot the lines, reserve, add shipping."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from creative_market.accounts.models import User
from creative_market.catalog.enums import Delivery
from creative_market.catalog.licensing import LicenceOffer
from creative_market.catalog.models import Product, Seller
from creative_market.db import as_utc, utcnow
from creative_market.exceptions import NotAvailableError, NotFoundError, ValidationError
from creative_market.messages import Message
from creative_market.orders import reservations
from creative_market.orders.models import (
    LineKind,
    Order,
    OrderLine,
    OrderShipping,
    format_reference,
)
from creative_market.orders.pricing import goods_problem, licence_problem, raise_problem
from creative_market.orders.schemas import PLACE_ORDER_SCHEMA, load_with
from creative_market.orders.settings import DEFAULT_SETTINGS, OrderSettings
from creative_market.orders.shipping import seller_shipping_rate, zone_for_country

CENT = Decimal("0.01")


@dataclass
class _Request:
    """Clean input plus the catalogue rows it names."""

    data: dict[str, Any]
    products: dict[int, Product] = field(default_factory=dict)
    offers: dict[int, LicenceOffer] = field(default_factory=dict)


def place_order(
    session: Session,
    *,
    buyer_name: str,
    buyer_email: str,
    buyer_user: User | None = None,
    lines: list[dict[str, Any]],
    currency: str,
    shipping_address: dict[str, Any] | None = None,
    buyer_country: str | None = None,
    language: str | None = None,
    now: datetime | None = None,
    settings: OrderSettings = DEFAULT_SETTINGS,
) -> Order:
    """Place an order priced from the catalogue now, holding its stock until it is paid.

    `buyer_country` (ISO alpha-2) is where the buyer lives; without it, the shipping
    country where something ships. A licence sold abroad counts as an export by it.
    `language` (az, en or ru; az when not given) is the buyer's interface language at
    checkout: the mails about the order are written in it.
    """
    now = as_utc(now or utcnow())
    raw = {"buyer_name": buyer_name, "buyer_email": buyer_email, "lines": lines,
           "currency": currency, "shipping_address": shipping_address,
           "buyer_country": buyer_country}
    if language is not None:
        raw["language"] = language
    request = _load_catalogue(session, load_with(PLACE_ORDER_SCHEMA, raw))
    order_lines = _build_lines(request, settings)
    charges = _shipping_charges(request, order_lines)
    _reserve(session, order_lines)
    order = _new_order(request, order_lines, charges, buyer_user, now, settings)
    session.add(order)
    session.flush()
    # The id comes from the database's own counter, so references never collide.
    order.reference = format_reference(now.year, order.id)
    session.flush()
    return order


def _load_catalogue(session: Session, data: dict[str, Any]) -> _Request:
    request = _Request(data)
    product_ids = {line["product_id"] for line in data["lines"] if line["product_id"]}
    offer_ids = {line["offer_id"] for line in data["lines"] if line["offer_id"]}
    if offer_ids:
        found = session.scalars(
            select(LicenceOffer).where(LicenceOffer.id.in_(offer_ids))
            .options(joinedload(LicenceOffer.product).joinedload(Product.seller))
        )
        request.offers = {offer.id: offer for offer in found}
    if product_ids:
        found = session.scalars(
            select(Product).where(Product.id.in_(product_ids)).options(joinedload(Product.seller))
        )
        request.products = {product.id: product for product in found}
    missing = (product_ids - request.products.keys()) | (offer_ids - request.offers.keys())
    if missing:
        raise NotFoundError(Message("Some items of this order no longer exist; refresh your cart."))
    return request


def _build_lines(request: _Request, settings: OrderSettings) -> list[OrderLine]:
    merged: dict[int, int] = defaultdict(int)
    built: list[OrderLine] = []
    for item in request.data["lines"]:
        if item["product_id"]:
            merged[item["product_id"]] += item["quantity"]
        else:
            built.append(_licence_line(request, item, settings))
    for product_id, quantity in merged.items():
        built.append(_physical_line(request, request.products[product_id], quantity, settings))
    return built


def _physical_line(
    request: _Request, product: Product, quantity: int, settings: OrderSettings
) -> OrderLine:
    if product.delivery != Delivery.PHYSICAL:
        raise ValidationError({"lines": [
            Message("'%(title)s' is sold by licence; choose one.", title=product.title())]})
    currency = request.data["currency"]
    raise_problem(goods_problem(product, quantity=quantity, currency=currency, check_stock=False),
                  title=product.title())
    return _line(product.seller, settings, kind=LineKind.PHYSICAL, product=product,
                 quantity=quantity, unit_price=product.price)


def _licence_line(request: _Request, item: dict[str, Any], settings: OrderSettings) -> OrderLine:
    offer = request.offers[item["offer_id"]]
    product = offer.product
    price = offer.price
    if offer.pay_what_you_want and item["amount"] is not None:
        price = item["amount"]
    raise_problem(licence_problem(offer, price=price, currency=request.data["currency"]),
                  title=product.title())
    line = _line(product.seller, settings, kind=LineKind.LICENCE, product=product,
                 quantity=1, unit_price=price)
    line.licence_offer = offer
    line.licence_terms = offer.terms().to_dict()
    line.licensee_name = item["licensee_name"].strip()
    line.licensee_company = (item["licensee_company"] or "").strip() or None
    return line


def _line(seller: Seller, settings: OrderSettings, *, kind: LineKind, product: Product,
          quantity: int, unit_price: Decimal) -> OrderLine:
    rate = settings.commission_rate if seller.commission_rate is None else seller.commission_rate
    total = (unit_price * quantity).quantize(CENT)
    return OrderLine(
        kind=kind, seller=seller, product=product, title=product.title()[:200], sku=product.sku,
        quantity=quantity, unit_price=unit_price, line_total=total, commission_rate=rate,
        commission_amount=(total * rate).quantize(CENT, rounding=ROUND_HALF_UP),
    )


def _shipping_charges(request: _Request, lines: list[OrderLine]) -> list[OrderShipping]:
    sellers = {line.seller.id: line.seller for line in lines if line.kind == LineKind.PHYSICAL}
    if not sellers:
        return []
    address = request.data["shipping_address"]
    if not address:
        raise ValidationError({"shipping_address": [
            Message("Give a shipping address for physical goods.")]})
    zone = zone_for_country(address["country"])
    return [
        OrderShipping(
            seller_id=seller.id, zone=zone, processing_days=seller.processing_days,
            amount=seller_shipping_rate(seller, zone, request.data["currency"]),
        )
        for seller in sorted(sellers.values(), key=lambda s: s.id)
    ]


def _reserve(session: Session, lines: list[OrderLine]) -> None:
    """Hold stock in primary-key order; on a refusal, give back what was held and raise."""
    held: list[OrderLine] = []
    for line in sorted(lines, key=_lock_order):
        if not _hold(session, line):
            for done in held:
                _unhold(session, done)
            raise NotAvailableError(_gone_message(line))
        held.append(line)


def _lock_order(line: OrderLine) -> tuple[int, int]:
    if line.kind == LineKind.PHYSICAL:
        return (0, line.product.id)
    return (1, line.licence_offer.id)


def _hold(session: Session, line: OrderLine) -> bool:
    if line.kind == LineKind.PHYSICAL:
        return reservations.reserve_stock(
            session, product_id=line.product.id, quantity=line.quantity
        )
    return reservations.reserve_offer(session, offer_id=line.licence_offer.id)


def _unhold(session: Session, line: OrderLine) -> None:
    if line.kind == LineKind.PHYSICAL:
        reservations.release_stock(session, product_id=line.product.id, quantity=line.quantity)
    else:
        reservations.release_offer(session, offer_id=line.licence_offer.id)


def _gone_message(line: OrderLine) -> Message:
    if line.kind == LineKind.PHYSICAL:
        return Message("'%(title)s' is no longer available in the quantity asked "
                       "(%(quantity)s); someone else bought or reserved it.",
                       title=line.title, quantity=line.quantity)
    return Message("The licence for '%(title)s' is no longer available; it has been sold or "
                   "reserved.", title=line.title)


def _new_order(request: _Request, lines: list[OrderLine], charges: list[OrderShipping],
               buyer_user: User | None, now: datetime, settings: OrderSettings) -> Order:
    data = request.data
    subtotal = sum((line.line_total for line in lines), Decimal("0.00"))
    shipping = sum((charge.amount for charge in charges), Decimal("0.00"))
    address = data["shipping_address"] if charges else None
    return Order(
        buyer_name=data["buyer_name"].strip(), buyer_email=data["buyer_email"].strip().lower(),
        buyer_user=buyer_user, currency=data["currency"], subtotal=subtotal,
        shipping_total=shipping, total=subtotal + shipping, placed_at=now,
        reserved_until=now + settings.reservation_time,
        shipping_address=address, shipping_country=address["country"].upper() if address else None,
        buyer_country=(data["buyer_country"] or (address or {}).get("country") or "").upper()
        or None,
        language=data["language"], lines=sorted(lines, key=_lock_order),
        shipping_charges=charges,
    )
