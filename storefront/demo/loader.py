"""Prepare a demo site: migrate the database, load the catalogue and its sales history once,
index it, add accounts; only on an empty database or one the demo made (see guard.py)."""

from __future__ import annotations

import logging
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from sqlalchemy import func, inspect, make_url, select, text
from sqlalchemy.orm import Session

from creative_market.accounts.models import Role
from creative_market.accounts.services import find_user_by_email
from creative_market.catalog.models import Product
from creative_market.db import Base, import_all_models, upgrade_schema
from creative_market.storage import FileStorage
from storefront.demo.accounts import DEMO_ACCOUNTS, DemoAccount, ensure_demo_accounts
from storefront.demo.generator import DEMO_SEED, generate_catalogue
from storefront.demo.guard import (
    DatabaseState,
    Inspection,
    NotADemoDatabase,
    drop_marker,
    inspect_database,
    mark_as_demo,
    refusal,
)
from storefront.demo.programme import generate_export_side
from storefront.demo.sales import generate_sales
from storefront.extensions import db, storage

log = logging.getLogger("storefront.demo")


@dataclass
class LoadResult:
    """What `prepare_demo` did."""

    loaded: bool
    listings: int
    seconds: float
    accounts: list[DemoAccount]
    indexed: int | None = None
    orders: int | None = None  # paid orders of the sales history, when it was loaded


def migrate(app: Flask) -> None:
    """Bring the app's database to the newest schema with the library's Alembic migrations."""
    upgrade_schema(app.config["DATABASE_URL"])


def wipe(app: Flask) -> None:
    """Drop every table and the stored files and index, for `load --force`."""
    import_all_models()
    with app.app_context():
        engine = db.engine
        Base.metadata.drop_all(engine)
        with engine.begin() as connection:
            drop_marker(connection)
            if inspect(connection).has_table("alembic_version"):
                connection.execute(text("DROP TABLE alembic_version"))
    for setting in ("STORAGE_DIR", "SEARCH_INDEX_DIR"):
        folder = Path(app.config[setting])
        if folder.is_dir():
            shutil.rmtree(folder)
    app.extensions["storage"].root.mkdir(parents=True, exist_ok=True)


def load_catalogue(app: Flask, *, seed: int = DEMO_SEED) -> tuple[int, int]:
    """Generate the demo catalogue and its sales history and commit them in one transaction;
    on failure no row and no file stays behind. Returns (listings, paid orders).

    A plain Session (not the app's db.session) keeps the search hooks out of the bulk load;
    the index is rebuilt once afterwards, so it sees the listings the history sold out.
    """
    with app.app_context(), Session(db.engine) as session:
        keys: list[str] = []
        try:
            summary = generate_catalogue(session, storage(), seed=seed, on_files=keys.extend)
            orders = add_sales_history(session, storage(), seed=seed)
            mark_as_demo(session.connection(), seed=seed)
            session.commit()
        except BaseException:
            session.rollback()
            for key in keys:
                storage().delete(key)
            raise
        log.info("Demo catalogue: %d sellers, listings by kind %s.",
                 len(summary.sellers), summary.count_by_kind())
        return len(summary.products), orders


def add_sales_history(session: Session, files: FileStorage, *, seed: int = DEMO_SEED) -> int:
    """The demo accounts, the sales history and the export programme; flush, never commit.

    Returns the number of paid orders. The accounts come first: the demo buyer's orders
    belong to the buyer@demo.az account and the demo seller's workshop to seller@demo.az.
    """
    started = time.perf_counter()
    ensure_demo_accounts(session)
    buyer = next(a for a in DEMO_ACCOUNTS if a.role is Role.BUYER)
    history = generate_sales(session, files, seed=seed,
                             demo_buyer=find_user_by_email(session, email=buyer.email))
    side = generate_export_side(session, history=history)
    for reason in history.skipped:
        log.warning("Demo sales history: an order was left out (%s).", reason)
    log.info("Demo sales history: %d paid orders, programme '%s' with %d sellers, "
             "%d shipments (%.1f s).", len(history.orders), side.programme.name,
             len(side.programme.enrolments), len(side.shipments),
             time.perf_counter() - started)
    return len(history.orders)


def listing_count(app: Flask) -> int:
    """How many listings the database holds (0 when it has no catalogue tables yet)."""
    with app.app_context():
        if not inspect(db.engine).has_table(Product.__tablename__):
            return 0
        count = db.session.scalar(select(func.count(Product.id))) or 0
        db.session.remove()
        return count


def rebuild_search_index(app: Flask) -> int | None:
    """Rebuild the Whoosh index with the search package's `reindex`, if it is installed."""
    try:
        from storefront.search import reindex
    except ImportError:  # pragma: no cover - the search package ships with the storefront
        log.warning("Search package not available; the demo runs without a search index.")
        return None
    if "search" not in app.extensions:
        return None
    return reindex(app)


def check_database(app: Flask) -> Inspection:
    """The app's database, if the demo may use it; else NotADemoDatabase saying what to do."""
    with app.app_context():
        inspection = inspect_database(db.engine)
    if inspection.state is DatabaseState.OTHER:
        url = make_url(app.config["SQLALCHEMY_DATABASE_URI"]).render_as_string(hide_password=True)
        raise NotADemoDatabase(refusal(url, inspection))
    return inspection


def prepare_demo(app: Flask, *, force: bool = False, seed: int = DEMO_SEED) -> LoadResult:
    """On an empty or demo database only: migrate, load the catalogue if it has no listings
    (or `force`), index, accounts. Any other database raises NotADemoDatabase, untouched."""
    started = time.perf_counter()
    inspection = check_database(app)
    if force:
        wipe(app)
    migrate(app)
    if inspection.legacy_demo and not force:
        with app.app_context(), db.engine.begin() as connection:
            mark_as_demo(connection, seed=seed)  # a demo made before the marker existed
    loaded, orders = False, None
    if listing_count(app) == 0:
        count, orders = load_catalogue(app, seed=seed)
        loaded = True
    else:
        count = listing_count(app)
        log.info("The database already has %d listings; not loading the demo again.", count)
    with app.app_context():
        accounts = ensure_demo_accounts(db.session)
        db.session.commit()
    indexed = rebuild_search_index(app) if loaded or _index_missing(app) else None
    return LoadResult(loaded, count, time.perf_counter() - started, accounts, indexed, orders)


def _index_missing(app: Flask) -> bool:
    index = app.extensions.get("search")
    return index is not None and index.check() is not None
