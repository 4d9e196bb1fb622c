"""Reports as files: CSV, XLSX (openpyxl) and JSON. Amounts stay Decimal until written."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from creative_market.export.reports import Report, ReportRow

COLUMNS = ["key", "label", "lines", "units", "value_azn", "value_usd",
           "previous_lines", "previous_value_azn", "change_pct", "target_market"]
HEADINGS = ("Key", "Name", "Lines", "Units", "Value AZN", "Value USD",
            "Lines, previous period", "Value AZN, previous period", "Change %", "Target market")


# Spreadsheet number formats of the columns: value AZN, value USD, previous value, change %.
CELL_FORMATS = {"E": "#,##0.00", "F": "#,##0.00", "H": "#,##0.00", "I": "0.0"}


@dataclass(frozen=True)
class SheetWords:
    """The words around a workbook's numbers: title, period line and column headings.

    English by default (`english_sheet_words`); an interface passes its own language's.
    """

    title: str
    period: str
    headings: tuple[str, ...] = HEADINGS
    total: str = "Total"
    yes: str = "yes"
    no: str = "no"
    usd_note: str | None = None  # why USD values are incomplete; default `usd_note(report)`


def english_sheet_words(report: Report) -> SheetWords:
    """The workbook's title, period line and headings in English."""
    scope = f"programme {report.programme}" if report.programme else "whole marketplace"
    return SheetWords(
        title=f"Exports by {report.dimension.value.replace('_', ' ')} — {scope}",
        period=(f"{report.starts_on} to {report.ends_on}; previous period "
                f"{report.previous_starts_on} to {report.previous_ends_on}"),
    )


def usd_note(report: Report) -> str | None:
    """Why USD values are incomplete, in English (None when every line has a USD value)."""
    missing = report.total().lines_without_usd
    if not missing:
        return None
    causes = []
    if report.lines_without_usd_rate:
        causes.append(f"no USD rate before {report.usd_rates_from}" if report.usd_rates_from
                      else "there is no USD rate")
    if report.lines_without_rate:
        causes.append(f"{report.lines_without_rate} without an exchange rate for their currency")
    lines, them = ("1 line has", "it") if missing == 1 else (f"{missing} lines have", "them")
    return (f"USD values are incomplete: {lines} no USD value ({'; '.join(causes)}); "
            f"the USD sums leave {them} out.")


def _values(row: ReportRow) -> list[Any]:
    return [row.key, row.label, row.lines, row.units, row.value_azn, row.value_usd,
            row.previous_lines, row.previous_value_azn, row.change_pct, row.target_market]


def _rows(report: Report) -> list[list[Any]]:
    return [_values(row) for row in report.rows] + [_values(report.total())]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def to_csv(report: Report) -> str:
    """The report as CSV text: a heading row, one row per value and a total row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for values in _rows(report):
        writer.writerow([_text(v) for v in values])
    note = usd_note(report)
    if note:
        writer.writerow(["note", note])
    return buffer.getvalue()


def to_dict(report: Report) -> dict[str, Any]:
    """The report as plain data: period, programme and rows (amounts as strings)."""
    def row_dict(row: ReportRow) -> dict[str, Any]:
        values = zip(COLUMNS, _values(row), strict=True)
        return {**{name: str(v) if isinstance(v, Decimal) else v for name, v in values},
                "lines_without_usd": row.lines_without_usd}

    rates_from = report.usd_rates_from
    return {
        "dimension": report.dimension.value,
        "period": {"start": report.starts_on.isoformat(), "end": report.ends_on.isoformat()},
        "previous_period": {"start": report.previous_starts_on.isoformat(),
                            "end": report.previous_ends_on.isoformat()},
        "programme": report.programme,
        "lines_without_rate": report.lines_without_rate,
        "lines_without_usd_rate": report.lines_without_usd_rate,
        "usd_rates_from": rates_from.isoformat() if rates_from else None,
        "usd_note": usd_note(report),
        "rows": [row_dict(row) for row in report.rows],
        "total": row_dict(report.total()),
    }


def to_json(report: Report) -> str:
    """The report as JSON text."""
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2)


def to_xlsx(report: Report, words: SheetWords | None = None) -> bytes:
    """The report as an XLSX workbook: a title, the period, then the table with numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    words = words or english_sheet_words(report)
    if len(words.headings) != len(COLUMNS):
        raise ValueError(f"A report workbook has {len(COLUMNS)} column headings.")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = report.dimension.value
    sheet.append([words.title])
    sheet.append([words.period])
    sheet.append([])
    sheet.append(list(words.headings))
    for cell in (sheet["A1"], *sheet[4]):
        cell.font = Font(bold=True)
    rows = _rows(report)
    rows[-1][1] = words.total
    for values in rows:
        sheet.append([_cell(v, words) for v in values])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    note = words.usd_note or usd_note(report)
    if note:  # below the table, out of the formatted rows' way
        sheet.append([])
        sheet.append([note])
    for row in sheet.iter_rows(min_row=5):  # amounts show cents, the change one decimal
        for cell in row:
            cell.number_format = CELL_FORMATS.get(cell.column_letter, cell.number_format)
    for column, width in zip("ABCDEFGHIJ", (14, 40, 8, 8, 14, 14, 12, 16, 10, 10), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value: Any, words: SheetWords) -> Any:
    if isinstance(value, bool):
        return words.yes if value else words.no
    return value  # openpyxl writes Decimal as a number
