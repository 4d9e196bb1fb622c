"""HS suggestion rules per kind, technique and materials; UNCTAD categories; Incoterms; CIS."""

import pytest

from creative_market.catalog.enums import (
    CarpetTechnique,
    Delivery,
    DesignCategory,
    Fibre,
    MediaType,
)
from creative_market.catalog.models import Carpet, DesignWork, MediaWork, MusicWork
from creative_market.db import import_all_models
from creative_market.exceptions import ValidationError
from creative_market.export import hs
from creative_market.export.classification import (
    DEFAULT_CHAPTERS,
    HS_RULES,
    CreativeGoodsCategory,
    CreativeServicesCategory,
    TradeFlow,
    creative_goods_category,
    creative_services_category,
    effective_hs_code,
    statistics_category,
    suggest_hs_code,
    trade_flow,
)
from creative_market.export.countries import (
    CIS_FREE_TRADE_PARTNERS,
    OriginCertificateForm,
    origin_certificate_form,
)
from creative_market.export.incoterms import INCOTERMS_2020, TransportMode, validate_incoterm

import_all_models()  # mappers resolve relationships by name across modules


def carpet(technique=CarpetTechnique.KNOTTED_PILE, pile=Fibre.WOOL, **kw):
    pile = pile if technique is CarpetTechnique.KNOTTED_PILE else None
    return Carpet(kind="carpet", delivery=Delivery.PHYSICAL, technique=technique,
                  pile_material=pile, warp_material=kw.pop("warp", Fibre.WOOL), **kw)


def design(category, materials=(), **kw):
    return DesignWork(kind="design", delivery=DesignCategory(category).delivery,
                      category=category, materials=list(materials), **kw)


def code_of(product):
    suggestion = suggest_hs_code(product)
    return suggestion.code if suggestion else None


def test_every_rule_points_at_a_subheading_of_the_nomenclature():
    for rule in HS_RULES:
        assert hs.validate_subheading(rule.code) == rule.code, rule.when


@pytest.mark.parametrize(("pile", "code"), [
    (Fibre.WOOL, "570110"), (Fibre.GOAT_HAIR, "570110"), (Fibre.CAMEL_HAIR, "570110"),
    (Fibre.SILK, "570190"), (Fibre.COTTON, "570190"),
])
def test_knotted_carpets_by_pile_fibre(pile, code):
    assert code_of(carpet(pile=pile)) == code


@pytest.mark.parametrize("technique", [t for t in CarpetTechnique if not t.is_knotted])
def test_flat_woven_carpets_are_kelem_schumacks_karamanie_5702_10(technique):
    suggestion = suggest_hs_code(carpet(technique=technique, weft_material=Fibre.WOOL))
    assert suggestion.code == "570210"
    assert suggestion.display_code == "5702.10"
    assert "kilim" in suggestion.reason


def test_knotted_wool_carpet_reason_is_given():
    suggestion = suggest_hs_code(carpet())
    assert (suggestion.display_code, suggestion.reason) == (
        "5701.10", "carpet, knotted pile of wool or fine animal hair")


@pytest.mark.parametrize(("category", "materials", "code"), [
    ("ceramics", ["clay"], "691390"),
    ("ceramics", ["Porcelain"], "691310"),
    ("ceramics", ["clay", "tableware"], "691200"),
    ("jewellery", ["silver", "carnelian"], "711311"),
    ("jewellery", ["gold"], "711319"),
    ("jewellery", ["copper"], "711719"),
    ("jewellery", ["glass beads"], "711790"),
    ("fashion", ["silk"], "621410"),
    ("fashion", ["wool"], "621420"),
    ("fashion", ["cotton"], "621490"),
    ("fashion", ["leather"], "621710"),
    ("homeware", ["copper"], "741810"),
    ("homeware", ["wood"], "442090"),
    ("homeware", ["glass"], "701399"),
    ("homeware", ["cotton"], "630492"),
    ("homeware", ["silk"], "630499"),
    ("homeware", ["clay"], "691200"),
    ("homeware", ["plastic"], None),
])
def test_design_objects(category, materials, code):
    assert code_of(design(category, materials)) == code


def test_digital_works_get_no_hs_code():
    assert suggest_hs_code(design("font")) is None
    assert suggest_hs_code(MusicWork(kind="music", delivery=Delivery.DIGITAL)) is None


def test_seller_override_wins_over_the_suggestion():
    product = carpet(hs_code="570190")
    assert effective_hs_code(product) == "570190"
    assert effective_hs_code(carpet()) == "570110"


@pytest.mark.parametrize(("product", "goods", "services"), [
    (carpet(), CreativeGoodsCategory.ART_CRAFTS, None),
    (design("ceramics", ["clay"]), CreativeGoodsCategory.ART_CRAFTS, None),
    (design("jewellery", ["silver"]), CreativeGoodsCategory.DESIGN, None),
    (design("fashion", ["silk"]), CreativeGoodsCategory.DESIGN, None),
    (design("font"), CreativeGoodsCategory.DESIGN, CreativeServicesCategory.LICENCES_TO_REPRODUCE),
    (design("illustration"), CreativeGoodsCategory.VISUAL_ARTS,
     CreativeServicesCategory.LICENCES_TO_REPRODUCE),
    (MusicWork(kind="music", delivery=Delivery.DIGITAL), CreativeGoodsCategory.NEW_MEDIA,
     CreativeServicesCategory.AUDIOVISUAL_SERVICES),
    (MediaWork(kind="media", delivery=Delivery.DIGITAL, media_type=MediaType.FILM),
     CreativeGoodsCategory.AUDIOVISUALS, CreativeServicesCategory.AUDIOVISUAL_SERVICES),
    (MediaWork(kind="media", delivery=Delivery.DIGITAL, media_type=MediaType.PHOTO),
     CreativeGoodsCategory.VISUAL_ARTS, CreativeServicesCategory.LICENCES_TO_REPRODUCE),
])
def test_creative_economy_categories(product, goods, services):
    assert creative_goods_category(product) is goods
    assert creative_services_category(product) == services
    flow = TradeFlow.SERVICES if services else TradeFlow.GOODS
    assert trade_flow(product) is flow
    assert statistics_category(product) == (services or goods).value


def test_the_eleven_incoterms_2020():
    assert list(INCOTERMS_2020) == [
        "EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF"]
    sea = {code for code, rule in INCOTERMS_2020.items() if rule.mode is TransportMode.SEA}
    assert sea == {"FAS", "FOB", "CFR", "CIF"}
    assert validate_incoterm(" dap ").describe("Berlin") == "DAP Berlin, Incoterms® 2020"
    with pytest.raises(ValidationError, match="'DAT' is not an Incoterms 2020 rule"):
        validate_incoterm("DAT")  # withdrawn in 2020


def test_origin_form_by_destination():
    assert origin_certificate_form("RU") is OriginCertificateForm.CT1
    assert origin_certificate_form("kz") is OriginCertificateForm.CT1
    assert origin_certificate_form("DE") is OriginCertificateForm.GENERAL
    assert origin_certificate_form("TR") is OriginCertificateForm.GENERAL
    assert "AM" not in CIS_FREE_TRADE_PARTNERS and "AZ" not in CIS_FREE_TRADE_PARTNERS


@pytest.mark.parametrize(("group", "chapter"), sorted(DEFAULT_CHAPTERS.items()))
def test_report_default_chapters_agree_with_every_rule_of_the_group(group, chapter):
    words = {"carpet": "carpet", "ceramics": "ceramics", "jewellery": "jewellery",
             "fashion": "fashion"}[group]
    codes = [rule.code for rule in HS_RULES if rule.when.startswith(words)]
    assert codes and all(code.startswith(chapter) for code in codes)
