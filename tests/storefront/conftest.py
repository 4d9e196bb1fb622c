"""Storefront fixtures: an app on a private SQLite file, a test client, users of each role.

`app` builds the schema with Base.metadata.create_all. CSRF is off by default so tests can
post forms simply; use the `csrf_app`/`csrf_client` fixtures (or `app_factory(csrf=True)`)
to prove the protection. Helpers:

    user = make_account(app, role="seller")          # committed; password PASSWORD
    login(client, user)                               # logs in through the real form
    client = logged_in_client(app, role="admin")      # a fresh client, already logged in
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from creative_market.accounts.models import Role, User
from creative_market.db import Base, import_all_models
from creative_market.testing.factories import make_seller, make_user
from storefront import create_app
from storefront.extensions import db

PASSWORD = "password-123"


def _settings(tmp_path, **overrides: Any) -> dict[str, Any]:
    settings = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'storefront.sqlite'}",
        "STORAGE_DIR": str(tmp_path / "storage"),
        "SEARCH_INDEX_DIR": str(tmp_path / "search-index"),
        "WTF_CSRF_ENABLED": False,
        "SERVER_NAME": "localhost",
        "LOG_LEVEL": "WARNING",
    }
    settings.update(overrides)
    return settings


@pytest.fixture
def app_factory(tmp_path) -> Callable[..., Flask]:
    """Build an app with the schema created; keyword arguments override settings."""

    def build(csrf: bool = False, **overrides: Any) -> Flask:
        import_all_models()
        app = create_app(_settings(tmp_path, WTF_CSRF_ENABLED=csrf, **overrides))
        with app.app_context():
            Base.metadata.create_all(db.engine)
        return app

    return build


@pytest.fixture
def app(app_factory) -> Iterator[Flask]:
    """The storefront on a fresh SQLite file, CSRF checks off."""
    app = app_factory()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client of `app`."""
    return app.test_client()


@pytest.fixture
def csrf_app(app_factory) -> Iterator[Flask]:
    """The storefront with CSRF protection on, as in production."""
    app = app_factory(csrf=True)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


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


@contextmanager
def count_queries(app: Flask) -> Iterator[list[str]]:
    """Collect the SQL statements the app's engine runs inside the block."""
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    def _record(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", _record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", _record)
