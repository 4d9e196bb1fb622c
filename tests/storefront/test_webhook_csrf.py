"""The Stripe webhook is reachable with CSRF protection on, and refuses what it must."""

from __future__ import annotations

import json
import time

import stripe

SECRET = "whsec_csrf_test"


def _post(client, event: dict, secret: str = SECRET):
    payload = json.dumps(event)
    header = stripe.WebhookSignature.generate_signature_header(payload, secret,
                                                               timestamp=int(time.time()))
    return client.post("/payments/stripe/webhook", data=payload,
                       headers={"Stripe-Signature": header, "Content-Type": "application/json"})


def test_signed_events_pass_csrf_and_unknown_orders_are_not_retried(app_factory):
    app = app_factory(csrf=True, STRIPE_WEBHOOK_SECRET=SECRET)
    client = app.test_client()
    event = {"id": "evt_csrf_1", "type": "checkout.session.expired", "created": int(time.time()),
             "data": {"object": {"id": "cs_test_x", "client_reference_id": "CM-2026-999999"}}}
    response = _post(client, event)
    assert response.status_code == 200 and response.json["status"] == "not applied"
    assert "no order CM-2026-999999" in response.json["reason"]
    assert _post(client, event).json["status"] == "duplicate"
    assert _post(client, {**event, "id": "evt_csrf_2"}, secret="whsec_other").status_code == 400


def test_events_we_do_not_handle_are_acknowledged(app_factory):
    client = app_factory(STRIPE_WEBHOOK_SECRET=SECRET).test_client()
    event = {"id": "evt_other", "type": "customer.created", "data": {"object": {}}}
    assert _post(client, event).json == {"status": "ignored"}


def test_the_offline_payment_page_is_gone_when_stripe_is_configured(app_factory):
    client = app_factory(STRIPE_SECRET_KEY="sk_test_x").test_client()
    assert client.get("/payments/test-pay/CM-2026-000001").status_code == 404
