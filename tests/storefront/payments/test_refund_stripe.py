"""Refunds through Stripe: by an administrator, by a seller within the rules, and from the
Stripe dashboard (arriving by webhook). Each runs on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from urllib.parse import parse_qs

import pytest

from creative_market.orders.models import GrantStatus, LineKind, Payment, Refund
from creative_market.orders.state import LineStatus, OrderStatus
from storefront.extensions import db
from tests.storefront.checkout_steps import fill_cart
from tests.storefront.payments.helpers import (
    carpet_state,
    check_out,
    order_of,
    pay_and_deliver,
    staff_client,
)
from tests.stripe_server.fixtures import signed_post, wait_for_events


@pytest.fixture
def paid(stripe_app, stripe_server, shop):
    """A buyer who paid for the carpet and the music licence: (client, reference)."""
    client = stripe_app.test_client()
    fill_cart(client, shop)
    reference, session_id = check_out(client, stripe_server)
    pay_and_deliver(client, stripe_server, session_id)
    stripe_server.new_events()  # transfers and the like: not what these tests look at
    return client, reference


def line_id(order, kind: LineKind) -> int:
    return next(line.id for line in order.lines if line.kind == kind)


def test_admin_refund_goes_to_stripe_once_and_restocks_the_carpet(stripe_app, stripe_server,
                                                                  shop, paid):
    buyer, reference = paid
    assert carpet_state(stripe_app, shop.carpet_id) == (0, 0, "sold_out")
    carpet_line = line_id(order_of(stripe_app, reference), LineKind.PHYSICAL)
    admin = staff_client(stripe_app, "admin")
    response = admin.post(f"/money/orders/{reference}/refund",
                          data={"line_id": carpet_line, "reason": "Damaged in transit"})
    assert response.status_code == 302
    [sent] = [r for r in stripe_server.requests() if r["path"] == "/v1/refunds"]
    assert sent["idempotency_key"] == f"refund-{reference}-{carpet_line}"
    # The carpet (1200) and its seller's shipping (10), in qəpik.
    assert parse_qs(sent["body"])["amount"] == ["121000"]
    assert carpet_state(stripe_app, shop.carpet_id) == (1, 0, "published")
    order = order_of(stripe_app, reference)
    assert order.status == OrderStatus.PARTIALLY_REFUNDED
    # Stripe then reports the refund by webhook: already recorded, nothing doubles.
    [refunded] = wait_for_events(stripe_server, "charge.refunded")
    assert signed_post(buyer, refunded).json["outcome"] == "refund already recorded"
    # Posting the same refund again refunds nothing more.
    again = admin.post(f"/money/orders/{reference}/refund", data={"line_id": carpet_line})
    assert again.status_code == 403
    with stripe_app.app_context():
        assert db.session.query(Refund).count() == 1
    assert len([r for r in stripe_server.requests() if r["path"] == "/v1/refunds"]) == 1


def test_refunding_a_licence_revokes_it(stripe_app, stripe_server, shop, paid):
    buyer, reference = paid
    detail = buyer.get(f"/purchases/{reference}").get_data(as_text=True)
    download = re.search(r'href="(/purchases/download/[^"]+)"', detail).group(1)
    number = re.search(r'class="licence-number">([^<]+)<', detail).group(1)
    order = order_of(stripe_app, reference)
    admin = staff_client(stripe_app, "admin")
    admin.post(f"/money/orders/{reference}/refund",
               data={"line_id": line_id(order, LineKind.LICENCE)})
    order = order_of(stripe_app, reference)
    licence_line = next(line for line in order.lines if line.kind == LineKind.LICENCE)
    assert licence_line.status == LineStatus.REFUNDED
    assert licence_line.grant.status == GrantStatus.REVOKED
    refused = buyer.get(download)
    assert refused.status_code == 400
    assert (f"Licence {number} is revoked; its files cannot be downloaded."
            in refused.get_data(as_text=True))
    assert "Valid licence" not in buyer.get(f"/licences/verify?number={number}").get_data(
        as_text=True)


def test_a_dashboard_refund_arrives_by_webhook_and_is_recorded(stripe_app, stripe_server,
                                                               shop, paid):
    buyer, reference = paid
    with stripe_app.app_context():
        intent = db.session.query(Payment).one().provider_reference
    stripe_server.client().v1.refunds.create(params={"payment_intent": intent})
    [refunded] = wait_for_events(stripe_server, "charge.refunded")
    response = signed_post(buyer, refunded)
    assert response.status_code == 200 and "recorded a refund" in response.json["outcome"]
    order = order_of(stripe_app, reference)
    assert order.status == OrderStatus.REFUNDED
    assert all(line.grant.status == GrantStatus.REVOKED for line in order.lines if line.grant)
    assert carpet_state(stripe_app, shop.carpet_id) == (1, 0, "published")


def test_a_seller_refunds_only_their_own_lines(stripe_app, stripe_server, shop, paid):
    _buyer, reference = paid
    order = order_of(stripe_app, reference)
    musician = staff_client(stripe_app, "seller", seller_id=shop.music_seller_id)
    page = musician.get(f"/money/orders/{reference}/refund").get_data(as_text=True)
    assert "Muğam" in page and "Quba xalçası" not in page
    carpet = musician.post(f"/money/orders/{reference}/refund",
                           data={"line_id": line_id(order, LineKind.PHYSICAL)})
    assert carpet.status_code == 403
    licence = musician.post(f"/money/orders/{reference}/refund",
                            data={"line_id": line_id(order, LineKind.LICENCE)})
    assert licence.status_code == 302
    assert order_of(stripe_app, reference).status == OrderStatus.PARTIALLY_REFUNDED


def test_a_seller_cannot_refund_a_licence_once_downloaded(stripe_app, stripe_server, shop, paid):
    buyer, reference = paid
    detail = buyer.get(f"/purchases/{reference}").get_data(as_text=True)
    buyer.get(re.search(r'href="(/purchases/download/[^"]+)"', detail).group(1))
    musician = staff_client(stripe_app, "seller", seller_id=shop.music_seller_id)
    order = order_of(stripe_app, reference)
    response = musician.post(f"/money/orders/{reference}/refund",
                             data={"line_id": line_id(order, LineKind.LICENCE)})
    assert response.status_code == 403


def test_a_payment_after_the_carpet_went_to_someone_else_is_refunded(stripe_app, stripe_server,
                                                                     shop):
    from datetime import timedelta

    from creative_market.db import utcnow
    from creative_market.orders import services

    late = stripe_app.test_client()
    late.post("/cart/add", data={"product_id": shop.carpet_id, "quantity": 1})
    late_ref, late_session = check_out(late, stripe_server)
    stripe_server.pay(late_session)
    [late_paid] = wait_for_events(stripe_server, "checkout.session.completed")
    with stripe_app.app_context():  # the webhook is delayed past the reservation's end
        services.expire_unpaid_orders(db.session, now=utcnow() + timedelta(hours=2))
        db.session.commit()
    quick = stripe_app.test_client()
    quick.post("/cart/add", data={"product_id": shop.carpet_id, "quantity": 1})
    _quick_ref, quick_session = check_out(quick, stripe_server)
    pay_and_deliver(quick, stripe_server, quick_session)

    response = signed_post(late, late_paid)
    assert "late payment refunded" in response.json["outcome"]
    order = order_of(stripe_app, late_ref)
    assert order.status == OrderStatus.REFUNDED
    [sent] = [r for r in stripe_server.requests() if r["path"] == "/v1/refunds"]
    assert sent["idempotency_key"].startswith("late-stripe-pi_")
    assert carpet_state(stripe_app, shop.carpet_id) == (0, 0, "sold_out")  # the quick buyer's
