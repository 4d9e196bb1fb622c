"""Stripe end to end through the real `stripe` library and the test Stripe server.

Each test runs on SQLite and on PostgreSQL. Events come from the test server (it signs and
could deliver them itself); here they are posted to the webhook, signed with
`stripe.WebhookSignature.generate_signature_header`, so that each test decides the order.
"""

from __future__ import annotations

import json
import re
import time
from urllib.parse import parse_qs

import pytest

from creative_market.catalog.models import Product, Seller
from creative_market.orders.events import ProcessedWebhookEvent
from creative_market.orders.models import Payment
from creative_market.orders.state import PAID_STATES, LineStatus, OrderStatus
from storefront.extensions import db
from tests.storefront.checkout_steps import fill_cart
from tests.storefront.payments.helpers import check_out, order_of, pay_and_deliver
from tests.stripe_server.fixtures import signed_post, wait_for_events


@pytest.fixture
def buyer(stripe_app, shop):
    client = stripe_app.test_client()
    fill_cart(client, shop)
    return client


def carpet_counts(app, shop) -> tuple[int, int]:
    with app.app_context():
        carpet = db.session.get(Product, shop.carpet_id)
        return carpet.stock_quantity, carpet.reserved_quantity


def test_checkout_session_is_built_from_the_order(stripe_app, stripe_server, buyer):
    reference, session_id = check_out(buyer, stripe_server)
    order = order_of(stripe_app, reference)
    session = stripe_server.client().v1.checkout.sessions.retrieve(session_id)
    assert session.amount_total == order.total_money.to_minor() == 126000
    assert session.currency == "azn" and session.metadata["order_reference"] == reference
    [sent] = [r for r in stripe_server.requests() if r["path"] == "/v1/checkout/sessions"]
    form = parse_qs(sent["body"])
    assert form["line_items[0][price_data][unit_amount]"] == ["120000"]
    assert form["line_items[0][quantity]"] == ["1"]
    assert form["client_reference_id"] == [reference]
    assert form["payment_intent_data[transfer_group]"] == [reference]
    assert sent["idempotency_key"] == f"checkout-{reference}-126000"
    lifetime = int(form["expires_at"][0]) - time.time()
    assert 30 * 60 <= lifetime <= 24 * 3600
    assert form["success_url"][0].endswith(f"/checkout/{reference}/done")


def test_paid_only_after_the_webhook_records_it(stripe_app, stripe_server, buyer, shop):
    reference, session_id = check_out(buyer, stripe_server)
    stripe_server.pay(session_id)
    waiting = buyer.get(f"/checkout/{reference}/done").get_data(as_text=True)
    assert "Waiting for the payment" in waiting and 'http-equiv="refresh"' in waiting
    [completed] = wait_for_events(stripe_server, "checkout.session.completed")
    response = signed_post(buyer, completed)
    assert response.status_code == 200 and response.json["status"] == "processed"
    assert b"Payment received" in buyer.get(f"/checkout/{reference}/done").data
    order = order_of(stripe_app, reference)
    assert OrderStatus(order.status) in PAID_STATES
    assert carpet_counts(stripe_app, shop) == (0, 0)


def test_signatures_that_do_not_verify_get_400(stripe_app, stripe_server, buyer, caplog):
    reference, session_id = check_out(buyer, stripe_server)
    stripe_server.pay(session_id)
    [completed] = wait_for_events(stripe_server, "checkout.session.completed")
    assert signed_post(buyer, completed, tamper=True).status_code == 400
    assert signed_post(buyer, completed, timestamp=int(time.time()) - 3600).status_code == 400
    assert signed_post(buyer, completed, secret="whsec_wrong").status_code == 400
    unsigned = buyer.post("/payments/stripe/webhook", data=json.dumps(completed))
    assert unsigned.status_code == 400
    assert "Rejected a Stripe webhook" in caplog.text
    assert order_of(stripe_app, reference).status == OrderStatus.PENDING_PAYMENT


def test_a_duplicated_event_is_processed_once(stripe_app, stripe_server, buyer, shop):
    _reference, session_id = check_out(buyer, stripe_server)
    completed = pay_and_deliver(buyer, stripe_server, session_id)
    again = signed_post(buyer, completed)
    assert again.status_code == 200 and again.json["status"] == "duplicate"
    with stripe_app.app_context():
        assert db.session.query(Payment).count() == 1
        assert db.session.query(ProcessedWebhookEvent).count() == 1
    # One confirmation for the buyer, one shipping notice for the carpet's seller.
    outbox = stripe_app.extensions["mail"].outbox
    with stripe_app.app_context():
        weaver = db.session.get(Seller, shop.carpet_seller_id).contact_email
    assert sorted(mail.to for mail in outbox) == sorted(["leyla@example.az", weaver])


def test_a_second_event_for_the_same_payment_sends_no_second_mail(stripe_app, stripe_server,
                                                                   buyer, shop):
    # Another event (another id) reporting the paid session again changes nothing.
    _reference, session_id = check_out(buyer, stripe_server)
    completed = pay_and_deliver(buyer, stripe_server, session_id)
    mails = len(stripe_app.extensions["mail"].outbox)
    echo = {**completed, "id": completed["id"] + "_echo",
            "type": "checkout.session.async_payment_succeeded"}
    answer = signed_post(buyer, echo)
    assert answer.json["status"] == "processed"
    assert answer.json["outcome"].endswith("was paid before; nothing changed")
    assert len(stripe_app.extensions["mail"].outbox) == mails
    with stripe_app.app_context():
        assert db.session.query(Payment).count() == 1


def test_events_out_of_order(stripe_app, stripe_server, buyer):
    reference, session_id = check_out(buyer, stripe_server)
    stripe_server.pay(session_id)
    [completed] = wait_for_events(stripe_server, "checkout.session.completed")
    intent = stripe_server.client().v1.checkout.sessions.retrieve(session_id).payment_intent
    stripe_server.client().v1.refunds.create(params={"payment_intent": intent})
    [refunded] = wait_for_events(stripe_server, "charge.refunded")
    # The refund arrives before the payment it refunds: 409, not remembered, retried later.
    early = signed_post(buyer, refunded)
    assert early.status_code == 409
    assert signed_post(buyer, completed).json["status"] == "processed"
    retried = signed_post(buyer, refunded)
    assert retried.status_code == 200 and retried.json["status"] == "processed"
    order = order_of(stripe_app, reference)
    assert order.status == OrderStatus.REFUNDED
    assert {line.status for line in order.lines} == {LineStatus.REFUNDED}


def test_an_expired_checkout_session_releases_the_stock(stripe_app, stripe_server, buyer, shop):
    reference, session_id = check_out(buyer, stripe_server)
    assert carpet_counts(stripe_app, shop) == (1, 1)
    stripe_server.client().v1.checkout.sessions.expire(session_id)
    [expired] = wait_for_events(stripe_server, "checkout.session.expired")
    assert signed_post(buyer, expired).status_code == 200
    assert carpet_counts(stripe_app, shop) == (1, 0)
    assert order_of(stripe_app, reference).status == OrderStatus.CANCELLED


def test_a_declined_card_keeps_the_hold_until_the_session_ends(stripe_app, stripe_server, buyer,
                                                                shop):
    reference, session_id = check_out(buyer, stripe_server)
    declined = stripe_server.pay(session_id, outcome="declined")
    assert declined["status"] == 402 and declined["error"]["code"] == "card_declined"
    types = [e["type"] for e in stripe_server.new_events()]
    assert "checkout.session.completed" not in types
    order = order_of(stripe_app, reference)
    assert order.status == OrderStatus.PENDING_PAYMENT and order.paid_at is None
    assert carpet_counts(stripe_app, shop) == (1, 1)  # still held: the buyer may try again
    with stripe_app.app_context():
        assert db.session.query(Payment).count() == 0
    # A second card works, within the same session.
    pay_and_deliver(buyer, stripe_server, session_id)
    assert OrderStatus(order_of(stripe_app, reference).status) in PAID_STATES
    assert carpet_counts(stripe_app, shop) == (0, 0)


def test_a_delayed_payment_that_fails_releases_the_order(stripe_app, stripe_server, buyer, shop):
    reference, session_id = check_out(buyer, stripe_server)
    stripe_server.pay(session_id, outcome="delayed")
    [completed] = wait_for_events(stripe_server, "checkout.session.completed")
    assert "still on its way" in signed_post(buyer, completed).json["outcome"]
    assert order_of(stripe_app, reference).status == OrderStatus.PENDING_PAYMENT
    stripe_server.settle(session_id, outcome="failed")
    [failed] = wait_for_events(stripe_server, "checkout.session.async_payment_failed")
    assert signed_post(buyer, failed).status_code == 200
    assert order_of(stripe_app, reference).status == OrderStatus.CANCELLED
    assert carpet_counts(stripe_app, shop) == (1, 0)


def test_a_delayed_payment_that_succeeds_pays_the_order(stripe_app, stripe_server, buyer):
    reference, session_id = check_out(buyer, stripe_server)
    stripe_server.pay(session_id, outcome="delayed")
    wait_for_events(stripe_server, "checkout.session.completed")
    stripe_server.settle(session_id, outcome="succeeded")
    [succeeded] = wait_for_events(stripe_server, "checkout.session.async_payment_succeeded")
    assert signed_post(buyer, succeeded).json["status"] == "processed"
    assert OrderStatus(order_of(stripe_app, reference).status) in PAID_STATES


def test_a_payment_for_the_wrong_amount_is_refused(stripe_app, stripe_server, buyer):
    reference, session_id = check_out(buyer, stripe_server)
    stripe_server.pay(session_id)
    [completed] = wait_for_events(stripe_server, "checkout.session.completed")
    completed["data"]["object"]["amount_total"] = 100
    response = signed_post(buyer, completed)
    assert response.status_code == 200 and "refused" in response.json["outcome"]
    order = order_of(stripe_app, reference)
    assert order.status == OrderStatus.PENDING_PAYMENT and order.needs_attention


def test_success_page_is_private_to_the_buyer(stripe_app, stripe_server, buyer):
    reference, _session_id = check_out(buyer, stripe_server)
    stranger = stripe_app.test_client()
    assert stranger.get(f"/checkout/{reference}/done").status_code == 404
    assert re.match(r"CM-\d{4}-\d{6}", reference)


def test_cancelling_closes_the_stripe_page_and_releases_the_carpet(stripe_app, stripe_server,
                                                                   buyer, shop):
    reference, session_id = check_out(buyer, stripe_server)
    buyer.post(f"/checkout/{reference}/cancel")
    assert stripe_server.client().v1.checkout.sessions.retrieve(session_id).status == "expired"
    assert order_of(stripe_app, reference).status == OrderStatus.CANCELLED
    assert carpet_counts(stripe_app, shop) == (1, 0)
    # The session's own expiry event arrives afterwards and changes nothing.
    [expired] = wait_for_events(stripe_server, "checkout.session.expired")
    assert "nothing to release" in signed_post(buyer, expired).json["outcome"]


def test_cancelling_after_paying_is_refused_until_confirmed(stripe_app, stripe_server, buyer,
                                                            shop):
    reference, session_id = check_out(buyer, stripe_server)
    stripe_server.pay(session_id)
    buyer.post(f"/checkout/{reference}/cancel")
    assert order_of(stripe_app, reference).status == OrderStatus.PENDING_PAYMENT
    assert carpet_counts(stripe_app, shop) == (1, 1)
