"""`creative-market report ...` and `creative-market shipment ...`: export work from a shell.

Every command runs in one transaction, committed on success. Library errors become a
one-line message and exit code 1.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from sqlalchemy import select

from creative_market.exceptions import CreativeMarketError, NotFoundError
from creative_market.text import counted

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from creative_market.export.models import IssuedDocument, Programme, Shipment
    from creative_market.export.reports import Report

# Each command imports what it works with (the models, the reports, the services, and for
# documents the PDF renderer with fpdf and Pillow) when it runs, so that `creative-market
# --help` and every other command do not pay for them.



class CalendarDate(click.DateTime):
    """A YYYY-MM-DD date; a well-formed day the calendar lacks (2026-02-30) is said to be so."""

    name = "date"

    def __init__(self) -> None:
        super().__init__(formats=["%Y-%m-%d"])

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        """The date as a datetime at midnight; a clear message for a day that does not exist."""
        text = value.strip() if isinstance(value, str) else value
        if isinstance(text, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            try:
                return datetime.strptime(text, "%Y-%m-%d")
            except ValueError:
                self.fail(f"{text} is not a real date (check the month and the day).",
                          param, ctx)
        return super().convert(text, param, ctx)


DATE = CalendarDate()
#: The values of `reports.Dimension` (a test keeps them equal), without importing the reports.
DIMENSIONS = ("cluster", "region", "destination", "hs_chapter", "category", "flow", "seller")
#: `schemas.TRANSPORT_MODES` (a test keeps them equal), without importing marshmallow.
TRANSPORT_MODES = ("post", "courier", "air", "road", "rail", "sea")


@contextlib.contextmanager
def transaction() -> Iterator[Session]:
    """A session in a transaction on the command's database; errors become clean messages."""
    from creative_market.cli import session_factory

    factory = session_factory(click.get_current_context())
    try:
        with factory() as session, session.begin():
            yield session
    except CreativeMarketError as error:
        raise click.ClickException(error.message) from error


def _programme(session: Session, ref: str | None) -> Programme | None:
    from creative_market.export.models import Programme

    if ref is None:
        return None
    where = Programme.id == int(ref) if ref.isdigit() else Programme.name == ref
    programme = session.scalar(select(Programme).where(where))
    if programme is None:
        raise NotFoundError(f"There is no programme '{ref}'.")
    return programme


def _write(output: Path | None, payload: str | bytes) -> None:
    if output is None:
        click.echo(payload if isinstance(payload, str) else payload.decode())
        return
    output.write_bytes(payload if isinstance(payload, bytes) else payload.encode("utf-8"))
    click.echo(f"Wrote {output}.")


@click.group("report")
def report_group() -> None:
    """Export-programme reports, programmes and exchange rates."""


@report_group.command("exports")
@click.option("--by", "dimension", type=click.Choice(DIMENSIONS),
              default="cluster", show_default=True)
@click.option("--from", "starts_on", type=DATE, help="First day (default: the programme's).")
@click.option("--to", "ends_on", type=DATE, help="Last day (default: the programme's).")
@click.option("--programme", help="Programme id or name: only its enrolled sellers.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "xlsx"]),
              default="table", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path))
def report_exports(dimension: str, starts_on: Any, ends_on: Any, programme: str | None,
                   fmt: str, output: Path | None) -> None:
    """Exports by a dimension for a period, in AZN and USD, against the previous period."""
    from creative_market.export import report_output, reports

    with transaction() as session:
        try:
            report = reports.exports_report(
                session, dimension=dimension, programme=_programme(session, programme),
                starts_on=starts_on.date() if starts_on else None,
                ends_on=ends_on.date() if ends_on else None)
        except ValueError as error:
            raise click.UsageError(str(error)) from error
    if fmt == "xlsx" and output is None:
        raise click.UsageError("XLSX needs --output FILE.xlsx.")
    writers = {"csv": report_output.to_csv, "json": report_output.to_json,
               "xlsx": report_output.to_xlsx, "table": _table}
    _write(output, writers[fmt](report))


def _table(report: Report) -> str:
    lines = [f"Exports by {report.dimension.value} {report.starts_on} – {report.ends_on}"
             f" (previous {report.previous_starts_on} – {report.previous_ends_on})",
             f"{'':40} {'lines':>6} {'AZN':>14} {'USD':>14} {'prev AZN':>14} {'change':>8}"]
    for row in [*report.rows, report.total()]:
        change = f"{row.change_pct}%" if row.change_pct is not None else "—"
        usd = str(row.value_usd) if row.value_usd is not None else "—"
        lines.append(f"{row.label[:40]:40} {row.lines:>6} {row.value_azn!s:>14} {usd:>14} "
                     f"{row.previous_value_azn!s:>14} {change:>8}")
    if report.lines_without_rate:
        have = "has" if report.lines_without_rate == 1 else "have"
        lines.append(f"{counted(report.lines_without_rate, 'line')} {have} no exchange rate; "
                     "add one with `creative-market report rate`.")
    from creative_market.export.report_output import usd_note

    note = usd_note(report)  # USD cells then hold partial sums: say so under the table
    if note:
        lines.append(note)
    return "\n".join(lines)


@report_group.command("chart")
@click.option("--kind", type=click.Choice(["clusters-over-time", "destinations"]),
              default="clusters-over-time", show_default=True)
@click.option("--from", "starts_on", type=DATE, required=True)
@click.option("--to", "ends_on", type=DATE, required=True)
@click.option("--programme", help="Programme id or name.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
def report_chart(kind: str, starts_on: Any, ends_on: Any, programme: str | None,
                 output: Path) -> None:
    """Draw a PNG chart: exports by cluster over time, or by destination."""
    from creative_market.export import charts, reports

    with transaction() as session:
        chosen = _programme(session, programme)
        period = {"starts_on": starts_on.date(), "ends_on": ends_on.date(), "programme": chosen}
        if kind == "destinations":
            report = reports.exports_report(session, dimension="destination", **period)
            png = charts.chart_by_value(report, "Exports by destination, AZN")
        else:
            series = reports.exports_over_time(session, dimension="cluster", **period)
            png = charts.chart_over_time(series, "Exports by creative cluster, AZN")
    _write(output, png)


@report_group.command("programme-create")
@click.option("--name", required=True)
@click.option("--from", "starts_on", type=DATE, required=True)
@click.option("--to", "ends_on", type=DATE, required=True)
@click.option("--market", "markets", multiple=True, help="Target country (repeat).")
@click.option("--agency", default="")
def programme_create(name: str, starts_on: Any, ends_on: Any, markets: tuple[str, ...],
                     agency: str) -> None:
    """Create an export programme with its period and target markets."""
    from creative_market.export import programmes

    with transaction() as session:
        programme = programmes.create_programme(session, data={
            "name": name, "agency": agency, "starts_on": starts_on.date().isoformat(),
            "ends_on": ends_on.date().isoformat(), "target_markets": list(markets)})
        click.echo(f"Programme {programme.id} '{programme.name}' created.")


@report_group.command("programme-enrol")
@click.option("--programme", required=True, help="Programme id or name.")
@click.argument("seller_slugs", nargs=-1, required=True)
def programme_enrol(programme: str, seller_slugs: tuple[str, ...]) -> None:
    """Enrol sellers (by slug) in a programme."""
    from creative_market.catalog.models import Seller
    from creative_market.export import programmes

    with transaction() as session:
        chosen = _programme(session, programme)
        enrolled_before = {e.seller_id for e in chosen.enrolments}
        new, already = [], []
        for slug in dict.fromkeys(seller_slugs):  # a slug given twice counts once
            seller = session.scalar(select(Seller).where(Seller.slug == slug))
            if seller is None:
                raise NotFoundError(f"There is no seller '{slug}'.")
            (already if seller.id in enrolled_before else new).append(seller)
            programmes.enrol_seller(session, programme=chosen, seller=seller)
        if new:
            click.echo(f"{counted(len(new), 'seller')} enrolled in '{chosen.name}'.")
        for seller in already:
            click.echo(f"{seller.display_name} is already enrolled in '{chosen.name}'.")


@report_group.command("rate")
@click.option("--currency", required=True)
@click.option("--from", "valid_from", type=DATE, required=True)
@click.option("--azn", "azn_per_unit", required=True, help="Manat per unit, e.g. 1.7000.")
@click.option("--source", default="")
def report_rate(currency: str, valid_from: Any, azn_per_unit: str, source: str) -> None:
    """Record the manat rate of a currency from a date on."""
    from creative_market.export import programmes

    with transaction() as session:
        rate = programmes.set_exchange_rate(session, data={
            "currency": currency, "valid_from": valid_from.date().isoformat(),
            "azn_per_unit": azn_per_unit, "source": source})
        azn = f"{rate.azn_per_unit.normalize():f}"  # as typed: 1.93, not 1.930000
        click.echo(f"1 {rate.currency} = {azn} AZN from {rate.valid_from}.")


@click.group("shipment")
def shipment_group() -> None:
    """Shipments abroad and their trade documents; HS code look-up."""


def _shipment(session: Session, shipment_id: int) -> Shipment:
    from sqlalchemy.orm import selectinload

    from creative_market.export.models import Shipment

    shipment = session.scalar(
        select(Shipment).where(Shipment.id == shipment_id)
        .options(selectinload(Shipment.items), selectinload(Shipment.packages),
                 selectinload(Shipment.documents))
    )
    if shipment is None:
        raise NotFoundError(f"There is no shipment {shipment_id}.")
    return shipment


@shipment_group.command("from-order")
@click.argument("order_reference")
@click.option("--seller", "seller_slug", required=True, help="The exporter's seller slug.")
@click.option("--incoterm", default="DAP", show_default=True)
@click.option("--place", help="Named place of the Incoterm (default: the buyer's city).")
@click.option("--transport", type=click.Choice(TRANSPORT_MODES, case_sensitive=False),
              default="post", show_default=True, help="Only post adds a CN23.")
def shipment_from_order(order_reference: str, seller_slug: str, incoterm: str,
                        place: str | None, transport: str) -> None:
    """Open a shipment of a seller's paid physical lines of an order."""
    from creative_market.catalog.models import Seller
    from creative_market.export import services
    from creative_market.orders.models import Order

    with transaction() as session:
        reference = order_reference.strip().upper()  # references are CM-2026-000123
        order = session.scalar(select(Order).where(Order.reference == reference))
        seller = session.scalar(select(Seller).where(Seller.slug == seller_slug.strip()))
        if order is None:
            raise NotFoundError(f"There is no order {reference}.")
        if seller is None:
            raise NotFoundError(f"There is no seller '{seller_slug}'.")
        data = {"incoterm": incoterm, "transport": transport, **({"incoterm_place": place}
                                                                 if place else {})}
        shipment = services.shipment_from_order(session, order=order, seller=seller, data=data)
        click.echo(f"Shipment {shipment.id}: {counted(len(shipment.items), 'item')} to "
                   f"{shipment.destination_country}.")


@shipment_group.command("add-package")
@click.argument("shipment_id", type=int)
@click.option("--size", required=True, help="Length×width×height in cm, e.g. 160x40x40.")
@click.option("--gross", required=True, help="Gross weight, kg.")
@click.option("--net", required=True, help="Net weight, kg.")
def shipment_add_package(shipment_id: int, size: str, gross: str, net: str) -> None:
    """Add a package with its dimensions and weights."""
    from creative_market.export import services

    parts = size.lower().replace("×", "x").split("x")
    if len(parts) != 3:
        raise click.UsageError("Give --size as LENGTHxWIDTHxHEIGHT in cm, e.g. 160x40x40.")
    with transaction() as session:
        package = services.add_package(session, shipment=_shipment(session, shipment_id), data={
            "length_cm": parts[0], "width_cm": parts[1], "height_cm": parts[2],
            "gross_weight_kg": gross, "net_weight_kg": net})
        click.echo(f"Package {package.number} added.")


@shipment_group.command("certificate")
@click.argument("shipment_id", type=int)
@click.argument("item_number", type=int)
@click.option("--number", "certificate_number", required=True)
@click.option("--date", "issued_on", type=DATE, required=True)
def shipment_certificate(shipment_id: int, item_number: int, certificate_number: str,
                         issued_on: Any) -> None:
    """Record the Ministry of Culture certificate of item ITEM_NUMBER (1, 2, ...)."""
    from creative_market.export import services

    with transaction() as session:
        shipment = _shipment(session, shipment_id)
        if not 1 <= item_number <= len(shipment.items):
            raise NotFoundError(f"Shipment {shipment_id} has no item {item_number}.")
        services.record_cultural_certificate(session, item=shipment.items[item_number - 1], data={
            "certificate_number": certificate_number,
            "issued_on": issued_on.date().isoformat()})
        click.echo("Certificate recorded.")


@shipment_group.command("check")
@click.argument("shipment_id", type=int)
def shipment_check(shipment_id: int) -> None:
    """List what is still missing before final documents (exit 1 if anything is)."""
    from creative_market.export import services

    with transaction() as session:
        missing = services.missing_for_documents(_shipment(session, shipment_id))
    for line in missing:
        click.echo(f"- {line}")
    if missing:
        raise SystemExit(1)
    click.echo("Ready for final documents.")


@shipment_group.command("documents")
@click.argument("shipment_id", type=int)
@click.option("--output-dir", type=click.Path(file_okay=False, path_type=Path), required=True)
def shipment_documents(shipment_id: int, output_dir: Path) -> None:
    """Issue the final documents (once) and write each as PDF and JSON.

    All or nothing: the directory is checked and every document drawn in memory before the
    numbers are committed; the files are written after. Run again to write them again.
    """
    from creative_market.export import services

    _prepare_output_dir(output_dir)
    with transaction() as session:
        issued = services.issue_shipment_documents(session, shipment=_shipment(session,
                                                                                shipment_id))
        files = _render_documents(list(issued.values()))
    _write_documents(files, output_dir)


def _prepare_output_dir(output_dir: Path) -> None:
    """Create the output directory, or say in one line why it cannot be written to."""
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise click.ClickException(f"Cannot write to the output directory {output_dir}: "
                                   f"{error.strerror or error}. Nothing was issued.") from error
    if not os.access(output_dir, os.W_OK | os.X_OK):
        raise click.ClickException(f"Cannot write to the output directory {output_dir}: "
                                   "permission denied. Nothing was issued.")


def _render_documents(issued: list[IssuedDocument]) -> list[tuple[str, str, str, bytes]]:
    """(reference, title, JSON, PDF) of each document, drawn in memory."""
    from creative_market.export.documents import TradeDocument, render_pdf

    files = []
    for document in issued:
        data = TradeDocument.from_dict(document.data)
        try:
            files.append((document.reference, data.title, data.to_json(), render_pdf(data)))
        except Exception as error:  # any drawing failure rolls the numbers back, told in a line
            raise click.ClickException(f"Could not draw {document.reference} as PDF ({error}). "
                                       "Nothing was issued.") from error
    return files


def _write_documents(files: list[tuple[str, str, str, bytes]], output_dir: Path) -> None:
    try:
        for reference, title, as_json, as_pdf in files:
            (output_dir / f"{reference}.json").write_text(as_json, "utf-8")
            (output_dir / f"{reference}.pdf").write_bytes(as_pdf)
            click.echo(f"{reference}: {title}")
    except OSError as error:
        raise click.ClickException(
            f"The documents are issued, but writing them to {output_dir} failed: "
            f"{error.strerror or error}. Run the command again to write them.") from error


@shipment_group.command("hs")
@click.argument("words", nargs=-1, required=True)
@click.option("--limit", default=10, show_default=True)
def shipment_hs(words: tuple[str, ...], limit: int) -> None:
    """Look up an HS 2022 code, or search the nomenclature by words."""
    from creative_market.export import hs

    query = " ".join(words)
    entry = hs.find(query)
    entries = [entry] if entry else hs.search(query, limit=limit)
    if not entries:
        raise click.ClickException(f"Nothing in the HS 2022 nomenclature matches '{query}'.")
    for found in entries:
        click.echo(f"{found.display_code:10} {found.description}")


def register(main: click.Group) -> None:
    """Attach the `report` and `shipment` groups to the `creative-market` command."""
    main.add_command(report_group)
    main.add_command(shipment_group)

