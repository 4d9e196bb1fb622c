"""Order rules that need no database: zones, references, licence numbers, terms, input."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from creative_market.exceptions import ValidationError
from creative_market.money import Money
from creative_market.orders.licences import add_months
from creative_market.orders.models import ShippingZone, format_reference, new_licence_number
from creative_market.orders.payments import OfflineGateway, PaymentGateway, SupportsSellerTransfers
from creative_market.orders.schemas import PLACE_ORDER_SCHEMA, load_with
from creative_market.orders.shipping import CIS_AND_NEIGHBOUR_COUNTRIES, zone_for_country


def test_zones_seen_from_azerbaijan():
    assert zone_for_country("az") is ShippingZone.DOMESTIC
    assert {zone_for_country(c) for c in ("GE", "RU", "TR", "IR", "KZ")} == {ShippingZone.CIS}
    assert zone_for_country("DE") is ShippingZone.WORLD
    assert "AZ" not in CIS_AND_NEIGHBOUR_COUNTRIES


def test_references_and_licence_numbers():
    assert format_reference(2026, 123) == "CM-2026-000123"
    numbers = {new_licence_number() for _ in range(1000)}
    assert len(numbers) == 1000
    assert all(n.startswith("LIC-") and len(n) == 27 for n in numbers)


def test_adding_months_keeps_to_the_calendar():
    moment = datetime(2026, 1, 31, 10, tzinfo=UTC)
    assert add_months(moment, 1) == datetime(2026, 2, 28, 10, tzinfo=UTC)
    assert add_months(moment, 13) == datetime(2027, 2, 28, 10, tzinfo=UTC)
    assert add_months(datetime(2027, 12, 5, tzinfo=UTC), 2) == datetime(2028, 2, 5, tzinfo=UTC)


def test_order_input_is_checked_field_by_field():
    with pytest.raises(ValidationError) as error:
        load_with(PLACE_ORDER_SCHEMA, {
            "buyer_name": "Aynur", "buyer_email": "aynur@", "currency": "GBP",
            "lines": [{"product_id": 1, "quantity": 0}, {"offer_id": 2, "licensee_name": " "},
                      {"product_id": 1, "offer_id": 2}],
            "shipping_address": {"country": "Azerbaijan"},
        })
    messages = error.value.messages
    assert messages["buyer_email"] == [
        "Email does not look like an e-mail address (name@example.az)."]
    assert "currency" in messages
    assert messages["lines"][0]["quantity"] == ["Quantity must be 1 to 1000."]
    assert "licensee_name" in messages["lines"][1]
    assert messages["shipping_address"]["country"] == [
        "Give a country's two-letter ISO code, e.g. AZ, TR or DE."]
    assert "city" in messages["shipping_address"]


@pytest.mark.parametrize("country", ["ZZ", "XX", "A1", "EU"])
def test_a_country_that_is_not_an_iso_code_is_refused(country):
    address = {"recipient": "Aynur", "line1": "Nizami 1", "city": "Bakı", "country": country}
    with pytest.raises(ValidationError) as error:
        load_with(PLACE_ORDER_SCHEMA, {
            "buyer_name": "Aynur", "buyer_email": "aynur@example.az", "currency": "AZN",
            "lines": [{"product_id": 1}], "shipping_address": address,
        })
    assert "country" in error.value.messages["shipping_address"]


def test_clean_input_loads_with_decimals_and_upper_case_currency():
    data = load_with(PLACE_ORDER_SCHEMA, {
        "buyer_name": "Aynur", "buyer_email": "aynur@example.az", "currency": "azn",
        "lines": [{"offer_id": "4", "licensee_name": "Aynur", "amount": "7.5"}],
    })
    assert data["currency"] == "AZN"
    assert data["lines"][0]["amount"] == Decimal("7.50")


def test_the_offline_gateway_fits_the_port_and_refunds_once_per_key():
    gateway = OfflineGateway()
    assert isinstance(gateway, PaymentGateway) and isinstance(gateway, SupportsSellerTransfers)
    start = gateway.start_payment(order_reference="CM-2026-000001", amount=Money("10", "AZN"),
                                  description="x", buyer_email="a@b.az",
                                  success_url="https://s/ok", cancel_url="https://s/no")
    assert start.provider == "offline" and start.provider_reference in start.redirect_url
    first = gateway.refund(provider_reference=start.provider_reference,
                           amount=Money("10", "AZN"), idempotency_key="k")
    again = gateway.refund(provider_reference=start.provider_reference,
                           amount=Money("10", "AZN"), idempotency_key="k")
    assert first == again and len(gateway.refunds) == 1
