"""The Alembic migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from creative_market.db import (
    Base,
    alembic_config,
    import_all_models,
    make_engine,
    upgrade_schema,
)
from tests.conftest import create_postgres_database, drop_postgres_database


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrated.sqlite'}"
        return
    url = create_postgres_database()
    yield url
    drop_postgres_database(url)


def test_migrations_create_the_schema_of_the_models(empty_database_url):
    import_all_models()
    upgrade_schema(empty_database_url)
    engine = make_engine(empty_database_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
            tables = set(inspect(connection).get_table_names())
    finally:
        engine.dispose()
    assert differences == []
    assert set(Base.metadata.tables) <= tables


def _check_constraints(url: str) -> dict[str, set[tuple[str, str]]]:
    """Every table's CHECK constraints (name, SQL as the database reports it)."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            inspector = inspect(connection)
            return {
                table: {(c["name"], " ".join(c["sqltext"].split()))
                        for c in inspector.get_check_constraints(table)}
                for table in inspector.get_table_names() if table != "alembic_version"
            }
    finally:
        engine.dispose()


def test_migrations_create_the_check_constraints_of_the_models(empty_database_url, tmp_path):
    """Autogenerate does not compare CHECK constraints (enum values live in them): we do."""
    import_all_models()
    upgrade_schema(empty_database_url)
    if empty_database_url.startswith("sqlite"):
        reference_url = f"sqlite:///{tmp_path / 'reference.sqlite'}"
    else:
        reference_url = create_postgres_database()
    try:
        reference = make_engine(reference_url)
        Base.metadata.create_all(reference)
        reference.dispose()
        assert _check_constraints(empty_database_url) == _check_constraints(reference_url)
    finally:
        if not reference_url.startswith("sqlite"):
            drop_postgres_database(reference_url)


def test_upgrading_twice_is_harmless_and_stays_at_head(empty_database_url):
    upgrade_schema(empty_database_url)
    upgrade_schema(empty_database_url)
    head = ScriptDirectory.from_config(alembic_config(empty_database_url)).get_current_head()
    engine = make_engine(empty_database_url)
    try:
        with engine.connect() as connection:
            assert MigrationContext.configure(connection).get_current_revision() == head
    finally:
        engine.dispose()
