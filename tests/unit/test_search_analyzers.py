"""The search analyzers: Turkic case folding, Latin-keyboard folding, stemming."""

from __future__ import annotations

import subprocess
import sys

import pytest

from storefront.search.analyzers import (
    analyze,
    azerbaijani_exact_analyzer,
    azerbaijani_folded_analyzer,
    english_analyzer,
    fleeting_vowel_variants,
    fold_azerbaijani,
    russian_analyzer,
    strip_suffixes,
    turkic_lower,
)


@pytest.mark.parametrize(
    ("text", "lowered"),
    [("ISTI", "ıstı"), ("İSTİ", "isti"), ("İçərişəhər", "içərişəhər"), ("QIRMIZI", "qırmızı"),
     ("Şəki", "şəki")],
)
def test_turkic_lowercase_keeps_dotted_and_dotless_i_apart(text, lowered):
    assert turkic_lower(text) == lowered


def test_python_lower_alone_would_be_wrong():
    # The reason the analyzer exists: str.lower maps I to i and İ to i + combining dot.
    assert "QIRMIZI".lower() != "qırmızı"
    assert len("İ".lower()) == 2


def test_exact_analyzer_keeps_azerbaijani_letters():
    assert analyze(azerbaijani_exact_analyzer(), "Quba XALÇASI, Şəki") == [
        "quba", "xalçası", "şəki"]


@pytest.mark.parametrize(
    ("typed", "written"),
    [("xalca", "xalça"), ("seki", "Şəki"), ("gence", "Gəncə"), ("qirmizi", "QIRMIZI"),
     ("goz", "göz"), ("uzum", "üzüm"), ("dag", "dağ"), ("icerisheher", "İçərişəhər")],
)
def test_folding_maps_what_a_latin_keyboard_types(typed, written):
    folded = azerbaijani_folded_analyzer()
    if typed == "icerisheher":  # "sh" is a transliteration, not what a keyboard folds to
        assert analyze(folded, typed) != analyze(folded, written)
        return
    assert analyze(folded, typed) == analyze(folded, written)


def test_folded_analyzer_strips_common_endings_on_both_sides():
    folded = azerbaijani_folded_analyzer()
    expected = analyze(folded, "xalca")
    for written in ("xalçası", "xalçalar", "xalçaları", "Xalçanın", "xalçada"):
        assert analyze(folded, written) == expected, written


def test_suffix_stripping_keeps_short_stems():
    assert strip_suffixes("seki") == "seki"
    assert strip_suffixes("quba") == "quba"
    assert strip_suffixes("qubada") == "quba"


def test_fold_function():
    assert fold_azerbaijani("Şəki İpək Yolu") == "seki ipek yolu"


def test_english_stemming_and_stop_words():
    assert analyze(english_analyzer(), "The hand-woven Carpets") == ["hand", "woven", "carpet"]
    assert analyze(english_analyzer(), "weaving") == analyze(english_analyzer(), "weave")


def test_russian_stemming_and_yo():
    russian = russian_analyzer()
    assert analyze(russian, "ковры") == analyze(russian, "коврами") == analyze(russian, "ковров")
    assert analyze(russian, "ковёр") == analyze(russian, "ковер")
    assert analyze(russian, "Шёлковый") == analyze(russian, "шелковые")
    assert "и" not in analyze(russian, "ковры и килимы")


@pytest.mark.parametrize(
    ("plural", "singular"),
    [("ковры", "ковёр"), ("узлы", "узел"), ("платков", "платок"), ("ковров", "ковёр")],
)
def test_fleeting_vowel_variants_join_the_forms_of_a_word(plural, singular):
    stem, other = analyze(russian_analyzer(), plural)[0], analyze(russian_analyzer(), singular)[0]
    assert stem != other  # Snowball alone keeps them apart
    assert other in fleeting_vowel_variants(stem)


def test_fleeting_vowel_variants_leave_other_words_alone():
    assert fleeting_vowel_variants("шелк") == ["шелек", "шелок"]  # candidates only
    assert fleeting_vowel_variants("узор") == ["узр"]  # kept only if the index has it
    assert fleeting_vowel_variants("ваз") == []
    assert fleeting_vowel_variants("carpet") == []


def test_library_does_not_import_whoosh_or_flask():
    code = (
        "import sys, creative_market.catalog.search_text;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('whoosh', 'flask', 'storefront')];"
        "print(bad); raise SystemExit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
