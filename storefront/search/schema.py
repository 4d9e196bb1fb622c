"""The Whoosh schema of the listing index, the searchable fields and their boosts.

Prices are integer minor units (qintars for AZN) so that sorting and ranges are exact.
Every text field exists per language; Azerbaijani text is indexed twice (exact spelling
and Latin-keyboard folded). Titles outweigh tags, which outweigh descriptions.
"""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from storefront.search.analyzers import (
    azerbaijani_exact_analyzer,
    azerbaijani_folded_analyzer,
    english_analyzer,
    russian_analyzer,
)

TITLE_BOOST = 5.0
TAGS_BOOST = 3.0
DESCRIPTION_BOOST = 1.0
SELLER_BOOST = 2.0
DETAILS_BOOST = 1.0

# language suffix of a field -> analyzer factory; "azf" is folded Azerbaijani.
LANGUAGE_ANALYZERS = {
    "az": azerbaijani_exact_analyzer,
    "azf": azerbaijani_folded_analyzer,
    "en": english_analyzer,
    "ru": russian_analyzer,
}
# Which stored text a folded field reads (for indexing and highlighting).
SOURCE_LANGUAGE = {"az": "az", "azf": "az", "en": "en", "ru": "ru"}
PARTS = {"title": TITLE_BOOST, "tags": TAGS_BOOST, "description": DESCRIPTION_BOOST}


def text_field_boosts() -> dict[str, float]:
    """Every searchable text field with its boost (what a query looks through)."""
    boosts = {
        f"{part}_{suffix}": boost
        for part, boost in PARTS.items()
        for suffix in LANGUAGE_ANALYZERS
    }
    boosts.update(seller=SELLER_BOOST, seller_f=SELLER_BOOST, details=DETAILS_BOOST)
    return boosts


def build_schema() -> Schema:
    """A fresh schema: ids, facets, sort keys, stored display data and text fields."""
    schema = Schema(
        id=ID(stored=True, unique=True),
        slug=STORED(),
        kind=ID(stored=True, sortable=True),
        cluster=ID(stored=True, sortable=True),
        region=ID(stored=True, sortable=True),
        tiers=KEYWORD(stored=True, commas=True),
        in_stock=ID(stored=True, sortable=True),
        price=NUMERIC(int, bits=64, stored=True, sortable=True),
        price_band=ID(sortable=True),
        currency=STORED(),
        published=NUMERIC(int, bits=64, stored=True, sortable=True),
        display=STORED(),
        seller=TEXT(analyzer=azerbaijani_exact_analyzer(), stored=True, phrase=False),
        seller_f=TEXT(analyzer=azerbaijani_folded_analyzer(), phrase=False),
        details=TEXT(analyzer=english_analyzer(), phrase=False),
        spelling=TEXT(analyzer=azerbaijani_exact_analyzer(), phrase=False),
    )
    for part in PARTS:
        for suffix, factory in LANGUAGE_ANALYZERS.items():
            stored = suffix != "azf" and part != "tags"
            field = TEXT(analyzer=factory(), stored=stored, phrase=False)
            schema.add(f"{part}_{suffix}", field)
    return schema
