"""Azerbaijani-first texts and slugs."""

from __future__ import annotations

import pytest

from creative_market.text import normalize_language, pick_translation, slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Şəki", "seki"),
        ("Quba xalçası", "quba-xalcasi"),
        ("Gəncə ğöyçəyi", "gence-goyceyi"),
        ("İçərişəhər", "iceriseher"),
        ("Ölkə üçün Ağ", "olke-ucun-ag"),
        ("QIZIL Ilıq", "qizil-iliq"),
        ("Ковёр ручной работы", "kovyor-ruchnoy-raboty"),
        ("  --Muğam: Bayatı-Şiraz!  ", "mugam-bayati-siraz"),
    ],
)
def test_slugs_transliterate_azerbaijani_and_russian_letters(title, slug):
    assert slugify(title) == slug


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Şəki—Qəbələ", "seki-qebele"),  # an em dash, as a word processor types it
        ("1990–2000", "1990-2000"),
        ("Qız’ın xalçası «Buta»", "qiz-in-xalcasi-buta"),
        ("Café déjà vu", "cafe-deja-vu"),  # accents still fold into their letters
    ],
)
def test_typographic_punctuation_separates_words_like_ascii_punctuation(title, slug):
    assert slugify(title) == slug


def test_slug_is_ascii_and_never_empty():
    assert slugify("!!!") == "item"
    assert slugify("ə" * 200, max_length=80) == "e" * 80
    assert slugify("a b " * 60, max_length=15) == "a-b-a-b-a-b-a-b"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "en"), ("ru_RU", "ru"), ("en-GB", "en"), ("fr", "az"), (None, "az"), ("AZ", "az")],
)
def test_languages_are_normalised_with_azerbaijani_as_default(language, expected):
    assert normalize_language(language) == expected


def test_reading_falls_back_to_azerbaijani():
    texts = {"az": "Xalça", "en": "Carpet", "ru": None}
    assert pick_translation(texts, "en") == "Carpet"
    assert pick_translation(texts, "ru") == "Xalça"
    assert pick_translation({"az": "Xalça", "en": ""}, "en") == "Xalça"
    assert pick_translation({"az": None}, "en") == ""
