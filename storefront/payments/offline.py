"""The offline gateway: the embedded default. A clearly labelled test page approves or
declines a payment, and approval goes through the same code path as a Stripe webhook."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from flask import url_for

from creative_market.money import Money
from creative_market.orders.payments import PaymentStart, RefundReceipt


@dataclass
class OfflineCheckoutGateway:
    """Sends the buyer to the storefront's own test payment page; moves no money."""

    name: str = "offline"
    refunds: dict[str, RefundReceipt] = field(default_factory=dict)
    transfers: dict[str, tuple[str, Money]] = field(default_factory=dict)

    def start_payment(self, *, order_reference: str, amount: Money, description: str,
                      buyer_email: str, success_url: str, cancel_url: str,
                      order: object | None = None) -> PaymentStart:
        """A test payment reference and the URL of the test payment page for the order."""
        reference = f"offpay_{secrets.token_hex(8)}"
        url = url_for("payments.offline_page", reference=order_reference, attempt=reference)
        return PaymentStart(self.name, reference, url)

    def refund(self, *, provider_reference: str, amount: Money,
               idempotency_key: str) -> RefundReceipt:
        """Acknowledge a refund once per idempotency key."""
        if idempotency_key not in self.refunds:
            receipt = RefundReceipt(self.name, f"offre_{secrets.token_hex(8)}", amount)
            self.refunds[idempotency_key] = receipt
        return self.refunds[idempotency_key]

    def transfer_to_seller(self, *, destination_account: str, amount: Money,
                           idempotency_key: str, transfer_group: str | None = None) -> str:
        """Remember a transfer once per idempotency key and return its id."""
        self.transfers.setdefault(idempotency_key, (destination_account, amount))
        return f"offtr_{idempotency_key}"
