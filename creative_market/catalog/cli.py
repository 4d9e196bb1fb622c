"""`creative-market import`: bulk catalogue import from CSV, JSON or XLSX.

Exit codes: 0 every row imported; 1 the file (or the database) could not be used at all
and nothing was imported; 2 wrong usage; 3 some rows were rejected (the valid ones were
imported, or none with --all-or-nothing).
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from sqlalchemy.exc import SQLAlchemyError

from creative_market.exceptions import ImportFileError

if TYPE_CHECKING:
    from creative_market.catalog.importer import ImportReport

EXIT_ROWS_REJECTED = 3
#: The importer's BATCH_SIZE (a test keeps them equal): the importer itself, with the schemas
#: and the models, is loaded only when the command runs, so `--help` stays quick.
DEFAULT_BATCH_SIZE = 5_000
#: Files with at least this many rows show a progress bar.
PROGRESS_MIN_ROWS = 1_000


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--sellers", "sellers_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Sellers file (CSV, JSON or XLSX) upserted by slug before the listings.")
@click.option("--format", "file_format", type=click.Choice(["csv", "json", "xlsx"]),
              help="Format of FILE when its name does not tell (.csv, .tsv, .json, .xlsx).")
@click.option("--all-or-nothing", is_flag=True,
              help="Import nothing if any row is rejected.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the machine-readable report (JSON) to this file.")
@click.option("--batch-size", type=click.IntRange(min=1), default=DEFAULT_BATCH_SIZE,
              show_default=True,
              help="Rows written per INSERT batch.")
@click.pass_context
def import_command(ctx: click.Context, file: Path, sellers_file: Path | None,
                   file_format: str | None, all_or_nothing: bool, report_path: Path | None,
                   batch_size: int) -> None:
    """Import a catalogue FILE (CSV, TSV, JSON or XLSX): listings upserted by seller and SKU.

    Rejected rows are listed with their row number, field and reason; the valid rows are
    imported, or none with --all-or-nothing. Re-importing the same file changes nothing.
    """
    from creative_market.catalog.importer import import_catalogue, read_catalogue
    from creative_market.cli import session_factory

    if report_path is not None:
        _check_writable(report_path)
    try:
        factory = session_factory(ctx)  # the database is reachable and has the schema
    except click.ClickException as error:
        _fail(error.message, file, report_path)
    try:
        catalogue = read_catalogue(file, file_format=file_format)
        with factory() as session, session.begin(), _progress() as progress:
            report = import_catalogue(
                session, source=catalogue, sellers=sellers_file, all_or_nothing=all_or_nothing,
                progress=progress, batch_size=batch_size,
            )
    except ImportFileError as error:
        _fail(error.message, file, report_path)
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        _fail(f"The database refused the import, so nothing was imported: {reason}",
              file, report_path)
    for line in _error_lines(report):
        click.echo(line, err=True)
    click.echo(report.summary())
    if report.sellers:
        click.echo(report.sellers_summary())
    if report_path is not None:
        _write_json(report_path, report.to_dict())
        click.echo(f"Report written to {report_path}.")
    if not report.ok:
        ctx.exit(EXIT_ROWS_REJECTED)


def _fail(message: str, file: Path, report_path: Path | None) -> None:
    if report_path is not None:
        _write_json(report_path, {"file": file.name, "error": message})
    raise click.ClickException(message)


def _error_lines(report: ImportReport) -> list[str]:
    """One line per rejected field: where, what and why."""
    return [f"{error.file}, row {error.row}, {error.field}: {error.reason}"
            for error in report.errors]


@contextlib.contextmanager
def _progress():
    """A progress callback that opens a click progress bar once a file proves long."""
    with contextlib.ExitStack() as stack:
        state: dict[str, Any] = {}

        def advance(done: int, total: int) -> None:
            """Move the bar to `done` of `total` rows."""
            if total < PROGRESS_MIN_ROWS:
                return
            if "bar" not in state:
                state["bar"] = stack.enter_context(
                    click.progressbar(length=total, label="Importing rows", file=sys.stderr))
                state["done"] = 0
            state["bar"].update(done - state["done"])
            state["done"] = done

        yield advance


def _check_writable(path: Path) -> None:
    """Fail before importing anything when the report could not be written afterwards."""
    problem = None
    if path.is_dir():
        problem = "it is a folder"
    elif not path.parent.is_dir():
        problem = f"the folder {path.parent} does not exist"
    else:
        existed = path.exists()
        try:
            with path.open("a", encoding="utf-8"):
                pass
        except OSError as error:
            problem = (error.strerror or str(error)).lower()
        else:
            if not existed:
                path.unlink()
    if problem:
        raise click.ClickException(
            f"Cannot write the report to {path}: {problem}; nothing was imported.")


def _write_json(path: Path, document: dict[str, Any]) -> None:
    try:
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n",
                        encoding="utf-8")
    except OSError as error:
        raise click.ClickException(f"Cannot write the report to {path}: {error.strerror}.") \
            from None
