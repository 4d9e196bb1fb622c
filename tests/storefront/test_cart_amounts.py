"""Pay-what-you-want amounts: adding again or the cart's own form changes the amount."""

from __future__ import annotations

from decimal import Decimal

from creative_market.orders import carts
from creative_market.testing.factories import make_music_work, make_offer
from storefront.extensions import db
from tests.storefront.conftest import login, make_account


def _pwyw_offer(app) -> int:
    with app.app_context():
        offer = make_offer(db.session, make_music_work(db.session), price=Decimal("2.00"),
                           pay_what_you_want=True)
        db.session.commit()
        return offer.id


def _flashes(client) -> str:
    return client.get("/cart?lang=en").get_data(as_text=True)


def test_adding_a_licence_again_at_another_amount_changes_it(app):
    offer_id = _pwyw_offer(app)
    client = app.test_client()
    client.post("/cart/add?lang=en", data={"offer_id": offer_id, "amount": "2"})
    assert "Added to your cart." in _flashes(client)
    client.post("/cart/add?lang=en", data={"offer_id": offer_id, "amount": "10"})
    page = _flashes(client)
    assert "Amount changed to ₼10.00." in page
    assert "Added to your cart." not in page
    assert page.count('class="cart-line') == 1
    assert f'id="amount-{offer_id}" type="number" name="amount" min="2.00" step="0.01" ' \
           'value="10.00"' in page
    client.post("/cart/add?lang=en", data={"offer_id": offer_id, "amount": "10.00"})
    assert "This licence is already in your cart." in _flashes(client)


def test_the_cart_form_raises_an_amount_below_the_minimum_so_checkout_opens(app):
    offer_id = _pwyw_offer(app)
    client = app.test_client()
    client.post("/cart/add?lang=en", data={"offer_id": offer_id, "amount": "1.50"})
    page = _flashes(client)
    assert "Pay at least" in page and "Check out" not in page
    client.post("/cart/add?lang=en", data={"offer_id": offer_id, "amount": "3,5"})
    page = _flashes(client)
    assert "Pay at least" not in page and "Check out" in page
    with client.session_transaction() as stored:
        assert stored["cart"] == [{"offer_id": offer_id, "amount": "3.50"}]


def test_the_amount_says_itself_in_the_page_language(app):
    offer_id = _pwyw_offer(app)
    client = app.test_client()
    client.post("/cart/add?lang=en", data={"offer_id": offer_id, "amount": "2"})
    client.post("/cart/add?lang=az", data={"offer_id": offer_id, "amount": "10"})
    page = client.get("/cart?lang=az").get_data(as_text=True)
    assert "10,00\xa0₼" in page and "10.00 AZN" not in page


def test_at_log_in_the_visitors_newer_amount_replaces_the_saved_one(app):
    offer_id = _pwyw_offer(app)
    user = make_account(app)
    with app.app_context():
        carts.save_cart(db.session, user_id=user.id, items=[{"offer_id": offer_id,
                                                             "amount": "2.00"}])
        db.session.commit()
    client = app.test_client()
    client.post("/cart/add?lang=en", data={"offer_id": offer_id, "amount": "12"})
    login(client, user)
    with app.app_context():
        assert carts.load_cart(db.session, user_id=user.id) == [
            {"offer_id": offer_id, "amount": "12.00"}]
