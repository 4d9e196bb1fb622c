"""Searching the index: analyse the words, filter by facets, count facets, sort, page,
highlight, suggest a spelling, and retry fuzzily when nothing matched.

Every word must match (in any language's title, tags, description, seller or kind
details); fields are weighted title > tags > description. Matching, scoring and counting
run on NumPy arrays of the index's postings (see `matching`); results are read from the
stored fields, so a search costs no database query.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

import numpy as np
from markupsafe import Markup
from whoosh.lang.stopwords import stoplists

from creative_market.catalog.enums import CreativeCluster, ProductKind, Region
from creative_market.catalog.licensing import LicenceTier
from creative_market.text import LANGUAGES, normalize_language
from storefront.search.analyzers import fleeting_vowel_variants
from storefront.search.documents import PRICE_BANDS
from storefront.search.indexer import SearchIndex
from storefront.search.matching import (
    SearcherArrays,
    facet_counts,
    match_words,
    multi_facet_counts,
    ordered_page,
)
from storefront.search.schema import LANGUAGE_ANALYZERS, text_field_boosts
from storefront.search.snippets import highlighted, plain

PRICE_RANGES = tuple(PRICE_BANDS)
SORTS = ("relevance", "price_asc", "price_desc", "newest")
# Single-valued facet fields and their closed vocabularies (the order shown for prices).
FACET_VALUES: dict[str, tuple[str, ...]] = {
    "kind": tuple(ProductKind),
    "cluster": tuple(CreativeCluster),
    "region": tuple(Region),
    "in_stock": ("yes", "no"),
    "price_band": tuple(PRICE_BANDS),
}
TIER_VALUES: tuple[str, ...] = tuple(LicenceTier)
FUZZY_BOOST = 0.5
VARIANT_BOOST = 0.8
MAX_QUERY_LENGTH = 200
_STOP_WORDS = frozenset(stoplists["en"]) | frozenset(stoplists["ru"])
_FUZZY_FIELDS = ("title_azf", "tags_azf", "title_en", "tags_en", "title_ru", "tags_ru",
                 "seller_f")
_HIGHLIGHT_FIELDS = {"az": "description_azf", "en": "description_en", "ru": "description_ru"}

Word = list[tuple[str, str, float]]  # one query word: (field, term, boost) alternatives


@dataclass(frozen=True)
class SearchRequest:
    """What a buyer asked for: words, facet filters, sort order and page."""

    text: str = ""
    kind: str | None = None
    cluster: str | None = None
    region: str | None = None
    tier: str | None = None
    price: str | None = None
    in_stock: bool = False
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    language: str = "az"

    def filters(self) -> dict[str, str]:
        """The facet filters that are set, by query-string name."""
        values = {"kind": self.kind, "cluster": self.cluster, "region": self.region,
                  "tier": self.tier, "price": self.price,
                  "in_stock": "1" if self.in_stock else None}
        return {name: value for name, value in values.items() if value}


@dataclass(frozen=True)
class SearchHit:
    """One listing on a results page, from the index's stored fields (no database read)."""

    id: int
    slug: str
    kind: str
    title: str
    snippet: Markup
    seller: str
    price_minor: int | None
    currency: str
    in_stock: bool
    image_id: int | None
    image_filename: str | None
    tiers: tuple[str, ...]


@dataclass(frozen=True)
class FacetCount:
    """A facet value with the number of matching listings."""

    value: str
    count: int


@dataclass
class SearchResults:
    """A page of results with totals, facet counts and search aids."""

    request: SearchRequest
    hits: list[SearchHit] = dataclass_field(default_factory=list)
    total: int = 0
    facets: dict[str, list[FacetCount]] = dataclass_field(default_factory=dict)
    suggestion: str | None = None
    fuzzy: bool = False

    @property
    def page_count(self) -> int:
        """Number of pages of results."""
        return max(1, math.ceil(self.total / self.request.page_size))


def clean_words(text: str) -> list[str]:
    """The words of a query, without stop words (unless nothing else is left)."""
    words = re.findall(r"\w+", text[:MAX_QUERY_LENGTH])
    content = [word for word in words if word.lower() not in _STOP_WORDS]
    return content or words


def _analyzed(schema: Any, fieldname: str, word: str) -> list[str]:
    return [token.text for token in schema[fieldname].analyzer(word)]


def known_variants(reader: Any, field: str, term: str) -> list[str]:
    """Russian stems with the word's fleeting vowel added or dropped, that `field` holds."""
    if not field.endswith("_ru"):
        return []
    return [variant for variant in fleeting_vowel_variants(term) if (field, variant) in reader]


def query_words(schema: Any, text: str, reader: Any = None) -> list[Word]:
    """Each word as its analysed term in every searchable field, with the field's boost.

    Given the index's `reader`, a Russian word also matches its other stem when the index
    has it ("ковры" finds "ковёр"), a little below the form that was typed.
    """
    boosts = text_field_boosts()
    words = []
    for word in clean_words(text):
        alternatives = set()
        for field, boost in boosts.items():
            for term in _analyzed(schema, field, word):
                alternatives.add((field, term, boost))
                if reader is not None:
                    alternatives.update((field, variant, boost * VARIANT_BOOST)
                                        for variant in known_variants(reader, field, term))
        if alternatives:
            words.append(sorted(alternatives))
    return words


def fuzzy_words(reader: Any, schema: Any, text: str) -> list[Word]:
    """Each word within one (short words) or two edits, in titles, tags and seller names."""
    words = []
    for word in clean_words(text):
        alternatives = set()
        for field in _FUZZY_FIELDS:
            for term in _analyzed(schema, field, word)[:1]:
                distance = 1 if len(term) <= 4 else 2
                for close in reader.terms_within(field, term, distance, prefix=1):
                    alternatives.add((field, close, FUZZY_BOOST * text_field_boosts()[field]))
        words.append(sorted(alternatives))
    return words


def filter_mask(arrays: SearcherArrays, request: SearchRequest) -> np.ndarray | None:
    """The facet filters as a document mask (None when no filter is set)."""
    mask = None
    wanted = {"kind": request.kind, "cluster": request.cluster, "region": request.region,
              "price_band": request.price, "in_stock": "yes" if request.in_stock else None}
    for field, value in wanted.items():
        if value and value in FACET_VALUES[field]:
            part = arrays.codes(field, FACET_VALUES[field]) == FACET_VALUES[field].index(value)
            mask = part if mask is None else mask & part
    if request.tier:
        part = np.zeros(arrays.size, dtype=bool)
        part[arrays.postings("tiers", request.tier)[0]] = True
        mask = part if mask is None else mask & part
    return mask


def _facets(arrays: SearcherArrays, mask: np.ndarray) -> dict[str, list[FacetCount]]:
    facets: dict[str, list[FacetCount]] = {}
    for field, values in FACET_VALUES.items():
        counts = facet_counts(arrays, mask, field, values)
        ordered = (list(counts.items()) if field == "price_band"
                   else sorted(counts.items(), key=lambda item: (-item[1], item[0])))
        facets["price" if field == "price_band" else field] = [
            FacetCount(value, count) for value, count in ordered]
    tiers = multi_facet_counts(arrays, mask, "tiers", TIER_VALUES)
    facets["tiers"] = [FacetCount(value, count) for value, count in
                       sorted(tiers.items(), key=lambda item: (-item[1], item[0]))]
    return facets


def _sort_keys(arrays: SearcherArrays, scores: np.ndarray, sort: str
               ) -> tuple[np.ndarray, np.ndarray]:
    newest = -arrays.column("published").astype(np.float64)
    if sort in ("price_asc", "price_desc"):
        priced = arrays.codes("price_band", FACET_VALUES["price_band"]) >= 0
        price = arrays.column("price").astype(np.float64)
        price = price if sort == "price_asc" else -price
        return np.where(priced, price, np.inf), -scores.astype(np.float64)
    if sort == "newest":
        return newest, -scores.astype(np.float64)
    return -scores.astype(np.float64), newest


def _matches(arrays: SearcherArrays, words: list[Word], filters: np.ndarray | None
             ) -> tuple[np.ndarray, np.ndarray]:
    if words:
        mask, scores = match_words(arrays, words)
    else:
        mask, scores = arrays.live.copy(), np.zeros(arrays.size, dtype=np.float32)
    if filters is not None:
        mask &= filters
    return mask, scores


def search(index: SearchIndex, request: SearchRequest) -> SearchResults:
    """Run `request` against `index`: a page of hits, facet counts, suggestion, fuzzy retry."""
    arrays = index.arrays()
    schema = arrays.searcher.schema
    filters = filter_mask(arrays, request)
    words = query_words(schema, request.text, arrays.searcher.reader())
    mask, scores = _matches(arrays, words, filters)
    fuzzy = False
    if words and not mask.any():
        retry = fuzzy_words(arrays.searcher.reader(), schema, request.text)
        if all(retry):
            mask, scores = _matches(arrays, retry, filters)
            words, fuzzy = retry, bool(mask.any())
    primary, secondary = _sort_keys(arrays, scores, request.sort)
    start = (request.page - 1) * request.page_size
    page = ordered_page(np.flatnonzero(mask), primary, secondary, start,
                        start + request.page_size)
    terms = _highlight_terms(words)
    return SearchResults(
        request=request,
        hits=[_hit(arrays.searcher.stored_fields(int(d)), request.language, terms)
              for d in page],
        total=int(np.count_nonzero(mask)),
        facets=_facets(arrays, mask),
        suggestion=suggest(index, request.text) if request.text.strip() else None,
        fuzzy=fuzzy,
    )


def _highlight_terms(words: list[Word]) -> dict[str, frozenset[str]]:
    """Query terms per description language: folded Azerbaijani, English, Russian stems."""
    languages = {"azf": "az", "f": "az", "en": "en", "ru": "ru"}  # field suffix -> language
    by_language: dict[str, set[str]] = {language: set() for language in _HIGHLIGHT_FIELDS}
    for alternatives in words:
        for field, term, _ in alternatives:
            language = languages.get(field.rsplit("_", 1)[-1])
            if language is not None:
                by_language[language].add(term)
    return {language: frozenset(terms) for language, terms in by_language.items()}


def _hit(stored: dict[str, Any], language: str, terms: dict[str, frozenset[str]]) -> SearchHit:
    display = stored.get("display") or {}
    titles = display.get("titles") or {}
    price = stored.get("price")
    return SearchHit(
        id=int(stored["id"]),
        slug=stored["slug"],
        kind=stored["kind"],
        title=titles.get(language) or titles.get("az") or stored["slug"],
        snippet=snippet(stored, language, terms),
        seller=stored.get("seller", ""),
        price_minor=int(price) if price is not None else None,
        currency=stored.get("currency") or "AZN",
        in_stock=stored.get("in_stock") == "yes",
        image_id=display.get("image_id"),
        image_filename=display.get("image_filename"),
        tiers=tuple(t for t in (stored.get("tiers") or "").split(",") if t),
    )


def snippet(stored: dict[str, Any], language: str, terms: dict[str, frozenset[str]]) -> Markup:
    """Description text in the page's language, highlighted where the query matched it.

    A listing with a description in the page's language shows that one even when the words
    matched in another language (an English reader is not shown Azerbaijani text); one
    without it shows the description where the words matched, else the Azerbaijani one.
    """
    wanted = normalize_language(language)
    own = stored.get(f"description_{wanted}") or ""
    if own:
        return highlighted(own, terms.get(wanted, frozenset()), wanted) or plain(own)
    for lang in LANGUAGES:
        marked = highlighted(stored.get(f"description_{lang}") or "", terms.get(lang, frozenset()),
                             lang)
        if marked:
            return marked
    return plain(stored.get("description_az") or "")


def _known(reader: Any, schema: Any, word: str) -> bool:
    fieldnames = [f"{part}_{suffix}" for suffix in LANGUAGE_ANALYZERS
                  for part in ("title", "tags", "description")]
    for fieldname in (*fieldnames, "seller", "seller_f", "details"):
        terms = [token.text for token in schema[fieldname].analyzer(word)]
        if terms and ((fieldname, terms[0]) in reader
                      or known_variants(reader, fieldname, terms[0])):
            return True
    return False


def _plausible_correction(corrector: Any, word: str) -> str | None:
    """The index's nearest spelling of `word`, if it is a believable typo fix.

    Words of up to three letters allow one edit, longer ones two; a "correction" that drops
    or adds more than one letter, or is under three letters, reads as nonsense ("ISIQ" ->
    "ıı") and is skipped.
    """
    options = corrector.suggest(word, limit=3, maxdist=1 if len(word) <= 3 else 2)
    for option in options:
        if len(option) >= 3 and abs(len(option) - len(word)) <= 1:
            return option
    return None


def suggest(index: SearchIndex, text: str) -> str | None:
    """A "did you mean" spelling when some words are unknown to the index, else None."""
    searcher = index.searcher()
    reader, schema = searcher.reader(), searcher.schema
    corrector = searcher.corrector("spelling")
    words = clean_words(text)
    changed = False
    corrected = []
    for word in words:
        if len(word) < 3 or word.isdigit() or _known(reader, schema, word):
            corrected.append(word)
            continue
        lowered = [token.text for token in schema["spelling"].analyzer(word)]
        option = _plausible_correction(corrector, lowered[0]) if lowered else None
        corrected.append(option or word)
        changed = changed or bool(option)
    return " ".join(corrected) if changed else None
