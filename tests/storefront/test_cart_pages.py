"""Cart pages: a fixed number of SQL statements, whatever the number of lines."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creative_market.testing.factories import make_carpet, make_music_work, make_offer, make_seller
from storefront.extensions import db
from tests.storefront.conftest import count_queries
from tests.stripe_server.fixtures import app_on_both_databases  # noqa: F401  (the `app` fixture)


def _cart_with(app, sellers: int) -> object:
    client = app.test_client()
    with app.app_context():
        items = []
        for _ in range(sellers):
            seller = make_seller(db.session)
            carpet = make_carpet(db.session, seller=seller, stock_quantity=3)
            offer = make_offer(db.session, make_music_work(db.session, seller=seller))
            items.append((carpet.id, offer.id))
        db.session.commit()
    for carpet_id, offer_id in items:
        client.post("/cart/add", data={"product_id": carpet_id, "quantity": 2})
        client.post("/cart/add", data={"offer_id": offer_id})
    return client


def test_cart_page_statement_count_does_not_grow_with_lines(app):
    small, large = _cart_with(app, 1), _cart_with(app, 5)
    with count_queries(app) as few:
        assert small.get("/cart").status_code == 200
    with count_queries(app) as many:
        page = large.get("/cart")
    assert page.status_code == 200 and page.get_data(as_text=True).count('class="cart-line') == 10
    assert len(many) == len(few) <= 3  # products, offers (sellers joined), SQLite's BEGIN


def test_quantity_changes_and_removal(app):
    client = _cart_with(app, 1)
    with app.app_context():
        from creative_market.catalog.models import Carpet

        carpet_id = db.session.query(Carpet.id).scalar()
    client.post("/cart/quantity?lang=en", data={"product_id": carpet_id, "quantity": 5})
    page = client.get("/cart?lang=en").get_data(as_text=True)
    assert "Only 3 available; your cart now holds 3." in page
    assert 'name="quantity" min="0" max="3" value="3"' in page
    assert "lower the quantity" not in page and "Check out" in page
    client.post("/cart/quantity", data={"product_id": carpet_id, "quantity": 0})
    page = client.get("/cart?lang=en").get_data(as_text=True)
    assert page.count('class="cart-line') == 1
    client.post("/cart/remove", data={"kind": "offer", "item_id": 1})
    assert "Your cart is empty." in client.get("/cart?lang=en").get_data(as_text=True)


def test_bad_cart_input_is_a_clear_400(app):
    client = app.test_client()
    assert client.post("/cart/add", data={"product_id": "many"}).status_code == 400
    assert client.post("/cart/remove", data={"kind": "x", "item_id": 1}).status_code == 400


def test_pay_what_you_want_licences_carry_the_amount_to_the_order(app):
    from creative_market.orders.models import OrderLine

    with app.app_context():
        track = make_music_work(db.session)
        offer = make_offer(db.session, track, price=Decimal("2.00"), pay_what_you_want=True)
        db.session.commit()
        offer_id = offer.id
    client = app.test_client()
    client.post("/cart/add", data={"offer_id": offer_id, "amount": "1.50"})
    page = client.get("/cart?lang=en").get_data(as_text=True)
    assert "Pay at least 2.00 AZN for this licence." in page
    client.post("/cart/remove", data={"kind": "offer", "item_id": offer_id})
    client.post("/cart/add", data={"offer_id": offer_id, "amount": "7,5"})
    response = client.post("/checkout", data={"buyer_name": "Aysel", "buyer_email": "a@example.az",
                                              "buyer_country": "AZ", "licensee_name": "Aysel"})
    assert response.status_code == 303
    with app.app_context():
        assert db.session.query(OrderLine.unit_price).scalar() == Decimal("7.50")
    wrong = client.post("/cart/add", data={"offer_id": offer_id, "amount": "lots"})
    assert wrong.status_code == 400


def test_country_form_never_redirects_off_site(app):
    client = app.test_client()
    for target in ("https://evil.example/x", "//evil.example/x", "/\\evil.example"):
        answer = client.post("/cart/country", data={"country": "TR", "next": target})
        assert answer.status_code == 302 and answer.headers["Location"] == "/cart"
    answer = client.post("/cart/country", data={"country": "TR", "next": "/checkout"})
    assert answer.headers["Location"] == "/checkout"


def test_ids_beyond_the_database_range_are_refused_at_input(app):
    client = app.test_client()
    for bad in ("99999999999999999999999", "0", "-3", str(2**31)):
        assert client.post("/cart/add", data={"product_id": bad}).status_code == 400
        assert client.post("/cart/add", data={"offer_id": bad}).status_code == 400
    assert client.get("/cart").status_code == 200


def test_a_stored_cart_with_invalid_items_is_explained_not_a_500(app):
    client = _cart_with(app, 1)
    with client.session_transaction() as stored:
        stored["cart"] = [*stored["cart"], {"product_id": 99999999999999999999999, "quantity": 1},
                          {"offer_id": "x"}, {"product_id": 5, "quantity": 10**30}, "junk"]
    page = client.get("/cart?lang=en")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and text.count('class="cart-line') == 2
    assert "A cart line with an invalid product id was removed." in text
    assert "A cart line with an invalid offer id was removed." in text
    assert "A cart line with an invalid quantity (1 to 1000) was removed." in text
    assert "An unreadable cart line was removed." in text
    assert client.get("/checkout?lang=en").status_code == 200
    with client.session_transaction() as stored:
        assert len(stored["cart"]) == 2  # explained once, then dropped from the cookie


@pytest.mark.parametrize(("language", "amount", "shipping"), [
    ("az", "Bu lisenziya üçün ən azı 2,00\xa0₼ ödəyin.", "bu ünvana çatdırmır (zona: dünya)."),
    ("ru", "За эту лицензию заплатите не меньше 2,00\xa0₼.",
     "не доставляет по этому адресу (зона: весь мир)."),
])
def test_the_reasons_a_cart_cannot_be_bought_read_in_the_interface_language(
        app, language, amount, shipping):
    with app.app_context():
        carpet = make_carpet(db.session, seller=make_seller(db.session, shipping_world=None))
        offer = make_offer(db.session, make_music_work(db.session), price=Decimal("2.00"),
                           pay_what_you_want=True)
        db.session.commit()
        carpet_id, offer_id = carpet.id, offer.id
    client = app.test_client()
    client.post("/cart/add", data={"product_id": carpet_id})
    client.post("/cart/add", data={"offer_id": offer_id, "amount": "1.50"})
    client.post("/cart/country", data={"country": "DE"})
    page = client.get(f"/cart?lang={language}").get_data(as_text=True)
    assert amount in page and shipping in page
    assert "Pay at least" not in page and "does not ship" not in page and "AZN" not in page
    assert "Check out" not in page and 'href="/checkout"' not in page
