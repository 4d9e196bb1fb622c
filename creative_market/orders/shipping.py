"""Shipping by zone from each seller's flat-rate profile: domestic, CIS/neighbours, world."""

from __future__ import annotations

from decimal import Decimal

from creative_market.catalog.models import Seller
from creative_market.exceptions import NotAvailableError, ValidationError
from creative_market.orders.models import ShippingZone

DOMESTIC_COUNTRY = "AZ"
# Neighbours and CIS members (past and present): the one list the CIS zone is built from.
CIS_AND_NEIGHBOUR_COUNTRIES = frozenset(
    {"AM", "BY", "GE", "IR", "KG", "KZ", "MD", "RU", "TJ", "TM", "TR", "UA", "UZ"}
)


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
    rate = {
        ShippingZone.DOMESTIC: seller.shipping_domestic,
        ShippingZone.CIS: seller.shipping_cis,
        ShippingZone.WORLD: seller.shipping_world,
    }[zone]
    if rate is None:
        raise NotAvailableError(
            f"{seller.display_name} does not ship to this destination ({zone.value} zone)."
        )
    if seller.shipping_currency != currency:
        raise ValidationError(
            {"currency": [f"{seller.display_name} charges shipping in "
                          f"{seller.shipping_currency}; place this order in that currency."]}
        )
    return rate
