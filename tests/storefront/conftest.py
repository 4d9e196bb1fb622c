"""Storefront fixtures: an app on a private SQLite file, a test client, users of each role.

`app` builds the schema with Base.metadata.create_all. It runs on SQLite unless a test
module asks for both databases with `pytestmark = BOTH_DATABASES` (then the PostgreSQL
run uses the private database of `postgres_url` and empties it after each test). CSRF is
off by default so tests can post forms simply; use the `csrf_app`/`csrf_client` fixtures
(or `app_factory(csrf=True)`) to prove the protection. Helpers:

    user = make_account(app, role="seller")          # committed; password PASSWORD
    login(client, user)                               # logs in through the real form
    client = logged_in_client(app, role="admin")      # a fresh client, already logged in
    with count_queries(app) as statements: ...        # the SQL the app runs in the block
    statement_count(app, client, "/browse")           # how many a page's GET runs

Fixtures of data and of who is looking: `agency` (an agency account's client, pages in
the default language), `agency_en` (the same, reading English), `sample` (the committed
sample exports of March 2026) and `shop` (a carpet and a music licence for checkout tests;
the app's clients read English from then on).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from creative_market.accounts.models import Role, User
from creative_market.db import Base, import_all_models
from creative_market.export.testing import make_sample_exports
from creative_market.testing.factories import make_seller, make_user
from storefront import create_app
from storefront.extensions import db
from tests.conftest import recorded_statements, truncate_all
from tests.stripe_server.shop import Shop, stock_shop

PASSWORD = "password-123"


BOTH_DATABASES = pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """"sqlite" unless a module parametrizes it (see BOTH_DATABASES)."""
    return getattr(request, "param", "sqlite")


@pytest.fixture
def storefront_database_url(backend: str, request: pytest.FixtureRequest, tmp_path) -> str:
    """The database the test's app uses: a SQLite file, or the private PostgreSQL database."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'storefront.sqlite'}"
    return request.getfixturevalue("postgres_url")


def _settings(tmp_path, database_url: str, **overrides: Any) -> dict[str, Any]:
    settings = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "DATABASE_URL": database_url,
        "STORAGE_DIR": str(tmp_path / "storage"),
        "SEARCH_INDEX_DIR": str(tmp_path / "search-index"),
        "WTF_CSRF_ENABLED": False,
        "SERVER_NAME": "localhost",
        "LOG_LEVEL": "WARNING",
    }
    settings.update(overrides)
    return settings


@pytest.fixture
def app_factory(tmp_path, storefront_database_url: str) -> Iterator[Callable[..., Flask]]:
    """Build an app with the schema created; keyword arguments override settings.

    Apps on the shared PostgreSQL database are emptied and disposed after the test.
    """
    built: list[Flask] = []

    def build(csrf: bool = False, **overrides: Any) -> Flask:
        import_all_models()
        settings = _settings(tmp_path, storefront_database_url, WTF_CSRF_ENABLED=csrf)
        settings.update(overrides)
        app = create_app(settings)
        with app.app_context():
            Base.metadata.create_all(db.engine)
        built.append(app)
        return app

    yield build
    for app in built:
        with app.app_context():
            db.session.remove()
            if db.engine.dialect.name == "postgresql":
                truncate_all(db.engine)
            db.engine.dispose()


@pytest.fixture
def app(app_factory) -> Flask:
    """The storefront on a fresh database, CSRF checks off."""
    return app_factory()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client of `app`."""
    return app.test_client()


@pytest.fixture
def csrf_app(app_factory) -> Flask:
    """The storefront with CSRF protection on, as in production."""
    return app_factory(csrf=True)


@pytest.fixture
def csrf_client(csrf_app: Flask) -> FlaskClient:
    """A test client of `csrf_app`."""
    return csrf_app.test_client()


def make_account(app: Flask, role: str | Role = Role.BUYER, **overrides: Any) -> User:
    """Create and commit a user of `role` (sellers also get a Seller profile)."""
    with app.app_context():
        user = make_user(db.session, role=Role(role), password=PASSWORD, **overrides)
        if Role(role) is Role.SELLER:
            make_seller(db.session, user_id=user.id, display_name=user.name)
        db.session.commit()
        db.session.refresh(user)
        db.session.expunge(user)
        return user


def login(client: FlaskClient, user: User, password: str = PASSWORD) -> None:
    """Log `user` in through the log-in form."""
    response = client.post(
        "/account/login", data={"email": user.email, "password": password}
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]


def logged_in_client(app: Flask, role: str | Role = Role.BUYER, **overrides: Any) -> FlaskClient:
    """A fresh client logged in as a new user of `role`; the user is `client.user`."""
    client = app.test_client()
    user = make_account(app, role, **overrides)
    login(client, user)
    client.user = user  # type: ignore[attr-defined]
    return client


@pytest.fixture
def make_client(app: Flask) -> Callable[..., FlaskClient]:
    """`make_client(role)` returns a client logged in as a new user of that role."""
    return lambda role=Role.BUYER, **overrides: logged_in_client(app, role, **overrides)


@pytest.fixture
def agency(make_client) -> FlaskClient:
    """A client logged in as a new agency account (pages in the default language, az)."""
    return make_client(Role.AGENCY)


@pytest.fixture
def agency_en(make_client) -> FlaskClient:
    """A client logged in as a new agency account, reading the pages in English."""
    client = make_client(Role.AGENCY)
    client.set_cookie("lang", "en")
    return client


@pytest.fixture
def sample(app: Flask) -> None:
    """The library's sample exports (sellers, paid orders, shipments), committed."""
    with app.app_context():
        make_sample_exports(db.session)
        db.session.commit()


@pytest.fixture
def shop(app: Flask) -> Shop:
    """A carpet and a music licence to buy; the app's test clients read English after it."""
    return stock_shop(app)


@contextmanager
def count_queries(app: Flask) -> Iterator[list[str]]:
    """Collect the SQL statements the app's engine runs inside the block."""
    with app.app_context():
        engine = db.engine
    with recorded_statements(engine) as statements:
        yield statements


def statement_count(app: Flask, client: FlaskClient, path: str) -> int:
    """How many SQL statements a GET of `path` runs; the page must answer 200."""
    with count_queries(app) as statements:
        assert client.get(path).status_code == 200
    return len(statements)
