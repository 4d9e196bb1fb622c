"""The HS 2022 nomenclature: lookup by code, search by words, validation of overrides."""

import pytest

from creative_market.exceptions import NotFoundError, ValidationError
from creative_market.export import hs


def test_lookup_accepts_dotted_and_plain_codes():
    assert hs.lookup("5701.10").code == "570110"
    description = hs.lookup("570110").description
    assert description.startswith("Carpets and other textile floor coverings; knotted")
    assert hs.lookup("57").level == 2
    assert hs.lookup("5702").parent == "57"


def test_lookup_of_unknown_code_names_it():
    with pytest.raises(NotFoundError, match=r"5799\.99"):
        hs.lookup("5799.99")
    assert hs.find("579999") is None
    assert hs.find("not a code") is None


def test_kelem_schumacks_karamanie_are_5702_10():
    entry = hs.lookup("5702.10")
    assert "kelem, schumacks, karamanie" in entry.description
    assert entry.display_code == "5702.10"


def test_search_by_words_finds_knotted_wool_carpets_first():
    codes = [entry.code for entry in hs.search("knotted carpets wool")]
    assert codes[0] == "570110"
    assert [e.code for e in hs.search("kelem")] == ["570210"]


def test_search_by_code_prefix_and_words():
    codes = {entry.code for entry in hs.search("69 ornamental")}
    assert codes == {"691310", "691390"}
    assert hs.search("") == []


def test_search_can_return_headings():
    assert [e.code for e in hs.search("imitation jewellery", level=4)] == ["7117"]


def test_validate_subheading_refuses_chapters_headings_and_unknown_codes():
    assert hs.validate_subheading("6913.90") == "691390"
    with pytest.raises(ValidationError) as heading:
        hs.validate_subheading("5701")
    assert "6-digit subheading" in heading.value.messages["hs_code"][0]
    with pytest.raises(ValidationError, match="not in the HS 2022 nomenclature"):
        hs.validate_subheading("5701.99")
    with pytest.raises(ValidationError, match="not an HS code"):
        hs.validate_subheading("57A1")


def test_sections_and_chapters_have_names():
    assert hs.sections()["XI"].lower().startswith("textiles")
    assert hs.chapter_description("57") == "Carpets and other textile floor coverings"
    assert [e.code for e in hs.children("5701")] == ["570110", "570190"]


@pytest.mark.parametrize(("words", "code"), [
    ("xalça yun", "5701.10"),        # Azerbaijani, as typed
    ("xalca yun", "5701.10"),        # without Azerbaijani letters
    ("ковёр шерсть", "5701.10"),     # Russian
    ("ковры шерстяные", "5701.10"),  # inflected
    ("kilim", "5702.10"),
    ("палас", "5702.10"),
])
def test_search_reads_azerbaijani_and_russian_trade_words(words, code):
    assert hs.search(words)[0].display_code == code


def test_azerbaijani_letters_are_part_of_a_word_not_a_break_between_two():
    # "gümüş" was split into "g" and "m" and matched gold and moulds.
    found = [entry.display_code for entry in hs.search("gümüş", limit=5)]
    assert found and all("silver" in hs.lookup(code).description.lower() for code in found)
    assert hs.search("gümüş") == hs.search("gumus") == hs.search("silver")


def test_an_unlisted_word_is_searched_as_typed():
    assert hs.search("qzxwv") == []
    assert hs.search("tapestries")[0].display_code == "5805.00"
