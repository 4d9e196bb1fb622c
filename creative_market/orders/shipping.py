"""Shipping by zone from each seller's flat-rate profile: domestic, CIS/neighbours, world."""

from __future__ import annotations

from decimal import Decimal

from creative_market.catalog.models import Seller
from creative_market.messages import Message
from creative_market.orders.models import ShippingZone
from creative_market.orders.pricing import Problem, raise_problem

DOMESTIC_COUNTRY = "AZ"
# Neighbours and CIS members (past and present): the one list the CIS zone is built from.
CIS_AND_NEIGHBOUR_COUNTRIES = frozenset(
    {"AM", "BY", "GE", "IR", "KG", "KZ", "MD", "RU", "TJ", "TM", "TR", "UA", "UZ"}
)
# How a refusal names the zone (English as before; an interface translates each word).
ZONE_NAMES = {ShippingZone.DOMESTIC: Message("domestic"), ShippingZone.CIS: Message("cis"),
              ShippingZone.WORLD: Message("world")}


def zone_for_country(country: str) -> ShippingZone:
    """The shipping zone of an ISO country code, seen from Azerbaijan."""
    code = country.strip().upper()
    if code == DOMESTIC_COUNTRY:
        return ShippingZone.DOMESTIC
    if code in CIS_AND_NEIGHBOUR_COUNTRIES:
        return ShippingZone.CIS
    return ShippingZone.WORLD


def seller_shipping_rate(seller: Seller, zone: ShippingZone, currency: str) -> Decimal:
    """The seller's flat rate for `zone` in `currency`; refuse zones or currencies it lacks."""
    raise_problem(shipping_problem(seller, zone, currency))
    return _zone_rate(seller, zone)


def shipping_problem(seller: Seller, zone: ShippingZone, currency: str) -> Problem | None:
    """Why the seller cannot ship to `zone` for an order in `currency`, or None."""
    if _zone_rate(seller, zone) is None:
        return Problem("availability", Message(
            "%(seller)s does not ship to this destination (%(zone)s zone).",
            seller=seller.display_name, zone=ZONE_NAMES[zone]))
    if seller.shipping_currency != currency:
        return Problem("currency", Message(
            "%(seller)s charges shipping in %(currency)s; place this order in that currency.",
            seller=seller.display_name, currency=seller.shipping_currency))
    return None


def _zone_rate(seller: Seller, zone: ShippingZone) -> Decimal | None:
    return {
        ShippingZone.DOMESTIC: seller.shipping_domestic,
        ShippingZone.CIS: seller.shipping_cis,
        ShippingZone.WORLD: seller.shipping_world,
    }[zone]
