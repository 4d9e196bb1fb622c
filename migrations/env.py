"""Alembic environment: plain Alembic, no Flask, so the library's CLI can migrate too."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import pool

from creative_market.db import Base, database_url, import_all_models, make_engine

import_all_models()
config = context.config
target_metadata = Base.metadata
#: Tables that live beside the schema but are not the library's: the demo's marker
#: (storefront/demo/guard.py). Autogenerate must not propose dropping them.
NOT_OURS = frozenset({"creative_market_demo"})


def _include_name(name: str | None, type_: str, parent_names: dict) -> bool:
    return not (type_ == "table" and name in NOT_OURS)


def _url() -> str:
    return database_url(config.get_main_option("sqlalchemy.url") or os.environ.get("DATABASE_URL"))


def run_migrations_offline() -> None:
    """Emit SQL to stdout instead of running it."""
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run migrations on a live connection (an injected one, or a new engine)."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(_url(), poolclass=pool.NullPool)
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=_include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
