"""The HS 2022 nomenclature shipped as package data: lookup by code, search by words.

Codes are kept as digits only ("570110"); people write them with a dot ("5701.10").
Levels: 2 digits = chapter, 4 = heading, 6 = subheading. See creative_market/data/hs/README.md
for the source and licence of the data.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from creative_market.exceptions import NotFoundError, ValidationError
from creative_market.export.hs_glossary import english_words
from creative_market.messages import Message

_DATA_DIRECTORY = Path(__file__).resolve().parent.parent / "data" / "hs"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class HsEntry:
    """One line of the nomenclature: a chapter, heading or subheading."""

    code: str
    description: str
    section: str
    parent: str | None
    level: int

    @property
    def display_code(self) -> str:
        """The code as customs forms print it ("5701.10")."""
        return format_code(self.code)

    @property
    def chapter(self) -> str:
        """The two-digit chapter the code belongs to."""
        return self.code[:2]


def normalize_code(code: str) -> str:
    """Strip dots and spaces from an HS code ("5701.10" -> "570110"); refuse anything else."""
    digits = re.sub(r"[\s.]", "", str(code or ""))
    if not digits.isdigit() or len(digits) not in (2, 4, 6):
        raise ValidationError(
            {"hs_code": [Message("'%(code)s' is not an HS code: give 2, 4 or 6 digits, "
                                 "e.g. 5701.10.", code=code)]}
        )
    return digits


def format_code(code: str) -> str:
    """Print a 6-digit code with the customary dot ("570110" -> "5701.10")."""
    return f"{code[:4]}.{code[4:]}" if len(code) == 6 else code


@cache
def _entries() -> dict[str, HsEntry]:
    text = (_DATA_DIRECTORY / "harmonized-system.csv").read_text("utf-8-sig")
    entries: dict[str, HsEntry] = {}
    for row in csv.DictReader(text.splitlines()):
        parent = row["parent"] if row["parent"] != "TOTAL" else None
        entries[row["hscode"]] = HsEntry(
            code=row["hscode"],
            description=row["description"],
            section=row["section"],
            parent=parent,
            level=int(row["level"]),
        )
    return entries


@cache
def sections() -> dict[str, str]:
    """Section numeral -> name ("XI" -> "Textiles and textile articles")."""
    text = (_DATA_DIRECTORY / "sections.csv").read_text("utf-8-sig")
    return {row["section"]: row["name"] for row in csv.DictReader(text.splitlines())}


def find(code: str) -> HsEntry | None:
    """The entry for `code` (dots allowed), or None when the nomenclature has no such code."""
    try:
        return _entries().get(normalize_code(code))
    except ValidationError:
        return None


def lookup(code: str) -> HsEntry:
    """The entry for `code`; raise NotFoundError naming the code when it does not exist."""
    entry = _entries().get(normalize_code(code))
    if entry is None:
        raise NotFoundError(f"HS code {code} is not in the HS 2022 nomenclature.")
    return entry


_PART_OF_NOMENCLATURE = {
    2: "%(code)s is a chapter; customs documents need a 6-digit subheading.",
    4: "%(code)s is a heading; customs documents need a 6-digit subheading.",
}


def validate_subheading(code: str) -> str:
    """Return the 6-digit code if it is an HS 2022 subheading, else raise ValidationError."""
    digits = normalize_code(code)
    entry = _entries().get(digits)
    if entry is None:
        raise ValidationError(
            {"hs_code": [Message("%(code)s is not in the HS 2022 nomenclature.",
                                 code=format_code(digits))]}
        )
    if entry.level != 6:
        raise ValidationError(
            {"hs_code": [Message(_PART_OF_NOMENCLATURE[entry.level], code=digits)]}
        )
    return digits


def children(code: str) -> list[HsEntry]:
    """The headings of a chapter or the subheadings of a heading, in code order."""
    digits = normalize_code(code)
    return sorted((e for e in _entries().values() if e.parent == digits), key=lambda e: e.code)


def chapter_description(chapter: str) -> str:
    """The description of a two-digit chapter ("57" -> "Carpets and other ...")."""
    entry = _entries().get(chapter[:2])
    return entry.description if entry else ""


def search(words: str, *, level: int | None = 6, limit: int = 20) -> list[HsEntry]:
    """Entries whose description contains every word (prefix match), best first.

    A number in `words` matches codes starting with it, so "5701" or "wool 57" work too.
    Azerbaijani and Russian words of the trade are read in the nomenclature's English
    (`hs_glossary`): "xalça yun", "ковёр шерсть" and "gumus" find what "carpet wool" and
    "silver" find.
    """
    terms = [_alternatives(term) for term in _WORD.findall(words.lower())]
    if not terms:
        return []
    hits: list[tuple[int, HsEntry]] = []
    for entry in _entries().values():
        if level is not None and entry.level != level:
            continue
        description_words = _WORD.findall(entry.description.lower())
        if all(_matches(term, entry, description_words) for term in terms):
            hits.append((len(entry.description), entry))
    hits.sort(key=lambda hit: (hit[0], hit[1].code))
    return [entry for _, entry in hits[:limit]]


def _alternatives(term: str) -> tuple[str, ...]:
    """A typed word and, for an Azerbaijani or Russian one, the nomenclature's English."""
    return (term, *(part for english in english_words(term) for part in _WORD.findall(english)))


def _matches(alternatives: tuple[str, ...], entry: HsEntry,
             description_words: list[str]) -> bool:
    term = alternatives[0]
    if term.isdigit():
        return entry.code.startswith(term)
    return any(word.startswith(each) for each in alternatives for word in description_words)
