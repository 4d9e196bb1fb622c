"""Fixtures of the Stripe tests: the test Stripe server and an app configured to use it."""

import pytest

from tests.stripe_server.fixtures import stripe_app, stripe_server
from tests.stripe_server.shop import Shop, stock_shop

__all__ = ["stripe_app", "stripe_server"]


@pytest.fixture
def shop(stripe_app) -> Shop:
    """The checkout catalogue (a carpet, a music licence) in the Stripe-configured app."""
    return stock_shop(stripe_app)
