"""Licence terms read in the buyer's language: Azerbaijani and Russian as well as English."""

from creative_market.catalog.licensing import LicenceTerms, LicenceTier, UsageCapUnit


def _terms() -> LicenceTerms:
    return LicenceTerms(
        tier=LicenceTier.EXTENDED_COMMERCIAL,
        media=["web", "print"],
        territory=["AZ", "GE"],
        term_months=24,
        usage_cap=10000,
        usage_cap_unit=UsageCapUnit.PRINT_RUN,
        seats=3,
        attribution_required=True,
        merchandise_allowed=False,
        resale_allowed=False,
    )


def test_terms_in_azerbaijani():
    text = " ".join(_terms().describe("az"))
    assert "Genişləndirilmiş kommersiya istifadəsi." in text
    assert "Media: veb, çap." in text
    assert "Ərazi: Azərbaycan, Gürcüstan." in text
    assert "Müddət: 24 ay." in text
    assert "İstifadə 10.000 çap nüsxəsi ilə məhdudlaşır." in text
    assert "Müəllifin göstərilməsi tələb olunur." in text
    assert "Yenidən satış qadağandır." in text
    assert "Territory" not in text and "Term:" not in text and "resale" not in text


def test_terms_in_russian():
    text = " ".join(_terms().describe("ru"))
    assert "Расширенное коммерческое использование." in text
    assert "Территория: Азербайджан, Грузия." in text
    assert "Срок: 24 мес." in text
    assert "Использование ограничено: 10\u00a0000 экз. тиража." in text
    assert "Перепродажа запрещена." in text
    assert "Territory" not in text and "Seats" not in text


def test_default_terms_in_azerbaijani_are_worldwide_and_perpetual():
    text = LicenceTerms(tier=LicenceTier.PERSONAL).describe("az")
    assert "Ərazi: bütün dünya." in text and "Müddət: müddətsiz." in text
    assert "İstifadə həddi yoxdur." in text


def test_unknown_language_falls_back_to_english():
    assert LicenceTerms(tier=LicenceTier.PERSONAL).describe("de")[0] == (
        "Personal, non-commercial use.")
