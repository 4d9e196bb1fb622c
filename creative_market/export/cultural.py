"""The cultural-value rule: old carpets and artworks need a Ministry of Culture certificate.

A carpet (HS chapter 57) or a work of art (HS chapter 97) made before the configured year
(`ExportSettings.cultural_value_year`, default 1960) may leave Azerbaijan only with an export
certificate from the Ministry of Culture. Until its number and date are recorded on the
customs item, the shipment's final documents are refused with a list of what is missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from creative_market.export.settings import ExportSettings
from creative_market.messages import Message

CULTURAL_CHAPTERS = {"57": Message("carpet"), "97": Message("work of art")}


def is_cultural_goods(hs_code: str) -> bool:
    """True for carpets (chapter 57) and works of art (chapter 97)."""
    return hs_code[:2] in CULTURAL_CHAPTERS


def needs_certificate(item: Any, settings: ExportSettings) -> bool:
    """True if the item is a carpet or artwork made before the threshold year."""
    return (
        is_cultural_goods(item.hs_code)
        and item.year_made is not None
        and item.year_made < settings.cultural_value_year
    )


def missing_cultural_records(items: Iterable[Any], settings: ExportSettings) -> list[str]:
    """Sentences naming each certificate or year of making still to be recorded."""
    missing: list[str] = []
    for item in items:
        if not is_cultural_goods(item.hs_code):
            continue
        what = CULTURAL_CHAPTERS[item.hs_code[:2]]
        if item.year_made is None:
            missing.append(Message(
                "Year made of the %(what)s '%(item)s': needed to decide whether a "
                "Ministry of Culture export certificate is required "
                "(required before %(year)s).",
                what=what, item=item.description, year=settings.cultural_value_year))
        elif needs_certificate(item, settings) and item.cultural_certificate is None:
            missing.append(Message(
                "Ministry of Culture export certificate (number and date) for the %(what)s "
                "'%(item)s', made in %(made)s (before %(year)s).",
                what=what, item=item.description, made=item.year_made,
                year=settings.cultural_value_year))
    return missing
