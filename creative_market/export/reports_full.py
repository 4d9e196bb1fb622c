"""The full programme report: every dimension from one pass over the exported lines.

`exports_report` answers one dimension per statement, so seven dimensions re-scan and
re-join the same lines seven times. `full_report` reads and joins the lines in scope once
(orders, sellers, the declared customs item, the day's rates) and sums them by the narrow
columns every key depends on; those groups (tens of thousands for half a million lines)
are joined to sellers, products and detail tables, every dimension's key is computed on
them, and they are grouped by all dimensions and both periods in the same statement:

* PostgreSQL: ``GROUP BY bucket, GROUPING SETS ((cluster), (region), ...)``; the planner
  hashes all sets in one pass over the groups.
* Other databases (SQLite has no GROUPING SETS): a ``MATERIALIZED`` CTE of the groups and a
  ``UNION ALL`` of one ``GROUP BY`` per dimension over it, so the joins still run once.

The reports it returns equal `exports_report`'s, dimension by dimension (tested).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import String, case, cast, func, literal, select, tuple_, type_coerce, union_all
from sqlalchemy.orm import Session
from sqlalchemy.sql.util import ClauseAdapter

from creative_market.catalog.models import Seller
from creative_market.export import report_dimensions as dims
from creative_market.export.models import Programme
from creative_market.export.report_dimensions import DESIGN_WORKS, MEDIA_WORKS, PRODUCTS
from creative_market.export.reports import (
    Dimension,
    Report,
    export_lines,
    fill_report,
    gap,
    note_usd_rates,
    previous_period,
    report_period,
)
from creative_market.orders.models import Order, OrderLine

SELLER_LABEL = "seller_label"
# What each line contributes to a group; summed again over the groups.
SUMMED = ("lines", "units", "value_azn", "value_usd", "no_rate", "no_usd")


def _key_column(dimension: Dimension) -> str:
    return f"key_{dimension.value}"


def _line_groups(
    session: Session, starts_on: date, ends_on: date, programme_id: int | None
) -> Any:
    """Subquery: the lines of both periods summed by the narrow columns the keys depend on.

    (bucket, seller, product, line kind, shipping and buyer country, declared HS code): tens
    of thousands of narrow groups instead of half a million wide rows.
    """
    previous = previous_period(starts_on, ends_on)
    keys = [OrderLine.seller_id, OrderLine.product_id, OrderLine.kind, Order.shipping_country,
            Order.buyer_country, dims._declared().hs_code]  # the alias `join_customs_items` joins
    lines = export_lines(session, keys, previous[0], ends_on, programme_id, products=False,
                         customs=True, skipping=gap(starts_on, previous)).subquery("lines")
    bucket = case((lines.c.day >= starts_on, literal("current")), else_=literal("previous"))
    grouped = [lines.c.seller_id, lines.c.product_id, lines.c.kind, lines.c.shipping_country,
               lines.c.buyer_country, lines.c.hs_code, bucket]
    return (
        select(*grouped[:-1], bucket.label("bucket"),
               func.count().label("lines"), func.sum(lines.c.quantity).label("units"),
               func.sum(lines.c.value_azn).label("value_azn"),
               func.sum(lines.c.value_usd).label("value_usd"),
               func.sum(lines.c.no_rate).label("no_rate"),
               func.sum(lines.c.no_usd).label("no_usd"))
        .group_by(*grouped).subquery("line_groups")
    )


def _lines_in_scope(
    session: Session, starts_on: date, ends_on: date, programme_id: int | None
) -> Any:
    """SELECT of the line groups with every dimension's key, products and sellers joined.

    The dimension expressions of `report_dimensions` are written over order lines, orders
    and customs items; ClauseAdapter points them at the group columns instead.
    """
    groups = _line_groups(session, starts_on, ends_on, programme_id)
    adapter = ClauseAdapter(groups)
    keys = [adapter.traverse(_clause(dims.expressions(d)[0])).label(_key_column(d))
            for d in Dimension]
    return (
        select(*keys, Seller.display_name.label(SELLER_LABEL), groups.c.bucket,
               *(groups.c[name] for name in SUMMED))
        .select_from(groups)
        .join(Seller, Seller.id == groups.c.seller_id)
        .join(PRODUCTS, PRODUCTS.c.id == groups.c.product_id)
        .outerjoin(DESIGN_WORKS, DESIGN_WORKS.c.id == PRODUCTS.c.id)
        .outerjoin(MEDIA_WORKS, MEDIA_WORKS.c.id == PRODUCTS.c.id)
    )


def _clause(expression: Any) -> Any:
    """The Core expression of an ORM attribute (ClauseAdapter only rewrites Core ones)."""
    return expression.__clause_element__() if hasattr(expression, "__clause_element__") else (
        expression)


def _sums(scope: Any) -> list[Any]:
    return [func.sum(scope.c[name]).label(name) for name in SUMMED]


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
    note_usd_rates(session, list(full.values()))
    return full
