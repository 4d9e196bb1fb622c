"""Searching the index: parse the words, filter by facets, count facets, sort, page,
highlight, suggest a spelling, and retry fuzzily when nothing matched.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape
from whoosh import qparser, sorting
from whoosh.highlight import ContextFragmenter, HtmlFormatter
from whoosh.lang.stopwords import stoplists
from whoosh.query import And, Every, FuzzyTerm, Or, Query, Term

from creative_market.text import LANGUAGES, normalize_language
from storefront.search.documents import PRICE_BANDS
from storefront.search.indexer import SearchIndex
from storefront.search.schema import LANGUAGE_ANALYZERS, text_field_boosts

PRICE_RANGES = tuple(PRICE_BANDS)
SORTS = {
    "relevance": (None, False),
    "price_asc": ("price", False),
    "price_desc": ("price", True),
    "newest": ("published", True),
}
TERM_FACETS = ("kind", "cluster", "region", "tiers", "in_stock", "price_band")
MAX_QUERY_LENGTH = 200
_STOP_WORDS = frozenset(stoplists["en"]) | frozenset(stoplists["ru"])
_FUZZY_FIELDS = ("title_azf", "tags_azf", "title_en", "tags_en", "title_ru", "tags_ru",
                 "seller_f")


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
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)
    suggestion: str | None = None
    fuzzy: bool = False

    @property
    def page_count(self) -> int:
        """Number of pages of results."""
        return max(1, math.ceil(self.total / self.request.page_size))


def _parser(schema: Any) -> qparser.QueryParser:
    boosts = text_field_boosts()
    parser = qparser.MultifieldParser(list(boosts), schema, fieldboosts=boosts,
                                      group=qparser.AndGroup)
    for plugin in (qparser.WildcardPlugin, qparser.FieldsPlugin, qparser.RangePlugin,
                   qparser.BoostPlugin):
        parser.remove_plugin_class(plugin)
    return parser


def clean_words(text: str) -> list[str]:
    """The words of a query, without stop words (unless nothing else is left)."""
    words = re.findall(r"\w+", text[:MAX_QUERY_LENGTH])
    content = [word for word in words if word.lower() not in _STOP_WORDS]
    return content or words


def text_query(schema: Any, text: str) -> Query:
    """All words must match, each in any language's title, tags, description or seller."""
    words = clean_words(text)
    if not words:
        return Every()
    phrase = re.findall(r'"[^"]+"', text)
    return _parser(schema).parse(" ".join(phrase + words) if phrase else " ".join(words))


def filter_query(request: SearchRequest) -> Query | None:
    """The facet filters as one query (None when no filter is set)."""
    terms: list[Query] = []
    for name, fieldname in (("kind", "kind"), ("cluster", "cluster"), ("region", "region"),
                            ("tier", "tiers")):
        value = getattr(request, name)
        if value:
            terms.append(Term(fieldname, value))
    if request.price in PRICE_RANGES:
        terms.append(Term("price_band", request.price))
    if request.in_stock:
        terms.append(Term("in_stock", "yes"))
    return And(terms) if terms else None


def facet_groups() -> dict[str, Any]:
    """Facets counted over every match (not only the page shown)."""
    groups: dict[str, Any] = {
        name: sorting.FieldFacet(name, maptype=sorting.Count, allow_overlap=name == "tiers")
        for name in TERM_FACETS
    }
    return groups


def _facet_counts(results: Any) -> dict[str, list[FacetCount]]:
    facets: dict[str, list[FacetCount]] = {}
    for name in TERM_FACETS:
        counts = results.groups(name)
        if name == "price_band":
            ordered = [(key, counts.get(key, 0)) for key in PRICE_RANGES]
        else:
            ordered = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
        key = "price" if name == "price_band" else name
        facets[key] = [FacetCount(str(value), count) for value, count in ordered
                       if count and value not in (None, "")]
    return facets


def search(index: SearchIndex, request: SearchRequest) -> SearchResults:
    """Run `request` against `index`: a page of hits, facet counts, suggestion, fuzzy retry."""
    searcher = index.searcher()
    query = text_query(searcher.schema, request.text)
    results = _run(searcher, query, request)
    outcome = _collect(results, request)
    if request.text.strip() and outcome.total == 0:
        fuzzy_query = fuzzy_text_query(searcher.schema, request.text)
        if fuzzy_query is not None:
            retry = _collect(_run(searcher, fuzzy_query, request), request)
            if retry.total:
                outcome, outcome.fuzzy = retry, True
    if request.text.strip():
        outcome.suggestion = suggest(index, request.text)
    return outcome


def _run(searcher: Any, query: Query, request: SearchRequest) -> Any:
    sort_field, reverse = SORTS.get(request.sort, SORTS["relevance"])
    limit = request.page * request.page_size
    options: dict[str, Any] = {"limit": limit, "groupedby": facet_groups(),
                               "filter": filter_query(request)}
    if sort_field is not None:
        options.update(sortedby=sort_field, reverse=reverse)
    results = searcher.search(query, **options)
    results.fragmenter = ContextFragmenter(maxchars=180, surround=60)
    results.formatter = HtmlFormatter(tagname="mark", classname="hl", termclass="")
    return results


def _collect(results: Any, request: SearchRequest) -> SearchResults:
    start = (request.page - 1) * request.page_size
    hits = [_hit(results[position], request.language)
            for position in range(start, min(len(results), start + request.page_size))
            if position < results.scored_length()]
    return SearchResults(request=request, hits=hits, total=len(results),
                         facets=_facet_counts(results))


def _hit(hit: Any, language: str) -> SearchHit:
    display = hit.get("display") or {}
    titles = display.get("titles") or {}
    price = hit.get("price")
    return SearchHit(
        id=int(hit["id"]),
        slug=hit["slug"],
        kind=hit["kind"],
        title=titles.get(language) or titles.get("az") or hit["slug"],
        snippet=snippet(hit, language),
        seller=hit.get("seller", ""),
        price_minor=int(price) if price is not None else None,
        currency=hit.get("currency") or "AZN",
        in_stock=hit.get("in_stock") == "yes",
        image_id=display.get("image_id"),
        tiers=tuple(t for t in (hit.get("tiers") or "").split(",") if t),
    )


def snippet(hit: Any, language: str) -> Markup:
    """Highlighted description text, in the page's language when it matched there."""
    wanted = normalize_language(language)
    order = [wanted] + [lang for lang in LANGUAGES if lang != wanted]
    for lang in order:
        text = hit.get(f"description_{lang}")
        if not text:
            continue
        for fieldname in (f"description_{lang}", "description_azf") if lang == "az" else (
                f"description_{lang}",):
            marked = hit.highlights(fieldname, text=text, top=2)
            if marked:
                return Markup(marked)
    fallback = hit.get(f"description_{wanted}") or hit.get("description_az") or ""
    return Markup(escape(fallback[:180] + ("…" if len(fallback) > 180 else "")))


def fuzzy_text_query(schema: Any, text: str) -> Query | None:
    """Each word within one or two edits, in titles, tags and seller names of every language."""
    words = clean_words(text)
    if not words:
        return None
    per_word = []
    for word in words:
        alternatives = []
        for fieldname in _FUZZY_FIELDS:
            terms = [token.text for token in schema[fieldname].analyzer(word)]
            if terms:
                distance = 1 if len(terms[0]) <= 4 else 2
                alternatives.append(FuzzyTerm(fieldname, terms[0], maxdist=distance,
                                              prefixlength=1))
        if alternatives:
            per_word.append(Or(alternatives))
    return And(per_word) if per_word else None


def _known(reader: Any, schema: Any, word: str) -> bool:
    fieldnames = [f"{part}_{suffix}" for suffix in LANGUAGE_ANALYZERS
                  for part in ("title", "tags", "description")]
    for fieldname in (*fieldnames, "seller", "seller_f", "details"):
        terms = [token.text for token in schema[fieldname].analyzer(word)]
        if terms and (fieldname, terms[0]) in reader:
            return True
    return False


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
        options = corrector.suggest(lowered[0], limit=1, maxdist=2) if lowered else []
        corrected.append(options[0] if options else word)
        changed = changed or bool(options)
    return " ".join(corrected) if changed else None
