"""The cart as the buyer sees it: the library's priced cart in the interface language.

Pricing, grouping by seller, shipping and the reasons a line cannot be bought come from
`creative_market.orders.cart_pricing.price_cart`; this adapter only says the reasons and the
licence terms in the page's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from creative_market.catalog.licensing import LicenceOffer
from creative_market.catalog.models import Product, Seller
from creative_market.money import Money
from creative_market.orders.cart_pricing import PricedGroup, PricedLine, price_cart
from creative_market.orders.pricing import Problem
from storefront.main.library_messages import translate_message


@dataclass(frozen=True)
class CartLine:
    """One line of the cart, priced now; `problem` says why it cannot be bought, if so."""

    kind: str  # "product" or "offer"
    item_id: int
    product: Product
    quantity: int
    unit_price: Money | None
    total: Money | None
    offer: LicenceOffer | None = None
    terms: list[str] = field(default_factory=list)
    problem: str | None = None


@dataclass(frozen=True)
class SellerGroup:
    """A seller's lines, their subtotal and the shipping they charge."""

    seller: Seller
    lines: list[CartLine]
    subtotal: Money
    shipping: Money
    shipping_problem: str | None = None


@dataclass(frozen=True)
class CartSummary:
    """The whole cart: groups by seller and the total in the order's currency."""

    groups: list[SellerGroup]
    total: Money
    currency: str
    country: str
    dropped: list[str]
    ships: bool  # a physical good is in the cart
    has_licences: bool  # a licence is in the cart
    can_check_out: bool  # something to buy and nothing in the way

    @property
    def lines(self) -> list[CartLine]:
        """Every line, group by group."""
        return [line for group in self.groups for line in group.lines]

    @property
    def problems(self) -> list[CartLine]:
        """Lines that cannot be bought as they are."""
        return [line for line in self.lines if line.problem]


def summarize(session: Session, items: list[Any], *, currency: str,
              country: str = "AZ", language: str = "en") -> CartSummary:
    """Price the cart now (the library's rules) and explain it in `language`."""
    priced = price_cart(session, items=items, currency=currency, country=country)
    return CartSummary(
        [_group(group, language) for group in priced.groups], priced.total, priced.currency,
        priced.country, [translate_message(reason) for reason in priced.dropped],
        ships=priced.ships, has_licences=priced.has_licences,
        can_check_out=priced.can_check_out,
    )


def _group(group: PricedGroup, language: str) -> SellerGroup:
    return SellerGroup(group.seller, [_line(line, language) for line in group.lines],
                       group.subtotal, group.shipping, _reason(group.shipping_problem))


def _line(line: PricedLine, language: str) -> CartLine:
    terms = line.offer.terms().describe(language) if line.offer is not None else []
    return CartLine(line.kind, line.item_id, line.product, line.quantity, line.unit_price,
                    line.total, offer=line.offer, terms=terms, problem=_reason(line.problem))


def _reason(problem: Problem | None) -> str | None:
    return None if problem is None else translate_message(problem.message)
