"""Mails of a paid order: the buyer's confirmation in the language of checkout, and a
shipping notice to each seller with goods in it, in the seller's language, sent once."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creative_market.accounts.models import Role
from creative_market.catalog.models import Seller
from creative_market.money import Money
from creative_market.orders.models import Order
from creative_market.testing.factories import make_user
from storefront.extensions import db
from tests.storefront.checkout_steps import fill_cart, pay, place
from tests.stripe_server.fixtures import app_on_both_databases  # noqa: F401  (the `app` fixture)

TOTAL = Money(Decimal("1260.00"), "AZN")  # carpet 1200 + domestic shipping 10 + licence 50

CONFIRMATIONS = {
    "az": ("nömrəli sifariş: ödəniş alındı", "Hörmətli Leyla Məmmədova,",
           "məbləğində ödənişinizi aldıq", "Sifarişiniz, yükləmələr və lisenziya sertifikatları"),
    "ru": ("Заказ {ref}: оплата получена", "Здравствуйте, Leyla Məmmədova!",
           "Мы получили вашу оплату заказа {ref} на сумму",
           "Ваш заказ, файлы для скачивания и лицензионные сертификаты"),
    "en": ("Order {ref}: payment received", "Dear Leyla Məmmədova,",
           "we received your payment of", "Your order, downloads and licence certificates"),
}


def buy(client, language: str) -> str:
    """Check out the client's cart with the interface in `language` and pay; the reference."""
    client.get(f"/cart?lang={language}")  # the switcher remembers the language
    reference, url = place(client)
    client.get("/cart?lang=en")  # the order keeps its language; the test page reads English
    assert pay(client, url).status_code == 302
    return reference


def mails_to(app, address: str) -> list:
    return [mail for mail in app.extensions["mail"].outbox if mail.to == address]


def seller_of(app, seller_id: int) -> Seller:
    with app.app_context():
        seller = db.session.get(Seller, seller_id)
        db.session.expunge(seller)
        return seller


@pytest.mark.parametrize("language", ["az", "ru", "en"])
def test_the_confirmation_follows_the_language_of_checkout(app, shop, language):
    client = app.test_client()
    fill_cart(client, shop)
    reference = buy(client, language)
    with app.app_context():
        assert db.session.query(Order).filter_by(reference=reference).one().language == language
    [mail] = mails_to(app, "leyla@example.az")
    subject, greeting, paid, where = (text.format(ref=reference)
                                      for text in CONFIRMATIONS[language])
    assert subject in mail.subject and reference in mail.subject
    assert greeting in mail.body and paid in mail.body and where in mail.body
    assert TOTAL.format(language) in mail.body  # 1.260,00 ₼ / 1 260,00 ₼ / ₼1,260.00
    assert f"/purchases/{reference}" in mail.body
    if language != "en":
        assert "Dear" not in mail.body and "payment received" not in mail.subject


def test_the_seller_with_goods_gets_one_notice_the_licence_seller_none(app, shop):
    client = app.test_client()
    fill_cart(client, shop)
    reference = buy(client, "en")  # the buyer's language does not choose the seller's
    weaver = seller_of(app, shop.carpet_seller_id)
    musician = seller_of(app, shop.music_seller_id)
    [notice] = mails_to(app, weaver.contact_email)
    assert mails_to(app, musician.contact_email) == []  # licences only: nothing to ship
    assert notice.subject == f"{reference} nömrəli sifariş: göndəriləcək mallar"
    for expected in (f"Hörmətli {weaver.display_name},", reference, "× 1",
                     "Çatdırılma ünvanı:", "Leyla Məmmədova", "Nizami küçəsi 10", "AZ1000 Bakı",
                     "Azərbaycan", "+994501234567", "http://localhost/money/seller/orders"):
        assert expected in notice.body
    with app.app_context():
        order = db.session.query(Order).filter_by(reference=reference).one()
        [carpet_line] = [line for line in order.lines if line.kind == "physical"]
        assert carpet_line.title in notice.body
        assert all(line.title not in notice.body for line in order.lines
                   if line.kind == "licence")

    # The payment page is posted again (a repeated notification): no second mail.
    page = client.get(f"/payments/test-pay/{reference}").get_data(as_text=True)
    assert "TEST PAYMENT PAGE" in page
    again = client.post(f"/payments/test-pay/{reference}",
                        data={"attempt": "offpay_again", "outcome": "approve"})
    assert again.status_code == 302
    assert len(mails_to(app, weaver.contact_email)) == 1
    assert len(mails_to(app, "leyla@example.az")) == 1


def test_the_notice_goes_to_the_account_in_its_language_or_nowhere(app, shop):
    with app.app_context():
        account = make_user(db.session, role=Role.SELLER, email="weaver@example.az",
                            preferred_language="ru")
        weaver = db.session.get(Seller, shop.carpet_seller_id)
        weaver.contact_email, weaver.user_id = None, account.id
        db.session.commit()
    client = app.test_client()
    fill_cart(client, shop)
    reference = buy(client, "az")
    [notice] = mails_to(app, "weaver@example.az")
    assert notice.subject == f"Заказ {reference}: товары к отправке"
    assert "оплачен, в нём есть ваши товары" in notice.body and "Адрес доставки:" in notice.body
    assert "Азербайджан" in notice.body



def test_a_seller_without_any_address_is_skipped_and_the_buyer_still_told(app, shop):
    with app.app_context():
        db.session.get(Seller, shop.carpet_seller_id).contact_email = None
        db.session.commit()
    client = app.test_client()
    fill_cart(client, shop)
    buy(client, "az")
    assert [mail.to for mail in app.extensions["mail"].outbox] == ["leyla@example.az"]
