"""The rules that keep licence terms possible, and the frozen terms of a sale."""

from __future__ import annotations

from typing import Any

import pytest

from creative_market.catalog.licensing import (
    WORLDWIDE,
    LicenceTerms,
    LicenceTier,
    UsageCapUnit,
    check_offer_terms,
    country_name,
    iso_country_codes,
)


def terms(**overrides: Any) -> dict[str, list[str]]:
    values: dict[str, Any] = {
        "product_kind": "music",
        "tier": LicenceTier.STANDARD_COMMERCIAL,
        "media": ["web"],
        "territory": [WORLDWIDE],
        "term_months": None,
        "usage_cap": None,
        "usage_cap_unit": None,
        "seats": 1,
        "merchandise_allowed": False,
        "resale_allowed": False,
        "pay_what_you_want": False,
    }
    values.update(overrides)
    return check_offer_terms(**values)


def test_ordinary_terms_are_possible():
    assert terms() == {}
    capped = terms(territory=["AZ", "TR"], term_months=12, usage_cap=5000, usage_cap_unit="copies")
    assert capped == {}


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"media": ["web", "hologram"]}, "media", "hologram"),
        ({"territory": []}, "territory", "WW for worldwide"),
        ({"territory": ["WW", "AZ"]}, "territory", "not both"),
        ({"territory": ["AZ", "QQ"]}, "territory", "QQ"),
        ({"term_months": 0}, "term_months", "at least one month"),
        ({"usage_cap": 100}, "usage_cap", "both a number and what it counts"),
        ({"usage_cap_unit": "copies"}, "usage_cap", "both a number and what it counts"),
        ({"usage_cap": -5, "usage_cap_unit": "copies"}, "usage_cap", "positive"),
        ({"seats": 0}, "seats", "at least one seat"),
        (
            {"tier": LicenceTier.PERSONAL, "merchandise_allowed": True, "media": ["merchandise"]},
            "merchandise_allowed", "personal licence cannot allow merchandise",
        ),
        ({"tier": LicenceTier.PERSONAL, "resale_allowed": True}, "resale_allowed", "resale"),
        ({"tier": LicenceTier.PERSONAL, "media": ["advertising"]}, "media", "advertising"),
        (
            {"tier": LicenceTier.SYNC_BROADCAST, "product_kind": "design"},
            "tier", "music and media",
        ),
        (
            {"tier": LicenceTier.EXCLUSIVE, "pay_what_you_want": True},
            "pay_what_you_want", "fixed price",
        ),
        ({"pay_what_you_want": True, "product_kind": "media"}, "pay_what_you_want", "music only"),
        ({"merchandise_allowed": True, "media": ["web"]}, "media", "'merchandise'"),
    ],
)
def test_each_impossible_term_is_rejected_on_its_field(overrides, field, words):
    errors = terms(**overrides)
    assert field in errors
    assert any(words in message for message in errors[field]), errors


def test_sync_licences_and_pay_what_you_want_suit_music():
    assert terms(tier=LicenceTier.SYNC_BROADCAST, media=["broadcast", "film"]) == {}
    assert terms(tier=LicenceTier.PERSONAL, pay_what_you_want=True) == {}
    assert terms(tier=LicenceTier.SYNC_BROADCAST, product_kind="media") == {}


def test_tiers_other_than_personal_are_commercial():
    assert not LicenceTier.PERSONAL.is_commercial
    assert all(t.is_commercial for t in LicenceTier if t is not LicenceTier.PERSONAL)


def test_country_codes_are_iso_alpha2():
    codes = iso_country_codes()
    assert {"AZ", "TR", "GE", "DE", "US"} <= codes
    assert "EU" not in codes and "001" not in codes
    assert country_name("AZ") == "Azerbaijan"


def test_frozen_terms_survive_a_round_trip_and_read_as_sentences():
    frozen = LicenceTerms(
        tier=LicenceTier.EXTENDED_COMMERCIAL,
        media=("web", "print"),
        territory=("AZ", "GE"),
        term_months=24,
        usage_cap=10_000,
        usage_cap_unit=UsageCapUnit.PRINT_RUN,
        seats=3,
        attribution_required=True,
        merchandise_allowed=False,
        resale_allowed=False,
    )
    assert LicenceTerms.from_dict(frozen.to_dict()) == frozen
    text = " ".join(frozen.describe())
    assert "Extended commercial use." in text
    assert "Territory: Azerbaijan, Georgia." in text
    assert "Term: 24 months." in text
    assert "Usage limited to 10,000 print run." in text
    assert "Seats: 3." in text and "Attribution required." in text


def test_default_terms_are_worldwide_and_perpetual():
    text = LicenceTerms(tier=LicenceTier.PERSONAL).describe()
    assert "Territory: worldwide." in text and "Term: perpetual." in text
