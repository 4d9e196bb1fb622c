"""Multilingual text: Azerbaijani first, English and Russian optional; slugs."""

from __future__ import annotations

import re
import unicodedata

LANGUAGES = ("az", "en", "ru")
DEFAULT_LANGUAGE = "az"

_AZ_TRANSLITERATION = str.maketrans(
    {
        "ə": "e", "Ə": "e", "ş": "s", "Ş": "s", "ç": "c", "Ç": "c", "ğ": "g", "Ğ": "g",
        "ı": "i", "I": "i", "İ": "i", "ö": "o", "Ö": "o", "ü": "u", "Ü": "u",
    }
)
_RU_TRANSLITERATION = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
        "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
        "я": "ya",
    }
)
_NOT_SLUG_CHARACTERS = re.compile(r"[^a-z0-9]+")


def normalize_language(language: str | None) -> str:
    """Return a supported two-letter language code, Azerbaijani when unknown."""
    code = (language or DEFAULT_LANGUAGE).split("_")[0].split("-")[0].lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def pick_translation(values: dict[str, str | None], language: str | None) -> str:
    """Return the text in `language`, falling back to Azerbaijani when it is missing."""
    wanted = normalize_language(language)
    return values.get(wanted) or values.get(DEFAULT_LANGUAGE) or ""


def slugify(text: str, max_length: int = 80) -> str:
    """Make a URL slug, transliterating Azerbaijani and Russian letters ("Şəki" -> "seki")."""
    if text.isascii():  # (the tables change no ASCII letter but "I", which lower() does too)
        lowered = text.lower()
    else:
        lowered = text.translate(_AZ_TRANSLITERATION).lower().translate(_RU_TRANSLITERATION)
    if not lowered.isascii():  # NFKD leaves ASCII text as it is
        lowered = _ascii_letters(unicodedata.normalize("NFKD", lowered))
    slug = _NOT_SLUG_CHARACTERS.sub("-", lowered).strip("-")
    return slug[:max_length].rstrip("-") or "item"


def _ascii_letters(decomposed: str) -> str:
    """Drop accents of decomposed text; any other non-ASCII character (a dash, a curly quote,
    a letter of another script) separates words, as ASCII punctuation does."""
    return "".join(
        character if character.isascii()
        else "" if unicodedata.combining(character) else " "
        for character in decomposed
    )


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """'1 row', '2 rows': a count with its English noun in the right number."""
    return f"{number} {singular if number == 1 else plural or singular + 's'}"
