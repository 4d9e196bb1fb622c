"""The search page through the Flask test client: languages, ranking, facets, sort, pages."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from creative_market.catalog.enums import CreativeCluster, ListingStatus, Region
from creative_market.catalog.licensing import LicenceTier
from creative_market.testing.factories import (
    make_carpet,
    make_music_work,
    make_offer,
    make_seller,
)
from storefront.extensions import db
from tests.storefront.conftest import count_queries


def result_ids(response) -> list[int]:
    """Product ids of the hits, in page order."""
    return [int(n) for n in re.findall(r'data-product-id="(\d+)"', response.get_data(as_text=True))]


def facet_counts(response, facet: str) -> dict[str, int]:
    """{value: count} of one facet box on the page."""
    html = response.get_data(as_text=True)
    box = re.search(rf'data-facet="{facet}">(.*?)</section>', html, re.S)
    if box is None:
        return {}
    pairs = re.findall(r'data-value="([^"]+)">.*?<span class="count">(\d+)</span>', box.group(1),
                       re.S)
    return {value: int(count) for value, count in pairs}


@pytest.fixture
def catalogue(app):
    """A small committed catalogue (indexed by the after-commit hooks)."""
    with app.app_context():
        shaki = make_seller(db.session, display_name="Şəki Toxucuları", region=Region.SHAKI)
        music = make_seller(db.session, display_name="Muğam Evi", region=Region.BAKU,
                            cluster=CreativeCluster.MUSIC)
        base = datetime(2025, 1, 1, tzinfo=UTC)
        ids = {
            "shaki": make_carpet(
                db.session, seller=shaki, title_az="Şəki xalçası", title_en="Shaki carpet",
                title_ru="Шекинский ковёр", description_az="Qırmızı yun xalça, əl işi.",
                description_en="A red hand-knotted wool carpet.", tags_az=["xalça", "yun"],
                price=Decimal("900.00"), published_at=base).id,
            "seki": make_carpet(
                db.session, seller=shaki, title_az="Seki naxışlı kilim",
                description_az="Sadə kilim.", price=Decimal("150.00"), stock_quantity=0,
                published_at=base + timedelta(days=1)).id,
        }
        mugham = make_music_work(
            db.session, seller=music, title_az="Muğam axşamı", title_en="Mugham evening",
            title_ru="Вечер мугама", description_ru="Ковры звуков: живая запись мугама.",
            published_at=base + timedelta(days=2))
        make_offer(db.session, mugham, tier=LicenceTier.PERSONAL, price=Decimal("20.00"))
        ids["mugham"] = mugham.id
        db.session.commit()
    return ids


def test_latin_keyboard_spelling_finds_azerbaijani_listing(client, catalogue):
    response = client.get("/search?q=xalca")
    assert response.status_code == 200
    assert catalogue["shaki"] in result_ids(response)
    assert "Şəki xalçası" in response.get_data(as_text=True)


def test_exact_spelling_ranks_first(client, catalogue):
    # "Şəki" typed properly: the listing spelled so beats the one spelled "Seki".
    assert result_ids(client.get("/search?q=şəki"))[:2] == [catalogue["shaki"], catalogue["seki"]]
    # "seki" typed on a Latin keyboard: both match, the literal "Seki" ranks first.
    assert result_ids(client.get("/search?q=seki"))[:2] == [catalogue["seki"], catalogue["shaki"]]


def test_english_and_russian_with_stemming(client, catalogue):
    assert result_ids(client.get("/search?q=red+carpets")) == [catalogue["shaki"]]
    assert catalogue["shaki"] in result_ids(client.get("/search?q=knotted"))
    assert catalogue["mugham"] in result_ids(client.get("/search?q=вечера"))
    assert catalogue["mugham"] in result_ids(client.get("/search?q=ковры"))


def test_russian_plural_finds_the_singular_with_its_fleeting_vowel(client, catalogue):
    # "ковёр" stems to "ковер" but its plural "ковры" to "ковр": the vowel drops out.
    # A buyer typing the plural must still find "Шекинский ковёр", ranked by its title,
    # as a normal match (no fuzzy retry, no "did you mean").
    response = client.get("/search?q=ковры&lang=ru")
    html = response.get_data(as_text=True)
    assert result_ids(response)[0] == catalogue["shaki"]
    assert catalogue["mugham"] in result_ids(response)
    assert 'data-testid="fuzzy-note"' not in html
    assert 'data-testid="suggestion"' not in html
    # And the other way round: the singular finds the description that says "Ковры".
    assert set(result_ids(client.get("/search?q=ковер&lang=ru"))) == {
        catalogue["shaki"], catalogue["mugham"]}


def test_snippet_is_highlighted_and_escaped(client, catalogue):
    html = client.get("/search?q=yun&lang=az").get_data(as_text=True)
    assert "<mark" in html and ">yun</mark>" in html


def test_snippet_is_in_the_page_language_even_when_another_language_matched(
        client, catalogue):
    # "yun" matches the Azerbaijani description only; the English page shows the English one.
    html = client.get("/search?q=yun&lang=en").get_data(as_text=True)
    assert "A red hand-knotted wool carpet." in html
    assert "Qırmızı yun xalça" not in html
    # A listing with no English description shows where the words matched.
    html = client.get("/search?q=sad%C9%99&lang=en").get_data(as_text=True)
    assert '<p class="snippet"><mark class="hl">Sadə</mark> kilim.</p>' in html


def test_title_outweighs_description(client, catalogue):
    # "mugham" is in the title of the music work only; "kilim" in title and description.
    ids = result_ids(client.get("/search?q=kilim"))
    assert ids == [catalogue["seki"]]


def test_facets_are_counted(client, catalogue):
    response = client.get("/search")
    assert facet_counts(response, "kind") == {"carpet": 2, "music": 1}
    assert facet_counts(response, "region") == {"shaki": 2, "baku": 1}
    assert facet_counts(response, "price") == {"50-200": 1, "200-1000": 1, "0-50": 1}
    assert facet_counts(response, "tiers") == {"personal": 1}
    assert facet_counts(response, "in_stock") == {"yes": 2}


def test_price_bands_are_labelled_as_prices_in_the_interface_language(client, catalogue):
    page = client.get("/search?lang=az").get_data(as_text=True)
    assert "Maks. 50,00\xa0₼" in page  # the 0-50 band
    assert "50,00\xa0₼ – 200,00\xa0₼" in page
    assert "– ₼" not in page


def test_facet_filters_narrow_results_and_recount(client, catalogue):
    response = client.get("/search?kind=carpet")
    assert sorted(result_ids(response)) == sorted([catalogue["shaki"], catalogue["seki"]])
    assert facet_counts(response, "kind") == {"carpet": 2}
    assert result_ids(client.get("/search?in_stock=1&kind=carpet")) == [catalogue["shaki"]]
    assert result_ids(client.get("/search?price=0-50")) == [catalogue["mugham"]]
    assert result_ids(client.get("/search?tier=personal")) == [catalogue["mugham"]]


def test_invalid_filters_are_ignored_not_errors(client, catalogue):
    response = client.get("/search?kind=spaceship&page=-3&sort=weird&price=cheap")
    assert response.status_code == 200
    assert len(result_ids(response)) == 3


def test_sorting(client, catalogue):
    by_price = result_ids(client.get("/search?sort=price_asc"))
    assert by_price == [catalogue["mugham"], catalogue["seki"], catalogue["shaki"]]
    assert result_ids(client.get("/search?sort=price_desc")) == by_price[::-1]
    newest = result_ids(client.get("/search?sort=newest"))
    assert newest == [catalogue["mugham"], catalogue["seki"], catalogue["shaki"]]


def test_pagination(app_factory):
    app = app_factory(SEARCH_PAGE_SIZE=2)
    with app.app_context():
        seller = make_seller(db.session)
        ids = [make_carpet(db.session, seller=seller, title_az=f"Gəncə xalçası {n}",
                           price=Decimal(100 + n)).id for n in range(5)]
        db.session.commit()
    client = app.test_client()
    pages = [client.get(f"/search?q=gence&sort=price_asc&page={n}&lang=en") for n in (1, 2, 3)]
    assert [result_ids(page) for page in pages] == [ids[0:2], ids[2:4], ids[4:5]]
    first, last = (page.get_data(as_text=True) for page in (pages[0], pages[2]))
    assert 'rel="next"' in first and 'rel="prev"' not in first
    assert 'rel="prev"' in last and 'rel="next"' not in last
    assert re.search(r'result-count">\s*5 listings', first)


def test_misspelling_gets_fuzzy_results_and_a_suggestion(client, catalogue):
    response = client.get("/search?q=xalcq")
    html = response.get_data(as_text=True)
    assert catalogue["shaki"] in result_ids(response)
    assert 'data-testid="fuzzy-note"' in html
    suggestion = re.search(r'data-testid="suggestion">([^<]+)<', html)
    assert suggestion is not None and suggestion.group(1) == "xalça"


def test_no_suggestion_for_known_words(client, catalogue):
    html = client.get("/search?q=xalca").get_data(as_text=True)
    assert 'data-testid="suggestion"' not in html
    assert 'data-testid="fuzzy-note"' not in html


def test_nothing_found_says_so(client, catalogue):
    response = client.get("/search?q=zzzzqqqq&lang=en")
    assert response.status_code == 200
    assert result_ids(response) == []
    assert "Nothing matched" in response.get_data(as_text=True)


def test_search_page_reads_no_sql(app, client, catalogue):
    # Results come from the index's stored fields: the page costs no SQL statement at all.
    with count_queries(app) as statements:
        assert client.get("/search?q=xalca&kind=carpet").status_code == 200
    assert statements == []


def test_unpublished_and_archived_listings_disappear(app, client, catalogue):
    from creative_market.catalog.models import Product

    for status in (ListingStatus.DRAFT, ListingStatus.ARCHIVED):
        with app.app_context():
            db.session.get(Product, catalogue["shaki"]).status = status
            db.session.commit()
        assert catalogue["shaki"] not in result_ids(client.get("/search?q=xalca"))
        with app.app_context():
            db.session.get(Product, catalogue["shaki"]).status = ListingStatus.PUBLISHED
            db.session.commit()
        assert catalogue["shaki"] in result_ids(client.get("/search?q=xalca"))


def test_sold_out_listing_stays_findable_as_out_of_stock(app, client, catalogue):
    from creative_market.catalog.models import Product

    with app.app_context():
        db.session.get(Product, catalogue["shaki"]).status = ListingStatus.SOLD_OUT
        db.session.commit()
    response = client.get("/search?q=xalca&lang=en")
    assert catalogue["shaki"] in result_ids(response)
    assert "Sold out" in response.get_data(as_text=True)
    assert catalogue["shaki"] not in result_ids(client.get("/search?q=xalca&in_stock=1"))


def test_hit_shows_the_first_gallery_image(app, client, catalogue):
    from creative_market.catalog.enums import FileRole
    from creative_market.catalog.models import ProductFile

    with app.app_context():
        image = ProductFile(product_id=catalogue["shaki"], role=FileRole.IMAGE,
                            storage_key="test/shaki.png", filename="shaki.png",
                            content_type="image/png", size_bytes=10)
        db.session.add(image)
        db.session.commit()
        image_id = image.id
    html = client.get("/search?q=xalca").get_data(as_text=True)
    assert f"/files/{image_id}/shaki.png" in html


@pytest.mark.parametrize("query", ["ISIQ", "isiq", "qq", "zzzzzzzz"])
def test_no_nonsense_suggestions(client, catalogue, query):
    html = client.get(f"/search?q={query}").get_data(as_text=True)
    suggestion = re.search(r'data-testid="suggestion">([^<]+)<', html)
    assert suggestion is None or len(suggestion.group(1)) >= 3


def test_a_too_long_query_is_refused_with_a_message_not_replaced_by_the_catalogue(
        client, catalogue):
    text = "xalça " * 40  # 240 characters
    response = client.get("/search", query_string={"q": text, "lang": "en"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Your search is too long; use at most 200 characters." in page
    assert result_ids(response) == []
    assert f'value="{text.strip()[:200]}"' in page
    az = client.get("/search", query_string={"q": text, "lang": "az"}).get_data(as_text=True)
    assert "Axtarış çox uzundur; ən çox 200 simvol yazın." in az
