"""The cart as the buyer sees it: lines grouped by seller, checked against the catalogue now.

Nothing here is trusted from the session except which things and how many: prices, stock,
licence terms and shipping are read from the catalogue each time, and a line that can no
longer be bought carries the reason, so the page can explain it instead of dropping it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from creative_market.catalog.licensing import LicenceOffer
from creative_market.catalog.models import Product, Seller
from creative_market.exceptions import CreativeMarketError
from creative_market.money import Money
from creative_market.orders import carts, pricing
from creative_market.orders.shipping import seller_shipping_rate, zone_for_country
from storefront.main.library_messages import error_text, translate_message


@dataclass
class CartLine:
    """One line of the cart, priced now; `problem` says why it cannot be bought, if so."""

    kind: str  # "product" or "offer"
    item_id: int
    product: Product
    quantity: int
    unit_price: Money | None
    offer: LicenceOffer | None = None
    terms: list[str] = field(default_factory=list)
    problem: str | None = None

    @property
    def total(self) -> Money | None:
        """Unit price times quantity."""
        return None if self.unit_price is None else self.unit_price * self.quantity


@dataclass
class SellerGroup:
    """A seller's lines, their subtotal and the shipping they charge."""

    seller: Seller
    lines: list[CartLine]
    subtotal: Money
    shipping: Money
    shipping_problem: str | None = None


@dataclass
class CartSummary:
    """The whole cart: groups by seller and the total in the order's currency."""

    groups: list[SellerGroup]
    total: Money
    currency: str
    country: str
    dropped: list[str] = field(default_factory=list)

    @property
    def lines(self) -> list[CartLine]:
        """Every line, group by group."""
        return [line for group in self.groups for line in group.lines]

    @property
    def problems(self) -> list[CartLine]:
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
        """Something to buy and nothing in the way."""
        blocked = any(g.shipping_problem for g in self.groups)
        return bool(self.lines) and not self.problems and not blocked


def _product_line(product: Product | None, item: dict[str, Any], currency: str) -> CartLine | None:
    if product is None:
        return None
    quantity = max(1, int(item.get("quantity") or 1))
    line = CartLine("product", product.id, product, quantity, product.price_money)
    problem = pricing.goods_problem(product, quantity=quantity, currency=currency)
    line.problem = translate_message(problem.message) if problem else None
    return line


def _offer_line(offer: LicenceOffer | None, item: dict[str, Any], currency: str,
                language: str) -> CartLine | None:
    if offer is None:
        return None
    price = offer.price_money
    if offer.pay_what_you_want and item.get("amount"):
        price = Money(Decimal(str(item["amount"])), offer.currency)
    line = CartLine("offer", offer.id, offer.product, 1, price, offer=offer,
                    terms=offer.terms().describe(language))
    problem = pricing.licence_problem(offer, price=price.amount, currency=currency)
    line.problem = translate_message(problem.message) if problem else None
    return line


def _load(session: Session, items: list[dict[str, Any]]) -> tuple[dict, dict]:
    product_ids = [int(i["product_id"]) for i in items if i.get("offer_id") is None]
    offer_ids = [int(i["offer_id"]) for i in items if i.get("offer_id") is not None]
    products = {p.id: p for p in session.scalars(
        select(Product).where(Product.id.in_(product_ids)).options(selectinload(Product.seller))
    )} if product_ids else {}
    offers = {o.id: o for o in session.scalars(
        select(LicenceOffer).where(LicenceOffer.id.in_(offer_ids))
        .options(selectinload(LicenceOffer.product).selectinload(Product.seller))
    )} if offer_ids else {}
    return products, offers


def summarize(session: Session, items: list[dict[str, Any]], *, currency: str,
              country: str = "AZ", language: str = "en") -> CartSummary:
    """Price the cart now, group it by seller and explain what cannot be bought."""
    items, dropped = carts.clean_items(items)
    products, offers = _load(session, items)
    by_seller: dict[int, list[CartLine]] = {}
    for item in items:
        if item.get("offer_id") is not None:
            line = _offer_line(offers.get(int(item["offer_id"])), item, currency, language)
        else:
            line = _product_line(products.get(int(item["product_id"])), item, currency)
        if line is not None:
            by_seller.setdefault(line.product.seller_id, []).append(line)
    groups = [_group(lines, currency, country) for lines in by_seller.values()]
    total = Money.zero(currency)
    for group in groups:
        total = total + group.subtotal + group.shipping
    return CartSummary(groups, total, currency, country, dropped)


def _group(lines: list[CartLine], currency: str, country: str) -> SellerGroup:
    seller = lines[0].product.seller
    subtotal = Money.zero(currency)
    for line in lines:
        if line.total is not None and not line.problem:
            subtotal = subtotal + line.total
    group = SellerGroup(seller, lines, subtotal, Money.zero(currency))
    if any(line.kind == "product" and not line.problem for line in lines):
        try:
            rate = seller_shipping_rate(seller, zone_for_country(country), currency)
        except CreativeMarketError as error:
            group.shipping_problem = error_text(error)
        else:
            group.shipping = Money(Decimal(rate), currency)
    return group
