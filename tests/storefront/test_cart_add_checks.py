"""Adding to the cart: unknown ids and bad quantities are refused, quantities capped at stock."""

from __future__ import annotations

import pytest

from creative_market.testing.factories import make_carpet, make_music_work, make_offer, make_seller
from storefront.extensions import db

HTML = {"Accept": "text/html"}


@pytest.fixture
def shop(app):
    """A carpet with 3 in stock, a one-of-a-kind carpet and a licence offer."""
    with app.app_context():
        seller = make_seller(db.session)
        ids = {
            "three": make_carpet(db.session, seller=seller, stock_quantity=3).id,
            "unique": make_carpet(db.session, seller=seller, stock_quantity=1).id,
            "offer": make_offer(db.session, make_music_work(db.session, seller=seller)).id,
        }
        db.session.commit()
    return ids


def _page(client) -> str:
    return client.get("/cart?lang=en").get_data(as_text=True)


@pytest.mark.parametrize(("data", "message"), [
    ({"product_id": 99999}, "That work is not for sale; nothing was added to your cart."),
    ({"offer_id": 99999}, "That licence is not on offer; nothing was added to your cart."),
    ({"quantity": -5}, "Choose a quantity from 1 to 1000."),
    ({"quantity": 999999}, "Choose a quantity from 1 to 1000."),
])
def test_unknown_ids_and_bad_quantities_are_refused_with_a_flash(client, shop, data, message):
    form = {"product_id": shop["three"], **data} if "offer_id" not in data else data
    response = client.post("/cart/add?lang=en", data=form, headers=HTML)
    assert response.status_code == 302
    page = _page(client)
    assert message in page
    assert "Added to your cart." not in page
    assert 'class="cart-line' not in page
    assert client.post("/cart/add?lang=en", data=form).status_code == 400  # no HTML wanted


def test_quantity_is_capped_at_the_stock(client, shop):
    client.post("/cart/add?lang=en", data={"product_id": shop["three"], "quantity": 2},
                headers=HTML)
    client.post("/cart/add?lang=en", data={"product_id": shop["three"], "quantity": 5},
                headers=HTML)
    page = _page(client)
    assert "Only 3 available; your cart now holds 3." in page
    assert 'name="quantity" min="0" max="3" value="3"' in page
    assert "lower the quantity" not in page and 'action="/cart/quantity"' in page


def test_a_one_of_a_kind_work_has_no_quantity_box(client, shop):
    client.post("/cart/add?lang=en", data={"product_id": shop["unique"]}, headers=HTML)
    page = _page(client)
    assert "Added to your cart." in page
    assert 'class="cart-line' in page
    assert 'name="quantity"' not in page and 'action="/cart/quantity"' not in page


def test_a_seller_whose_only_line_is_unavailable_charges_no_shipping(client, app, shop):
    client.post("/cart/add?lang=en", data={"product_id": shop["unique"]}, headers=HTML)
    with app.app_context():
        from creative_market.catalog.models import Product

        db.session.get(Product, shop["unique"]).stock_quantity = 0
        db.session.commit()
    page = _page(client)
    assert "Sold out" in page
    assert 'id="cart-total">₼0.00<' in page
