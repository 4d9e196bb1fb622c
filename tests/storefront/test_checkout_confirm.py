"""Checkout: a total that changed (another address country) is shown and confirmed first."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from creative_market.orders.models import Order
from storefront.extensions import db
from tests.storefront.checkout_steps import fill_cart
from tests.stripe_server.fixtures import app_on_both_databases  # noqa: F401  (the `app` fixture)
from tests.stripe_server.shop import CHECKOUT_FORM


@pytest.fixture
def client(app, shop):
    """A client made after the shop is stocked, so it reads the pages in English."""
    return app.test_client()


def _confirmed_total(page: str) -> str:
    return re.search(r'id="confirmed_total" name="confirmed_total" type="hidden" value="([^"]*)"',
                     page).group(1)


def test_the_checkout_lists_what_is_bought_with_shipping_and_the_total(client, shop):
    fill_cart(client, shop)
    page = client.get("/checkout").get_data(as_text=True)
    assert page.count('class="summary-line"') == 2 and "(Licence: Standard commercial)" in page
    assert "Shipping to Azerbaijan" in page and "(Quba Xalça Evi)" in page
    assert "Total to pay: ₼1,260.00" in page and _confirmed_total(page) == "1260.00"


def test_another_address_country_shows_the_new_total_before_placing_the_order(client, shop,
                                                                               app):
    fill_cart(client, shop)
    seen = _confirmed_total(client.get("/checkout").get_data(as_text=True))
    typed = {**CHECKOUT_FORM, "country": "DE", "city": "Berlin", "confirmed_total": seen}
    answer = client.post("/checkout", data=typed)
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200
    note = re.search(r"Shipping to Germany: ₼([\d,.]+); the total is now ₼([\d,.]+)\. "
                     r"Check and confirm\.", page)
    assert note is not None, page
    shipping, total = (value.replace(",", "") for value in note.groups())
    assert Decimal(total) == 1250 + Decimal(shipping) and total != "1260.00"
    assert _confirmed_total(page) == total
    assert 'value="Berlin"' in page and '<option selected value="DE">Germany</option>' in page
    with app.app_context():
        assert db.session.query(Order).count() == 0  # nothing placed silently
    placed = client.post("/checkout", data={**typed, "confirmed_total": total})
    assert placed.status_code == 303
    with app.app_context():
        order = db.session.query(Order).one()
        assert (str(order.total), order.shipping_country) == (total, "DE")


def test_a_stale_confirmed_total_is_shown_again_not_charged(client, shop, app):
    fill_cart(client, shop)
    answer = client.post("/checkout", data={**CHECKOUT_FORM, "confirmed_total": "1000.00"})
    assert answer.status_code == 200
    assert "The total is now ₼1,260.00. Check and confirm." in answer.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(Order).count() == 0


def test_an_address_country_a_seller_does_not_ship_to_goes_back_to_the_cart(client, shop, app):
    from creative_market.catalog.models import Seller

    with app.app_context():
        db.session.get(Seller, shop.carpet_seller_id).shipping_world = None
        db.session.commit()
    fill_cart(client, shop)
    answer = client.post("/checkout", data={**CHECKOUT_FORM, "country": "DE"})
    assert answer.status_code == 302 and answer.headers["Location"] == "/cart"
    page = client.get("/cart").get_data(as_text=True)
    assert "does not ship" in page and '<option value="DE" selected>Germany</option>' in page
    with app.app_context():
        assert db.session.query(Order).count() == 0
