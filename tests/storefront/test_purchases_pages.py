"""The buyer's order pages: the breakdown adds up to the total, the address reads as an
address, line statuses speak to the buyer, and the list names what was bought."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from sqlalchemy import select

from creative_market.export.testing import make_paid_order
from creative_market.orders.fulfilment import mark_lines_shipped
from creative_market.orders.models import Order, OrderShipping, ShippingZone
from creative_market.testing import factories
from storefront.extensions import db
from storefront.purchases.access import SESSION_KEY
from tests.storefront.conftest import count_queries


def _order_with_shipping(app, *, carpet_title: str = "Qırmızı Quba", shipping: str = "8.00",
                         country: str = "AZ") -> str:
    """A paid order of a 295 ₼ carpet and a 49 ₼ bowl, plus shipping from the seller."""
    with app.app_context():
        seller = factories.make_seller(db.session, display_name="Quba Xalça Evi")
        carpet = factories.make_carpet(db.session, seller=seller, title_az=carpet_title,
                                       price=Decimal("295.00"))
        bowl = factories.make_design_work(db.session, seller=seller, title_az="Saxsı kasa",
                                          price=Decimal("49.00"))
        order = make_paid_order(db.session, items=[(carpet, 1), (bowl, 1)], country=country,
                                buyer_name="Leyla Məmmədova", city="Bakı")
        order.shipping_charges.append(OrderShipping(
            seller_id=seller.id, zone=ShippingZone.DOMESTIC, amount=Decimal(shipping),
            processing_days=3))
        order.shipping_total = Decimal(shipping)
        order.total = order.subtotal + order.shipping_total
        db.session.commit()
        return order.reference


def _remember(client, *references: str) -> None:
    with client.session_transaction() as browser:
        browser[SESSION_KEY] = list(references)


def _text(html: str) -> str:
    """The page's text with tags and repeated spaces gone."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_order_page_lists_shipping_so_the_breakdown_adds_up(app, client):
    reference = _order_with_shipping(app)
    _remember(client, reference)
    page = client.get(f"/purchases/{reference}?lang=az").get_data(as_text=True)
    breakdown = page.split('class="order-breakdown"', 1)[1].split("</table>", 1)[0]
    text = _text(breakdown)
    assert "Qırmızı Quba" in text and "295,00 ₼" in text
    assert "Saxsı kasa" in text and "49,00 ₼" in text
    assert "Quba Xalça Evi satıcısından çatdırılma 8,00 ₼" in text
    assert "Cəmi 352,00 ₼" in text
    english = _text(client.get(f"/purchases/{reference}?lang=en").get_data(as_text=True))
    assert "Shipping from Quba Xalça Evi ₼8.00" in english


def test_the_purchases_list_names_the_items_with_a_fixed_statement_count(app, client):
    first = _order_with_shipping(app, carpet_title="Birinci xalça")
    _remember(client, first)
    with count_queries(app) as one:
        page = client.get("/purchases").get_data(as_text=True)
    assert "Birinci xalça" in page and "Saxsı kasa" in page
    more = [_order_with_shipping(app, carpet_title=f"Xalça {n}") for n in range(3)]
    _remember(client, first, *more)
    with count_queries(app) as four:
        page = client.get("/purchases").get_data(as_text=True)
    assert all(f"Xalça {n}" in page for n in range(3)) and "Birinci xalça" in page
    assert len(four) == len(one)


def test_the_address_is_labelled_as_one_and_names_the_country(app, client):
    reference = _order_with_shipping(app, country="DE")
    _remember(client, reference)
    for language, heading, country in [("az", "Çatdırılma ünvanı", "Almaniya"),
                                       ("ru", "Адрес доставки", "Германия"),
                                       ("en", "Ships to", "Germany")]:
        page = client.get(f"/purchases/{reference}?lang={language}").get_data(as_text=True)
        assert f"<dt>{heading}</dt><dd>Leyla Məmmədova, Bakı, {country}</dd>" in page
    assert "ölkəsi" not in client.get(f"/purchases/{reference}?lang=az").get_data(as_text=True)


def _line_statuses(page: str) -> list[str]:
    return re.findall(r'<span class="line-status">([^<]*)</span>', page)


@pytest.mark.parametrize(("language", "waiting", "shipped"), [
    ("en", "Awaiting shipment", "Shipped"),
    ("az", "Göndərilməsi gözlənilir", "Göndərilib"),
    ("ru", "Ожидает отправки", "Отправлено"),
])
def test_the_buyer_reads_line_statuses_in_buyer_words(app, client, language, waiting, shipped):
    reference = _order_with_shipping(app)
    _remember(client, reference)
    url = f"/purchases/{reference}?lang={language}"
    page = client.get(url).get_data(as_text=True)
    assert _line_statuses(page) == [waiting, waiting]
    assert ">Sold<" not in page and "Satılıb" not in page and "Продано" not in page
    with app.app_context():
        order = db.session.scalar(select(Order).where(Order.reference == reference))
        mark_lines_shipped(db.session, order=order, line_ids=[order.lines[0].id],
                           carrier="Azərpoçt", tracking_number="RR1AZ")
        db.session.commit()
    assert _line_statuses(client.get(url).get_data(as_text=True)) == [shipped, waiting]
