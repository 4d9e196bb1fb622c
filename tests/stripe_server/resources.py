"""Checkout Sessions, connected accounts and transfers as localstripe resources."""

from __future__ import annotations

import time
from typing import Any

from localstripe.errors import UserError
from localstripe.resources import (
    Event,
    PaymentIntent,
    StripeObject,
    random_id,
    store,
    try_convert_to_int,
)
from localstripe.webhooks import schedule_webhook

MIN_EXPIRY_SECONDS = 30 * 60
MAX_EXPIRY_SECONDS = 24 * 60 * 60

# Test payment methods localstripe knows (its canonical test articles).
CARD_OK = "pm_card_visa"
CARD_DECLINED = "pm_card_chargeCustomerFail"


def invalid(message: str, param: str | None = None, code: str = "parameter_invalid") -> UserError:
    """A Stripe-shaped 400 invalid_request_error."""
    contents: dict[str, Any] = {"code": code}
    if param:
        contents["param"] = param
    return UserError(400, message, contents)


def _line_item(index: int, raw: Any) -> dict[str, Any]:
    """Validate one `line_items[i]` with inline `price_data`, as Checkout does."""
    param = f"line_items[{index}]"
    if not isinstance(raw, dict) or not isinstance(raw.get("price_data"), dict):
        raise invalid("Each line item needs price_data (or a price).", param)
    price = raw["price_data"]
    quantity = try_convert_to_int(raw.get("quantity"))
    amount = try_convert_to_int(price.get("unit_amount"))
    name = (price.get("product_data") or {}).get("name")
    if type(quantity) is not int or quantity < 1:
        raise invalid("Quantity must be a positive integer.", f"{param}[quantity]")
    if type(amount) is not int or amount < 0:
        raise invalid(
            "unit_amount must be a non-negative integer in minor units.",
            f"{param}[price_data][unit_amount]",
        )
    if not name:
        raise invalid("Missing required param.", f"{param}[price_data][product_data][name]",
                      code="parameter_missing")
    if not price.get("currency"):
        raise invalid("Missing required param.", f"{param}[price_data][currency]",
                      code="parameter_missing")
    return {
        "id": "li_" + random_id(14),
        "object": "item",
        "description": name,
        "quantity": quantity,
        "currency": price["currency"].lower(),
        "amount_subtotal": amount * quantity,
        "amount_total": amount * quantity,
        "price": {"object": "price", "unit_amount": amount, "currency": price["currency"].lower(),
                  "product_data": price.get("product_data")},
        "metadata": (price.get("product_data") or {}).get("metadata") or {},
    }


def _check_expiry(expires_at: Any, now: int) -> int:
    expires_at = now + MAX_EXPIRY_SECONDS if expires_at is None else try_convert_to_int(expires_at)
    if type(expires_at) is not int or not (
        now + MIN_EXPIRY_SECONDS - 5 <= expires_at <= now + MAX_EXPIRY_SECONDS + 5
    ):
        raise invalid(
            "The `expires_at` timestamp must be between 30 minutes and 24 hours from the "
            "Checkout Session's creation.",
            "expires_at",
        )
    return expires_at


class CheckoutSession(StripeObject):
    """`checkout.session` in payment mode with inline prices, as Stripe Checkout answers."""

    object = "checkout.session"
    _id_prefix = "cs_test_"
    _public_base_url = ""  # set by the app: where the hosted payment page lives

    def __init__(self, mode=None, line_items=None, success_url=None, cancel_url=None,
                 client_reference_id=None, metadata=None, expires_at=None, customer_email=None,
                 payment_intent_data=None, payment_method_types=None, locale=None,
                 currency=None, **kwargs):
        if kwargs:
            raise invalid("Received unknown parameter: " + ", ".join(kwargs), next(iter(kwargs)))
        if mode != "payment":
            raise invalid("This test server supports mode=payment only.", "mode")
        if not success_url:
            raise invalid(
                "Missing required param: success_url.", "success_url", "parameter_missing"
            )
        if not isinstance(line_items, list) or not line_items:
            raise invalid("Missing required param: line_items.", "line_items", "parameter_missing")
        items = [_line_item(i, raw) for i, raw in enumerate(line_items)]
        if len({item["currency"] for item in items}) != 1:
            raise invalid("All line items must be in the same currency.", "line_items")
        now = int(time.time())
        expiry = _check_expiry(expires_at, now)
        super().__init__()
        self.mode = mode
        self.status = "open"
        self.payment_status = "unpaid"
        self.currency = items[0]["currency"]
        self.amount_subtotal = sum(item["amount_subtotal"] for item in items)
        self.amount_total = self.amount_subtotal
        self.client_reference_id = client_reference_id
        self.metadata = metadata or {}
        self.success_url = success_url.replace("{CHECKOUT_SESSION_ID}", self.id)
        self.cancel_url = cancel_url
        self.expires_at = expiry
        self.customer_email = customer_email
        self.customer_details = None
        self.locale = locale
        self.payment_intent = None
        self.payment_method_types = payment_method_types or ["card"]
        self.url = f"{self._public_base_url}/c/pay/{self.id}"
        self._line_items = items
        self._payment_intent_data = payment_intent_data or {}

    def _emit(self, event_type: str) -> None:
        schedule_webhook(Event(event_type, self))

    def _require_open(self) -> None:
        if self.status != "open":
            raise invalid(
                f'Only Checkout Sessions with a status in ["open"] can be changed; this one is '
                f'"{self.status}".', code="checkout_session_not_open")

    @classmethod
    def _api_expire(cls, id, **kwargs):
        """POST /v1/checkout/sessions/{id}/expire."""
        session = cls._api_retrieve(id)
        session._require_open()
        session.status = "expired"
        session._emit("checkout.session.expired")
        return session

    def _pay(self, card: str, email: str | None, delayed: bool = False) -> None:
        """What the hosted page does when the buyer pays: a payment intent, then events."""
        self._require_open()
        data = self._payment_intent_data
        intent = PaymentIntent._api_create(
            amount=self.amount_total, currency=self.currency, payment_method=card,
            metadata={**self.metadata, **(data.get("metadata") or {})},
            confirm=False,
        )
        intent.transfer_group = data.get("transfer_group")
        if not delayed:
            intent._confirm(on_failure_now=intent._report_failure)  # raises 402 if declined
        self.payment_intent = intent.id
        self.status = "complete"
        self.payment_status = "unpaid" if delayed else "paid"
        self.customer_details = {"email": email or self.customer_email, "name": None}
        self._emit("checkout.session.completed")

    def _settle_delayed(self, succeeded: bool) -> None:
        """A delayed payment method (bank debit) settles or fails after completion."""
        if self.status != "complete" or self.payment_status != "unpaid":
            raise invalid("Only completed, unpaid sessions have a delayed payment to settle.")
        if succeeded:
            intent = PaymentIntent._api_retrieve(self.payment_intent)
            intent._confirm(on_failure_now=intent._report_failure)
            self.payment_status = "paid"
            self._emit("checkout.session.async_payment_succeeded")
        else:
            self._emit("checkout.session.async_payment_failed")


class Account(StripeObject):
    """A Connect account (Express) that transfers can reach."""

    object = "account"
    _id_prefix = "acct_"

    def __init__(self, type=None, country=None, email=None, metadata=None, capabilities=None,
                 **kwargs):
        if kwargs:
            raise invalid("Received unknown parameter: " + ", ".join(kwargs), next(iter(kwargs)))
        super().__init__()
        self.type = type or "express"
        self.country = country or "AZ"
        self.email = email
        self.metadata = metadata or {}
        self.charges_enabled = True
        self.payouts_enabled = True


class Transfer(StripeObject):
    """A Connect transfer from the platform balance to a connected account."""

    object = "transfer"
    _id_prefix = "tr_"

    def __init__(self, amount=None, currency=None, destination=None, transfer_group=None,
                 metadata=None, description=None, source_transaction=None, **kwargs):
        if kwargs:
            raise invalid("Received unknown parameter: " + ", ".join(kwargs), next(iter(kwargs)))
        amount = try_convert_to_int(amount)
        if type(amount) is not int or amount < 1:
            raise invalid("Amount must be a positive integer in minor units.", "amount")
        if not currency:
            raise invalid("Missing required param: currency.", "currency", "parameter_missing")
        if not destination or store.get("account:" + str(destination)) is None:
            raise invalid(f"No such destination: '{destination}'", "destination",
                          "resource_missing")
        super().__init__()
        self.amount = amount
        self.currency = currency.lower()
        self.destination = destination
        self.transfer_group = transfer_group
        self.metadata = metadata or {}
        self.description = description
        self.source_transaction = source_transaction
        self.reversed = False
        self.amount_reversed = 0
        schedule_webhook(Event("transfer.created", self))

    @classmethod
    def _api_list_all(cls, url, transfer_group=None, destination=None, limit=None,
                      starting_after=None, **kwargs):
        listing = super()._api_list_all(url, limit=limit, starting_after=starting_after, **kwargs)
        listing._list = [
            t for t in listing._list
            if transfer_group in (None, t.transfer_group) and destination in (None, t.destination)
        ]
        return listing
