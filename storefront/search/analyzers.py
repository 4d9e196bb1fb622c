"""Text analyzers: Azerbaijani (exact and Latin-keyboard folded), English and Russian.

Whoosh ships no Azerbaijani analyzer. Azerbaijani is Turkic: capital I lowers to dotless ı
and capital İ to dotted i, which Python's `str.lower` gets wrong. The exact analyzer keeps
the real letters; the folded analyzer also maps ə ş ç ğ ı ö ü to their Latin-keyboard
look-alikes and strips a few common suffixes, so "xalca" finds "Quba xalçası". Listings
are indexed with both, the exact fields matching only the right spelling, so that spelling
scores from two fields and ranks first.
"""

from __future__ import annotations

from collections.abc import Iterator

from whoosh.analysis import (
    Filter,
    LanguageAnalyzer,
    RegexTokenizer,
    Token,
)

_TURKIC_CAPITALS = str.maketrans({"I": "ı", "İ": "i"})
_LATIN_KEYBOARD = str.maketrans(
    {"ə": "e", "ş": "s", "ç": "c", "ğ": "g", "ı": "i", "ö": "o", "ü": "u", "ё": "е"}
)
# Folded spellings of common Azerbaijani noun endings (plural, possessive, case); longest first.
_SUFFIXES = (
    "lerinin", "larinin", "leri", "lari", "sinin", "sunun", "lar", "ler",
    "nin", "nun", "dan", "den", "si", "su", "da", "de", "ni", "nu", "in", "un", "i", "u",
)
_MIN_STEM = 4


def turkic_lower(text: str) -> str:
    """Lower-case with Turkic rules: I -> ı and İ -> i before the ordinary lowering."""
    return text.translate(_TURKIC_CAPITALS).lower()


def fold_azerbaijani(text: str) -> str:
    """Map Azerbaijani letters to what a Latin keyboard types ("şəki" -> "seki")."""
    return turkic_lower(text).translate(_LATIN_KEYBOARD)


def strip_suffixes(word: str, rounds: int = 2) -> str:
    """Strip up to `rounds` common endings from a folded word, keeping a stem of 4+ letters."""
    for _ in range(rounds):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
                word = word[: -len(suffix)]
                break
        else:
            break
    return word


class TurkicLowercaseFilter(Filter):
    """Lower-cases tokens with the Turkic dotted/dotless i rules."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            token.text = turkic_lower(token.text)
            yield token


class AzerbaijaniFoldingFilter(Filter):
    """Folds Azerbaijani letters to Latin-keyboard letters and strips common endings."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            token.text = strip_suffixes(token.text.translate(_LATIN_KEYBOARD))
            yield token


class YoFilter(Filter):
    """Russian ё is usually typed as е; index and query both as е."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            token.text = token.text.replace("ё", "е")
            yield token


_RUSSIAN_CONSONANTS = frozenset("бвгджзклмнпрстфхцчшщ")
_FLEETING_VOWELS = ("е", "о")


def fleeting_vowel_variants(stem: str) -> list[str]:
    """Other stems of a Russian word whose last vowel comes and goes ("ковер" <-> "ковр").

    Snowball stems "ковёр" to "ковер" but "ковры", "ковра" to "ковр" (and "платок" to
    "платок" but "платки" to "платк"): a vowel between the last two consonants drops out in
    most forms. The variants are only candidates; a search keeps those the index knows.
    """
    if len(stem) < 3 or stem[-1] not in _RUSSIAN_CONSONANTS:
        return []
    if stem[-2] in _RUSSIAN_CONSONANTS:
        return [stem[:-1] + vowel + stem[-1] for vowel in _FLEETING_VOWELS]
    if len(stem) >= 4 and stem[-2] in _FLEETING_VOWELS and stem[-3] in _RUSSIAN_CONSONANTS:
        return [stem[:-2] + stem[-1]]
    return []


def azerbaijani_exact_analyzer():
    """Azerbaijani words as spelled, Turkic lower-cased."""
    return RegexTokenizer() | TurkicLowercaseFilter()


def azerbaijani_folded_analyzer():
    """Azerbaijani words as a Latin keyboard types them, with common endings stripped."""
    return RegexTokenizer() | TurkicLowercaseFilter() | AzerbaijaniFoldingFilter()


def english_analyzer():
    """English words lower-cased, stop words removed, Snowball-stemmed."""
    return LanguageAnalyzer("en")


def russian_analyzer():
    """Russian words lower-cased, ё -> е, stop words removed, Snowball-stemmed."""
    tokenizer_and_lower, *rest = _split_chain(LanguageAnalyzer("ru"))
    chain = tokenizer_and_lower | YoFilter()
    for item in rest:
        chain = chain | item
    return chain


def _split_chain(analyzer):
    """Split a composite analyzer after its lowercase filter (tokenizer+lower, then the rest)."""
    items = list(analyzer.items)
    head = items[0]
    for item in items[1:2]:
        head = head | item
    return [head, *items[2:]]


def analyze(analyzer, text: str) -> list[str]:
    """The terms `analyzer` makes of `text` (a helper for tests and suggestions)."""
    return [token.text for token in analyzer(text)]
