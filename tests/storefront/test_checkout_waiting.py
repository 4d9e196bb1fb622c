"""The page that waits for a payment refreshes itself for a few minutes, not forever."""

from __future__ import annotations

import re

import pytest

from tests.storefront.checkout_steps import fill_cart, place
from tests.stripe_server.fixtures import app_on_both_databases  # noqa: F401  (the `app` fixture)


@pytest.fixture
def waiting_page(app, shop):
    """A placed, unpaid order's reference and a client that may see it (pages in English)."""
    client = app.test_client()
    client.set_cookie("lang", "en")
    fill_cart(client, shop)
    reference, _url = place(client)
    return client, reference


def _refresh(page: str) -> tuple[int, str] | None:
    found = re.search(r'<meta http-equiv="refresh" content="(\d+);url=([^"]+)">', page)
    return (int(found.group(1)), found.group(2).replace("&amp;", "&")) if found else None


def test_the_waiting_page_slows_down_then_stops_and_offers_to_check_again(waiting_page):
    client, reference = waiting_page
    url, seen = f"/checkout/{reference}/done", []
    for _ in range(40):  # follow the page's own refreshes
        page = client.get(url).get_data(as_text=True)
        refresh = _refresh(page)
        if refresh is None:
            break
        seen.append(refresh[0])
        url = refresh[1]
    assert seen == [2] * 15 + [10] * 15  # about three minutes, then it stops
    assert "The payment is not confirmed yet." in page and "Check again" in page
    assert _refresh(client.get(f"/checkout/{reference}/done").get_data(as_text=True))


def test_the_buyer_can_stop_the_refreshing(waiting_page):
    client, reference = waiting_page
    page = client.get(f"/checkout/{reference}/done").get_data(as_text=True)
    assert "Stop refreshing" in page
    stopped = client.get(f"/checkout/{reference}/done?stop=1").get_data(as_text=True)
    assert _refresh(stopped) is None and "Check again" in stopped
