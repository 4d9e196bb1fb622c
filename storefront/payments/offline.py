"""The offline gateway: the embedded default. A clearly labelled test page approves or
declines a payment, and approval goes through the same code path as a Stripe webhook."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from flask import url_for

from creative_market.money import Money
from creative_market.orders.payments import OfflineGateway, PaymentStart


@dataclass
class OfflineCheckoutGateway(OfflineGateway):
    """Sends the buyer to the storefront's own test payment page; moves no money.

    Refunds and transfers are the library's offline ones; only the payment page differs.
    """

    def start_payment(self, *, order_reference: str, amount: Money, description: str,
                      buyer_email: str, success_url: str, cancel_url: str,
                      order: object | None = None) -> PaymentStart:
        """A test payment reference and the URL of the test payment page for the order."""
        reference = f"offpay_{secrets.token_hex(8)}"
        url = url_for("payments.offline_page", reference=order_reference, attempt=reference)
        return PaymentStart(self.name, reference, url)
