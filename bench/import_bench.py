"""Benchmark of the catalogue import, beside the bound measured in the same run.

    .venv/bin/python bench/import_bench.py                 # 100,000 rows, SQLite and PostgreSQL
    .venv/bin/python bench/import_bench.py --rows 20000 --no-postgres

It generates realistic listing rows (fixed seed), writes them to a CSV file and imports
that file with `import_catalogue` into a fresh SQLite file and into a private PostgreSQL
database (created and dropped here). The bound is measured on the same rows:

- v: marshmallow validation alone (the kind schema per row, the offer schema per offer);
- i: the minimal Core executemany INSERT of the already validated rows into a fresh schema
  (products with ids given, then the kind detail tables and the licence offers), each table
  in batches through `importer_sql.insert_many`: the statement compiled once, the values
  bind-processed as SQLAlchemy would (JSON serialised, enums as text), one driver
  executemany per batch, no RETURNING, no lookups;
- bound = 1 / (1/v + 1/i): what an import doing both and nothing else could reach.

The cyclic garbage collector is paused while v and i are measured, as the importer pauses
it, so the bound is measured under the same conditions as the import.

It also measures the issue's own premise on the same rows ("marshmallow validates ~50,000
rows/s, a Core executemany into SQLite inserts ~150,000 rows/s, so an import is bounded near
38,000"): a plain flat marshmallow schema (one stock field per column, no rules) and
SQLAlchemy's Core executemany into one plain flat table of those columns (no index but the
key), once with all the columns of the file and once with its four required ones, and
prints them beside our own v, i, bound and import, with the ratios.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from marshmallow import Schema, fields
from sqlalchemy import Column, Engine, Integer, MetaData, Numeric, String, Table, insert
from sqlalchemy.orm import Session

from creative_market.catalog.enums import ProductKind
from creative_market.catalog.importer import (
    import_catalogue,
    paused_garbage_collector,
    read_catalogue,
)
from creative_market.catalog.importer_db import DETAILS, OFFERS, PRODUCTS, SELLERS
from creative_market.catalog.importer_rows import LISTING_COLUMNS, ListingValidator
from creative_market.catalog.importer_sql import bulk_page_cache, insert_many
from creative_market.catalog.schemas import LicenceOfferSchema, listing_schema_for
from creative_market.db import Base, import_all_models, make_engine, utcnow

POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"
#: The issue's premise (rows/s on this machine) and its aim for the import on SQLite.
ISSUE_VALIDATION, ISSUE_INSERT, ISSUE_AIM = 50_000, 150_000, 25_000
_PLAIN_INTEGERS = frozenset({
    "stock_quantity", "weight_grams", "file_size_bytes", "length_cm", "knot_density_per_dm2",
    "year_made", "bpm", "resolution_width_px", "resolution_height_px"})
_PLAIN_DECIMALS = frozenset({"price", "width_cm", "height_cm", "depth_cm"})
SEED = 20261122
SELLER_COUNT = 200
WORDS_AZ = ["xalça", "naxış", "Şəki", "Quba", "ipək", "yun", "qırmızı", "göy", "qədim", "bağ",
            "gecə", "muğam", "Bakı", "dağ", "çay", "gül", "ulduz", "səhər", "külək", "ağac"]
WORDS_EN = ["carpet", "pattern", "silk", "wool", "red", "blue", "ancient", "garden", "night",
            "mugham", "mountain", "river", "rose", "star", "morning", "wind", "tree", "old"]
WORDS_RU = ["ковёр", "узор", "шёлк", "шерсть", "красный", "синий", "сад", "ночь", "гора"]


def generate_rows(
    count: int, seed: int = SEED
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """`count` listing rows as a CSV gives them (all strings) and the sellers they name."""
    rng = random.Random(seed)
    sellers = [{"slug": f"seller-{n:04d}", "display_name": f"Usta {n}", "kind": "studio",
                "cluster": "carpets", "region": rng.choice(["baku", "guba", "shaki", "ganja"])}
               for n in range(SELLER_COUNT)]
    makers: list[Callable[[random.Random], dict[str, str]]] = (
        [_carpet] * 40 + [_design_object] * 12 + [_design_files] * 13
        + [_music] * 20 + [_media] * 15
    )
    rows = []
    for n in range(count):
        row = dict.fromkeys(LISTING_COLUMNS.known, "")
        row.update(_common(rng, n))
        row.update(rng.choice(makers)(rng))
        rows.append(row)
    return rows, sellers


def _words(rng: random.Random, words: list[str], count: int) -> str:
    return " ".join(rng.choice(words) for _ in range(count))


def _common(rng: random.Random, n: int) -> dict[str, str]:
    title = _words(rng, WORDS_AZ, 3).capitalize()
    return {
        "seller": f"seller-{rng.randrange(SELLER_COUNT):04d}", "sku": f"SKU-{n:07d}",
        "status": rng.choice(["published", "published", "draft"]),
        "title_az": title, "title_en": _words(rng, WORDS_EN, 3).capitalize(),
        "title_ru": _words(rng, WORDS_RU, 2) if rng.random() < 0.4 else "",
        "description_az": _words(rng, WORDS_AZ, 25), "description_en": _words(rng, WORDS_EN, 20),
        "tags_az": ", ".join(rng.sample(WORDS_AZ, 3)),
        "tags_en": ", ".join(rng.sample(WORDS_EN, 3)),
    }


def _physical(rng: random.Random, price: int) -> dict[str, str]:
    return {"price": f"{price}.{rng.randrange(100):02d}", "stock_quantity": str(rng.randint(1, 5)),
            "weight_grams": str(rng.randint(300, 20000)), "currency": "AZN"}


def _carpet(rng: random.Random) -> dict[str, str]:
    knotted = rng.random() < 0.6
    return {**_physical(rng, rng.randint(200, 9000)), "kind": "carpet", "hs_code": "5701.10",
            "weaving_school": rng.choice(["guba", "shirvan", "baku", "ganja", "gazakh"]),
            "technique": "knotted_pile" if knotted else rng.choice(["kilim", "sumakh", "zili"]),
            "pile_material": rng.choice(["wool", "silk"]) if knotted else "",
            "warp_material": rng.choice(["wool", "cotton"]), "weft_material": "wool",
            "width_cm": str(rng.randint(60, 300)), "length_cm": str(rng.randint(90, 500)),
            "knot_density_per_dm2": str(rng.randint(900, 6000)) if knotted else "",
            "year_made": str(rng.randint(1950, 2025))}


def _design_object(rng: random.Random) -> dict[str, str]:
    return {**_physical(rng, rng.randint(20, 900)), "kind": "design",
            "category": rng.choice(["ceramics", "jewellery", "homeware", "fashion"]),
            "materials": "clay, glaze", "width_cm": str(rng.randint(5, 80)),
            "height_cm": f"{rng.randint(5, 80)}.5"}


def _offers(rng: random.Random, kind: str) -> str:
    tiers = ["personal", "standard_commercial", "extended_commercial"]
    if kind in ("music", "media") and rng.random() < 0.3:
        tiers.append("sync_broadcast")
    chosen = rng.sample(tiers, rng.randint(1, 3))
    offers = [{"tier": t, "price": str(rng.randint(5, 500)), "media": "web, print"}
              if t != "personal" else {"tier": t, "price": str(rng.randint(3, 30))} for t in chosen]
    return json.dumps(offers)


def _design_files(rng: random.Random) -> dict[str, str]:
    return {"kind": "design", "category": rng.choice(["font", "illustration", "template"]),
            "file_formats": "PDF, SVG", "file_size_bytes": str(rng.randint(10_000, 9_000_000)),
            "offers": _offers(rng, "design")}


def _music(rng: random.Random) -> dict[str, str]:
    return {"kind": "music", "genre": rng.choice(["mugham", "jazz", "folk"]),
            "duration_seconds": f"{rng.randint(1, 9)}:{rng.randrange(60):02d}",
            "bpm": str(rng.randint(60, 180)), "file_formats": "WAV, MP3",
            "file_size_bytes": str(rng.randint(1_000_000, 90_000_000)),
            "offers": _offers(rng, "music")}


def _media(rng: random.Random) -> dict[str, str]:
    photo = rng.random() < 0.5
    return {"kind": "media", "media_type": "photo" if photo else rng.choice(["film", "video"]),
            "duration_seconds": "" if photo else str(rng.randint(10, 3600)),
            "resolution_width_px": "6000" if photo else "1920",
            "resolution_height_px": "4000" if photo else "1080",
            "file_formats": "JPEG" if photo else "MP4",
            "file_size_bytes": str(rng.randint(1_000_000, 900_000_000)),
            "offers": _offers(rng, "media")}


def write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    """Write rows as a CSV file with the documented header."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(LISTING_COLUMNS.known))
        writer.writeheader()
        writer.writerows(rows)


class Stopwatch:
    """Wall-clock and CPU (process) time of a block; CPU time is steadier on a busy machine."""

    def __enter__(self) -> Stopwatch:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu

    def rates(self, rows: int) -> tuple[float, float]:
        """Rows per second by the wall clock and by CPU time."""
        return rows / self.wall, rows / max(self.cpu, 1e-9)


def validation_rate(rows: list[dict[str, str]]) -> tuple[float, float]:
    """Rows/s of marshmallow validation alone: the kind schema, and the offer schema per offer."""
    schemas = {kind: listing_schema_for(kind) for kind in ProductKind}
    offer_schemas = {kind: LicenceOfferSchema(product_kind=kind) for kind in ProductKind}
    with paused_garbage_collector(), Stopwatch() as watch:
        for row in rows:
            kind = ProductKind(row["kind"])
            schemas[kind].load(row)
            if row["offers"]:
                for offer in json.loads(row["offers"]):
                    offer_schemas[kind].load(offer)
    return watch.rates(len(rows))


def bare_insert_rate(engine: Engine, rows: list[dict[str, str]], seller_ids: dict[str, int],
                     batch_size: int = 5_000) -> tuple[float, float]:
    """Rows per second of the minimal Core executemany INSERT of the validated rows (ids given)."""
    validator = ListingValidator(file="bench", columns=list(LISTING_COLUMNS.known),
                                 sellers=seller_ids)
    checked = [validator.validate(n, row) for n, row in enumerate(rows, start=2)]
    now = utcnow()
    products, details, offers = [], {kind: [] for kind in DETAILS}, []
    for pid, listing in enumerate(checked, start=1):
        products.append({**listing.product, "id": pid, "seller_id": listing.seller_id,
                         "sku": listing.sku, "kind": listing.kind, "slug": f"item-{pid}",
                         "reserved_quantity": 0, "featured": False, "created_at": now,
                         "updated_at": now, "published_at": None})
        details[listing.kind].append({**listing.detail, "id": pid})
        offers.extend({**offer, "product_id": pid, "status": "active", "reserved_count": 0,
                       "sold_count": 0, "created_at": now, "updated_at": now}
                      for offer in listing.offers)
    with (paused_garbage_collector(), Stopwatch() as watch, engine.begin() as connection,
          bulk_page_cache(connection)):
        for start in range(0, len(products), batch_size):
            insert_many(connection, PRODUCTS, products[start:start + batch_size])
        for kind, values in details.items():
            for start in range(0, len(values), batch_size):
                insert_many(connection, DETAILS[kind], values[start:start + batch_size])
        for start in range(0, len(offers), batch_size):
            insert_many(connection, OFFERS, offers[start:start + batch_size])
    return watch.rates(len(rows))


def plain_schema(columns: tuple[str, ...]) -> Schema:
    """The issue's reference schema: one stock marshmallow field per column, no rules."""
    def plain(name: str) -> fields.Field:
        if name in LISTING_COLUMNS.required:
            return fields.String(required=True)
        if name in _PLAIN_INTEGERS:
            return fields.Integer(load_default=None)
        if name in _PLAIN_DECIMALS:
            return fields.Decimal(load_default=None)
        return fields.String(load_default=None)

    return Schema.from_dict({name: plain(name) for name in columns})()


def plain_validation(rows: list[dict[str, str]], columns: tuple[str, ...]
                     ) -> tuple[tuple[float, float], list[dict[str, Any]]]:
    """(wall, CPU) rows/s of the plain schema of `columns` on the rows, and what it loaded.

    Each row keeps only `columns`, its blank cells left out beforehand: a plain schema has
    no notion of blank.
    """
    schema = plain_schema(columns)
    given = [{name: row[name] for name in columns if row[name] != ""} for row in rows]
    with paused_garbage_collector(), Stopwatch() as watch:
        loaded = [schema.load(row) for row in given]
    return watch.rates(len(rows)), loaded


def plain_insert_rate(url: str, loaded: list[dict[str, Any]], columns: tuple[str, ...],
                      batch_size: int = 5_000) -> tuple[float, float]:
    """(wall, CPU) rows/s of SQLAlchemy's Core executemany into a plain table of `columns`.

    The table has no index but the key and SQLite's default page cache: nothing of ours.
    """
    table = Table("plain_listings", MetaData(), Column("id", Integer, primary_key=True), *(
        Column(name, Integer if name in _PLAIN_INTEGERS else
               Numeric(12, 2) if name in _PLAIN_DECIMALS else String) for name in columns))
    engine = make_engine(url)
    try:
        table.create(engine)
        with paused_garbage_collector(), Stopwatch() as watch, engine.begin() as connection:
            for start in range(0, len(loaded), batch_size):
                connection.execute(insert(table), loaded[start:start + batch_size])
    finally:
        engine.dispose()
    return watch.rates(len(loaded))


#: The issue's premise is measured on all the columns of the file, and on the required ones.
PLAIN_VARIANTS = {
    f"plain, all {len(LISTING_COLUMNS.known)} columns": LISTING_COLUMNS.known,
    f"plain, {len(LISTING_COLUMNS.required)} required columns": LISTING_COLUMNS.required,
}


def _plain_rates(validation: tuple[float, float], insert: tuple[float, float]
                 ) -> dict[str, tuple[float, float]]:
    bound = tuple(1 / (1 / v + 1 / i) for v, i in zip(validation, insert, strict=True))
    return {"validation": validation, "insert": insert, "bound": bound}  # type: ignore[dict-item]


def _print_reference(reference: dict[str, Any], ours: dict[str, Any]) -> None:
    def both(rate: tuple[float, float]) -> str:
        return f"{rate[0]:>7,.0f} / {rate[1]:<7,.0f}"

    issue_bound = 1 / (1 / ISSUE_VALIDATION + 1 / ISSUE_INSERT)
    print("Issue's reference on SQLite, the same rows: a plain flat marshmallow schema (stock "
          "fields, no rules) and SQLAlchemy's Core executemany into one plain flat table "
          "(no index but the key). Rows/s, wall / CPU:")
    print(f"  {'':<32}{'validation':<19}{'insert':<19}bound")
    print(f"  {'the issue assumes':<32}{ISSUE_VALIDATION:>7,}{'':<12}{ISSUE_INSERT:>7,}"
          f"{'':<12}{issue_bound:>7,.0f}")
    for name, rates in reference.items():
        print(f"  {name:<32}{both(rates['validation'])}  {both(rates['insert'])}  "
              f"{both(rates['bound'])}".rstrip())
    mine = {key: (ours[key], ours["cpu"][key]) for key in ("validation", "insert", "bound")}
    print(f"  {'ours (v, i and bound above)':<32}{both(mine['validation'])}  "
          f"{both(mine['insert'])}  {both(mine['bound'])}".rstrip())
    wide = next(iter(reference.values()))
    for clock, label in ((0, "wall"), (1, "CPU ")):
        figures = ours if clock == 0 else ours["cpu"]
        print(f"  {label}: ours / plain (all columns): validation "
              f"{figures['validation'] / wide['validation'][clock]:.2f}, insert "
              f"{figures['insert'] / wide['insert'][clock]:.2f}, bound "
              f"{figures['bound'] / wide['bound'][clock]:.2f}; our import "
              f"{figures['import']:,.0f} rows/s = {figures['import'] / figures['bound']:.2f} "
              f"of our bound, {figures['import'] / wide['bound'][clock]:.2f} of the plain one, "
              f"{figures['import'] / ISSUE_AIM:.2f} of the {ISSUE_AIM:,} aim")


def fresh_schema(engine: Engine, sellers: list[dict[str, str]]) -> dict[str, int]:
    """Drop and create every table, add the sellers; their ids by slug."""
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    values = [{**s, "verified": True, "created_at": utcnow()} for s in sellers]
    with engine.begin() as connection:
        connection.execute(insert(SELLERS), values)
        return {slug: pk for slug, pk in connection.execute(SELLERS.select().with_only_columns(
            SELLERS.c.slug, SELLERS.c.id))}


def import_rates(engine: Engine, path: Path, rows: int) -> list[tuple[float, float]]:
    """(wall, CPU) rows/s of import_catalogue from the CSV file: first import, then re-import."""
    rates = []
    for _ in range(2):
        with Stopwatch() as watch:
            catalogue = read_catalogue(path)
            with Session(engine) as session, session.begin():
                report = import_catalogue(session, source=catalogue)
        if report.errors:
            raise SystemExit(f"benchmark rows were rejected: {report.errors[:3]}")
        rates.append(watch.rates(rows))
    return rates


def _figures(imported: float, again: float, validation: float, bare: float) -> dict[str, float]:
    bound = 1 / (1 / validation + 1 / bare)
    return {"import": imported, "reimport": again, "validation": validation, "insert": bare,
            "bound": bound, "ratio": imported / bound}


def run_backend(name: str, url: str, data: dict[str, Any],
                validation: tuple[float, float]) -> dict[str, Any]:
    """Measure the import and the bare insert on one database; print and return the figures."""
    engine = make_engine(url)
    try:
        ids = fresh_schema(engine, data["sellers"])
        first, again = import_rates(engine, data["path"], len(data["rows"]))
        fresh_schema(engine, data["sellers"])
        bare = bare_insert_rate(engine, data["rows"], ids)
    finally:
        engine.dispose()
    figures = _figures(first[0], again[0], validation[0], bare[0])
    figures["cpu"] = _figures(first[1], again[1], validation[1], bare[1])
    _print(name, figures)
    # SQLite works inside this process, so its CPU time measures all of the work; for
    # PostgreSQL it is this process's share only (the server's work runs elsewhere).
    _print("  CPU time" if engine.dialect.name == "sqlite" else "  client CPU", figures["cpu"])
    return figures


def _print(name: str, f: dict[str, Any]) -> None:
    print(f"{name:<11} import {f['import']:>8,.0f} rows/s | validation {f['validation']:>7,.0f}"
          f" | bare insert {f['insert']:>7,.0f} | bound {f['bound']:>7,.0f} rows/s | "
          f"import/bound {f['ratio']:.2f} | re-import (unchanged) {f['reimport']:>7,.0f} rows/s")


def _load() -> str:
    """The 1, 5 and 15 minute load averages (the machine is shared)."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg()) + f" on {os.cpu_count()} CPUs"


def _postgres_database(admin_url: str) -> tuple[str, Callable[[], None]]:
    import psycopg

    name = f"cm_import_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        """Drop the private database."""
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return admin_url.rsplit("/", 1)[0] + "/" + name, drop


def main(argv: list[str] | None = None) -> dict[str, dict[str, Any]]:
    """Run the benchmark; returns the figures by backend (and prints them)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--postgres-url", default=POSTGRES_ADMIN_URL,
                        help="admin URL; a private database is created and dropped")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args(argv)
    import_all_models()
    rows, sellers = generate_rows(args.rows)
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "catalogue.csv"
        write_csv(path, rows)
        data = {"rows": rows, "sellers": sellers, "path": path}
        validation = validation_rate(rows)
        # Each plain measure is taken right after ours, so both see the same machine.
        plain = {name: plain_validation(rows, columns) for name, columns in PLAIN_VARIANTS.items()}
        results["validation"] = {"rate": validation[0], "cpu_rate": validation[1]}
        print(f"{args.rows:,} rows; rates by the wall clock (CPU time where said); "
              f"load average {_load()}")
        url = f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        results["sqlite"] = run_backend("SQLite", url, data, validation)
        results["reference"] = {
            name: _plain_rates(plain[name][0], plain_insert_rate(
                f"sqlite:///{Path(folder) / f'plain-{len(columns)}.sqlite'}", plain[name][1],
                columns))
            for name, columns in PLAIN_VARIANTS.items()}
        del plain
        _print_reference(results["reference"], results["sqlite"])
        if not args.no_postgres:
            pg_url, drop = _postgres_database(args.postgres_url)
            try:
                results["postgresql"] = run_backend("PostgreSQL", pg_url, data, validation)
            finally:
                drop()
    print(f"load average after: {_load()}")
    return results


if __name__ == "__main__":
    main()
