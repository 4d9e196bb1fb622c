"""Whether a listing or a licence can be bought as asked: one set of rules for pricing a
cart (`cart_pricing.price_cart`) and for `place_order`, so what the cart promises and what
checkout accepts agree. Each reason is a `Message` an interface can translate.

Stock is checked here only for the cart's explanation; placing an order relies on the
conditional UPDATE that reserves it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from creative_market.catalog.enums import ListingStatus
from creative_market.catalog.licensing import LicenceOffer, OfferStatus
from creative_market.catalog.models import Product
from creative_market.exceptions import NotAvailableError, ValidationError
from creative_market.messages import Message
from creative_market.money import Money

SOLD_OUT = Message("Sold out: someone else bought the last one.")


@dataclass(frozen=True)
class Problem:
    """Why a line cannot be bought: `field` is "availability", "currency" or "amount"."""

    field: str
    message: Message


def goods_problem(product: Product, *, quantity: int, currency: str,
                  check_stock: bool = True) -> Problem | None:
    """Why `quantity` of a physical listing cannot be bought in `currency`, or None."""
    if product.status == ListingStatus.SOLD_OUT:
        return Problem("availability", SOLD_OUT)
    if product.status != ListingStatus.PUBLISHED or not product.is_physical or (
            product.price is None):
        return Problem("availability", Message("This work is no longer for sale."))
    if check_stock and product.available_quantity <= 0:
        return Problem("availability", SOLD_OUT)
    if check_stock and product.available_quantity < quantity:
        return Problem("availability", Message("Only %(count)s left; lower the quantity.",
                                               count=product.available_quantity))
    return _currency_problem(product.currency, currency)


def licence_problem(offer: LicenceOffer, *, price: Decimal, currency: str) -> Problem | None:
    """Why a licence cannot be bought at `price` in `currency`, or None."""
    if offer.status != OfferStatus.ACTIVE or offer.product.status != ListingStatus.PUBLISHED:
        return Problem("availability", Message("This licence is no longer offered."))
    if offer.max_sales is not None and offer.reserved_count + offer.sold_count >= offer.max_sales:
        return Problem("availability", Message("This licence has been sold to someone else."))
    problem = _currency_problem(offer.currency, currency)
    if problem is None and price < offer.price:
        problem = Problem("amount", Message("Pay at least %(price)s for this licence.",
                                            price=Money(offer.price, offer.currency)))
    return problem


def _currency_problem(listed: str, currency: str) -> Problem | None:
    # One currency per order, no conversion: a listing in another currency is refused.
    if listed == currency:
        return None
    return Problem("currency", Message("It is priced in %(currency)s; an order is in one "
                                       "currency, so buy it in a separate order in "
                                       "%(currency)s.", currency=listed))


def raise_problem(problem: Problem | None, *, title: str | None = None) -> None:
    """Raise the domain error for `problem` (naming the work, if given), if there is one."""
    if problem is None:
        return
    message = problem.message
    if title is not None:
        message = Message("'%(title)s': %(reason)s", title=title, reason=problem.message)
    if problem.field == "availability":
        raise NotAvailableError(message)
    raise ValidationError({problem.field: [message]})
