"""Plain bulk INSERTs for the importer: values converted once, one driver call per batch.

SQLAlchemy's general executemany path builds a parameter dictionary per row and runs
every value through its type's bind processor, then re-packs the rows for the driver;
for a catalogue of 100,000 rows that costs more than the database's own work. Here the
statement is compiled once by SQLAlchemy (so quoting, casts and column defaults are the
dialect's own), each column is bind-processed in one pass (the batch's timestamp and each
enum member converted once), and the rows go to the driver in one call through
``Connection.exec_driver_sql``: SQLite gets an ``executemany``; PostgreSQL, where a round
of parse-bind-execute per row costs more than the insert, gets one
``INSERT .. SELECT FROM unnest(array per column)``. No RETURNING: the importer allocates
product ids itself (`allocate_ids`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    Connection,
    DateTime,
    Enum,
    Integer,
    String,
    Table,
    bindparam,
    func,
    insert,
    literal_column,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY

_MISSING = object()


def _default(column: Any) -> Any:
    """The value a column's Python-side default gives a new row (None when it has none)."""
    default = column.default
    if default is None:
        return None
    if default.is_callable:
        return default.arg(None)
    return default.arg


def _convert_column(values: list[Any], column: Any, connection: Connection) -> list[Any]:
    """Bind-process one column of values as SQLAlchemy would; repeated values converted once.

    Only where that is exact: enum members (and their equal strings) always give the same
    text, and one timestamp object is the same timestamp. Decimals and JSON are converted one
    by one (Decimal("1.0") == Decimal("1.00"), yet they are not written alike).
    """
    process = column.type._cached_bind_processor(connection.dialect)
    if process is None:
        return values
    if isinstance(column.type, Enum):
        converted = {value: process(value) for value in set(values)}
        return list(map(converted.__getitem__, values))
    if isinstance(column.type, DateTime):
        distinct = {id(value): value for value in values}
        by_identity = {key: process(value) for key, value in distinct.items()}
        return [by_identity[id(value)] for value in values]
    return list(map(process, values))


def insert_many(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT `rows` (dicts by column name) into `table` in one driver call, no RETURNING.

    A column missing from a row gets the column's Python-side default, as with
    ``connection.execute(table.insert(), rows)``.
    """
    if not rows:
        return
    given: dict[str, None] = {}
    for row in rows:
        given.update(dict.fromkeys(row))
    columns = [c for c in table.columns if c.name in given or c.default is not None]
    names = [c.name for c in columns]
    compiled = insert(table).inline().compile(dialect=connection.dialect, column_keys=names)
    order = list(compiled.positiontup) if compiled.positional else names  # type: ignore[arg-type]
    by_name = {c.name: c for c in columns}
    defaults = {name: _default(by_name[name]) for name in order}
    wanted = defaults.keys()
    pick = itemgetter(*order)
    # Column by column: the values of one column side by side, converted in one pass.
    by_column = list(zip(*(pick(row if row.keys() >= wanted else {**defaults, **row})
                           for row in rows), strict=True))
    for position, name in enumerate(order):
        by_column[position] = _convert_column(list(by_column[position]), by_name[name],
                                              connection)
    if connection.dialect.name == "postgresql":
        _insert_unnest(connection, table, [by_name[name] for name in order], by_column)
        return
    values: list[Any] = list(zip(*by_column, strict=True))
    if not compiled.positional:
        values = [dict(zip(order, row, strict=True)) for row in values]
    connection.exec_driver_sql(str(compiled), values)


def _insert_unnest(connection: Connection, table: Table, columns: list[Any],
                   by_column: list[Any]) -> None:
    """PostgreSQL: the whole batch in ONE statement, a column per array (INSERT .. unnest)."""
    dialect = connection.dialect
    preparer = dialect.identifier_preparer
    arrays = ", ".join(f"%s::{column.type.compile(dialect=dialect)}[]" for column in columns)
    sql = (f"INSERT INTO {preparer.format_table(table)} "
           f"({', '.join(preparer.format_column(column) for column in columns)}) "
           f"SELECT * FROM unnest({arrays})")
    connection.exec_driver_sql(sql, tuple(list(values) for values in by_column))


def allocate_ids(connection: Connection, table: Table, count: int) -> list[int]:
    """`count` fresh primary keys for `table`, in one statement.

    PostgreSQL draws them from the column's sequence. SQLite continues after the largest id:
    the import runs inside a write transaction (BEGIN IMMEDIATE), so nobody else can take them.
    """
    if count <= 0:
        return []
    if connection.dialect.name == "postgresql":
        query = text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) "
                     "FROM generate_series(1, :count)")
        return list(connection.scalars(query, {"table": table.name, "count": count}))
    first = connection.scalar(select(func.coalesce(func.max(table.c.id), 0))) + 1
    return list(range(first, first + count))


def ids_in(connection: Connection, column: Any, ids: Iterable[int]) -> Any:
    """`column IN ids` with the ids as ONE parameter (a PG array, a JSON array on SQLite)."""
    ids = list(ids)
    if connection.dialect.name == "postgresql":
        return column == func.any(bindparam(None, ids, type_=ARRAY(Integer)))
    if connection.dialect.name == "sqlite":
        items = select(literal_column("value")).select_from(
            func.json_each(bindparam(None, json.dumps(ids), type_=String)))
        return column.in_(items)
    return column.in_(ids)


def differing(connection: Connection, table: Table, rows: list[dict[str, Any]], *,
              keys: Sequence[str], columns: Iterable[str], where: Any) -> list[dict[str, Any]]:
    """The rows not stored yet, or stored with another value in one of `columns`.

    One SELECT (of the stored rows `where` picks) replaces an upsert of every row when most
    rows are unchanged, as on a re-import. Values compare with Python's ==; a row that looks
    changed is only a candidate: the upsert's own IS DISTINCT FROM still decides, so the
    report counts exactly the rows the database changed.
    """
    if not rows:
        return []
    compared = [c for c in columns if c not in keys]
    query = select(*(table.c[k] for k in keys), *(table.c[c] for c in compared)).where(where)
    width = len(keys)
    stored = {tuple(found[:width]): tuple(found[width:]) for found in connection.execute(query)}
    candidates = []
    for row in rows:
        found = stored.get(tuple(row[k] for k in keys))
        if found is None or any(row.get(name, _MISSING) != value
                                for name, value in zip(compared, found, strict=True)):
            candidates.append(row)
    return candidates
