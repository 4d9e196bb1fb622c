"""Purchases are private: listed and shown to the account or browser that placed them."""

from __future__ import annotations

import re

from creative_market.orders import queries
from storefront.extensions import db
from tests.storefront.checkout_steps import fill_cart
from tests.storefront.conftest import login, make_account
from tests.stripe_server.fixtures import app_on_both_databases  # noqa: F401  (the `app` fixture)
from tests.stripe_server.shop import CHECKOUT_FORM


def test_orders_are_shown_to_their_buyer_only(app, shop):
    buyer = make_account(app)
    client = app.test_client()
    login(client, buyer)
    client.post("/cart/add", data={"offer_id": shop.offer_id})
    url = client.post("/checkout", data=CHECKOUT_FORM).headers["Location"]
    reference = re.search(r"/test-pay/([^?]+)", url).group(1)
    assert reference in client.get("/purchases").get_data(as_text=True)

    # Someone who signs up with the same address sees nothing of it.
    squatter = make_account(app, email="leyla@example.az")
    other = app.test_client()
    login(other, squatter)
    assert reference not in other.get("/purchases").get_data(as_text=True)
    assert other.get(f"/purchases/{reference}").status_code == 404
    assert other.get(f"/payments/test-pay/{reference}").status_code == 404

    # The buyer's own account sees it from another browser.
    again = app.test_client()
    login(again, buyer)
    assert again.get(f"/purchases/{reference}").status_code == 200


def test_unknown_licence_numbers_are_explained(client):
    page = client.get("/licences/verify?number=LIC-NOPE&lang=en")
    assert page.status_code == 404 and b"No licence has the number LIC-NOPE" in page.data


def test_a_returning_buyer_finds_the_last_address_and_licensee_filled_in(app, shop):
    buyer = make_account(app)
    client = app.test_client()
    login(client, buyer)
    fill_cart(client, shop)
    assert client.post("/checkout", data=CHECKOUT_FORM).status_code == 303
    client.post("/cart/add", data={"offer_id": shop.offer_id})
    page = client.get("/checkout").get_data(as_text=True)
    assert 'name="licensee_name" type="text" value="Leyla Məmmədova"' in page  # as last time
    assert 'name="line1"' not in page  # nothing ships this time: no address asked
    with app.app_context():
        last = queries.last_checkout_details(db.session, user_id=buyer.id)
    assert (last["line1"], last["city"], last["licensee_company"]) == (
        "Nizami küçəsi 10", "Bakı", "Leyla Studio")
