"""The Stripe adapter of the library's payment port: Checkout Sessions, refunds, transfers.

Money crosses into Stripe as integer minor units (`Money.to_minor()`). Every call that
creates something carries an idempotency key derived from what it is for (the order, the
refund, the payout), so a retried request never charges, refunds or pays twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import stripe

from creative_market.db import as_utc, utcnow
from creative_market.exceptions import PaymentError
from creative_market.money import Money
from creative_market.orders.models import Order
from creative_market.orders.payments import PaymentStart, RefundReceipt

log = logging.getLogger(__name__)

# Stripe refuses a Checkout Session that expires sooner than 30 minutes or later than 24 hours.
MIN_SESSION_LIFETIME = timedelta(minutes=31)
MAX_SESSION_LIFETIME = timedelta(hours=23, minutes=59)


def session_expiry(reserved_until: datetime, now: datetime | None = None) -> int:
    """The session's `expires_at`: the reservation's end, kept within Stripe's window."""
    now = as_utc(now or utcnow())
    earliest, latest = now + MIN_SESSION_LIFETIME, now + MAX_SESSION_LIFETIME
    wanted = min(max(as_utc(reserved_until), earliest), latest)
    return int(wanted.timestamp())


def order_line_items(order: Order) -> list[dict[str, Any]]:
    """Checkout line items for an order: one per line, one per seller's shipping charge."""
    items = []
    for line in order.lines:
        unit = Money(line.unit_price, order.currency).to_minor()
        items.append(_price_item(line.title, unit, line.quantity, order.currency,
                                 {"sku": line.sku, "order_line_id": str(line.id)}))
    for charge in order.shipping_charges:
        if charge.amount:
            name = f"Shipping from {charge.seller.display_name}"
            amount = Money(charge.amount, order.currency).to_minor()
            metadata = {"seller_id": str(charge.seller_id)}
            items.append(_price_item(name, amount, 1, order.currency, metadata))
    total = sum(i["price_data"]["unit_amount"] * i["quantity"] for i in items)
    if total != order.total_money.to_minor():
        raise PaymentError(f"Order {order.reference} lines add up to {total} minor units, "
                           f"not its total {order.total_money}; the order cannot be paid as is.")
    return items


def _price_item(name: str, unit_amount: int, quantity: int, currency: str,
                metadata: dict[str, str]) -> dict[str, Any]:
    return {
        "quantity": quantity,
        "price_data": {
            "currency": currency.lower(),
            "unit_amount": unit_amount,
            "product_data": {"name": name[:250], "metadata": metadata},
        },
    }


@dataclass
class StripeGateway:
    """Takes payments with Stripe Checkout, refunds them and pays sellers by Connect transfer."""

    secret_key: str
    api_base: str = ""
    name: str = "stripe"

    def client(self) -> stripe.StripeClient:
        """A StripeClient for this key (and test server, when `api_base` is set)."""
        options: dict[str, Any] = {"max_network_retries": 2}
        if self.api_base:
            options["base_addresses"] = {"api": self.api_base.rstrip("/")}
        return stripe.StripeClient(self.secret_key, **options)

    def start_payment(self, *, order_reference: str, amount: Money, description: str,
                      buyer_email: str, success_url: str, cancel_url: str,
                      order: Order | None = None) -> PaymentStart:
        """Create the order's Checkout Session and return where to send the buyer."""
        params: dict[str, Any] = {
            "mode": "payment",
            "client_reference_id": order_reference,
            "metadata": {"order_reference": order_reference},
            "customer_email": buyer_email,
            "success_url": success_url,
            "cancel_url": cancel_url,
            "payment_intent_data": {
                "transfer_group": order_reference,
                "description": description[:500],
                "metadata": {"order_reference": order_reference},
            },
        }
        if order is not None:
            params["line_items"] = order_line_items(order)
            params["expires_at"] = session_expiry(order.reserved_until)
        else:
            params["line_items"] = [_price_item(description, amount.to_minor(), 1,
                                                amount.currency, {})]
        key = f"checkout-{order_reference}-{amount.to_minor()}"
        session = self._call("create the payment page", lambda c: c.v1.checkout.sessions.create(
            params=params, options={"idempotency_key": key}))
        return PaymentStart(self.name, session.id, session.url)

    def refund(self, *, provider_reference: str, amount: Money,
               idempotency_key: str) -> RefundReceipt:
        """Refund part or all of a payment (a payment intent id); the key refunds once."""
        refund = self._call("refund the payment", lambda c: c.v1.refunds.create(
            params={"payment_intent": provider_reference, "amount": amount.to_minor(),
                    "reason": "requested_by_customer",
                    "metadata": {"idempotency_key": idempotency_key}},
            options={"idempotency_key": idempotency_key}))
        return RefundReceipt(self.name, refund.id, Money.from_minor(refund.amount, amount.currency))

    def transfer_to_seller(self, *, destination_account: str, amount: Money,
                           idempotency_key: str, transfer_group: str | None = None) -> str:
        """Send a seller's share to their connected account; return the transfer id."""
        params: dict[str, Any] = {"amount": amount.to_minor(), "currency": amount.currency.lower(),
                                  "destination": destination_account,
                                  "metadata": {"payout": idempotency_key}}
        if transfer_group:
            params["transfer_group"] = transfer_group
        transfer = self._call("pay the seller", lambda c: c.v1.transfers.create(
            params=params, options={"idempotency_key": idempotency_key}))
        return transfer.id

    def expire_session(self, session_id: str) -> None:
        """Close an open Checkout Session (the buyer cancelled the order)."""
        self._call("close the payment page", lambda c: c.v1.checkout.sessions.expire(session_id))

    def retrieve_session(self, session_id: str) -> stripe.checkout.Session:
        """Read a Checkout Session back from Stripe."""
        return self._call("read the payment", lambda c: c.v1.checkout.sessions.retrieve(session_id))

    def _call(self, doing: str, call):
        """Run one Stripe call; turn Stripe's errors into PaymentError with the reason."""
        try:
            return call(self.client())
        except stripe.StripeError as error:
            message = error.user_message or str(error) or type(error).__name__
            log.warning("Stripe could not %s: %s", doing, message)
            raise PaymentError(f"The payment provider could not {doing}: {message}") from error
