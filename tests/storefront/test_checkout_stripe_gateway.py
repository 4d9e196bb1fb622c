"""The Stripe adapter's own rules, without a server: expiry window and error translation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from creative_market.exceptions import PaymentError
from creative_market.money import Money
from storefront.payments.stripe_gateway import StripeGateway, session_expiry

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(("reserved_for", "expected"), [
    (timedelta(minutes=15), timedelta(minutes=31)),   # Stripe's minimum is 30 minutes
    (timedelta(minutes=45), timedelta(minutes=45)),   # the reservation itself
    (timedelta(days=3), timedelta(hours=23, minutes=59)),  # Stripe's maximum is 24 hours
])
def test_session_expiry_follows_the_reservation_within_stripes_window(reserved_for, expected):
    assert session_expiry(NOW + reserved_for, now=NOW) == int((NOW + expected).timestamp())


def test_an_unreachable_stripe_is_a_payment_error_with_the_reason():
    gateway = StripeGateway("sk_test_x", api_base="http://127.0.0.1:9")  # nothing listens
    with pytest.raises(PaymentError, match="could not refund the payment"):
        gateway.refund(provider_reference="pi_x", amount=Money("1.00"), idempotency_key="k")
