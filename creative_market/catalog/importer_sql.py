"""Plain bulk INSERTs for the importer: values converted once, one driver executemany.

SQLAlchemy's general executemany path builds a parameter dictionary per row and runs
every value through its type's bind processor, then re-packs the rows for the driver;
for a catalogue of 100,000 rows that costs more than the database's own work. Here the
statement is compiled once by SQLAlchemy (so quoting, casts and column defaults are the
dialect's own), each column's bind processor is looked up once, a value repeated from the
previous row (the batch's timestamp, an enum member) is converted once, and the rows go to
the driver's ``executemany`` through ``Connection.exec_driver_sql``. No RETURNING: the
importer allocates product ids itself (`allocate_ids`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select, text

_MISSING = object()


def _default(column: Any) -> Any:
    """The value a column's Python-side default gives a new row (None when it has none)."""
    default = column.default
    if default is None:
        return None
    if default.is_callable:
        return default.arg(None)
    return default.arg


def _converter(column: Any, connection: Connection) -> Callable[[Any], Any]:
    """Convert a Python value as SQLAlchemy would bind it, remembering the last value seen."""
    process = column.type._cached_bind_processor(connection.dialect)
    if process is None:
        return lambda value: value
    last: list[Any] = [_MISSING, None]

    def convert(value: Any) -> Any:
        if value is last[0]:
            return last[1]
        converted = process(value)
        if value is None or value.__class__ in (int, str, bool) or hasattr(value, "tzinfo") \
                or hasattr(value, "value"):
            last[0], last[1] = value, converted  # immutable: safe to reuse by identity
        return converted

    return convert


def insert_many(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT `rows` (dicts by column name) into `table` with one executemany, no RETURNING.

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
    plan = [(name, _converter(by_name[name], connection), _default(by_name[name]))
            for name in order]
    values: list[Any] = []
    for row in rows:
        get = row.get
        values.append(tuple([convert(default if (v := get(name, _MISSING)) is _MISSING else v)
                             for name, convert, default in plan]))
    if not compiled.positional:
        values = [dict(zip(order, row, strict=True)) for row in values]
    connection.exec_driver_sql(str(compiled), values)


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
