"""The Stripe webhook: verified, each event handled once, tolerant of order and repetition.

Stripe signs each delivery; a request whose signature does not verify (wrong secret,
tampered body, older than five minutes) gets 400 and a log line. Each event id is claimed
in the same transaction as its effects, so a duplicate gets 200 and changes nothing, and a
failure rolls the claim back so Stripe's retry is handled afresh. An event that arrives
before the state it needs (a refund before the payment it refunds) gets 409 and is not
claimed: Stripe retries it later, by which time the payment is in.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

import stripe
from flask import current_app, jsonify, request

from creative_market.exceptions import CreativeMarketError, NotFoundError
from creative_market.money import Money
from creative_market.orders import services, settlement
from creative_market.orders.events import claim_event
from creative_market.orders.models import Order
from storefront.extensions import db
from storefront.payments import flow
from storefront.payments.gateways import gateway

log = logging.getLogger(__name__)
PROVIDER = "stripe"


class RetryLater(Exception):
    """The event needs state that has not arrived yet; answer 409 so Stripe retries."""


def _session_order(obj: dict[str, Any]) -> Order:
    reference = obj.get("client_reference_id") or (obj.get("metadata") or {}).get(
        "order_reference")
    if not reference:
        raise NotFoundError(f"Checkout Session {obj.get('id')} names no order.")
    return flow.lock_order(db.session, reference)


def session_paid(obj: dict[str, Any]) -> str:
    """checkout.session.completed (when paid) and async_payment_succeeded: record payment."""
    if obj.get("payment_status") != "paid":
        return "completed; the payment is still on its way (delayed method)"
    order = _session_order(obj)
    if not obj.get("payment_intent"):
        raise RetryLater(f"Session {obj.get('id')} is paid but names no payment intent yet.")
    amount = Money.from_minor(int(obj["amount_total"]), obj["currency"].upper())
    return settlement.settle_payment(db.session, order=order, provider=PROVIDER,
                                     provider_reference=obj["payment_intent"], amount=amount,
                                     gateway=gateway())


def session_closed(obj: dict[str, Any]) -> str:
    """checkout.session.expired and async_payment_failed: release the reservation."""
    order = _session_order(obj)
    return flow.release_order(db.session, order=order,
                              reason=f"Stripe Checkout Session {obj.get('id')} ended unpaid")


def charge_refunded(obj: dict[str, Any]) -> str:
    """charge.refunded: record refunds made outside the app (the Stripe dashboard)."""
    if not obj.get("payment_intent"):
        return "charge without a payment intent: not a Checkout payment of ours"
    payment = services.find_payment(db.session, provider=PROVIDER,
                                     provider_reference=obj["payment_intent"])
    if payment is None:  # Stripe stops retrying after three days: then it was never ours
        raise RetryLater(f"No payment recorded yet for {obj.get('payment_intent')}.")
    order = payment.order
    refunded = Money.from_minor(int(obj.get("amount_refunded") or 0), order.currency).amount
    return settlement.record_outside_refund(
        db.session, order=order, refunded_total=refunded,
        key=f"stripe-{obj.get('id')}-{obj.get('amount_refunded')}",
        reason="Refunded in the Stripe dashboard")


HANDLERS: dict[str, Callable[[dict[str, Any]], str]] = {
    "checkout.session.completed": session_paid,
    "checkout.session.async_payment_succeeded": session_paid,
    "checkout.session.async_payment_failed": session_closed,
    "checkout.session.expired": session_closed,
    "charge.refunded": charge_refunded,
}


def _verified_event() -> dict[str, Any] | None:
    payload = request.get_data()
    secret = current_app.config.get("STRIPE_WEBHOOK_SECRET") or ""
    try:
        stripe.Webhook.construct_event(payload, request.headers.get("Stripe-Signature"), secret)
    except (ValueError, stripe.SignatureVerificationError) as error:
        log.warning("Rejected a Stripe webhook from %s: %s", request.remote_addr, error)
        return None
    return json.loads(payload)


def stripe_webhook():
    """POST /payments/stripe/webhook: verify, claim the event id, handle, answer."""
    event = _verified_event()
    if event is None:
        return jsonify({"error": "invalid signature"}), 400
    handler = HANDLERS.get(event.get("type", ""))
    if handler is None:
        return jsonify({"status": "ignored"})
    obj = event.get("data", {}).get("object", {})
    claim = claim_event(db.session, provider=PROVIDER, event_id=event["id"],
                        event_type=event["type"], order_reference=obj.get("client_reference_id"))
    if claim is None:
        db.session.rollback()
        return jsonify({"status": "duplicate"})
    try:
        claim.outcome = handler(obj)[:300]
    except RetryLater as error:
        db.session.rollback()
        log.info("Stripe event %s deferred: %s", event["id"], error)
        return jsonify({"status": "retry later", "reason": str(error)}), 409
    except CreativeMarketError as error:
        # A permanent refusal (no such order, an impossible transition): remember the event
        # as seen so Stripe stops retrying, and leave the reason for the administrators.
        db.session.rollback()
        log.warning("Stripe event %s could not be applied: %s", event["id"], error.message)
        claim = claim_event(db.session, provider=PROVIDER, event_id=event["id"],
                            event_type=event["type"])
        if claim is not None:
            claim.outcome = f"not applied: {error.message}"[:300]
        db.session.commit()
        return jsonify({"status": "not applied", "reason": error.message})
    db.session.commit()
    if claim.outcome.endswith(" paid"):
        flow.after_payment(claim.order_reference or obj.get("client_reference_id"))
    return jsonify({"status": "processed", "outcome": claim.outcome})
