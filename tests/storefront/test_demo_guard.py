"""The demo writes only to an empty database or its own: never its accounts into real data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session

from creative_market.accounts.models import Role, User
from creative_market.catalog.models import Product, Seller
from creative_market.db import Base, import_all_models, make_engine, upgrade_schema
from creative_market.testing import make_carpet, make_seller, make_user
from storefront import create_app
from storefront.demo.accounts import DEMO_ACCOUNTS, DEMO_SELLER_SLUG
from storefront.demo.guard import DEMO_MARKER, DatabaseState, NotADemoDatabase, inspect_database
from storefront.demo.loader import prepare_demo
from storefront.extensions import db
from tests.conftest import truncate_all

ROOT = Path(__file__).resolve().parents[2]
DEMO_EMAILS = {account.email for account in DEMO_ACCOUNTS}


def demo_app(root: Path, url: str):
    return create_app({
        "SECRET_KEY": "demo-guard", "TESTING": True, "DATABASE_URL": url,
        "STORAGE_DIR": str(root / "storage"), "SEARCH_INDEX_DIR": str(root / "index"),
        "SEARCH_REBUILD_ON_START": False, "LOG_LEVEL": "WARNING",
    })


@pytest.fixture
def shop_database(tmp_path):
    """A real shop's database: migrated, one seller with a carpet, no demo anything."""
    url = f"sqlite:///{tmp_path / 'shop.sqlite'}"
    upgrade_schema(url)
    engine = make_engine(url)
    with Session(engine) as session, session.begin():
        make_carpet(session, seller=make_seller(session, slug="quba-xalca-evi"))
    yield url, engine
    engine.dispose()


def snapshot(engine) -> tuple[list[str], list[str], list[str], bool]:
    marked = inspect(engine).has_table(DEMO_MARKER.name)
    with Session(engine) as session:
        return (session.scalars(select(User.email)).all(),
                session.scalars(select(Seller.slug)).all(),
                session.scalars(select(Product.slug)).all(), marked)


def test_a_database_with_a_seller_and_a_listing_gets_no_demo_and_is_told_why(
        shop_database, tmp_path):
    url, engine = shop_database
    before = snapshot(engine)
    app = demo_app(tmp_path, url)
    for force in (False, True):  # not even `load --force` empties someone's database
        with pytest.raises(NotADemoDatabase) as refused:
            prepare_demo(app, force=force)
        message = str(refused.value)
        assert "did not create" in message and "rows in" in message and "sellers" in message
        assert "make serve" in message and "creative-market db upgrade" in message
    with app.app_context():
        db.engine.dispose()
    after = snapshot(engine)
    assert after == before and not DEMO_EMAILS & set(after[0]) and not after[3]


def test_demo_command_refuses_with_status_1_and_the_reason(shop_database, tmp_path):
    url, engine = shop_database
    env = {**os.environ, "DATABASE_URL": url, "STORAGE_DIR": str(tmp_path / "storage"),
           "SEARCH_INDEX_DIR": str(tmp_path / "index"), "PYTHONPATH": str(ROOT)}
    env.pop("CREATIVE_MARKET_DATABASE_URL", None)
    for command in (["load"], ["serve", "--port", "1"]):  # `make run` is `serve`
        run = subprocess.run([sys.executable, "-m", "storefront.demo", *command], cwd=tmp_path,
                             env=env, capture_output=True, text=True, timeout=120)
        assert run.returncode == 1, run.stdout + run.stderr[-2000:]
        assert "Error: The database sqlite:///" in run.stderr
        assert "has loaded nothing" in run.stderr and "make serve" in run.stderr
        assert "demo-admin-2026" not in run.stdout + run.stderr
    users = snapshot(engine)[0]
    assert not DEMO_EMAILS & set(users)


def test_accounts_alone_make_a_database_someone_elses(tmp_path):
    """A fresh deployment with its admin and no listings yet: the old rule would have loaded."""
    engine = make_engine(f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    import_all_models()
    Base.metadata.create_all(engine)
    assert inspect_database(engine).state is DatabaseState.EMPTY
    with Session(engine) as session, session.begin():
        make_user(session, role=Role.ADMIN)
    inspection = inspect_database(engine)
    assert inspection.state is DatabaseState.OTHER and inspection.tables_with_rows == ["users"]


def test_a_database_with_other_applications_tables_is_not_the_demos(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'shared.sqlite'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY)"))
    inspection = inspect_database(engine)
    assert inspection.state is DatabaseState.OTHER and inspection.foreign_tables == ["invoices"]


def test_a_demo_made_before_the_marker_is_recognised_by_its_workshop_and_seller(engine):
    """Both databases: the demo's own workshop run by seller@demo.az; nothing less."""
    import_all_models()
    try:
        with Session(engine) as session, session.begin():
            workshop = make_seller(session, slug=DEMO_SELLER_SLUG)
        assert inspect_database(engine).state is DatabaseState.OTHER
        with Session(engine) as session, session.begin():
            session.add(workshop)
            workshop.user = make_user(session, email="seller@demo.az", role=Role.SELLER)
        inspection = inspect_database(engine)
        assert inspection.state is DatabaseState.DEMO and inspection.legacy_demo
    finally:
        truncate_all(engine)
