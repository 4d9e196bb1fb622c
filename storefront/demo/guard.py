"""Which databases the demo may write to: an empty one, or one the demo made itself.

The demo adds accounts whose passwords are printed in the README (an admin among them), so
it must never land in a database that holds anyone's real data. A demo load writes a row in
its own small table, `creative_market_demo`, in the same transaction as the catalogue; a
database with that table is the demo's. Any other database with a row in it is left alone.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    Integer,
    MetaData,
    Table,
    exists,
    insert,
    inspect,
    select,
)
from sqlalchemy.engine import Connection

from creative_market.accounts.models import Role, User
from creative_market.catalog.models import Seller
from creative_market.db import Base, import_all_models, utcnow
from storefront.demo.accounts import DEMO_ACCOUNTS, DEMO_SELLER_SLUG

# Outside the library's metadata and migrations on purpose: only the demo knows this table.
DEMO_MARKER = Table(
    "creative_market_demo",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("seed", Integer, nullable=False),
    Column("loaded_at", DateTime(timezone=True), nullable=False),
)
ALEMBIC_TABLE = "alembic_version"


class DatabaseState(enum.Enum):
    """Whose database it is, as far as the demo can tell."""

    EMPTY = "empty"  # no table with a row in it: the demo may load
    DEMO = "demo"  # the demo made it: load only what is missing
    OTHER = "other"  # someone's data: the demo writes nothing


@dataclass
class Inspection:
    """The state of a database and what gave it away."""

    state: DatabaseState
    tables_with_rows: list[str] = field(default_factory=list)
    foreign_tables: list[str] = field(default_factory=list)
    legacy_demo: bool = False  # made by a demo older than the marker; adopt it


class NotADemoDatabase(RuntimeError):
    """The demo refused to touch a database that holds data it did not create."""


def inspect_database(engine: Engine) -> Inspection:
    """Tell an empty database, the demo's own and anyone else's apart; writes nothing."""
    import_all_models()
    with engine.connect() as connection:
        names = set(inspect(connection).get_table_names())
        if DEMO_MARKER.name in names:
            return Inspection(DatabaseState.DEMO)
        ours = {table.name: table for table in Base.metadata.sorted_tables}
        foreign = sorted(names - set(ours) - {ALEMBIC_TABLE})
        with_rows = sorted(name for name in names & set(ours)
                           if connection.scalar(select(exists().select_from(ours[name]))))
        if foreign:
            return Inspection(DatabaseState.OTHER, with_rows, foreign)
        if not with_rows:
            return Inspection(DatabaseState.EMPTY)
        if _made_by_an_older_demo(connection, names):
            return Inspection(DatabaseState.DEMO, with_rows, legacy_demo=True)
        return Inspection(DatabaseState.OTHER, with_rows)


def _made_by_an_older_demo(connection: Connection, names: set[str]) -> bool:
    """Demos before the marker: the demo's own workshop, run by the demo seller account."""
    if not {Seller.__tablename__, User.__tablename__} <= names:
        return False
    seller_email = next(a.email for a in DEMO_ACCOUNTS if a.role is Role.SELLER)
    owner = connection.scalar(
        select(User.email).join(Seller, Seller.user_id == User.id)
        .where(Seller.slug == DEMO_SELLER_SLUG))
    return owner == seller_email


def mark_as_demo(connection: Connection, *, seed: int) -> None:
    """Create the marker table if needed and record a demo load, in the caller's transaction."""
    DEMO_MARKER.create(connection, checkfirst=True)
    connection.execute(insert(DEMO_MARKER).values(seed=seed, loaded_at=utcnow()))


def drop_marker(connection: Connection) -> None:
    """Forget that the demo made this database (for `load --force`, which rebuilds it)."""
    DEMO_MARKER.drop(connection, checkfirst=True)


def refusal(url: str, inspection: Inspection) -> str:
    """What the demo says when it leaves a database alone, and what to do instead."""
    found = []
    if inspection.tables_with_rows:
        found.append("rows in " + ", ".join(inspection.tables_with_rows))
    if inspection.foreign_tables:
        found.append("tables that are not Creative Market's: "
                     + ", ".join(inspection.foreign_tables))
    return (
        f"The database {url} already holds data that the demo did not create "
        f"({'; '.join(found)}).\n"
        "The demo loads its catalogue, its sales history and its accounts, whose passwords "
        "are published (an admin among them), only into an empty database or one it made "
        "itself, so it has loaded nothing and changed nothing.\n"
        "To serve the storefront on this database without the demo: `make serve` (or "
        "`flask --app storefront run`), after bringing its schema up to date with "
        "`CREATIVE_MARKET_DATABASE_URL=<this database> creative-market db upgrade`.\n"
        "To try the demo: point DATABASE_URL at an empty database, or unset DATABASE_URL "
        "and CREATIVE_MARKET_DATABASE_URL to use instance/creative-market.sqlite."
    )

