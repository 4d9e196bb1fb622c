"""Pricing a cart: what each line costs now, by seller, with shipping and the total.

Nothing is trusted from the cart except which things and how many (and a named price for
pay-what-you-want): prices, stock, licence terms and shipping rates are read from the
catalogue each time. A line that cannot be bought is kept with its `Problem`, so an
interface can explain it instead of dropping it; `place_order` refuses the same lines for
the same reasons (`pricing`, `shipping`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from creative_market.catalog.licensing import LicenceOffer
from creative_market.catalog.models import Product, Seller
from creative_market.messages import Message
from creative_market.money import Money
from creative_market.orders import carts
from creative_market.orders.pricing import Problem, goods_problem, licence_problem
from creative_market.orders.shipping import (
    seller_shipping_rate,
    shipping_problem,
    zone_for_country,
)


@dataclass(frozen=True)
class PricedLine:
    """One cart line priced now; `problem` says why it cannot be bought, if so."""

    kind: str  # "product" (goods, by quantity) or "offer" (a licence, once)
    item_id: int
    product: Product
    quantity: int
    unit_price: Money | None  # None for a work that has no price as goods (never buyable)
    offer: LicenceOffer | None = None
    problem: Problem | None = None

    @property
    def total(self) -> Money | None:
        """Unit price times quantity."""
        return None if self.unit_price is None else self.unit_price * self.quantity


@dataclass(frozen=True)
class PricedGroup:
    """A seller's lines, the subtotal of those that can be bought, and the shipping charged."""

    seller: Seller
    lines: list[PricedLine]
    subtotal: Money
    shipping: Money
    shipping_problem: Problem | None = None


@dataclass(frozen=True)
class PricedCart:
    """The whole cart in one currency: groups by seller, the total and what is in the way."""

    groups: list[PricedGroup]
    total: Money
    currency: str
    country: str
    dropped: list[Message] = field(default_factory=list)  # unusable items, and why

    @property
    def lines(self) -> list[PricedLine]:
        """Every line, group by group."""
        return [line for group in self.groups for line in group.lines]

    @property
    def problems(self) -> list[PricedLine]:
        """Lines that cannot be bought as they are."""
        return [line for line in self.lines if line.problem]

    @property
    def ships(self) -> bool:
        """True when a physical good is in the cart."""
        return any(line.kind == "product" for line in self.lines)

    @property
    def has_licences(self) -> bool:
        """True when a licence is in the cart."""
        return any(line.kind == "offer" for line in self.lines)

    @property
    def can_check_out(self) -> bool:
        """Something to buy and nothing in the way (no line or shipping problem)."""
        blocked = any(group.shipping_problem for group in self.groups)
        return bool(self.lines) and not self.problems and not blocked


def price_cart(session: Session, *, items: list[Any], currency: str,
               country: str = "AZ") -> PricedCart:
    """Price cart items now in `currency`, shipped to `country`, grouped by seller; reads only.

    Items are `{"product_id", "quantity"}` or `{"offer_id", "amount"?}` as a cart holds
    them; unusable items are left out and explained in `dropped`, items whose product or
    offer no longer exists are left out.
    """
    usable, dropped = carts.clean_items(items)
    products, offers = _load(session, usable)
    by_seller: dict[int, list[PricedLine]] = {}
    for item in usable:
        if item.get("offer_id") is not None:
            line = _offer_line(offers.get(int(item["offer_id"])), item, currency)
        else:
            line = _goods_line(products.get(int(item["product_id"])), item, currency)
        if line is not None:
            by_seller.setdefault(line.product.seller_id, []).append(line)
    groups = [_group(lines, currency, country) for lines in by_seller.values()]
    total = Money.zero(currency)
    for group in groups:
        total = total + group.subtotal + group.shipping
    return PricedCart(groups, total, currency, country.strip().upper(), dropped)


def _load(session: Session, items: list[dict[str, Any]]
          ) -> tuple[dict[int, Product], dict[int, LicenceOffer]]:
    """The products and offers the items name, with their sellers: two statements at most."""
    product_ids = {int(i["product_id"]) for i in items if i.get("offer_id") is None}
    offer_ids = {int(i["offer_id"]) for i in items if i.get("offer_id") is not None}
    products = {p.id: p for p in session.scalars(
        select(Product).where(Product.id.in_(product_ids)).options(joinedload(Product.seller))
    )} if product_ids else {}
    offers = {o.id: o for o in session.scalars(
        select(LicenceOffer).where(LicenceOffer.id.in_(offer_ids))
        .options(joinedload(LicenceOffer.product).joinedload(Product.seller))
    )} if offer_ids else {}
    return products, offers


def _goods_line(product: Product | None, item: dict[str, Any],
                currency: str) -> PricedLine | None:
    if product is None:
        return None
    quantity = int(item.get("quantity") or 1)
    problem = goods_problem(product, quantity=quantity, currency=currency)
    return PricedLine("product", product.id, product, quantity, product.price_money,
                      problem=problem)


def _offer_line(offer: LicenceOffer | None, item: dict[str, Any],
                currency: str) -> PricedLine | None:
    if offer is None:
        return None
    price = offer.price_money
    if offer.pay_what_you_want and item.get("amount") is not None:
        price = Money(Decimal(str(item["amount"])), offer.currency)
    problem = licence_problem(offer, price=price.amount, currency=currency)
    return PricedLine("offer", offer.id, offer.product, 1, price, offer=offer, problem=problem)


def _group(lines: list[PricedLine], currency: str, country: str) -> PricedGroup:
    seller = lines[0].product.seller
    subtotal = Money.zero(currency)
    for line in lines:
        if line.total is not None and not line.problem:
            subtotal = subtotal + line.total
    if not any(line.kind == "product" and not line.problem for line in lines):
        return PricedGroup(seller, lines, subtotal, Money.zero(currency))
    zone = zone_for_country(country)
    problem = shipping_problem(seller, zone, currency)
    if problem is not None:
        return PricedGroup(seller, lines, subtotal, Money.zero(currency), problem)
    shipping = Money(seller_shipping_rate(seller, zone, currency), currency)
    return PricedGroup(seller, lines, subtotal, shipping)
