"""Shared fixtures: a database per backend (SQLite file, PostgreSQL), cleaned between tests.

PostgreSQL tests create a private database (cm_test_<random>) so that parallel runs never
meet. Under CI (CI=true) an unreachable PostgreSQL fails the run; elsewhere it skips with
the reason.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from creative_market.db import Base, import_all_models, make_engine

POSTGRES_ADMIN_URL = os.environ.get(
    "CREATIVE_MARKET_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
UNDER_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _postgres_unavailable(reason: str) -> None:
    message = f"PostgreSQL at {POSTGRES_ADMIN_URL} is unreachable: {reason}"
    if UNDER_CI:
        pytest.fail(message + " (CI requires it)", pytrace=False)
    pytest.skip(message)


def create_postgres_database() -> str:
    """Create a private PostgreSQL database and return its URL (skip or fail if none)."""
    try:
        import psycopg
    except ImportError as error:  # pragma: no cover - dev extra installs it
        _postgres_unavailable(str(error))
    name = f"cm_test_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as error:
        _postgres_unavailable(str(error).strip())
    return POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + "/" + name


def drop_postgres_database(url: str) -> None:
    """Drop a database made by `create_postgres_database`."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """URL of an empty private PostgreSQL database for this test session."""
    url = create_postgres_database()
    yield url
    drop_postgres_database(url)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory) -> str:
    """Each integration test runs once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    """An engine with the whole schema created from the models."""
    import_all_models()
    engine = make_engine(database_url)
    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


@contextmanager
def recorded_statements(engine: Engine, *, skip: tuple[str, ...] = ()) -> Iterator[list[str]]:
    """Collect the SQL statements `engine` runs inside the block, in order, leaving out
    those that begin with a word of `skip` (such as "BEGIN")."""
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        if not statement.lstrip().upper().startswith(skip):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def truncate_all(engine: Engine) -> None:
    """Empty every table, restarting sequences, so the next test starts clean."""
    tables = list(reversed(Base.metadata.sorted_tables))
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                conn.execute(table.delete())


@pytest.fixture
def session_factory(engine: Engine) -> Iterator[sessionmaker[Session]]:
    """A session factory on the test database; the tables are emptied afterwards."""
    yield sessionmaker(engine, expire_on_commit=False)
    truncate_all(engine)


@pytest.fixture
def session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session on the test database; the test commits when it needs to."""
    with session_factory() as session:
        yield session
