"""Buying with the offline gateway: cart, checkout, the test payment page, what follows."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from creative_market.catalog.enums import ListingStatus
from creative_market.catalog.models import Product
from creative_market.orders.models import Order, Payment
from creative_market.orders.payouts import PayoutStatus, SellerPayout
from creative_market.orders.state import LineStatus, OrderStatus
from storefront.extensions import db
from tests.storefront.checkout_steps import fill_cart, pay, place, place_and_pay
from tests.stripe_server.fixtures import app_on_both_databases  # noqa: F401  (the `app` fixture)
from tests.stripe_server.shop import CHECKOUT_FORM, TRACK_BYTES


@pytest.fixture
def client(app, shop):
    """A client made after the shop is stocked, so it reads the pages in English."""
    return app.test_client()


def test_cart_groups_lines_by_seller_with_terms_shipping_and_total(client, shop):
    fill_cart(client, shop)
    page = client.get("/cart").get_data(as_text=True)
    assert "From Quba Xalça Evi" in page and "From Muğam Studio" in page
    assert "Standard commercial use." in page  # licence terms of the digital line
    assert "Shipping to Azerbaijan" in page
    # 1200 carpet + 10 domestic shipping + 50 licence
    assert "1,260.00" in page or "1 260,00" in page or "1.260,00" in page


def test_the_shipping_country_is_chosen_from_countries_by_name(client, shop):
    # A typed "Germany" once became "GE" (Georgia) through a two-letter box: now a list.
    fill_cart(client, shop)
    page = client.get("/cart").get_data(as_text=True)
    assert '<option value="DE">Germany</option>' in page
    assert '<option value="AZ" selected>Azerbaijan</option>' in page
    client.post("/cart/country", data={"country": "DE"})
    page = client.get("/cart").get_data(as_text=True)
    assert "Shipping to Germany" in page and '<option value="DE" selected>' in page
    refused = client.post("/cart/country", data={"country": "Germany"}, follow_redirects=True)
    assert "two-letter ISO code" in refused.get_data(as_text=True)
    checkout = client.get("/checkout").get_data(as_text=True)
    assert '<option selected value="DE">Germany</option>' in checkout


def test_countries_follow_the_alphabet_of_the_page(app, shop):
    client = app.test_client()
    fill_cart(client, shop)
    page = client.get("/cart?lang=az").get_data(as_text=True)
    names = re.findall(r'<option value="[A-Z]{2}"(?: selected)?>([^<]+)</option>', page)
    # Azerbaijani order, not code points: Əfqanıstan after Ekvador, Azərbaycan after
    # Almaniya, Şri-Lanka before Zambiya.
    for before, after in (("Ekvador", "Əfqanıstan"), ("Almaniya", "Azərbaycan")):
        assert names.index(before) < names.index(after)
    assert names.index("Zambiya") > names.index("Şri-Lanka")


def test_checkout_asks_only_what_the_order_needs(client, shop):
    client.post("/cart/add", data={"offer_id": shop.offer_id})
    page = client.get("/checkout").get_data(as_text=True)
    assert 'name="licensee_name"' in page and 'name="buyer_email"' in page
    assert 'name="line1"' not in page  # nothing ships, so no address


def test_a_licence_only_order_asks_where_the_buyer_lives(app, client, shop):
    client.post("/cart/add", data={"offer_id": shop.offer_id})
    page = client.get("/checkout").get_data(as_text=True)
    assert 'id="buyer_country" name="buyer_country"' in page
    assert '<option value="TR">Türkiye</option>' in page  # named in the interface language
    form = {**CHECKOUT_FORM, "buyer_country": ""}
    missing = client.post("/checkout", data=form)
    assert missing.status_code == 422
    assert "Choose the country you live in." in missing.get_data(as_text=True)
    tampered = client.post("/checkout", data={**form, "buyer_country": "QQ"})
    assert tampered.status_code == 422
    assert "two-letter ISO code" in tampered.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(Order).count() == 0  # nothing placed, nothing held
    placed = client.post("/checkout", data={**form, "buyer_country": "TR"})
    assert placed.status_code == 303
    with app.app_context():
        order = db.session.query(Order).one()
        assert (order.buyer_country, order.shipping_country) == ("TR", None)


def test_the_azerbaijani_checkout_names_countries_in_azerbaijani(app, shop):
    client = app.test_client()
    client.post("/cart/add", data={"offer_id": shop.offer_id})
    page = client.get("/checkout?lang=az").get_data(as_text=True)
    assert "Yaşadığınız ölkə" in page and '<option value="DE">Almaniya</option>' in page


def test_buying_and_paying_with_the_offline_gateway(app, client, shop):
    fill_cart(client, shop)
    reference, url = place(client)
    response = pay(client, url)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/checkout/{reference}/done")
    assert b"Payment received" in client.get(f"/checkout/{reference}/done").data

    detail = client.get(f"/purchases/{reference}").get_data(as_text=True)
    download = re.search(r'href="(/purchases/download/[^"]+)"', detail).group(1)
    assert client.get(download).data == TRACK_BYTES
    number = re.search(r'class="licence-number">([^<]+)<', detail).group(1)
    pdf = client.get(f"/purchases/licences/{number}/certificate.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    verify = client.get(f"/licences/verify?number={number}").get_data(as_text=True)
    assert "Valid licence" in verify and "leyla@example.az" not in verify

    with app.app_context():
        order = db.session.query(Order).filter_by(reference=reference).one()
        assert order.status in (OrderStatus.PAID, OrderStatus.PARTIALLY_FULFILLED)
        carpet = db.session.get(Product, shop.carpet_id)
        assert carpet.status == ListingStatus.SOLD_OUT and carpet.stock_quantity == 0
        payouts = {p.seller_id: p for p in db.session.query(SellerPayout)}
        assert payouts[shop.carpet_seller_id].status == PayoutStatus.OWED
    [mail] = [m for m in app.extensions["mail"].outbox if m.to == "leyla@example.az"]
    assert reference in mail.subject
    assert client.get("/cart").get_data(as_text=True).count('class="cart-line') == 0


def test_a_declined_payment_keeps_the_reservation_and_records_nothing(app, client, shop):
    fill_cart(client, shop)
    reference, url = place(client)
    response = pay(client, url, outcome="decline")
    assert response.headers["Location"].endswith(f"/checkout/{reference}/cancelled")
    with app.app_context():
        order = db.session.query(Order).filter_by(reference=reference).one()
        assert order.status == OrderStatus.PENDING_PAYMENT
        assert {line.status for line in order.lines} == {LineStatus.RESERVED}
        assert db.session.query(Payment).count() == 0
        carpet = db.session.get(Product, shop.carpet_id)
        assert (carpet.stock_quantity, carpet.reserved_quantity) == (1, 1)
    # The buyer gives up: the carpet is free again.
    client.post(f"/checkout/{reference}/cancel")
    with app.app_context():
        carpet = db.session.get(Product, shop.carpet_id)
        assert (carpet.stock_quantity, carpet.reserved_quantity) == (1, 0)
        assert db.session.query(Order).filter_by(reference=reference).one().status == (
            OrderStatus.CANCELLED)


def test_a_line_that_became_unavailable_is_explained(app, shop):
    first, second = app.test_client(), app.test_client()
    fill_cart(first, shop)
    fill_cart(second, shop)
    place(first)  # holds the only carpet
    page = second.get("/cart").get_data(as_text=True)
    assert "Sold out: someone else bought the last one." in page
    assert "Check out" not in page
    response = second.post("/checkout", data=CHECKOUT_FORM)
    assert response.status_code == 302 and response.headers["Location"].endswith("/cart")


def test_an_anonymous_cart_survives_logging_in(app, shop):
    from tests.storefront.conftest import login, make_account

    user = make_account(app)
    client = app.test_client()
    client.post("/cart/add", data={"offer_id": shop.offer_id})
    login(client, user)
    assert "Muğam" in client.get("/cart").get_data(as_text=True)
    other_device = app.test_client()
    login(other_device, user)
    assert "Muğam" in other_device.get("/cart").get_data(as_text=True)


def test_cart_and_checkout_pages_never_write_and_submit_expires_overdue_holds(app, shop):
    from datetime import timedelta

    from creative_market.db import utcnow
    from tests.storefront.conftest import count_queries

    first, second = app.test_client(), app.test_client()
    fill_cart(first, shop)
    fill_cart(second, shop)
    reference, _url = place(first)
    with app.app_context():
        order = db.session.query(Order).filter_by(reference=reference).one()
        order.reserved_until = utcnow() - timedelta(minutes=1)
        db.session.commit()
    with count_queries(app) as statements:
        assert second.get("/cart").status_code == 200
        assert second.get("/checkout").status_code == 200
    writes = [s for s in statements
              if s.lstrip().split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []
    with app.app_context():
        assert db.session.query(Order).filter_by(reference=reference).one().status == (
            OrderStatus.PENDING_PAYMENT)
    response = second.post("/checkout", data=CHECKOUT_FORM)
    assert response.status_code == 303
    with app.app_context():
        assert db.session.query(Order).filter_by(reference=reference).one().status == (
            OrderStatus.EXPIRED)


def test_a_download_link_works_only_for_the_buyer(app, client, shop):
    fill_cart(client, shop)
    reference = place_and_pay(client)
    detail = client.get(f"/purchases/{reference}").get_data(as_text=True)
    download = re.search(r'href="(/purchases/download/[^"]+)"', detail).group(1)
    stranger = app.test_client()
    refused = stranger.get(download)
    assert refused.status_code in (400, 403, 404)
    assert TRACK_BYTES not in refused.data
    assert client.get(download).data == TRACK_BYTES  # the refusal used none of the downloads


def test_the_licence_certificate_is_in_the_interface_language(app, client, shop):
    fill_cart(client, shop)
    reference = place_and_pay(client)
    detail = client.get(f"/purchases/{reference}").get_data(as_text=True)
    number = re.search(r'class="licence-number">([^<]+)<', detail).group(1)
    for language, expected in (
        ("az", ("Lisenziya sertifikatı", "Lisenziya səviyyəsi", "Standart kommersiya",
                "müddətsiz", "yoxlaya bilərsiniz")),
        ("ru", ("Лицензионный сертификат", "Уровень лицензии", "Стандартная коммерческая",
                "бессрочно", "можно проверить")),
    ):
        pdf = client.get(f"/purchases/licences/{number}/certificate.pdf?lang={language}")
        pages = PdfReader(io.BytesIO(pdf.data)).pages
        text = " ".join(" ".join(page.extract_text() for page in pages).split())
        assert all(word in text for word in expected), text
        assert "Licence certificate" not in text and number in text
