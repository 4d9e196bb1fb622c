"""A new buyer in a real browser (Debian chromium, Playwright) buys with the offline gateway.

The storefront runs in a thread on 127.0.0.1 (a free port) on a private SQLite file. The
buyer adds a one-of-a-kind carpet and a music licence, checks out, pays on the test payment
page, downloads the licensed file, opens the licence certificate, and finds the carpet sold
out. A second browser that wanted the same carpet at the same time is told it is gone.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from creative_market.db import Base
from storefront import create_app
from storefront.extensions import db
from tests.stripe_server.shop import CHECKOUT_FORM, TRACK_BYTES, Shop, stock_shop

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed")


@pytest.fixture
def live_shop(tmp_path: Path) -> Iterator[tuple[str, Shop]]:
    """The storefront served from a thread, with a carpet and a music licence for sale."""
    from werkzeug.serving import make_server

    app = create_app({
        "SECRET_KEY": "e2e-secret", "DATABASE_URL": f"sqlite:///{tmp_path / 'e2e.sqlite'}",
        "STORAGE_DIR": str(tmp_path / "storage"), "SEARCH_INDEX_DIR": str(tmp_path / "index"),
        "INSTANCE_PATH": str(tmp_path / "instance"), "WTF_CSRF_ENABLED": True,
        "LOG_LEVEL": "WARNING",
    })
    with app.app_context():
        Base.metadata.create_all(db.engine)
    shop = stock_shop(app)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", shop
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


def add_both_to_cart(page, base: str, shop: Shop) -> None:
    page.goto(f"{base}/works/{shop.carpet_slug}?lang=en")
    page.get_by_role("button", name="Add to cart").click()
    page.goto(f"{base}/works/{shop.music_slug}?lang=en")
    page.get_by_role("button", name="Add licence to cart").first.click()
    page.wait_for_url("**/cart")


def fill_checkout(page) -> None:
    for name, value in CHECKOUT_FORM.items():
        if name == "country":
            page.select_option("[name=country]", value)
        elif name != "buyer_country":  # a cart that ships asks for the address's country
            page.fill(f"[name={name}]", value)
    page.get_by_role("button", name="Place order and pay").click()


def test_a_new_buyer_buys_a_carpet_and_a_music_licence(live_shop, browser, tmp_path):
    base, shop = live_shop
    buyer = browser.new_context(accept_downloads=True)
    rival = browser.new_context()
    page, rival_page = buyer.new_page(), rival.new_page()
    add_both_to_cart(page, base, shop)
    add_both_to_cart(rival_page, base, shop)
    assert "Quba Xalça Evi" in page.inner_text("main")

    # Both go to checkout at the same time; the buyer places the order first.
    page.get_by_role("link", name="Check out").click()
    rival_page.get_by_role("link", name="Check out").click()
    fill_checkout(page)
    page.wait_for_url("**/payments/test-pay/**")
    assert "TEST PAYMENT PAGE" in page.inner_text("main")

    fill_checkout(rival_page)
    rival_page.wait_for_url("**/cart")
    rival_text = rival_page.inner_text("main")
    assert "Sold out: someone else bought the last one." in rival_text
    assert rival_page.get_by_role("link", name="Check out").count() == 0

    page.get_by_role("button", name="Approve test payment").click()
    page.wait_for_url("**/done")
    assert "Payment received" in page.inner_text("#payment-received")

    page.get_by_role("link", name="See your order, downloads and licences").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download mugham.wav").click()
    saved = tmp_path / "mugham.wav"
    download_info.value.save_as(saved)
    assert saved.read_bytes() == TRACK_BYTES

    certificate = page.get_by_role("link", name="Open the licence certificate (PDF)")
    response = page.request.get(base + certificate.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF")
    assert response.headers["content-type"] == "application/pdf"

    page.goto(f"{base}/works/{shop.carpet_slug}?lang=en")
    assert "Sold out" in page.inner_text(".buy-box")
    assert page.get_by_role("button", name="Add to cart").count() == 0
    buyer.close()
    rival.close()
