"""Azerbaijani and Russian words for the goods of this market, in the nomenclature's English.

The HS nomenclature is English; a clerk types `xalça`, `ковёр` or `gümüş`. Each key is the
start of a word (a stem, so inflected forms match: xalçalar, ковры), written as
`fold_word` folds it (Azerbaijani letters to their Latin base, ё to е), so `xalca` typed
without Azerbaijani letters matches too. The value is the English word (or words, any of
which may match) the nomenclature uses. Only craft and creative goods are listed: a word not
here is searched as it is typed.
"""

from __future__ import annotations

_AZ_FOLD = str.maketrans({"ə": "e", "ş": "s", "ç": "c", "ğ": "g", "ı": "i", "ö": "o",
                          "ü": "u", "ё": "е"})

_STEMS: dict[str, tuple[str, ...]] = {
    # Azerbaijani
    "xalc": ("carpet",), "xali": ("carpet",), "kilim": ("kelem",), "palaz": ("kelem",),
    "palas": ("kelem",), "sumax": ("schumacks",), "zili": ("hand-woven",),
    "verni": ("hand-woven",), "yun": ("wool",), "ipek": ("silk",), "pambig": ("cotton",),
    "pambiq": ("cotton",), "keten": ("flax",), "deri": ("leather",), "gumus": ("silver",),
    "qizil": ("gold",), "mis": ("copper",), "keramik": ("ceramic",),
    "saxsi": ("earthenware", "ceramic"), "cini": ("porcelain",), "suse": ("glass",),
    "agac": ("wood",), "taxta": ("wood",), "zerger": ("jewellery",), "resm": ("paintings",),
    "tablo": ("paintings",), "heykel": ("sculptures",), "kitab": ("books",),
    "kelagay": ("shawls",), "yayliq": ("shawls",), "geyim": ("apparel",), "papag": ("hats",),
    "papaq": ("hats",), "tikme": ("embroidery",), "kece": ("felt",), "musiqi": ("musical",),
    "foto": ("photographs",),
    # Russian
    "ковр": ("carpet",), "ковер": ("carpet",), "килим": ("kelem",), "паляс": ("kelem",),
    "палас": ("kelem",),
    "сумах": ("schumacks",), "шерст": ("wool",), "шелк": ("silk",), "хлоп": ("cotton",),
    "лен": ("flax",), "кож": ("leather",), "серебр": ("silver",), "золот": ("gold",),
    "мед": ("copper",), "керамик": ("ceramic",), "фарфор": ("porcelain",),
    "стекл": ("glass",), "дерев": ("wood",), "ювелир": ("jewellery",),
    "картин": ("paintings",), "скульптур": ("sculptures",), "книг": ("books",),
    "платок": ("shawls",), "платк": ("shawls",), "шал": ("shawls",), "одежд": ("apparel",),
    "шапк": ("hats",),
    "вышив": ("embroidery",), "войлок": ("felt",), "музык": ("musical",),
    "фото": ("photographs",),
}
# Longest stems first, so "keramik" wins over a shorter stem that also starts the word.
_BY_LENGTH = sorted(_STEMS, key=len, reverse=True)


def fold_word(word: str) -> str:
    """A word lower-cased with Azerbaijani letters folded to their Latin base (and ё to е)."""
    return word.lower().translate(_AZ_FOLD)


def english_words(word: str) -> tuple[str, ...]:
    """The nomenclature's English for an Azerbaijani or Russian word; () when not listed."""
    folded = fold_word(word)
    for stem in _BY_LENGTH:
        if folded.startswith(stem):
            return _STEMS[stem]
    return ()
