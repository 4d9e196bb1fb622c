"""Orders under contention: 8 threads placing orders on a few hot products.

Prints, per database, orders placed per second beside the raw rate of the conditional
UPDATE that reserves stock (`reserve_stock`, one per transaction, same threads, same rows),
measured in the same run, and their ratio: how much of the database's raw write rate a
whole order (validation, pricing, reservation, order and line inserts, reference) keeps.

    .venv/bin/python bench/orders_bench.py                      # SQLite and PostgreSQL, 5 s each
    .venv/bin/python bench/orders_bench.py --seconds 2 --database sqlite
    .venv/bin/python bench/orders_bench.py --orders 200         # stop after 200 per phase
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy.orm import Session, sessionmaker

from creative_market.db import Base, import_all_models, make_engine
from creative_market.orders.reservations import reserve_stock
from creative_market.orders.services import place_order
from creative_market.testing import factories

POSTGRES_ADMIN_URL = os.environ.get(
    "CREATIVE_MARKET_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
ADDRESS = {"recipient": "Bench", "line1": "Nizami 1", "city": "Bakı", "country": "AZ"}


def seed(factory: sessionmaker[Session], hot_products: int) -> list[int]:
    """One seller and a few products with stock that never runs out: pure contention."""
    with factory() as session:
        seller = factories.make_seller(session)
        ids = [factories.make_design_work(session, seller=seller, stock_quantity=10_000_000,
                                          price=Decimal("25.00")).id
               for _ in range(hot_products)]
        session.commit()
    return ids


def run_threads(threads: int, seconds: float, limit: int | None,
                work: Callable[[random.Random], None]) -> tuple[int, float]:
    """Run `work` in a loop on `threads` threads; return (operations, elapsed seconds)."""
    done, lock, stop = [0], threading.Lock(), threading.Event()
    barrier = threading.Barrier(threads + 1)

    def loop(seed_value: int) -> None:
        rng = random.Random(seed_value)
        barrier.wait()
        while not stop.is_set():
            work(rng)
            with lock:
                done[0] += 1
                if limit is not None and done[0] >= limit:
                    stop.set()

    workers = [threading.Thread(target=loop, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    barrier.wait()
    started = time.perf_counter()
    if limit is None:
        time.sleep(seconds)
        stop.set()
    for worker in workers:
        worker.join()
    return done[0], time.perf_counter() - started


def measure(url: str, args: argparse.Namespace) -> tuple[float, float]:
    """(raw conditional UPDATEs per second, orders per second) on the database at `url`."""
    import_all_models()
    engine = make_engine(url, pool_size=args.threads + 2)
    Base.metadata.create_all(engine)
    factory = sessionmaker(engine, expire_on_commit=False)
    ids = seed(factory, args.products)

    def raw_update(rng: random.Random) -> None:
        with factory() as session:
            reserve_stock(session, product_id=rng.choice(ids), quantity=1)
            session.commit()

    def one_order(rng: random.Random) -> None:
        with factory() as session:
            place_order(session, buyer_name="Bench", buyer_email="bench@example.az",
                        currency="AZN", shipping_address=ADDRESS,
                        lines=[{"product_id": rng.choice(ids), "quantity": 1}])
            session.commit()

    try:
        raw = run_threads(args.threads, args.seconds, args.orders, raw_update)
        orders = run_threads(args.threads, args.seconds, args.orders, one_order)
    finally:
        engine.dispose()
    return raw[0] / raw[1], orders[0] / orders[1]


def postgres_database() -> tuple[str, Callable[[], None]] | None:
    """A throw-away PostgreSQL database and a function that drops it (None if unreachable)."""
    try:
        import psycopg

        name = f"cm_bench_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except Exception as error:
        print(f"PostgreSQL skipped: {error}".strip())
        return None

    def drop() -> None:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + "/" + name, drop


def main(argv: list[str] | None = None) -> int:
    """Parse options, run each database, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--seconds", type=float, default=5.0, help="length of each phase")
    parser.add_argument("--orders", type=int, default=None,
                        help="stop each phase after this many operations instead")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--products", type=int, default=3, help="hot products shared by all")
    args = parser.parse_args(argv)
    phase = f"{args.orders} operations" if args.orders else f"{args.seconds:g} s"
    print(f"{args.threads} threads, {args.products} hot products, {phase} per phase")
    print(f"{'database':<11}{'raw UPDATE/s':>14}{'orders/s':>11}{'ratio':>8}")
    rows = []
    if args.database in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as directory:
            rows.append(("sqlite", measure(f"sqlite:///{directory}/bench.sqlite", args)))
    if args.database in ("postgresql", "both"):
        database = postgres_database()
        if database is not None:
            url, drop = database
            try:
                rows.append(("postgresql", measure(url, args)))
            finally:
                drop()
    for name, (raw, orders) in rows:
        print(f"{name:<11}{raw:>14.0f}{orders:>11.0f}{orders / raw:>8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
