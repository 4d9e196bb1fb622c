"""Shared steps of the Stripe tests: check out, pay, deliver events, read rows back."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from creative_market.accounts.models import Role, User
from creative_market.catalog.models import Product, Seller
from creative_market.orders.models import Order
from storefront.extensions import db
from tests.storefront.conftest import login, make_account
from tests.stripe_server.fixtures import signed_post, wait_for_events
from tests.stripe_server.process import StripeServer
from tests.stripe_server.shop import CHECKOUT_FORM


def check_out(client: FlaskClient, server: StripeServer) -> tuple[str, str]:
    """Place the order in the cart; return (order reference, Checkout Session id)."""
    response = client.post("/checkout", data=CHECKOUT_FORM)
    assert response.status_code == 303, response.get_data(as_text=True)[:1500]
    url = response.headers["Location"]
    assert url.startswith(server.url + "/c/pay/cs_test_")
    session_id = url.rsplit("/", 1)[1]
    reference = server.client().v1.checkout.sessions.retrieve(session_id).client_reference_id
    return reference, session_id


def pay_and_deliver(client: FlaskClient, server: StripeServer, session_id: str) -> dict:
    """The buyer pays on Stripe's page; the completed event reaches the webhook."""
    server.pay(session_id)
    [completed] = wait_for_events(server, "checkout.session.completed")
    response = signed_post(client, completed)
    assert response.status_code == 200, response.json
    return completed


def order_of(app: Flask, reference: str) -> Order:
    """The order with its lines, grants and refunds loaded, detached from the session."""
    with app.app_context():
        order = db.session.query(Order).filter_by(reference=reference).one()
        for line in order.lines:
            line.grant  # noqa: B018  (load before the context closes)
        order.refunds  # noqa: B018
        db.session.expunge_all()
        return order


def carpet_state(app: Flask, carpet_id: int) -> tuple[int, int, str]:
    """(stock, reserved, listing status) of the carpet."""
    with app.app_context():
        carpet = db.session.get(Product, carpet_id)
        return carpet.stock_quantity, carpet.reserved_quantity, str(carpet.status)


def staff_client(app: Flask, role: str, seller_id: int | None = None) -> FlaskClient:
    """A logged-in admin, or a seller account that owns seller `seller_id`."""
    user = make_account(app, Role.BUYER)
    with app.app_context():
        db.session.get(User, user.id).role = Role(role)
        if seller_id is not None:
            db.session.get(Seller, seller_id).user_id = user.id
        db.session.commit()
    client = app.test_client()
    login(client, user)
    return client
