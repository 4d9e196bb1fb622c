"""Which payment gateway the app uses: Stripe when STRIPE_SECRET_KEY is set, else offline."""

from __future__ import annotations

from flask import Flask, current_app

from creative_market.orders.payments import PaymentGateway
from storefront.payments.offline import OfflineCheckoutGateway
from storefront.payments.stripe_gateway import StripeGateway

EXTENSION = "payment_gateway"


def make_gateway(config: dict) -> PaymentGateway:
    """Stripe with the configured key (and API base, for a test server), else offline if allowed."""
    if config.get("STRIPE_SECRET_KEY"):
        api_base = config.get("STRIPE_API_BASE", "")
        return StripeGateway(config["STRIPE_SECRET_KEY"], api_base=api_base)
    if not config.get("PAYMENTS_OFFLINE", False):
        raise RuntimeError("No payment gateway: set STRIPE_SECRET_KEY, or PAYMENTS_OFFLINE=true.")
    return OfflineCheckoutGateway()


def init_app(app: Flask) -> None:
    """Put the gateway in app.extensions (tests may replace it there)."""
    app.extensions.setdefault(EXTENSION, make_gateway(app.config))


def gateway() -> PaymentGateway:
    """The app's payment gateway."""
    if EXTENSION not in current_app.extensions:
        init_app(current_app)
    return current_app.extensions[EXTENSION]
