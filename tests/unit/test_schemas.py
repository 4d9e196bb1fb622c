"""Catalogue schemas: flat input (strings from CSV included), plain-word field messages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from marshmallow import ValidationError

from creative_market.catalog.enums import (
    CarpetTechnique,
    CreativeCluster,
    Delivery,
    DesignCategory,
    Fibre,
    MediaType,
    Region,
    WeavingSchool,
)
from creative_market.catalog.licensing import LicenceTier
from creative_market.catalog.schemas import (
    CarpetSchema,
    DesignWorkSchema,
    LicenceOfferSchema,
    MediaWorkSchema,
    MusicWorkSchema,
    SellerSchema,
    listing_schema_for,
)


def carpet_row(**overrides: Any) -> dict[str, Any]:
    """A carpet as a CSV row gives it: every value a string, blanks for missing."""
    row = {
        "kind": "carpet", "seller": "guba-workshop", "sku": "GUBA-001",
        "title_az": "Quba xalçası", "title_en": "", "title_ru": "",
        "description_az": "Əl işi.", "tags_az": "xalça, Quba; yun", "tags_en": "",
        "price": "1200.50", "currency": "azn", "stock_quantity": "", "weight_grams": "8000",
        "weaving_school": "Guba", "technique": "knotted pile", "pile_material": "wool",
        "warp_material": "cotton", "weft_material": "", "width_cm": "150", "length_cm": "220",
        "knot_density_per_dm2": "1600", "year_made": "2019", "hs_code": "5701.10",
    }
    row.update(overrides)
    return row


def errors_of(schema: Any, data: dict[str, Any]) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        schema.load(data)
    return caught.value.messages


def assert_rejected(schema: Any, data: dict[str, Any], field: str, words: str) -> None:
    errors = errors_of(schema, data)
    assert field in errors, errors
    assert any(words.lower() in m.lower() for m in errors[field]), errors[field]


def test_a_carpet_row_of_strings_loads_into_model_ready_values():
    data = CarpetSchema().load(carpet_row())
    assert data["price"] == Decimal("1200.50") and data["currency"] == "AZN"
    assert data["weaving_school"] is WeavingSchool.GUBA
    assert data["technique"] is CarpetTechnique.KNOTTED_PILE
    assert data["warp_material"] is Fibre.COTTON and data["weft_material"] is None
    assert (data["width_cm"], data["length_cm"], data["knot_density_per_dm2"]) == (150, 220, 1600)
    assert data["tags_az"] == ["xalça", "quba", "yun"]
    assert data["title_en"] is None and data["tags_en"] == []
    assert data["stock_quantity"] == 1, "a carpet is one of a kind unless told otherwise"
    assert data["delivery"] is Delivery.PHYSICAL and data["list_price"] == Decimal("1200.50")
    assert "kind" not in data and "seller" not in data, "unknown columns are ignored"


def test_typed_values_load_as_well_as_strings():
    data = CarpetSchema().load(carpet_row(
        price=Decimal("99"), width_cm=120, length_cm=180.0, tags_az=["a", "b", "a"],
        technique=CarpetTechnique.KNOTTED_PILE, weight_grams=4000,
    ))
    assert data["price"] == Decimal("99.00") and data["length_cm"] == 180
    assert data["tags_az"] == ["a", "b"]


def test_a_missing_azerbaijani_title_is_reported_in_plain_words():
    for blank in ("", "   ", None):
        assert errors_of(CarpetSchema(), carpet_row(title_az=blank))["title_az"] == [
            "A title in Azerbaijani is required."
        ]


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"knot_density_per_dm2": ""}, "knot_density_per_dm2", "required for a knotted pile"),
        ({"pile_material": ""}, "pile_material", "required for a knotted pile"),
        ({"technique": "kilim"}, "knot_density_per_dm2", "flat-woven carpet (kilim) has no knot"),
        (
            {"technique": "sumakh", "knot_density_per_dm2": ""},
            "pile_material", "has no pile",
        ),
        ({"width_cm": "0"}, "width_cm", "Width in cm must be between 1"),
        ({"length_cm": "-20"}, "length_cm", "Length in cm must be between 1"),
        ({"width_cm": "1.5"}, "width_cm", "Width in cm must be a whole number"),
        ({"year_made": "1200"}, "year_made", "Year made must be between 1500"),
        ({"year_made": "2999"}, "year_made", "Year made must be between 1500"),
        ({"knot_density_per_dm2": "5"}, "knot_density_per_dm2", "Knot density per dm²"),
        ({"weaving_school": "Paris"}, "weaving_school", "Weaving school must be one of: guba"),
        ({"technique": "tufted"}, "technique", "Technique must be one of"),
        ({"warp_material": ""}, "warp_material", "Warp material is required"),
        ({"price": ""}, "price", "Price is required for a physical item"),
        ({"price": "abc"}, "price", "Price must be a number"),
        ({"price": "0"}, "price", "Price must be more than 0"),
        ({"price": "10.555"}, "price", "at most 2 decimal places"),
        ({"currency": "GBP"}, "currency", "Currency must be one of: AZN, USD, EUR"),
        ({"weight_grams": ""}, "weight_grams", "Weight in grams is required"),
        ({"stock_quantity": "-1"}, "stock_quantity", "Stock quantity must be between 0"),
        ({"hs_code": "57x"}, "hs_code", "HS code must be a 6-digit HS subheading"),
        ({"hs_code": "9999"}, "hs_code", "9999 is a heading"),
        ({"hs_code": "5701.99"}, "hs_code", "not in the HS 2022 nomenclature"),
        ({"sku": "a b"}, "sku", "SKU may hold"),
        ({"title_az": "x" * 201}, "title_az", "too long: at most 200"),
        ({"tags_az": ["x" * 41]}, "tags_az", "too long"),
    ],
)
def test_each_carpet_rule_is_reported_on_its_field(overrides, field, words):
    assert_rejected(CarpetSchema(), carpet_row(**overrides), field, words)


def test_a_flat_weave_loads_without_density_and_pile():
    data = CarpetSchema().load(carpet_row(technique="zili", knot_density_per_dm2="",
                                          pile_material=""))
    assert data["technique"] is CarpetTechnique.ZILI and data["knot_density_per_dm2"] is None


def test_a_bad_value_is_not_reported_twice_as_missing():
    errors = errors_of(CarpetSchema(), carpet_row(price="cheap"))
    assert errors == {"price": ["Price must be a number, like 120.50."]}


def test_all_errors_of_a_row_come_together():
    errors = errors_of(CarpetSchema(), carpet_row(width_cm="x", technique="kilim", year_made="1"))
    assert {"width_cm", "knot_density_per_dm2", "pile_material", "year_made"} <= set(errors)


def design_row(**overrides: Any) -> dict[str, Any]:
    row = {"title_az": "Keramika qab", "category": "ceramics", "price": "80", "stock_quantity": "5",
           "weight_grams": "900", "materials": "Clay, glaze", "width_cm": "20.5"}
    row.update(overrides)
    return row


def test_a_physical_design_work_needs_price_stock_and_weight():
    data = DesignWorkSchema().load(design_row())
    assert data["category"] is DesignCategory.CERAMICS and data["delivery"] is Delivery.PHYSICAL
    assert data["materials"] == ["clay", "glaze"] and data["width_cm"] == Decimal("20.5")
    errors = errors_of(DesignWorkSchema(), design_row(price="", stock_quantity="", weight_grams=""))
    assert set(errors) == {"price", "stock_quantity", "weight_grams"}
    assert_rejected(DesignWorkSchema(), design_row(width_cm="20.55"), "width_cm", "1 decimal")


def test_a_digital_design_work_needs_formats_and_no_shipping_details():
    font = {"title_az": "Şrift", "category": "font", "file_formats": "otf, ttf, woff2"}
    data = DesignWorkSchema().load(font)
    assert data["delivery"] is Delivery.DIGITAL and data["file_formats"] == ["OTF", "TTF", "WOFF2"]
    assert "list_price" not in data
    errors = errors_of(DesignWorkSchema(), {**font, "file_formats": "", "price": "10",
                                           "stock_quantity": "3", "weight_grams": "5"})
    assert "licence offers" in errors["price"][0]
    assert "only for physical" in errors["stock_quantity"][0]
    assert "only for physical" in errors["weight_grams"][0]
    assert "File formats are required" in errors["file_formats"][0]
    assert_rejected(DesignWorkSchema(), {**font, "category": "poster"}, "category", "one of")


def music_row(**overrides: Any) -> dict[str, Any]:
    row = {"title_az": "Bayatı-Şiraz", "file_formats": "WAV,MP3", "duration_seconds": "4:05",
           "isrc": "AZ-A1B-24-00001", "genre": "mugham", "bpm": "90"}
    row.update(overrides)
    return row


def test_music_isrc_is_stored_as_twelve_characters_and_duration_in_seconds():
    data = MusicWorkSchema().load(music_row())
    assert data["isrc"] == "AZA1B2400001" and len(data["isrc"]) == 12
    assert data["duration_seconds"] == 245 and data["delivery"] is Delivery.DIGITAL
    assert MusicWorkSchema().load(music_row(isrc="aza1b2400001", duration_seconds="1:02:03"))[
        "duration_seconds"] == 3723


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"isrc": "AZ-A1B-24-0001"}, "isrc", "ISRC must look like AZ-A1B-24-00001"),
        ({"isrc": "A1-A1B-24-00001"}, "isrc", "ISRC must look like"),
        ({"duration_seconds": ""}, "duration_seconds", "Duration is required"),
        ({"duration_seconds": "4m"}, "duration_seconds", "Duration must be"),
        ({"duration_seconds": "0"}, "duration_seconds", "Duration must be between 1"),
        ({"bpm": "5"}, "bpm", "Tempo (BPM) must be between 20"),
        ({"price": "5"}, "price", "licence offers"),
    ],
)
def test_each_music_rule_is_reported_on_its_field(overrides, field, words):
    assert_rejected(MusicWorkSchema(), music_row(**overrides), field, words)


def test_media_needs_a_duration_unless_it_is_a_photo_and_a_resolution():
    photo = {"title_az": "Qala", "media_type": "photo", "file_formats": "jpeg",
             "resolution_width_px": "6000", "resolution_height_px": "4000"}
    data = MediaWorkSchema().load(photo)
    assert data["media_type"] is MediaType.PHOTO and data["duration_seconds"] is None
    assert_rejected(MediaWorkSchema(), {**photo, "duration_seconds": "10"}, "duration_seconds",
                    "A photo has no duration")
    assert_rejected(MediaWorkSchema(), {**photo, "media_type": "film"}, "duration_seconds",
                    "Duration is required for a film")
    assert_rejected(MediaWorkSchema(), {**photo, "resolution_height_px": ""},
                    "resolution_height_px", "Resolution height in pixels is required")
    film = MediaWorkSchema().load({**photo, "media_type": "Animation", "duration_seconds": "90"})
    assert film["media_type"] is MediaType.ANIMATION and film["duration_seconds"] == 90


def test_listing_schema_for_each_kind():
    assert isinstance(listing_schema_for("carpet"), CarpetSchema)
    assert isinstance(listing_schema_for(" Design "), DesignWorkSchema)
    assert isinstance(listing_schema_for("music"), MusicWorkSchema)
    assert isinstance(listing_schema_for("media"), MediaWorkSchema)
    with pytest.raises(ValueError, match="Kind of work must be one of: carpet, design"):
        listing_schema_for("painting")


def test_many_rows_report_errors_by_row_index():
    with pytest.raises(ValidationError) as caught:
        CarpetSchema().load([carpet_row(), carpet_row(width_cm="wide")], many=True)
    assert list(caught.value.messages) == [1]
    assert "width_cm" in caught.value.messages[1]


def test_a_row_that_is_not_a_mapping_gets_a_plain_message():
    with pytest.raises(ValidationError, match="mapping of field names"):
        CarpetSchema().load(["not", "a", "row"])


def test_a_seller_loads_with_defaults_and_checks_contacts():
    data = SellerSchema().load({"display_name": "Şəki İpək", "kind": "studio",
                                "cluster": "Jewellery crafts",
                                "region": "Shaki", "contact_email": "Info@Ipek.az",
                                "website": "https://ipek.az", "shipping_domestic": "0"})
    assert data["cluster"] is CreativeCluster.JEWELLERY_CRAFTS and data["region"] is Region.SHAKI
    assert data["contact_email"] == "info@ipek.az" and data["shipping_domestic"] == Decimal("0.00")
    assert data["processing_days"] == 3 and data["shipping_currency"] == "AZN"
    base = {"display_name": "X", "kind": "company", "cluster": "music", "region": "baku"}
    assert_rejected(SellerSchema(), {**base, "contact_email": "nope"}, "contact_email", "e-mail")
    assert_rejected(SellerSchema(), {**base, "website": "ipek.az"}, "website", "https://")
    assert_rejected(SellerSchema(), {**base, "slug": "Bad Slug"}, "slug", "lower-case letters")
    assert_rejected(SellerSchema(), {**base, "region": "Paris"}, "region", "Region must be one of")
    assert_rejected(SellerSchema(), {**base, "display_name": ""}, "display_name", "required")


def test_an_offer_loads_lists_from_text_and_exclusive_sells_once():
    data = LicenceOfferSchema(product_kind="music").load({
        "tier": "Exclusive", "price": "1500", "territory": "az, ge", "media": "web; film",
        "attribution_required": "yes", "term_months": "",
    })
    assert data["tier"] is LicenceTier.EXCLUSIVE and data["max_sales"] == 1
    assert data["territory"] == ["AZ", "GE"] and data["media"] == ["web", "film"]
    assert data["attribution_required"] is True and data["term_months"] is None
    standard = LicenceOfferSchema().load({"tier": "standard_commercial", "price": "40"})
    assert standard["max_sales"] is None and standard["territory"] == ["WW"]
    assert standard["seats"] == 1 and standard["pay_what_you_want"] is False


@pytest.mark.parametrize(
    ("kind", "overrides", "field", "words"),
    [
        ("music", {"price": ""}, "price", "Price is required (the minimum"),
        ("music", {"tier": "gold"}, "tier", "Licence tier must be one of"),
        ("music", {"territory": "AZ, XX"}, "territory", "Not ISO 3166 country codes: XX"),
        ("music", {"usage_cap": "100"}, "usage_cap", "both a number and what it counts"),
        ("music", {"seats": "0"}, "seats", "at least one seat"),
        ("music", {"attribution_required": "maybe"}, "attribution_required", "yes or no"),
        ("design", {"pay_what_you_want": "yes"}, "pay_what_you_want", "music only"),
        ("design", {"tier": "sync_broadcast"}, "tier", "music and media"),
        ("music", {"tier": "personal", "resale_allowed": "1"}, "resale_allowed", "personal"),
    ],
)
def test_each_offer_rule_is_reported_on_its_field(kind, overrides, field, words):
    data = {"tier": "standard_commercial", "price": "40", **overrides}
    assert_rejected(LicenceOfferSchema(product_kind=kind), data, field, words)
