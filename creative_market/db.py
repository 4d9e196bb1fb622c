"""Declarative base, engine set-up and schema migrations for the library.

The library never owns a transaction: services flush, callers commit. `connect(url)`
returns a `sessionmaker` bound to an engine configured for the marketplace's needs
(foreign keys and write locking on SQLite, sane pooling on PostgreSQL).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, DateTime, MetaData, Numeric, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

DEFAULT_DATABASE_URL = "sqlite:///creative-market.sqlite"
DATABASE_URL_ENV = "CREATIVE_MARKET_DATABASE_URL"

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base of every model in the marketplace."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        Decimal: Numeric(12, 2),
        datetime: DateTime(timezone=True),
        dict[str, Any]: JSON,
        list[str]: JSON,
    }


def utcnow() -> datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """Return `moment` as an aware UTC datetime (SQLite hands back naive ones)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def database_url(url: str | None = None) -> str:
    """Resolve the database URL: the argument, the environment variable, or the default."""
    resolved = url or os.environ.get(DATABASE_URL_ENV) or DEFAULT_DATABASE_URL
    if resolved.startswith("postgresql://"):
        # psycopg 3 is the driver we ship with; plain postgresql:// would ask for psycopg2.
        resolved = "postgresql+psycopg://" + resolved[len("postgresql://") :]
    return resolved


def make_engine(url: str | None = None, **engine_options: Any) -> Engine:
    """Create an engine for `url` with the marketplace's connection settings applied."""
    resolved = database_url(url)
    if resolved.startswith("sqlite"):
        engine_options.setdefault("connect_args", {}).setdefault("timeout", 30)
    engine = create_engine(resolved, **engine_options)
    configure_engine(engine)
    return engine


def configure_engine(engine: Engine) -> None:
    """Apply SQLite pragmas and write-locking; a no-op for other databases.

    SQLite transactions start with BEGIN IMMEDIATE so that two writers queue on the
    database lock (busy timeout) instead of failing with a deadlock error halfway.
    """
    if engine.dialect.name != "sqlite" or getattr(engine, "_creative_market_ready", False):
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    engine._creative_market_ready = True  # type: ignore[attr-defined]


def connect(url: str | None = None, **engine_options: Any) -> sessionmaker[Session]:
    """Return a session factory bound to a configured engine for `url`."""
    return sessionmaker(make_engine(url, **engine_options), expire_on_commit=False)


def migrations_directory() -> Path:
    """Return the Alembic script directory: the checkout's, or the one installed as data."""
    candidates = (
        Path(__file__).resolve().parent.parent / "migrations",  # a source checkout
        Path(sys.prefix) / "share" / "creative-market" / "migrations",  # pip install
    )
    for candidate in candidates:
        if (candidate / "env.py").is_file():
            return candidate
    raise FileNotFoundError(
        "The Alembic migrations of creative-market are not installed; looked in "
        + ", ".join(str(c) for c in candidates)
    )


def alembic_config(url: str | None = None):  # -> alembic.config.Config
    """Build an Alembic configuration that targets `url`."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_directory()))
    config.set_main_option("sqlalchemy.url", database_url(url).replace("%", "%%"))
    return config


def upgrade_schema(url: str | None = None, revision: str = "head") -> None:
    """Create or upgrade the database schema with the Alembic migrations.

    Alembic's INFO lines (plugin set-up, "Will assume non-transactional DDL", each revision
    run) are held back, so an app that logs at INFO starts quietly; warnings and errors pass.
    """
    with _alembic_logs_at_warning():  # importing alembic logs its plugins at INFO
        from alembic import command

        command.upgrade(alembic_config(url), revision)


@contextlib.contextmanager
def _alembic_logs_at_warning() -> Iterator[None]:
    logger = logging.getLogger("alembic")
    previous = logger.level
    if logger.getEffectiveLevel() < logging.WARNING:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(previous)


def import_all_models() -> None:
    """Import every model module so that `Base.metadata` knows the whole schema."""
    import importlib

    for module in (
        "creative_market.accounts.models",
        "creative_market.catalog.models",
        "creative_market.catalog.licensing",
        "creative_market.orders.models",
        "creative_market.orders.events",
        "creative_market.orders.payouts",
        "creative_market.orders.carts",
        "creative_market.export.models",
    ):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as error:
            if error.name != module:
                raise


def enum_type(enum_cls: type, name: str | None = None):  # -> sqlalchemy.Enum
    """A portable enum column type: VARCHAR plus a CHECK constraint of the enum's values."""
    import re

    from sqlalchemy import Enum

    constraint_name = name or re.sub(r"(?<!^)(?=[A-Z])", "_", enum_cls.__name__).lower()
    return Enum(
        enum_cls,
        name=constraint_name,
        native_enum=False,
        create_constraint=True,
        validate_strings=True,
        values_callable=lambda members: [member.value for member in members],
        length=max(len(member.value) for member in enum_cls) + 8,
    )
