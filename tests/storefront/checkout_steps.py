"""Buying through the pages: fill the cart from the checkout shop, check out, pay on the
offline gateway's test page. Shared by the checkout, mail, payout and Stripe tests."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.stripe_server.shop import CHECKOUT_FORM, Shop


def fill_cart(client: FlaskClient, shop: Shop) -> None:
    """Put the shop's carpet and its music licence in the client's cart."""
    client.post("/cart/add", data={"product_id": shop.carpet_id, "quantity": 1})
    client.post("/cart/add", data={"offer_id": shop.offer_id})


def place(client: FlaskClient, **form: str) -> tuple[str, str]:
    """Check out (CHECKOUT_FORM, `form` overriding); the order reference and the test page URL."""
    response = client.post("/checkout", data={**CHECKOUT_FORM, **form})
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    url = response.headers["Location"]
    reference = re.search(r"/test-pay/(CM-\d{4}-\d{6})", url).group(1)
    return reference, url


def pay(client: FlaskClient, url: str, outcome: str = "approve") -> TestResponse:
    """Answer the offline gateway's test payment page at `url` with `outcome`."""
    page = client.get(url)
    assert b"TEST PAYMENT PAGE" in page.data
    attempt = re.search(r'name="attempt" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    reference = re.search(r"/test-pay/([^?]+)", url).group(1)
    return client.post(f"/payments/test-pay/{reference}",
                       data={"attempt": attempt, "outcome": outcome})


def place_and_pay(client: FlaskClient, **form: str) -> str:
    """Check out the client's cart and approve the test payment; the order's reference."""
    reference, url = place(client, **form)
    pay(client, url)
    return reference
