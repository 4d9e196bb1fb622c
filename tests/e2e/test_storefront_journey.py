"""A new user in a real browser: browse, switch language, search, filter, list and sell.

The storefront is the demo site (`python -m storefront.demo` prepares it the same way) on
a private database; Chromium is Debian's, driven by Playwright.
"""

from __future__ import annotations

import re

from creative_market.catalog.enums import CarpetTechnique
from storefront.demo.images import carpet_image


def test_visitor_switches_language_searches_filters_and_opens_a_product(page, screenshots):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "az"
    page.screenshot(path=screenshots / "home-az.png", full_page=True)

    page.locator(".language-switcher a[hreflang=en]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Carpets" in page.locator(".main-nav").inner_text()
    page.locator(".language-switcher a[hreflang=az]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "az"

    page.fill("#header-q", "xalca")  # typed on a Latin keyboard, without ç
    page.press("#header-q", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=xalca"))
    hits = page.locator(".search-hit")
    assert hits.count() > 0
    assert "xalça" in hits.first.inner_text().lower()
    total = _count(page)
    page.screenshot(path=screenshots / "search-xalca.png", full_page=True)

    region = page.locator("[data-facet=region] a").first
    expected = int(region.locator(".count").inner_text())
    region.click()
    page.wait_for_url(re.compile(r"region="))
    assert page.locator("[data-facet=region] a.selected").count() == 1
    assert _count(page) == expected <= total

    link = page.locator(".search-hit h3 a").first
    title = link.inner_text()
    link.click()
    page.wait_for_url(re.compile(r"/works/"))
    assert page.locator("h1").first.inner_text().strip() == title.strip()
    image = page.locator("main img").first
    image.wait_for()
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", image.element_handle())
    page.screenshot(path=screenshots / "product.png", full_page=True)


def _count(page) -> int:
    return int(re.search(r"\d+", page.get_by_test_id("result-count").inner_text()).group())


def test_new_seller_lists_a_carpet_with_a_picture_publishes_and_finds_it(page, screenshots):
    page.goto("/account/register?lang=en")
    page.fill("[name=name]", "Zərnigar Quliyeva")
    page.fill("[name=email]", "zernigar@example.az")
    page.fill("[name=password]", "xalca-toxuyuram-2026")
    page.fill("[name=confirm]", "xalca-toxuyuram-2026")
    page.get_by_label("Sell my work").check()
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url(lambda url: "/account/register" not in url)

    page.goto("/seller/")
    page.wait_for_url(re.compile(r"/seller/profile"))
    page.fill("[name=display_name]", "Zərnigar Xalça Studiyası")
    page.select_option("[name=kind]", "studio")
    page.select_option("[name=cluster]", "carpets")
    page.select_option("[name=region]", "shaki")
    page.fill("[name=bio_az]", "Şəkidə ipək xalçalar toxuyuram.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/seller/$"))

    page.get_by_role("link", name="+ Carpets").click()
    _fill_carpet(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").click()
    assert page.locator("[data-status]").get_attribute("data-status") == "draft"

    picture = carpet_image(11, CarpetTechnique.KNOTTED_PILE, 150, 220)
    page.set_input_files("[name=file]", files=[
        {"name": "zernigar.jpg", "mimeType": "image/jpeg", "buffer": picture}])
    page.get_by_role("button", name="Upload").click()
    page.wait_for_load_state()
    assert page.locator(".seller-files img").count() == 1

    page.get_by_role("button", name="Publish").click()
    page.wait_for_load_state()
    assert page.locator("[data-status]").get_attribute("data-status") == "published"
    page.screenshot(path=screenshots / "seller-listing.png", full_page=True)

    page.fill("#header-q", "zernigar")
    page.press("#header-q", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=zernigar"))
    hit = page.locator(".search-hit h3 a", has_text="Zarnigar")  # the interface is English
    assert hit.count() == 1
    hit.click()
    page.wait_for_url(re.compile(r"/works/"))
    assert page.locator("h1").first.inner_text().strip() == "Silk carpet “Zarnigar”"
    page.locator(".language-switcher a[hreflang=az]").click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text().strip() == "İpək xalça «Zərnigar»"
    page.screenshot(path=screenshots / "seller-product.png", full_page=True)


def _fill_carpet(page) -> None:
    values = {
        "title_az": "İpək xalça «Zərnigar»", "title_en": "Silk carpet “Zarnigar”",
        "title_ru": "Шёлковый ковёр «Зарнигар»",
        "description_az": "Şəki ustalarının ipək xalçası.", "tags_az": "xalça, ipək, Şəki",
        "width_cm": "120", "length_cm": "180", "knot_density_per_dm2": "4900",
        "year_made": "2025", "price": "3400", "stock_quantity": "1", "weight_grams": "6000",
    }
    for name, value in values.items():
        page.fill(f"[name={name}]", value)
    for name, value in {"weaving_school": "shaki", "technique": "knotted_pile",
                        "pile_material": "silk", "warp_material": "silk"}.items():
        page.select_option(f"[name={name}]", value)
