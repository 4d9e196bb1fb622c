"""The storefront on a phone (390x844) and a desktop (1280x800) in Debian's Chromium.

Every licence on a music work can be bought on a phone (the comparison table scrolls
sideways under a finger or a wheel, not the page); search and browse show the result count
and the first results before the folded filters; payout tables scroll inside themselves.
"""

from __future__ import annotations

import pytest

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
MUSIC_WORK = "/works/sari-gelin-xalq-mahnisi-tar?lang=en"


@pytest.fixture
def phone(browser, live_server):
    """A fresh English page at phone size."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport=PHONE,
                                  has_touch=True, is_mobile=True)
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser, live_server):
    """A fresh English page at desktop size."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport=DESKTOP)
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()


def _no_sideways_scroll(page) -> None:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] == widths[1], f"the page is {widths[0]} px wide in a {widths[1]} px window"


def _in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return (box is not None and box["x"] >= 0 and box["x"] + box["width"] <= size["width"]
            and box["y"] >= 0 and box["y"] + box["height"] <= size["height"])


def _swipe_left_over(page, locator, until) -> None:
    """Scroll sideways with the wheel over `locator` (as a user would) until `until` shows."""
    for _ in range(12):
        if _in_viewport(page, until):
            return
        box = locator.bounding_box()
        y = min(box["y"] + 40, page.viewport_size["height"] - 10)
        page.mouse.move(box["x"] + box["width"] / 2, y)
        page.mouse.wheel(300, 0)
        page.wait_for_timeout(100)


def _log_in(page, email: str, password: str) -> None:
    page.goto("/account/login?lang=en")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def test_phone_buyer_can_add_the_last_licence_of_a_music_work(phone, screenshots):
    phone.goto(MUSIC_WORK)
    _no_sideways_scroll(phone)
    headings = phone.locator("table.compare thead th")
    assert headings.count() >= 3, "the demo work should offer two licences or more"
    last_tier = headings.last.inner_text().strip()
    button = phone.locator("table.compare tfoot button").last
    # Bring the table's foot up the screen, then back to the left edge as the page opens.
    button.evaluate("""(b) => { b.closest('tfoot').scrollIntoView({block: 'center'});
        for (let e = b.parentElement; e; e = e.parentElement) e.scrollLeft = 0; }""")
    assert not _in_viewport(phone, button), "the last licence should start off to the right"
    _swipe_left_over(phone, phone.locator("table.compare tfoot"), button)
    assert _in_viewport(phone, button), "the table did not scroll sideways to the last licence"
    _no_sideways_scroll(phone)  # the table scrolled, not the page
    # The licence names stay in view beside the scrolled licences.
    row_name = phone.locator("table.compare tbody th").last.bounding_box()
    assert 0 <= row_name["x"] < 40, "the licence terms' names scrolled away with the licences"
    phone.screenshot(path=screenshots / "phone-licences-scrolled.png")
    box = button.bounding_box()
    phone.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    phone.wait_for_url("**/cart**")
    assert last_tier.lower() in phone.locator("main").inner_text().lower()


def test_phone_search_shows_results_first_and_folds_the_filters(phone, desktop, screenshots):
    phone.goto("/search?q=xalca&region=shaki&lang=en")
    _no_sideways_scroll(phone)
    panel = phone.locator("details.filter-panel")
    assert panel.get_attribute("open") is None
    assert panel.locator("summary").inner_text().strip() == "Filters (1)"
    facet = phone.locator("[data-facet=kind] a").first
    assert not facet.is_visible()
    count_top = phone.get_by_test_id("result-count").bounding_box()["y"]
    first_hit = phone.locator(".search-hit").first.bounding_box()
    assert count_top < first_hit["y"] < PHONE["height"] - 100, "the first result is below the fold"
    phone.screenshot(path=screenshots / "phone-search.png")
    panel.locator("summary").click()
    assert facet.is_visible()

    desktop.goto("/search?q=xalca&lang=en")
    assert desktop.locator("[data-facet=kind] a").first.is_visible()
    assert not desktop.locator("details.filter-panel summary").is_visible()
    facets = desktop.locator(".search-facets").bounding_box()
    hits = desktop.locator(".search-hit").first.bounding_box()
    assert facets["x"] + facets["width"] <= hits["x"], "filters stay a left column on desktop"


def test_phone_browse_folds_the_filters_after_the_count(phone, desktop):
    phone.goto("/browse/carpet?lang=en")
    _no_sideways_scroll(phone)
    assert phone.locator("details.filter-panel").get_attribute("open") is None
    assert phone.locator("details.filter-panel summary").inner_text().strip() == "Filters"
    assert phone.locator(".product-card").first.bounding_box()["y"] < PHONE["height"]
    desktop.goto("/browse/carpet?lang=en")
    assert desktop.locator(".filters li a").first.is_visible()


def test_phone_admin_marks_a_payout_paid_and_seller_pages_do_not_scroll(phone, screenshots):
    phone.goto("/sellers/qimil-xalca-emalatxanasi?lang=en")
    _no_sideways_scroll(phone)

    _log_in(phone, "seller@demo.az", "demo-seller-2026")
    phone.goto("/money/seller/orders?lang=en")
    _no_sideways_scroll(phone)
    carrier = phone.locator("input[name=carrier]").first
    assert carrier.get_attribute("type") == "text"
    assert carrier.bounding_box()["height"] >= 36
    assert phone.locator(f"label[for='{carrier.get_attribute('id')}']").count() == 1
    phone.locator("form[action$='/logout'] button, a[href$='/logout']").first.click()

    _log_in(phone, "admin@demo.az", "demo-admin-2026")
    phone.goto("/money/admin?lang=en")
    _no_sideways_scroll(phone)
    table = phone.locator("#owed-balances")
    button = table.get_by_role("button", name="Mark paid").first
    reference = table.locator("input[name=paid_reference]").first
    table.scroll_into_view_if_needed()
    _swipe_left_over(phone, table, button)
    assert _in_viewport(phone, button), "the Mark paid column cannot be reached"
    assert reference.get_attribute("type") == "text"
    assert reference.bounding_box()["height"] >= 36
    _no_sideways_scroll(phone)
    phone.screenshot(path=screenshots / "phone-admin-money.png")


def test_listing_form_with_errors_focuses_a_summary_that_leads_to_the_fields(phone, screenshots):
    _log_in(phone, "seller@demo.az", "demo-seller-2026")
    phone.goto("/seller/listings/new/carpet?lang=en")
    phone.get_by_role("button", name="Save draft").click()
    phone.wait_for_load_state()
    summary = phone.locator("#error-summary")
    assert summary.is_visible()
    assert phone.evaluate("() => document.activeElement.id") == "error-summary"
    assert _in_viewport(phone, summary.locator("h2"))
    _no_sideways_scroll(phone)
    phone.screenshot(path=screenshots / "phone-listing-errors.png")
    link = summary.locator("a").first
    target = link.get_attribute("href")[1:]
    link.click()
    assert phone.evaluate("() => document.activeElement.id") == target
    assert phone.locator(f"#{target}").get_attribute("aria-invalid") == "true"
