"""The full programme report: every dimension from one pass over the exported lines.

`exports_report` answers one dimension per statement, so seven dimensions re-scan and
re-join the same lines seven times. `full_report` selects the lines in scope once, with
every join (products and detail tables, the declared customs item, the day's rates) and
every dimension's key computed per line, and groups that one row set by all dimensions
and both periods in the same statement:

* PostgreSQL: ``GROUP BY bucket, GROUPING SETS ((cluster), (region), ...)`` over the
  line subquery; the planner hashes all sets in one scan.
* Other databases (SQLite has no GROUPING SETS): a ``MATERIALIZED`` CTE of the lines and a
  ``UNION ALL`` of one ``GROUP BY`` per dimension over it, so the joins still run once.

The reports it returns equal `exports_report`'s, dimension by dimension (tested).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import String, case, cast, func, literal, select, tuple_, type_coerce, union_all
from sqlalchemy.orm import Session

from creative_market.export import report_dimensions as dims
from creative_market.export.models import Programme
from creative_market.export.reports import (
    Dimension,
    Report,
    export_lines,
    fill_report,
    previous_period,
    report_period,
)

SELLER_LABEL = "seller_label"


def _key_column(dimension: Dimension) -> str:
    return f"key_{dimension.value}"


def _lines_in_scope(
    session: Session, starts_on: date, ends_on: date, programme_id: int | None
) -> Any:
    """SELECT of the lines of both periods, one key column per dimension and the bucket."""
    prev_start, _ = previous_period(starts_on, ends_on)
    keys = [dims.expressions(d)[0].label(_key_column(d)) for d in Dimension]
    keys.append(dims.expressions(Dimension.SELLER)[1].label(SELLER_LABEL))
    lines = export_lines(session, keys, prev_start, ends_on, programme_id,
                         products=True, customs=True).subquery("lines")
    bucket = case((lines.c.day >= starts_on, literal("current")), else_=literal("previous"))
    return select(*(lines.c[_key_column(d)] for d in Dimension), lines.c[SELLER_LABEL],
                  bucket.label("bucket"), lines.c.quantity, lines.c.value_azn,
                  lines.c.value_usd, lines.c.no_rate, lines.c.no_usd)


def _sums(scope: Any) -> list[Any]:
    return [func.count().label("lines"), func.sum(scope.c.quantity).label("units"),
            func.sum(scope.c.value_azn).label("value_azn"),
            func.sum(scope.c.value_usd).label("value_usd"),
            func.sum(scope.c.no_rate).label("no_rate"), func.sum(scope.c.no_usd).label("no_usd")]


def _label_of(scope: Any, dimension: Dimension) -> Any:
    key = scope.c[_key_column(dimension)]
    return scope.c[SELLER_LABEL] if dimension is Dimension.SELLER else key


def _grouping_sets(scope: Any) -> Any:
    """PostgreSQL: one GROUP BY with a grouping set per dimension, the bucket in each."""
    def grouped(dimension: Dimension) -> Any:
        return func.grouping(scope.c[_key_column(dimension)]) == 0

    def which(values: Iterable[tuple[Dimension, Any]]) -> Any:
        return case(*((grouped(d), cast(value, String)) for d, value in values))

    sets = [tuple_(*([scope.c[_key_column(d)]] + (
        [scope.c[SELLER_LABEL]] if d is Dimension.SELLER else []))) for d in Dimension]
    return (
        select(which((d, literal(d.value)) for d in Dimension).label("dimension"),
               which((d, scope.c[_key_column(d)]) for d in Dimension).label("key"),
               which((d, _label_of(scope, d)) for d in Dimension).label("label"),
               scope.c.bucket, *_sums(scope))
        .group_by(scope.c.bucket, func.grouping_sets(*sets))
    )


def _union_of_groups(scope: Any) -> Any:
    """Portable: one GROUP BY per dimension over the materialised lines, in a UNION ALL."""
    return union_all(*(
        select(literal(d.value).label("dimension"),
               # Plain strings: the first SELECT's column types would decode every key.
               type_coerce(scope.c[_key_column(d)], String).label("key"),
               type_coerce(_label_of(scope, d), String).label("label"),
               scope.c.bucket, *_sums(scope))
        .group_by(scope.c[_key_column(d)], _label_of(scope, d), scope.c.bucket)
        for d in Dimension
    ))


def full_report_query(
    session: Session, *, starts_on: date, ends_on: date, programme_id: int | None = None
) -> Any:
    """The one statement behind `full_report` (for EXPLAIN and tests)."""
    lines = _lines_in_scope(session, starts_on, ends_on, programme_id)
    if session.get_bind().dialect.name == "postgresql":
        return _grouping_sets(lines.subquery("scope"))
    return _union_of_groups(lines.cte("scope").prefix_with("MATERIALIZED"))


def full_report(
    session: Session, *, starts_on: date | None = None, ends_on: date | None = None,
    programme: Programme | None = None,
) -> dict[Dimension, Report]:
    """Exports by every dimension in a period (default: the programme's), in one statement.

    Returns one `Report` per `Dimension`, each equal to `exports_report` for it.
    """
    starts_on, ends_on = report_period(starts_on, ends_on, programme)
    prev_start, prev_end = previous_period(starts_on, ends_on)
    name = programme.name if programme else None
    result = session.execute(full_report_query(
        session, starts_on=starts_on, ends_on=ends_on,
        programme_id=programme.id if programme else None)).all()
    markets = set(programme.target_markets) if programme else None
    full: dict[Dimension, Report] = {}
    for dimension in Dimension:
        report = Report(dimension, starts_on, ends_on, prev_start, prev_end, name)
        fill_report(report, (r for r in result if r.dimension == dimension.value), markets)
        full[dimension] = report
    return full
