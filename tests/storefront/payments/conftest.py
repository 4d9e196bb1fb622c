"""Fixtures of the Stripe tests: the test Stripe server and an app configured to use it."""

from tests.stripe_server.fixtures import stripe_app, stripe_server

__all__ = ["stripe_app", "stripe_server"]
