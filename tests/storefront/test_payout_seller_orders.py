"""A seller sees their paid orders, ships physical lines with tracking, sees payouts."""

from __future__ import annotations

import re

import pytest

from creative_market.orders.models import Order
from creative_market.orders.state import LineStatus
from storefront.extensions import db
from tests.storefront.checkout_steps import fill_cart, place_and_pay
from tests.storefront.conftest import count_queries
from tests.storefront.payments.helpers import staff_client
from tests.stripe_server.fixtures import app_on_both_databases  # noqa: F401  (the `app` fixture)


def buy_offline(app, shop, *, carpet: bool = True, **form: str) -> str:
    """Buy the licence (and the carpet) with the offline gateway; the order's reference."""
    client = app.test_client()
    if carpet:
        fill_cart(client, shop)
    else:
        client.post("/cart/add", data={"offer_id": shop.offer_id})
    return place_and_pay(client, **form)


def test_the_weaver_ships_the_carpet_and_the_buyer_sees_tracking(app, shop):
    reference = buy_offline(app, shop)
    weaver = staff_client(app, "seller", seller_id=shop.carpet_seller_id)
    page = weaver.get("/money/seller/orders").get_data(as_text=True)
    assert reference in page and "Nizami küçəsi 10" in page and "Muğam" not in page
    assert "1,080.00" in page  # the carpet less 10 % commission
    missing = weaver.post(f"/money/seller/orders/{reference}/ship", data={"line_id": "1"})
    assert missing.status_code == 302
    with app.app_context():
        order = db.session.query(Order).filter_by(reference=reference).one()
        carpet_line = next(line for line in order.lines if line.kind == "physical")
        assert carpet_line.status == LineStatus.SOLD  # no carrier given: nothing changed
        line_id = carpet_line.id
    weaver.post(f"/money/seller/orders/{reference}/ship",
                data={"line_id": line_id, "carrier": "Azərpoçt", "tracking_number": "RR123AZ"})
    with app.app_context():
        order = db.session.query(Order).filter_by(reference=reference).one()
        assert next(line for line in order.lines if line.id == line_id).status == (
            LineStatus.SHIPPED)
        assert str(order.status) == "fulfilled"


def test_a_seller_cannot_ship_another_sellers_line(app, shop):
    reference = buy_offline(app, shop)
    musician = staff_client(app, "seller", seller_id=shop.music_seller_id)
    with app.app_context():
        order = db.session.query(Order).filter_by(reference=reference).one()
        carpet_line = next(line.id for line in order.lines if line.kind == "physical")
    response = musician.post(f"/money/seller/orders/{reference}/ship",
                             data={"line_id": carpet_line, "carrier": "X", "tracking_number": "1"})
    assert response.status_code == 403


def test_seller_orders_page_has_a_fixed_statement_count(app, shop):
    weaver = staff_client(app, "seller", seller_id=shop.carpet_seller_id)
    buy_offline(app, shop)
    with count_queries(app) as one:
        weaver.get("/money/seller/orders")
    with app.app_context():
        from creative_market.catalog.models import Product

        carpet = db.session.get(Product, shop.carpet_id)
        carpet.stock_quantity, carpet.status = 3, "published"
        db.session.commit()
    buy_offline(app, shop)
    buy_offline(app, shop)
    with count_queries(app) as three:
        weaver.get("/money/seller/orders")
    assert len(one) == len(three)


def test_the_refund_form_locks_nothing_on_get(app, shop):
    reference = buy_offline(app, shop)
    admin = staff_client(app, "admin")
    with count_queries(app) as statements:
        page = admin.get(f"/money/orders/{reference}/refund")
    assert page.status_code == 200 and reference in page.get_data(as_text=True)
    assert not [s for s in statements if "FOR UPDATE" in s.upper()]


def test_a_refund_with_no_line_ticked_asks_for_a_line(app, shop):
    reference = buy_offline(app, shop)
    admin = staff_client(app, "admin")
    response = admin.post(f"/money/orders/{reference}/refund?lang=en", data={"reason": "x"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Choose at least one line to refund." in page
    assert "You may refund only your own lines" not in page
    assert 'name="line_id"' in page  # the form is shown again


def test_the_musician_sees_where_a_licence_buyer_lives(app, shop):
    reference = buy_offline(app, shop, carpet=False, buyer_country="DE")
    musician = staff_client(app, "seller", seller_id=shop.music_seller_id)
    page = musician.get("/money/seller/orders?lang=en").get_data(as_text=True)
    assert reference in page and "Buyer's country: Germany" in page and "Ship to" not in page


def test_the_order_card_adds_shipping_to_the_goods_share_to_make_the_payout(app, shop):
    reference = buy_offline(app, shop)
    weaver = staff_client(app, "seller", seller_id=shop.carpet_seller_id)
    page = weaver.get("/money/seller/orders?lang=en").get_data(as_text=True)
    card = page.split(f'data-order="{reference}"', 1)[1].split("</article>", 1)[0]
    assert ("Goods after commission ₼1,080.00 + shipping paid by the buyer ₼10.00"
            " = your payout ₼1,090.00") in card
    payouts = page.split("</article>")[-1]
    assert "₼1,090.00" in payouts  # the same figure in the payout list
    azerbaijani = weaver.get("/money/seller/orders?lang=az").get_data(as_text=True)
    azerbaijani = azerbaijani.replace("\xa0", " ")  # az money: 1.080,00 ₼ with a no-break space
    assert ("Komissiyadan sonra mallar 1.080,00 ₼ + alıcının ödədiyi çatdırılma 10,00 ₼"
            " = ödənişiniz 1.090,00 ₼") in azerbaijani


@pytest.mark.parametrize(("language", "missing", "too_long"), [
    ("en", "Carrier is required.", "Tracking number is too long: at most 80 characters."),
    ("az", "“Daşıyıcı” sahəsini doldurun.", "“İzləmə nömrəsi” çox uzundur: ən çox 80 simvol."),
    ("ru", "Заполните поле «Перевозчик».", None),
])
def test_ship_form_errors_name_their_field_once_each(app, shop, language, missing, too_long):
    reference = buy_offline(app, shop)
    weaver = staff_client(app, "seller", seller_id=shop.carpet_seller_id)
    with app.app_context():
        order = db.session.query(Order).filter_by(reference=reference).one()
        line_id = next(line.id for line in order.lines if line.kind == "physical")
    page = weaver.post(f"/money/seller/orders/{reference}/ship?lang={language}",
                       data={"line_id": line_id, "carrier": "", "tracking_number": "R" * 81},
                       follow_redirects=True).get_data(as_text=True)
    flashes = re.findall(r'<p class="flash flash-error" role="status">([^<]*)</p>', page)
    assert len(flashes) == 2 and missing in flashes, flashes
    assert too_long is None or too_long in flashes
    assert not any("between 1 and 80" in text or "1 ilə 80" in text for text in flashes)


def test_the_admin_sees_which_owed_balances_wait_for_goods_to_ship(app, shop):
    reference = buy_offline(app, shop)
    admin = staff_client(app, "admin")
    table = admin.get("/money/admin?lang=en").get_data(as_text=True)
    table = table[table.index('id="owed-balances"'):]
    assert 'data-unshipped="1"' in table and "1 item waits to be shipped" in table
    weaver = staff_client(app, "seller", seller_id=shop.carpet_seller_id)
    with app.app_context():
        order = db.session.query(Order).filter_by(reference=reference).one()
        line_id = next(line.id for line in order.lines if line.kind == "physical")
    weaver.post(f"/money/seller/orders/{reference}/ship",
                data={"line_id": line_id, "carrier": "AzərPoçt", "tracking_number": "RR1AZ"})
    table = admin.get("/money/admin?lang=en").get_data(as_text=True)
    assert "waits to be shipped" not in table and "data-unshipped" not in table
