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
product ids itself (`allocate_ids`). On SQLite a bulk write also gets a larger page cache
for its duration (`bulk_page_cache`).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator, Sequence
from json.encoder import encode_basestring_ascii  # type: ignore[attr-defined]
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
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
#: SQLite's page cache during a bulk write, in KiB (its default is 2 MiB per connection).
BULK_PAGE_CACHE_KIB = 64 * 1024


@contextlib.contextmanager
def bulk_page_cache(connection: Connection, kib: int = BULK_PAGE_CACHE_KIB) -> Iterator[None]:
    """On SQLite, let the connection cache `kib` of pages while a bulk write runs; restore after.

    A catalogue's rows land all over the indexes of the products table (slug, seller and
    SKU, status with kind, price and date): with SQLite's default 2 MiB cache their pages are
    evicted and read back again and again (the bare insert of 100,000 rows: ~15 % faster). A
    no-op on other databases, or when the cache is already that large.
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    page_size = connection.exec_driver_sql("PRAGMA page_size").scalar()
    before_kib = -before if before < 0 else before * page_size // 1024
    if before_kib >= kib:
        yield
        return
    connection.exec_driver_sql(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        if not (connection.invalidated or connection.closed):
            connection.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")


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

    Only where that is exact: enum members (and their equal strings) and booleans always give
    the same value, and one timestamp object is the same timestamp. Decimals are converted
    one by one (Decimal("1.0") == Decimal("1.00"), yet they are not written alike); lists of
    strings in JSON columns are encoded as `json.dumps` does (see `_json_lists`).
    """
    process = column.type._cached_bind_processor(connection.dialect)
    if process is None:
        return values
    if isinstance(column.type, Enum | Boolean):
        converted = {value: process(value) for value in set(values)}
        return list(map(converted.__getitem__, values))
    if isinstance(column.type, DateTime):
        distinct = {id(value): value for value in values}
        by_identity = {key: process(value) for key, value in distinct.items()}
        return [by_identity[id(value)] for value in values]
    if isinstance(column.type, JSON) and _plain_json_dumps(process, connection):
        return _json_lists(values, process)
    return list(map(process, values))


_PROBE = ["a", "é\"", ""]


def _plain_json_dumps(process: Any, connection: Connection) -> bool:
    """True when the JSON bind processor writes `json.dumps(value)` itself (SQLite's default)."""
    return (connection.dialect._json_serializer is None  # type: ignore[attr-defined]
            and process([]) == "[]" and process(_PROBE) == json.dumps(_PROBE))


def _json_lists(values: list[Any], process: Any) -> list[Any]:
    """`json.dumps` of each value; a list of strings encoded directly, to the same text.

    `json.dumps(["a", "b"])` is '["a", "b"]': each string by the encoder's own ASCII
    escaping, joined by ", ". Anything else (None, dicts, numbers) goes through `process`.
    """
    encode = encode_basestring_ascii
    result = []
    for value in values:
        if value.__class__ is list:
            if not value:
                result.append("[]")
                continue
            try:
                result.append("[" + ", ".join(map(encode, value)) + "]")
                continue
            except TypeError:  # an item that is not a string
                pass
        result.append(process(value))
    return result


def insert_many(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT `rows` (dicts by column name) into `table` in one driver call, no RETURNING.

    A column missing from a row gets the column's Python-side default, as with
    ``connection.execute(table.insert(), rows)``.
    """
    if not rows:
        return
    given = set().union(*rows)
    columns = [c for c in table.columns if c.name in given or c.default is not None]
    names = [c.name for c in columns]
    compiled = insert(table).inline().compile(dialect=connection.dialect, column_keys=names)
    order = list(compiled.positiontup) if compiled.positional else names  # type: ignore[arg-type]
    by_name = {c.name: c for c in columns}
    defaults = {name: _default(by_name[name]) for name in order}
    wanted = defaults.keys()
    pick = itemgetter(*order)
    try:
        picked = list(map(pick, rows))  # the usual case: every row gives every column
    except KeyError:
        picked = [pick(row if row.keys() >= wanted else {**defaults, **row}) for row in rows]
    # Column by column: the values of one column side by side, converted in one pass.
    by_column = list(zip(*picked, strict=True))
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
              keys: Sequence[str], columns: Iterable[str], where: Any,
              fill: Sequence[str] = ()) -> list[dict[str, Any]]:
    """The rows not stored yet, or stored with another value in one of `columns`.

    One SELECT (of the stored rows `where` picks) replaces an upsert of every row when most
    rows are unchanged, as on a re-import. Values compare with Python's ==; a row that looks
    changed is only a candidate: the upsert's own IS DISTINCT FROM still decides, so the
    report counts exactly the rows the database changed. A stored candidate gets the stored
    values of the `fill` columns (a file without them must not put a NULL in the upsert's
    INSERT half, which the database checks before it sees the conflict).
    """
    if not rows:
        return []
    compared = [c for c in columns if c not in keys]
    fill = [c for c in fill if c not in keys and c not in compared]
    query = select(*(table.c[k] for k in keys), *(table.c[c] for c in compared),
                   *(table.c[c] for c in fill)).where(where)
    width, end = len(keys), len(keys) + len(compared)
    stored = {tuple(found[:width]): tuple(found[width:]) for found in connection.execute(query)}
    key_of, values_of = _tuple_getter(list(keys)), _tuple_getter(compared)
    candidates = []
    for row in rows:
        found = stored.get(key_of(row))
        if found is None:
            candidates.append(row)
            continue
        if fill:
            found, kept = found[:end - width], found[end - width:]
        try:
            mine = values_of(row)
        except KeyError:  # a column the row does not give: never equal to a stored value
            mine = tuple(row.get(name, _MISSING) for name in compared)
        if mine != found:
            if fill:
                row.update(zip(fill, kept, strict=True))
            candidates.append(row)
    return candidates


def _tuple_getter(names: list[str]) -> Any:
    """A function giving a row's values of `names` as a tuple (KeyError if one is missing)."""
    if len(names) == 1:
        name = names[0]
        return lambda row: (row[name],)
    if not names:
        return lambda _row: ()
    return itemgetter(*names)
