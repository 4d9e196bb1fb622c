"""Search benchmark: Whoosh (the storefront's index) beside SQLite FTS5, same documents and queries.

    .venv/bin/python bench/search_bench.py                    # 10,000 and 100,000 listings
    .venv/bin/python bench/search_bench.py --sizes 200 --queries 30   # a smoke run

For each size it builds deterministic synthetic listings in Azerbaijani, English and
Russian (as transient catalogue models, through the same `product_document` the storefront
indexes), builds both indexes, then runs a fixed set of realistic queries (one and two
words, three languages, Latin-keyboard spellings, a third of them with facet filters) and
prints index build time and p50/p95 latency of a first results page with facet counts.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from creative_market.catalog.enums import (
    CarpetTechnique,
    CreativeCluster,
    DesignCategory,
    Fibre,
    ListingStatus,
    MediaType,
    Region,
    SellerKind,
    WeavingSchool,
)
from creative_market.catalog.licensing import LicenceOffer, LicenceTier
from creative_market.catalog.models import (
    Carpet,
    DesignWork,
    MediaWork,
    MusicWork,
    Product,
    Seller,
)
from creative_market.db import import_all_models
from storefront.search.documents import product_document
from storefront.search.indexer import SearchIndex
from storefront.search.query import PRICE_RANGES, SearchRequest, search

# kind -> (Azerbaijani nouns, English nouns, Russian nouns)
VOCABULARY = {
    "carpet": (["xalça", "kilim", "palaz", "sumax", "zili", "vərni", "xalçası", "xalçalar"],
               ["carpet", "rug", "kilim", "runner", "carpets"],
               ["ковёр", "килим", "ковры", "палас", "дорожка"]),
    "design": (["keramika", "boşqab", "sırğa", "üzük", "şrift", "illüstrasiya", "vaza"],
               ["ceramics", "plate", "earrings", "ring", "font", "illustration", "vase"],
               ["керамика", "тарелка", "серьги", "кольцо", "шрифт", "иллюстрация", "ваза"]),
    "music": (["muğam", "mahnı", "albom", "tar", "kamança", "balaban", "caz"],
              ["mugham", "song", "album", "tar", "jazz", "folk", "track"],
              ["мугам", "песня", "альбом", "тар", "джаз", "народная", "трек"]),
    "media": (["foto", "film", "animasiya", "video", "şəkil", "kadr"],
              ["photo", "film", "animation", "video", "picture", "footage"],
              ["фото", "фильм", "анимация", "видео", "снимок", "кадр"]),
}
PLACES = (["Quba", "Şəki", "Şirvan", "Qarabağ", "Gəncə", "Qazax", "Bakı", "Lənkəran",
           "Naxçıvan", "Şuşa", "Qəbələ", "İçərişəhər"],
          ["Guba", "Shaki", "Shirvan", "Karabakh", "Ganja", "Gazakh", "Baku", "Lankaran",
           "Nakhchivan", "Shusha", "Gabala", "Old City"],
          ["Куба", "Шеки", "Ширван", "Карабах", "Гянджа", "Газах", "Баку", "Ленкорань",
           "Нахчыван", "Шуша", "Габала", "Ичеришехер"])
ADJECTIVES = (["qırmızı", "mavi", "köhnə", "əl işi", "ipək", "yun", "gözəl", "nadir", "yaşıl",
               "qədim", "müasir", "böyük", "kiçik", "naxışlı", "ənənəvi"],
              ["red", "blue", "old", "handmade", "silk", "wool", "beautiful", "rare", "green",
               "ancient", "modern", "large", "small", "patterned", "traditional"],
              ["красный", "синий", "старый", "ручной", "шёлковый", "шерстяной", "красивый",
               "редкий", "зелёный", "древний", "современный", "большой", "маленький",
               "узорчатый", "традиционный"])
FILLER = (["usta", "toxunub", "rəng", "ölçü", "ailə", "ənənə", "məktəb", "naxış", "ev", "hədiyyə"],
          ["master", "woven", "colour", "size", "family", "tradition", "school", "motif",
           "home", "gift"],
          ["мастер", "соткан", "цвет", "размер", "семья", "традиция", "школа", "орнамент",
           "дом", "подарок"])
KINDS = ("carpet", "design", "music", "media")
START = datetime(2024, 1, 1, tzinfo=UTC)


def _sellers(rng: random.Random, count: int = 400) -> list[Seller]:
    clusters, regions = list(CreativeCluster), list(Region)
    return [Seller(id=i + 1, slug=f"seller-{i + 1}", kind=SellerKind.STUDIO,
                   display_name=f"{rng.choice(PLACES[0])} {rng.choice(FILLER[0]).title()} {i}",
                   cluster=rng.choice(clusters), region=rng.choice(regions))
            for i in range(count)]


def _texts(rng: random.Random, kind: str) -> dict[str, object]:
    place, adjective, noun = rng.randrange(12), rng.randrange(15), rng.randrange(5)
    values: dict[str, object] = {}
    for lang_index, lang in enumerate(("az", "en", "ru")):
        nouns = VOCABULARY[kind][lang_index]
        title = (f"{PLACES[lang_index][place]} {ADJECTIVES[lang_index][adjective]} "
                 f"{nouns[noun % len(nouns)]}")
        words = [rng.choice(FILLER[lang_index] + ADJECTIVES[lang_index] + nouns)
                 for _ in range(rng.randint(12, 30))]
        values[f"title_{lang}"] = title
        values[f"description_{lang}"] = " ".join(words).capitalize() + "."
        values[f"tags_{lang}"] = [rng.choice(nouns), rng.choice(ADJECTIVES[lang_index])]
    return values


def _product(rng: random.Random, number: int, sellers: list[Seller]) -> Product:
    kind = KINDS[number % 4]
    common = dict(id=number, sku=f"S{number}", slug=f"item-{number}", seller=rng.choice(sellers),
                  status=ListingStatus.PUBLISHED, currency="AZN",
                  published_at=START + timedelta(minutes=number), **_texts(rng, kind))
    price = Decimal(rng.randint(5, 5000))
    if kind == "carpet":
        return Carpet(**common, delivery="physical", price=price, list_price=price,
                      stock_quantity=rng.randint(0, 3), reserved_quantity=0,
                      weaving_school=rng.choice(list(WeavingSchool)),
                      technique=CarpetTechnique.KILIM, warp_material=Fibre.WOOL,
                      width_cm=120, length_cm=180)
    if kind == "design":
        return DesignWork(**common, delivery="physical", price=price, list_price=price,
                          stock_quantity=rng.randint(0, 5), reserved_quantity=0,
                          category=DesignCategory.CERAMICS, materials=["clay"])
    product = (MusicWork(**common, delivery="digital", genre="folk") if kind == "music" else
               MediaWork(**common, delivery="digital", media_type=MediaType.PHOTO))
    tiers = rng.sample(list(LicenceTier), rng.randint(1, 3))
    product.offers = [LicenceOffer(tier=tier, price=price + i * 50, currency="AZN",
                                   status="active") for i, tier in enumerate(tiers)]
    product.list_price = min(offer.price for offer in product.offers)
    return product


def make_documents(size: int, seed: int = 2026) -> list[dict]:
    """`size` deterministic listing documents built through the storefront's document code."""
    import_all_models()
    rng = random.Random(seed)
    sellers = _sellers(rng)
    return [product_document(_product(rng, number, sellers)) for number in range(1, size + 1)]


def make_queries(count: int, seed: int = 7) -> list[SearchRequest]:
    """A fixed mix of realistic queries: 1-2 words, 3 languages, Latin spellings, facets."""
    rng = random.Random(seed)
    latin = str.maketrans("əşçğıöüİ", "escgiouI")
    queries = []
    for number in range(count):
        lang_index = number % 3
        kind = rng.choice(KINDS)
        words = [rng.choice(VOCABULARY[kind][lang_index])]
        if number % 2:
            words.append(rng.choice((PLACES, ADJECTIVES)[number % 4 // 2][lang_index]).split()[0])
        text = " ".join(words)
        if lang_index == 0 and number % 6 == 0:
            text = text.translate(latin)  # typed on a Latin keyboard
        facets = {}
        if number % 3 == 0:
            facets = rng.choice([{"kind": kind}, {"price": rng.choice(list(PRICE_RANGES))},
                                 {"in_stock": True}, {"kind": kind, "in_stock": True}])
        queries.append(SearchRequest(text=text, language=("az", "en", "ru")[lang_index],
                                     **facets))
    return queries


def percentile(values: list[float], fraction: float) -> float:
    """The value below which `fraction` of `values` lie."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


# -- SQLite FTS5 baseline -------------------------------------------------------------
FTS_COLUMNS = ("title_az", "title_en", "title_ru", "tags_az", "tags_en", "tags_ru",
               "description_az", "description_en", "description_ru", "seller")
FTS_WEIGHTS = "5, 5, 5, 3, 3, 3, 1, 1, 1, 2"  # the same boosts as the Whoosh fields


def build_fts(documents: list[dict], path: Path) -> sqlite3.Connection:
    """An FTS5 index (unicode61, diacritics removed) plus a facet table, in one file."""
    connection = sqlite3.connect(path)
    connection.executescript(f"""
        CREATE VIRTUAL TABLE fts USING fts5({", ".join(FTS_COLUMNS)},
            tokenize = 'unicode61 remove_diacritics 2');
        CREATE TABLE docs (id INTEGER PRIMARY KEY, kind TEXT, cluster TEXT, region TEXT,
            in_stock TEXT, price INTEGER, price_band TEXT, published INTEGER);
        CREATE TABLE tiers (doc_id INTEGER, tier TEXT);
        CREATE INDEX ix_tiers ON tiers (doc_id);
    """)
    with connection:
        connection.executemany(
            f"INSERT INTO fts (rowid, {', '.join(FTS_COLUMNS)}) VALUES (?{', ?' * 10})",
            ([int(d["id"]), *(d[c] for c in FTS_COLUMNS)] for d in documents))
        connection.executemany(
            "INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            ((int(d["id"]), d["kind"], d["cluster"], d["region"], d["in_stock"],
              d.get("price"), d.get("price_band"), d["published"]) for d in documents))
        connection.executemany(
            "INSERT INTO tiers VALUES (?, ?)",
            ((int(d["id"]), tier) for d in documents for tier in d["tiers"].split(",") if tier))
    return connection


def _fts_filters(request: SearchRequest) -> tuple[str, list]:
    clauses, params = [], []
    for name in ("kind", "cluster", "region"):
        if getattr(request, name):
            clauses.append(f"d.{name} = ?")
            params.append(getattr(request, name))
    if request.price:
        clauses.append("d.price_band = ?")
        params.append(request.price)
    if request.in_stock:
        clauses.append("d.in_stock = 'yes'")
    return "".join(f" AND {clause}" for clause in clauses), params


def fts_search(connection: sqlite3.Connection, request: SearchRequest) -> int:
    """First page (bm25, snippet) and the same facet counts, in SQL; returns the total."""
    match = " ".join('"' + word.replace('"', "") + '"' for word in request.text.split())
    where, params = _fts_filters(request)
    base = f"FROM fts JOIN docs d ON d.id = fts.rowid WHERE fts MATCH ?{where}"
    connection.execute(
        f"SELECT d.id, fts.title_az, snippet(fts, 6, '<mark>', '</mark>', '…', 12) {base} "
        f"ORDER BY bm25(fts, {FTS_WEIGHTS}) LIMIT 20", [match, *params]).fetchall()
    rows = connection.execute(f"""
        WITH m AS MATERIALIZED (SELECT d.* {base})
        SELECT 'kind', kind, count(*) FROM m GROUP BY kind
        UNION ALL SELECT 'cluster', cluster, count(*) FROM m GROUP BY cluster
        UNION ALL SELECT 'region', region, count(*) FROM m GROUP BY region
        UNION ALL SELECT 'in_stock', in_stock, count(*) FROM m GROUP BY in_stock
        UNION ALL SELECT 'price', price_band, count(*) FROM m GROUP BY price_band
        UNION ALL SELECT 'tiers', t.tier, count(*) FROM m JOIN tiers t ON t.doc_id = m.id
            GROUP BY t.tier""", [match, *params]).fetchall()
    return sum(count for facet, _, count in rows if facet == "kind")


# -- running ---------------------------------------------------------------------------
def _timed(run, requests: list[SearchRequest]) -> tuple[list[float], list[int]]:
    for request in requests[:10]:  # warm caches, as a running server would be
        run(request)
    latencies, totals = [], []
    for request in requests:
        started = time.perf_counter()
        totals.append(run(request))
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies, totals


def bench_size(size: int, requests: list[SearchRequest], workdir: Path) -> None:
    """Build both indexes over `size` listings, run `requests` on each, print the figures."""
    started = time.perf_counter()
    documents = make_documents(size)
    print(f"\n== {size:,} listings ({time.perf_counter() - started:.1f}s to generate) ==")
    index = SearchIndex(workdir / f"whoosh-{size}")
    started = time.perf_counter()
    index.rebuild(iter(documents), total=size)
    whoosh_build = time.perf_counter() - started
    started = time.perf_counter()
    connection = build_fts(documents, workdir / f"fts-{size}.sqlite")
    fts_build = time.perf_counter() - started
    del documents

    whoosh_ms, whoosh_totals = _timed(lambda r: search(index, r).total, requests)
    fts_ms, fts_totals = _timed(lambda r: fts_search(connection, r), requests)
    connection.close()
    rows = [("Whoosh (storefront search())", whoosh_build, whoosh_ms, whoosh_totals),
            ("SQLite FTS5 (bm25 + SQL facets)", fts_build, fts_ms, fts_totals)]
    print(f"{'engine':34} {'build s':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
          f"{'no-hit q':>8} {'avg hits':>9}")
    for name, build, latencies, totals in rows:
        print(f"{name:34} {build:8.1f} {statistics.median(latencies):8.1f} "
              f"{percentile(latencies, 0.95):8.1f} {max(latencies):8.1f} "
              f"{sum(1 for t in totals if not t):8d} {statistics.mean(totals):9.0f}")
    print(f"ratio Whoosh/FTS5: build {whoosh_build / fts_build:.1f}x, "
          f"p50 {statistics.median(whoosh_ms) / statistics.median(fts_ms):.1f}x, "
          f"p95 {percentile(whoosh_ms, 0.95) / percentile(fts_ms, 0.95):.1f}x")


def main(argv: list[str] | None = None) -> None:
    """Parse the arguments and run the benchmark for each size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000",
                        help="comma-separated listing counts (default 10000,100000)")
    parser.add_argument("--queries", type=int, default=300, help="number of queries (300)")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    requests = make_queries(args.queries)
    with_facets = sum(1 for r in requests if r.filters())
    print(f"{len(requests)} queries ({with_facets} with facet filters), first page of 20 "
          f"with counts for 6 facets; Python {sys.version.split()[0]}; load average {_load()}")
    with tempfile.TemporaryDirectory(prefix="search-bench-") as workdir:
        for size in sizes:
            bench_size(size, requests, Path(workdir))
    print(f"load average after: {_load()}")


def _load() -> str:
    """The 1, 5 and 15 minute load averages: latencies on a shared machine depend on them."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg()) + f" on {os.cpu_count()} CPUs"


if __name__ == "__main__":
    main()
