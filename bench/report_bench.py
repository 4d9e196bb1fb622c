"""Benchmark: export-programme reports over N order lines (default one million) in PostgreSQL.

Creates a private database (cm_bench_<random>), fills it with INSERT ... SELECT
generate_series (sellers, products, orders over 2024-2025, lines, daily USD/EUR rates, a
programme with half the sellers enrolled), then times, in the same run:

  * a bare GROUP BY over the same lines (count and sum by cluster, no currency conversion),
  * the full programme report, all seven dimensions in one statement
    (`reports_full.full_report`: values in AZN and USD from the rate table, current and
    previous period), with the server's JIT setting and again with ``jit = off``,
  * with --per-dimension, `reports.exports_report` for each dimension separately,

and prints each time with its ratio to the bare GROUP BY. The database is dropped at the
end (unless --keep; --database URL measures an existing filled database instead).
Usage: python bench/report_bench.py [--lines N] [--repeat R] [--keep | --database URL]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import uuid
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg
from sqlalchemy import text
from sqlalchemy.orm import Session

from creative_market.db import Base, import_all_models, make_engine
from creative_market.export import reports, reports_full
from creative_market.export.models import Programme

ADMIN_URL = os.environ.get("CREATIVE_MARKET_BENCH_POSTGRES_URL",
                           "postgresql://postgres@127.0.0.1:5432/test")
PERIOD = (date(2025, 1, 1), date(2025, 12, 31))

FILL = [
    """INSERT INTO sellers (slug, display_name, kind, cluster, region, bio_az, verified,
                            processing_days, shipping_currency, created_at)
       SELECT 'seller-' || g, 'Seller ' || g, 'individual',
              (ARRAY['carpets','design','music','cinema_animation','media_photography',
                     'fashion','jewellery_crafts','games_culture_tech'])[1 + g % 8],
              (ARRAY['baku','guba','sumgayit','lankaran','nakhchivan','ganja','mingachevir',
                     'shaki','shamakhi','shusha','gabala','gazakh','other'])[1 + g % 13],
              '', true, 3, 'AZN', now()
       FROM generate_series(1, :sellers) g""",
    """INSERT INTO products (id, seller_id, kind, delivery, sku, slug, status, title_az,
                             description_az, tags_az, tags_en, tags_ru, price, currency,
                             stock_quantity, reserved_quantity, file_formats, featured,
                             created_at, updated_at)
       SELECT g, 1 + g % :sellers,
              CASE WHEN g % 4 IN (0, 1) THEN 'carpet' WHEN g % 4 = 2 THEN 'design' ELSE 'media' END,
              CASE WHEN g % 4 = 3 THEN 'digital' ELSE 'physical' END,
              'SKU-' || g, 'item-' || g, 'published', 'Əsər ' || g, '', '[]', '[]', '[]',
              CASE WHEN g % 4 = 3 THEN NULL ELSE 100 + g % 900 END, 'AZN', 1000, 0, '[]',
              false, now(), now()
       FROM generate_series(1, :products) g""",
    "SELECT setval(pg_get_serial_sequence('products', 'id'), :products)",
    """INSERT INTO carpets (id, weaving_school, technique, pile_material, warp_material,
                            width_cm, length_cm, knot_density_per_dm2)
       SELECT id, 'guba', CASE WHEN id % 8 = 0 THEN 'knotted_pile' ELSE 'kilim' END,
              CASE WHEN id % 8 = 0 THEN 'wool' END, 'wool', 150, 220,
              CASE WHEN id % 8 = 0 THEN 1600 END
       FROM products WHERE kind = 'carpet'""",
    """INSERT INTO design_works (id, category, materials)
       SELECT id, (ARRAY['ceramics','jewellery','fashion','homeware'])[1 + (id / 4) % 4], '[]'
       FROM products WHERE kind = 'design'""",
    """INSERT INTO media_works (id, media_type, duration_seconds)
       SELECT id, CASE WHEN id % 8 = 3 THEN 'photo' ELSE 'film' END,
              CASE WHEN id % 8 = 3 THEN NULL ELSE 600 END
       FROM products WHERE kind = 'media'""",
    """INSERT INTO licence_offers (product_id, tier, media, territory, seats,
              attribution_required, merchandise_allowed, resale_allowed, price, currency,
              pay_what_you_want, status, reserved_count, sold_count, created_at, updated_at)
       SELECT id, 'standard_commercial', '["web"]', '["WW"]', 1, false, false, false, 50,
              'AZN', false, 'active', 0, 0, now(), now()
       FROM products WHERE kind = 'media'""",
    """INSERT INTO orders (id, reference, status, buyer_name, buyer_email, currency, subtotal,
                           shipping_total, total, refunded_amount, shipping_country, placed_at,
                           reserved_until, paid_at, needs_attention)
       SELECT g, 'CM-B-' || g, 'paid', 'Buyer', 'buyer@example.com',
              (ARRAY['AZN','AZN','USD','EUR'])[1 + g % 4], 0, 0, 0, 0,
              (ARRAY['DE','RU','US','TR','FR','GB','KZ','GE','AZ','IT','UA','CN'])
                  [1 + (g * 7) % 12],
              ts, ts + interval '30 minutes', ts, false
       FROM (SELECT g, timestamptz '2024-01-01 00:00+00'
                       + (g * (730.0 * 86400 / :orders)) * interval '1 second' AS ts
             FROM generate_series(1, :orders) g) AS spread""",
    "SELECT setval(pg_get_serial_sequence('orders', 'id'), :orders)",
    """INSERT INTO order_lines (order_id, seller_id, product_id, licence_offer_id, kind, status,
                                title, sku, quantity, unit_price, line_total, commission_rate,
                                commission_amount)
       SELECT 1 + g % :orders, p.seller_id, p.id, o.id,
              CASE WHEN p.kind = 'media' THEN 'licence' ELSE 'physical' END,
              CASE WHEN g % 50 = 0 THEN 'refunded' ELSE 'sold' END, p.title_az, p.sku,
              q.quantity, q.price, q.price * q.quantity, 0.1,
              round(q.price * q.quantity * 0.1, 2)
       FROM generate_series(1, :lines) g
       JOIN products p ON p.id = 1 + (g::bigint * 7919) % :products
       LEFT JOIN licence_offers o ON o.product_id = p.id
       CROSS JOIN LATERAL (SELECT CASE WHEN p.kind = 'media' THEN 1 ELSE 1 + g % 3 END AS quantity,
                                  coalesce(p.price, 50) AS price) q""",
    """INSERT INTO exchange_rates (currency, valid_from, azn_per_unit, source)
       SELECT c, d::date,
              CASE c WHEN 'USD' THEN 1.7 ELSE 1.85 + (extract(doy FROM d)::int % 10) / 100.0 END,
              'bench'
       FROM generate_series(date '2023-12-01', date '2026-01-31', interval '1 day') d
       CROSS JOIN (VALUES ('USD'), ('EUR')) AS v(c)""",
    """INSERT INTO export_programmes (id, name, agency, description, starts_on, ends_on,
                                     created_at)
       VALUES (1, 'Bench programme', 'AZPROMO', '', date '2025-01-01', date '2025-12-31', now())""",
    """INSERT INTO export_programme_markets (programme_id, country)
       VALUES (1, 'DE'), (1, 'RU'), (1, 'US')""",
    """INSERT INTO export_programme_sellers (programme_id, seller_id, enrolled_on)
       SELECT 1, id, date '2024-12-01' FROM sellers WHERE id % 2 = 0""",
]

BARE_GROUP_BY = """
    SELECT s.cluster, count(*), sum(l.line_total)
    FROM order_lines l
    JOIN orders o ON o.id = l.order_id
    JOIN sellers s ON s.id = l.seller_id
    WHERE o.paid_at >= timestamptz '2024-01-01 00:00+00'
      AND o.paid_at < timestamptz '2026-01-01 00:00+00'
      AND l.status IN ('sold', 'shipped', 'fulfilled')
      AND o.shipping_country IS NOT NULL AND o.shipping_country <> 'AZ'
      AND l.seller_id IN (SELECT seller_id FROM export_programme_sellers WHERE programme_id = 1)
    GROUP BY s.cluster
"""


def create_database() -> str:
    """A private database for this run; returns its URL."""
    name = f"cm_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return ADMIN_URL.rsplit("/", 1)[0] + "/" + name


def drop_database(url: str) -> None:
    """Drop the run's database."""
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def fill(engine, lines: int) -> float:
    """Create the schema and the rows; returns the seconds it took."""
    started = time.perf_counter()
    import_all_models()
    Base.metadata.create_all(engine)
    sizes = {"lines": lines, "orders": max(lines // 3, 1), "sellers": 300,
             "products": max(min(lines // 100, 5000), 8)}
    with engine.begin() as conn:
        for statement in FILL:
            conn.execute(text(statement), sizes)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("ANALYZE"))
    return time.perf_counter() - started


def best_of(repeat: int, run) -> float:
    """The median of `repeat` timed runs after one warm-up run."""
    run()
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def _row(name: str, seconds: float, bare: float) -> None:
    print(f"{name:52} {seconds:9.3f} {seconds / bare:8.2f}")


def measure(engine, repeat: int, per_dimension: bool) -> None:
    """Time the bare GROUP BY, the full report in one pass and per dimension; print the table."""
    with Session(engine) as session:
        programme = session.get(Programme, 1)
        counted = session.execute(text(BARE_GROUP_BY.replace(
            "SELECT s.cluster, count(*), sum(l.line_total)", "SELECT count(*)").replace(
            "GROUP BY s.cluster", ""))).scalar_one()
        bare = best_of(repeat, lambda: session.execute(text(BARE_GROUP_BY)).all())
        print(f"lines in scope (programme sellers, abroad, 2024-2025): {counted:,}")
        print(f"{'query':52} {'seconds':>9} {'x bare':>8}")
        _row("bare GROUP BY cluster (count, sum)", bare, bare)
        full = best_of(repeat, lambda: reports_full.full_report(session, programme=programme))
        _row("full programme report (all 7 dimensions)", full, bare)
        session.execute(text("SET jit = off"))
        bare_no_jit = best_of(repeat, lambda: session.execute(text(BARE_GROUP_BY)).all())
        full_no_jit = best_of(repeat, lambda: reports_full.full_report(
            session, programme=programme))
        session.execute(text("RESET jit"))
        _row("  the same with jit = off: bare GROUP BY", bare_no_jit, bare_no_jit)
        _row("  the same with jit = off: full report", full_no_jit, bare_no_jit)
        if per_dimension:
            total = 0.0
            for dimension in reports.Dimension:
                seconds = best_of(repeat, lambda d=dimension: reports.exports_report(
                    session, dimension=d, programme=programme))
                total += seconds
                _row("programme report by " + dimension.value, seconds, bare)
            _row("7 separate reports (exports_report each)", total, bare)
        over_time = best_of(repeat, lambda: reports.exports_over_time(
            session, dimension="cluster", starts_on=PERIOD[0], ends_on=PERIOD[1],
            programme=programme))
        _row("clusters over time (chart data)", over_time, bare)


def main() -> None:
    """Parse arguments, build the database, measure, drop the database."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the database, print its URL")
    parser.add_argument("--database", help="measure this already filled database")
    parser.add_argument("--per-dimension", action="store_true",
                        help="also time exports_report for each dimension separately")
    args = parser.parse_args()
    url = args.database or create_database()
    engine = make_engine(url)
    try:
        if not args.database:
            print(f"filling {args.lines:,} order lines ... ", end="", flush=True)
            print(f"{fill(engine, args.lines):.1f} s")
        measure(engine, args.repeat, args.per_dimension)
    finally:
        engine.dispose()
        if args.keep or args.database:
            print(f"database kept: {url}")
        else:
            drop_database(url)


if __name__ == "__main__":
    main()
