"""The payment port: what the library needs from a payment provider, and an offline one.

The library never talks to Stripe. The storefront supplies an adapter that satisfies
`PaymentGateway` (Stripe Checkout), and development and tests use `OfflineGateway`.
Money crosses the port as `Money`; an adapter converts to integer minor units itself
(`Money.to_minor()`).

Flow: `start_payment` -> the buyer pays at `redirect_url` -> the provider notifies the
storefront -> the storefront calls `orders.services.record_payment(session, order=...,
provider=gateway.name, provider_reference=..., amount=...)` and commits.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from creative_market.money import Money

if TYPE_CHECKING:
    from creative_market.orders.models import Order


@dataclass(frozen=True)
class PaymentStart:
    """A payment begun at the provider: where to send the buyer, and how to recognise it."""

    provider: str
    provider_reference: str  # e.g. the Stripe Checkout Session id
    redirect_url: str


@dataclass(frozen=True)
class RefundReceipt:
    """The provider's acknowledgement of a refund."""

    provider: str
    provider_reference: str
    amount: Money


@runtime_checkable
class PaymentGateway(Protocol):
    """Takes and refunds buyers' money. `name` is the `provider` recorded on payments."""

    name: str

    def start_payment(
        self,
        *,
        order_reference: str,
        amount: Money,
        description: str,
        buyer_email: str,
        success_url: str,
        cancel_url: str,
        order: Order | None = None,
    ) -> PaymentStart:
        """Begin paying `amount` for an order; return the redirect URL and provider reference.

        `order`, when given, lets a gateway itemise the payment page and match its expiry to
        the reservation; a gateway may ignore it.
        """
        ...

    def refund(
        self, *, provider_reference: str, amount: Money, idempotency_key: str
    ) -> RefundReceipt:
        """Refund `amount` of the payment `provider_reference`; the same key refunds once."""
        ...


@runtime_checkable
class SupportsSellerTransfers(Protocol):
    """Optional capability: pay a seller's share out to their connected account."""

    def transfer_to_seller(
        self,
        *,
        destination_account: str,
        amount: Money,
        idempotency_key: str,
        transfer_group: str | None = None,
    ) -> str:
        """Transfer `amount` to a seller's account; return the provider's transfer id.

        `transfer_group` ties the transfer to the order's payment (Stripe's transfer_group).
        """
        ...


@dataclass
class OfflineGateway:
    """An in-process gateway for development and tests: records calls, moves no money."""

    name: str = "offline"
    base_url: str = "http://localhost/offline-pay"
    payments: dict[str, Money] = field(default_factory=dict)
    refunds: dict[str, RefundReceipt] = field(default_factory=dict)
    transfers: dict[str, tuple[str, Money]] = field(default_factory=dict)

    def start_payment(
        self,
        *,
        order_reference: str,
        amount: Money,
        description: str,
        buyer_email: str,
        success_url: str,
        cancel_url: str,
        order: Order | None = None,
    ) -> PaymentStart:
        """Return a fake provider reference and a URL of the offline pay page."""
        reference = f"off_{secrets.token_hex(8)}"
        self.payments[reference] = amount
        return PaymentStart(self.name, reference, f"{self.base_url}/{reference}?next={success_url}")

    def refund(
        self, *, provider_reference: str, amount: Money, idempotency_key: str
    ) -> RefundReceipt:
        """Record a refund once per idempotency key."""
        if idempotency_key not in self.refunds:
            receipt = RefundReceipt(self.name, f"offre_{secrets.token_hex(8)}", amount)
            self.refunds[idempotency_key] = receipt
        return self.refunds[idempotency_key]

    def transfer_to_seller(
        self,
        *,
        destination_account: str,
        amount: Money,
        idempotency_key: str,
        transfer_group: str | None = None,
    ) -> str:
        """Record a transfer once per idempotency key and return its id."""
        if idempotency_key not in self.transfers:
            self.transfers[idempotency_key] = (destination_account, amount)
        return f"offtr_{idempotency_key}"
