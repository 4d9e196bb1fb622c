"""Interface languages: az by default, en and ru by switcher, ?lang= or cookie; fallbacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from creative_market.testing import factories
from storefront.extensions import db

TRANSLATIONS = Path(__file__).resolve().parents[2] / "storefront" / "translations"


@pytest.fixture
def carpet(app):
    with app.app_context():
        carpet = factories.make_carpet(db.session, title_az="Qırmızı Quba xalçası",
                                       title_ru="Красный губинский ковёр")
        db.session.commit()
        return carpet.slug


def test_azerbaijani_is_the_default_language(client, carpet):
    page = client.get(f"/works/{carpet}").get_data(as_text=True)
    assert '<html lang="az">' in page
    assert "Toxuculuq məktəbi" in page and "Qırmızı Quba xalçası" in page
    assert "1.200,00\xa0₼" in page


def test_lang_parameter_switches_and_is_remembered(client, carpet):
    russian = client.get(f"/works/{carpet}?lang=ru")
    text = russian.get_data(as_text=True)
    assert '<html lang="ru">' in text and "Школа ткачества" in text
    assert "Красный губинский ковёр" in text and "1\xa0200,00\xa0₼" in text
    assert client.get_cookie("lang").value == "ru"
    # The next page, without ?lang=, stays in Russian.
    assert "Ковры" in client.get("/browse/carpet").get_data(as_text=True)


def test_the_language_cookie_alone_selects_the_language(app):
    client = app.test_client()
    client.set_cookie("lang", "en")
    assert "Seller directory" in client.get("/sellers").get_data(as_text=True)


def test_listing_text_falls_back_to_azerbaijani(client, carpet):
    page = client.get(f"/works/{carpet}?lang=en").get_data(as_text=True)
    assert "Weaving school" in page
    assert "Qırmızı Quba xalçası" in page  # no English title: the Azerbaijani one
    assert "₼1,200.00" in page


def test_an_unknown_language_is_ignored(client):
    page = client.get("/?lang=xx").get_data(as_text=True)
    assert '<html lang="az">' in page
    assert client.get_cookie("lang") is None


def test_the_switcher_links_keep_the_current_page_and_its_filters(client):
    page = client.get("/browse/carpet?region=guba").get_data(as_text=True)
    assert 'href="/browse/carpet?region=guba&amp;lang=en"' in page
    assert 'href="/browse/carpet?region=guba&amp;lang=ru"' in page


def test_error_pages_are_translated(client):
    azerbaijani = client.get("/works/none").get_data(as_text=True)
    assert "Səhifə tapılmadı" in azerbaijani and "Ünvan səhv yazılmış ola bilər" in azerbaijani
    assert "No listing is available" not in azerbaijani
    assert "Страница не найдена" in client.get("/works/none?lang=ru").get_data(as_text=True)
    english = client.get("/works/none?lang=en").get_data(as_text=True)
    assert "No listing is available at" in english


def test_plural_forms_follow_the_language(client, app):
    with app.app_context():
        seller = factories.make_seller(db.session)
        for _ in range(5):
            factories.make_carpet(db.session, seller=seller)
        db.session.commit()
    assert "5 работ" in client.get("/browse/carpet?lang=ru").get_data(as_text=True)
    assert "5 əsər" in client.get("/browse/carpet?lang=az").get_data(as_text=True)
    assert "5 works" in client.get("/browse/carpet?lang=en").get_data(as_text=True)


@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_compiled_catalogues_are_committed_and_match_their_sources(language):
    folder = TRANSLATIONS / language / "LC_MESSAGES"
    with open(folder / "messages.po", "rb") as po_file:
        source = read_po(po_file, locale=language)
    with open(folder / "messages.mo", "rb") as mo_file:
        compiled = read_mo(mo_file)
    translated = {_key(m): _text(m) for m in source
                  if m.id and not m.fuzzy and all(_text(m))}
    shipped = {_key(m): _text(m) for m in compiled if m.id}
    stale = {key for key in translated.keys() | shipped.keys()
             if translated.get(key) != shipped.get(key)
             and not _untranslated_plural(source.get(_id_of(source, key)), shipped.get(key))}
    assert not stale, "run: pybabel compile -d storefront/translations"


def _key(message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def _text(message) -> tuple[str, ...]:
    return (message.string,) if isinstance(message.string, str) else tuple(message.string)


def _id_of(catalogue, key: str):
    for message in catalogue:
        if _key(message) == key:
            return message.id
    return key


def _untranslated_plural(message, shipped: tuple[str, ...] | None) -> bool:
    """Babel compiles an untranslated plural entry as its own English forms."""
    return (message is not None and not isinstance(message.id, str)
            and shipped is not None and set(shipped) <= set(message.id)
            and not any(_text(message)))
