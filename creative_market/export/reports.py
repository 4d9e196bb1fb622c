"""Export-programme reports, computed in SQL with GROUP BY.

Exports are paid order lines (sold, shipped or fulfilled) of orders going to a country
other than Azerbaijan, dated by payment. Lines are first grouped by dimension, period,
currency and day; each group is valued in AZN and USD with the agency's exchange rate in
force that day (`exchange_rates`), then grouped again by dimension and period. Python only
arranges the few aggregate rows that come back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import Date, String, and_, case, cast, column, func, literal, select, true, values
from sqlalchemy.orm import Session

from creative_market.catalog.models import Seller
from creative_market.export import report_dimensions as dims
from creative_market.export.models import ExchangeRate, Programme, ProgrammeSeller
from creative_market.export.report_dimensions import DESIGN_WORKS, MEDIA_WORKS, PRODUCTS
from creative_market.money import SUPPORTED_CURRENCIES
from creative_market.orders.models import Order, OrderLine

EXPORTED_LINE_STATES = ("sold", "shipped", "fulfilled")
HOME_COUNTRY = "AZ"
CENT = Decimal("0.01")


class Dimension(StrEnum):
    """What a report groups exports by."""

    CLUSTER = "cluster"
    REGION = "region"
    DESTINATION = "destination"
    HS_CHAPTER = "hs_chapter"
    CATEGORY = "category"
    FLOW = "flow"
    SELLER = "seller"


@dataclass
class ReportRow:
    """One value of the dimension: counts and values now and in the previous period."""

    key: str
    label: str
    lines: int = 0
    units: int = 0
    value_azn: Decimal = Decimal(0)
    value_usd: Decimal | None = Decimal(0)
    previous_lines: int = 0
    previous_value_azn: Decimal = Decimal(0)
    target_market: bool | None = None
    # Lines of the period without a USD value (no USD rate, or no rate at all on their day):
    # `value_usd` then sums the other lines only (None if there are none).
    lines_without_usd: int = 0
    # The unrounded sums behind the cents shown, so that a total is rounded once and is the
    # same whichever dimension the rows split it by.
    exact_azn: Decimal | None = field(default=None, repr=False, compare=False)
    exact_usd: Decimal | None = field(default=None, repr=False, compare=False)

    @property
    def change_pct(self) -> Decimal | None:
        """Change of the AZN value against the previous period, in percent (None from zero)."""
        if not self.previous_value_azn:
            return None
        change = (self.value_azn - self.previous_value_azn) / self.previous_value_azn * 100
        return change.quantize(Decimal("0.1"))

    @property
    def usd_complete(self) -> bool:
        """Whether `value_usd` covers every line of the row."""
        return not self.lines_without_usd


@dataclass
class Report:
    """Exports by one dimension for a period, with the previous period beside it."""

    dimension: Dimension
    starts_on: date
    ends_on: date
    previous_starts_on: date
    previous_ends_on: date
    programme: str | None
    rows: list[ReportRow] = field(default_factory=list)
    lines_without_rate: int = 0
    # Lines valued in AZN but without a USD rate on their day; they are exactly the lines
    # paid before the first USD rate, `usd_rates_from` (None: there is no USD rate at all).
    lines_without_usd_rate: int = 0
    usd_rates_from: date | None = None

    def total(self) -> ReportRow:
        """The sum of all rows, its values rounded once from the exact sums."""
        total = ReportRow(key="total", label="Total")
        exact_azn, exact_usd = Decimal(0), None
        for row in self.rows:
            total.lines += row.lines
            total.units += row.units
            total.previous_lines += row.previous_lines
            total.previous_value_azn += row.previous_value_azn
            total.lines_without_usd += row.lines_without_usd
            exact_azn += row.value_azn if row.exact_azn is None else row.exact_azn
            if row.value_usd is not None:
                exact_usd = (exact_usd or Decimal(0)) + (
                    row.value_usd if row.exact_usd is None else row.exact_usd)
        total.value_azn = money(exact_azn)
        total.value_usd = None if exact_usd is None else money(exact_usd)
        return total


def previous_period(starts_on: date, ends_on: date) -> tuple[date, date]:
    """The period to compare [starts_on, ends_on] with: the same dates one year earlier.

    29 February becomes 28 February. A period longer than a year (its dates one year
    earlier would overlap it) compares with the preceding period of the same length.
    Never raises for an early date: a previous period reaching before 1 January of year 1
    is clamped to it (a period starting that day compares with that day alone).
    """
    prev_start, prev_end = _year_earlier(starts_on), _year_earlier(ends_on)
    if prev_start is not None and prev_end is not None and prev_end < starts_on:
        return prev_start, prev_end
    length = timedelta(days=(ends_on - starts_on).days + 1)
    if starts_on == date.min:
        return date.min, date.min
    if starts_on - date.min < length:
        return date.min, starts_on - timedelta(days=1)
    return starts_on - length, starts_on - timedelta(days=1)


def _year_earlier(day: date) -> date | None:
    """The same date one year earlier (29 February -> 28 February); None before year 1."""
    if day.year == 1:
        return None
    if day.month == 2 and day.day == 29:
        return date(day.year - 1, 2, 28)
    return day.replace(year=day.year - 1)


def gap(starts_on: date, previous: tuple[date, date]) -> tuple[date, date] | None:
    """The days between the previous period and the period, which a report leaves out."""
    if previous[1] + timedelta(days=1) >= starts_on:
        return None
    return previous[1] + timedelta(days=1), starts_on - timedelta(days=1)


def _moment(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _day_of(session: Session, column: Any) -> Any:
    if session.get_bind().dialect.name == "sqlite":
        return func.date(column)
    return cast(func.timezone("UTC", column), Date)


def _rate(currency: Any, day: Any) -> Any:
    """Scalar subquery: manat per unit of `currency` in force on `day` (1 for AZN)."""
    latest = (
        select(ExchangeRate.azn_per_unit)
        .where(ExchangeRate.currency == currency, ExchangeRate.valid_from <= day)
        .order_by(ExchangeRate.valid_from.desc()).limit(1).scalar_subquery()
    )
    return case((currency == "AZN", literal(Decimal(1))), else_=latest)


def _order_filters(start: date, end: date) -> tuple[Any, ...]:
    """Lines of orders paid in [start, end] going abroad (see `dims.destination`)."""
    return (*_paid_in(start, end), dims.destination().is_not(None),
            dims.destination() != HOME_COUNTRY)


def _paid_in(start: date, end: date) -> tuple[Any, ...]:
    """Orders paid in [start, end]."""
    return Order.paid_at >= _moment(start), Order.paid_at < _moment(end + timedelta(days=1))


def _calendar(session: Session, start: date, end: date) -> Any:
    """Subquery of (currency, day) pairs whose rates a report needs.

    PostgreSQL: every day of the period for each currency, from an integer generate_series
    whose size the planner knows (so it hashes the few thousand rates instead of sorting a
    million lines). SQLite: the distinct days and currencies of the orders paid in the period.
    """
    if session.get_bind().dialect.name != "postgresql":
        day = _day_of(session, Order.paid_at)
        return (select(Order.currency.label("currency"), day.label("day"))
                .where(*_paid_in(start, end)).distinct().subquery())
    offsets = func.generate_series(0, (end - start).days).table_valued("n").render_derived()
    currencies = values(column("currency", String), name="currencies").data(
        [(code,) for code in SUPPORTED_CURRENCIES])
    return (select(currencies.c.currency, (cast(literal(start), Date) + offsets.c.n).label("day"))
            .select_from(currencies.join(offsets, true())).subquery())


def _day_rates(session: Session, start: date, end: date) -> Any:
    """CTE: AZN and USD rates of each currency on each day (materialised: looked up once)."""
    days = _calendar(session, start, end)
    return (
        select(days.c.currency, days.c.day,
               _rate(days.c.currency, days.c.day).label("azn_rate"),
               _rate(literal("USD"), days.c.day).label("usd_rate"))
        .cte("day_rates").prefix_with("MATERIALIZED")
    )


def _export_lines(
    session: Session, dimension: Dimension, start: date, end: date, programme_id: int | None,
    skipping: tuple[date, date] | None = None,
) -> Any:
    """SELECT of exported lines in [start, end]: key, label, day, quantity, AZN and USD."""
    key, label = dims.expressions(dimension)
    return export_lines(
        session, [key.label("key"), label.label("label")], start, end, programme_id,
        products=dimension in (Dimension.HS_CHAPTER, Dimension.CATEGORY),
        customs=dimension is Dimension.HS_CHAPTER, skipping=skipping)


def export_lines(
    session: Session, keys: list[Any], start: date, end: date, programme_id: int | None, *,
    products: bool, customs: bool, skipping: tuple[date, date] | None = None,
) -> Any:
    """SELECT of exported lines in [start, end]: `keys`, day, quantity, AZN and USD values.

    `skipping` leaves out the lines paid in those days (between the previous period and
    the period of a report). `no_rate` marks a line without an AZN rate on its day, `no_usd`
    one valued in AZN without a USD rate. `products` joins products and their detail
    tables, `customs` the declared customs item (at most one per line), for the chapter and
    category expressions of `report_dimensions`.
    """
    rates, day = _day_rates(session, start, end), _day_of(session, Order.paid_at)
    value_azn = OrderLine.line_total * rates.c.azn_rate
    query = (
        select(*keys, day.label("day"),
               OrderLine.quantity.label("quantity"), value_azn.label("value_azn"),
               (value_azn / rates.c.usd_rate).label("value_usd"),
               case((rates.c.azn_rate.is_(None), 1), else_=0).label("no_rate"),
               case((rates.c.azn_rate.is_not(None) & rates.c.usd_rate.is_(None), 1),
                    else_=0).label("no_usd"))
        .select_from(OrderLine)
        .join(Order, Order.id == OrderLine.order_id)
        .join(Seller, Seller.id == OrderLine.seller_id)
        # LEFT JOIN: keeps the planner from driving the join from the rates (it cannot
        # estimate an expression join well), so it hashes the few thousand rates instead.
        .outerjoin(rates, (rates.c.currency == Order.currency) & (rates.c.day == day))
        .where(*_order_filters(start, end), OrderLine.status.in_(EXPORTED_LINE_STATES))
    )
    if skipping is not None:
        query = query.where(~and_(*_paid_in(*skipping)))
    if products:
        query = (query.join(PRODUCTS, PRODUCTS.c.id == OrderLine.product_id)
                 .outerjoin(DESIGN_WORKS, DESIGN_WORKS.c.id == PRODUCTS.c.id)
                 .outerjoin(MEDIA_WORKS, MEDIA_WORKS.c.id == PRODUCTS.c.id))
    if customs:
        query = dims.join_customs_items(query)
    if programme_id is not None:
        enrolled = select(ProgrammeSeller.seller_id).where(
            ProgrammeSeller.programme_id == programme_id)
        query = query.where(OrderLine.seller_id.in_(enrolled))
    return query


def _valued_groups(session: Session, lines: Any, bucket: Any) -> Any:
    """Group valued lines by key and bucket (period or month): one pass, one GROUP BY."""
    sub = lines.subquery()
    grouped = bucket(sub)  # one expression: its bound date must be the same in GROUP BY
    return (
        select(sub.c.key, sub.c.label, grouped.label("bucket"),
               func.count().label("lines"), func.sum(sub.c.quantity).label("units"),
               func.sum(sub.c.value_azn).label("value_azn"),
               func.sum(sub.c.value_usd).label("value_usd"),
               func.sum(sub.c.no_rate).label("no_rate"), func.sum(sub.c.no_usd).label("no_usd"))
        .group_by(sub.c.key, sub.c.label, grouped)
    )


def exports_report(
    session: Session, *, dimension: Dimension | str, starts_on: date | None = None,
    ends_on: date | None = None, programme: Programme | None = None,
) -> Report:
    """Exports by `dimension` in a period (default: the programme's), vs a year earlier.

    One SQL statement (and one more for the first USD rate when some lines lack a USD rate);
    `programme` limits the report to its enrolled sellers and marks its target markets.
    """
    dimension = Dimension(dimension)
    starts_on, ends_on = report_period(starts_on, ends_on, programme)
    prev_start, prev_end = previous_period(starts_on, ends_on)
    lines = _export_lines(session, dimension, prev_start, ends_on,
                          programme.id if programme else None,
                          skipping=gap(starts_on, (prev_start, prev_end)))

    def period(sub: Any) -> Any:
        return case((sub.c.day >= starts_on, literal("current")), else_=literal("previous"))

    report = Report(dimension, starts_on, ends_on, prev_start, prev_end,
                    programme.name if programme else None)
    markets = set(programme.target_markets) if programme else None
    fill_report(report, session.execute(_valued_groups(session, lines, period)), markets)
    note_usd_rates(session, [report])
    return report


def note_usd_rates(session: Session, reports: list[Report]) -> None:
    """Set `usd_rates_from` on reports with lines lacking a USD rate (one query, if any)."""
    if not any(report.lines_without_usd_rate for report in reports):
        return
    first = session.scalar(select(func.min(ExchangeRate.valid_from))
                           .where(ExchangeRate.currency == "USD"))
    for report in reports:
        report.usd_rates_from = first


def report_period(
    starts_on: date | None, ends_on: date | None, programme: Programme | None
) -> tuple[date, date]:
    """The period asked for, or the programme's; ValueError if there is none or it is reversed."""
    starts_on = starts_on or (programme.starts_on if programme else None)
    ends_on = ends_on or (programme.ends_on if programme else None)
    if starts_on is None or ends_on is None or ends_on < starts_on:
        raise ValueError("A report needs a period: a start date on or before the end date.")
    return starts_on, ends_on


def fill_report(report: Report, result: Any, markets: set[str] | None) -> None:
    """Put aggregate rows (key, label, bucket "current"/"previous", sums) into `report`."""
    rows: dict[str, ReportRow] = {}
    for r in result:
        key = str(r.key)
        row = rows.get(key) or rows.setdefault(
            key, ReportRow(key=key, label=dims.label(report.dimension, key, r.label)))
        if markets is not None and report.dimension is Dimension.DESTINATION:
            row.target_market = key in markets
        if r.bucket == "current":
            row.lines, row.units = int(r.lines), int(r.units)
            row.exact_azn = _exact(r.value_azn)
            row.value_azn = money(row.exact_azn)
            # SUM skips the lines without a USD value: a partial sum, marked by the count.
            row.exact_usd = None if r.value_usd is None else _exact(r.value_usd)
            row.value_usd = None if row.exact_usd is None else money(row.exact_usd)
            row.lines_without_usd = int(r.no_rate) + int(r.no_usd)
            report.lines_without_rate += int(r.no_rate)
            report.lines_without_usd_rate += int(r.no_usd)
        else:
            row.previous_lines, row.previous_value_azn = int(r.lines), money(r.value_azn)
    report.rows = sorted(rows.values(), key=lambda row: (-row.value_azn, row.label))


def money(value: Any) -> Decimal:
    """A sum as cents."""
    return Decimal(value or 0).quantize(CENT)


def _exact(value: Any) -> Decimal:
    """A sum from the database as a Decimal (SQLite may give a float), not yet rounded."""
    return Decimal(str(value or 0))


def exports_over_time(
    session: Session, *, dimension: Dimension | str, starts_on: date, ends_on: date,
    programme: Programme | None = None,
) -> dict[str, dict[str, Decimal]]:
    """AZN value of exports by month ("2026-03") and dimension value, for charts."""
    dimension = Dimension(dimension)
    lines = _export_lines(session, dimension, starts_on, ends_on,
                          programme.id if programme else None)
    month = dims.month_of(session)
    series: dict[str, dict[str, Decimal]] = {}
    for r in session.execute(_valued_groups(session, lines, month)):
        label = dims.label(dimension, r.key, r.label)
        series.setdefault(label, {})[str(r.bucket)] = money(r.value_azn)
    return series

