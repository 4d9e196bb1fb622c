"""Countries to choose from, named in the interface language and in its alphabetical order."""

from __future__ import annotations

from functools import cache

from flask_babel import get_locale

from creative_market.catalog.licensing import country_name, iso_country_codes
from creative_market.text import DEFAULT_LANGUAGE

# Python compares code points, which puts ç, ə, ğ, ı, ö, ş, ü after z; Azerbaijani doesn't.
_AZERBAIJANI_ALPHABET = "abcçdeəfgğhxıijkqlmnoöprsştuüvyz"
_AZERBAIJANI_ORDER = {letter: position for position, letter in enumerate(_AZERBAIJANI_ALPHABET)}


def _alphabetical_key(name: str, language: str) -> tuple:
    """A sort key that follows the alphabet of `language` (az, ru, en)."""
    lowered = name.replace("İ", "i").replace("I", "ı").lower() if language == "az" else (
        name.lower())
    if language == "az":
        return tuple(_AZERBAIJANI_ORDER.get(letter, 100 + ord(letter)) for letter in lowered)
    if language == "ru":
        return tuple(ord("е") + 0.5 if letter == "ё" else ord(letter) for letter in lowered)
    return tuple(ord(letter) for letter in lowered)


@cache
def _choices(language: str) -> tuple[tuple[str, str], ...]:
    named = [(country_name(code, language), code) for code in iso_country_codes()]
    named.sort(key=lambda pair: _alphabetical_key(pair[0], language))
    return tuple((code, name) for name, code in named)


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """(ISO code, name) of every country, named and ordered for `language` (default: the page's)."""
    return list(_choices(language or str(get_locale() or DEFAULT_LANGUAGE)))
