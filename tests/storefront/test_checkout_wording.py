"""Checkout and payout wording: required fields say so, amounts read the page's way."""

from __future__ import annotations

import re

import pytest

from tests.storefront.checkout_steps import fill_cart
from tests.storefront.test_payout_seller_orders import buy_offline, staff_client
from tests.stripe_server.fixtures import app_on_both_databases  # noqa: F401  (the `app` fixture)
from tests.stripe_server.shop import CHECKOUT_FORM


@pytest.mark.parametrize(("language", "name", "city"), [
    ("en", "Your name is required.", "City is required."),
    ("az", "“Adınız” sahəsini doldurun.", "“Şəhər” sahəsini doldurun."),
    ("ru", "Заполните поле «Ваше имя».", "Заполните поле «Город»."),
])
def test_empty_required_fields_say_they_are_required(app, shop, language, name, city):
    client = app.test_client()
    fill_cart(client, shop)
    answer = client.post(f"/checkout?lang={language}",
                         data={**CHECKOUT_FORM, "buyer_name": "  ", "city": ""})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422
    errors = re.findall(r'<p class="error-text">([^<]*)</p>', page)
    assert name in errors and city in errors, errors
    assert not any("between" in e or "arasında" in e or "от 1 до" in e for e in errors)


def test_mark_paid_says_the_amount_in_the_page_language_and_the_seller(app, shop):
    buy_offline(app, shop)
    admin = staff_client(app, "admin")
    page = admin.post(f"/money/admin/sellers/{shop.carpet_seller_id}/mark-paid?lang=ru",
                      data={"currency": "AZN", "paid_reference": "BANK-1"},
                      follow_redirects=True).get_data(as_text=True)
    assert "1\xa0090,00\xa0₼ отмечено как выплаченное продавцу Quba Xalça Evi." in page
    refused = admin.post(f"/money/admin/sellers/{shop.carpet_seller_id}/mark-paid?lang=en",
                         data={"currency": "ZZZ", "paid_reference": "BANK-2"})
    assert refused.status_code == 422 and "Choose one of AZN" in refused.get_data(as_text=True)
