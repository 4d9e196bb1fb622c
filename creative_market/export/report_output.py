"""Reports as files: CSV, XLSX (openpyxl) and JSON. Amounts stay Decimal until written."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

from creative_market.export.reports import Report, ReportRow

COLUMNS = ["key", "label", "lines", "units", "value_azn", "value_usd",
           "previous_lines", "previous_value_azn", "change_pct", "target_market"]
HEADINGS = ["Key", "Name", "Lines", "Units", "Value AZN", "Value USD",
            "Lines, previous period", "Value AZN, previous period", "Change %", "Target market"]


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
    return buffer.getvalue()


def to_dict(report: Report) -> dict[str, Any]:
    """The report as plain data: period, programme and rows (amounts as strings)."""
    def row_dict(values: list[Any]) -> dict[str, Any]:
        return {name: str(v) if isinstance(v, Decimal) else v for name, v in zip(COLUMNS, values,
                                                                               strict=True)}

    rows = _rows(report)
    return {
        "dimension": report.dimension.value,
        "period": {"start": report.starts_on.isoformat(), "end": report.ends_on.isoformat()},
        "previous_period": {"start": report.previous_starts_on.isoformat(),
                            "end": report.previous_ends_on.isoformat()},
        "programme": report.programme,
        "lines_without_rate": report.lines_without_rate,
        "rows": [row_dict(values) for values in rows[:-1]],
        "total": row_dict(rows[-1]),
    }


def to_json(report: Report) -> str:
    """The report as JSON text."""
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2)


def to_xlsx(report: Report) -> bytes:
    """The report as an XLSX workbook: a title, the period, then the table with numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = report.dimension.value
    scope = f"programme {report.programme}" if report.programme else "whole marketplace"
    sheet.append([f"Exports by {report.dimension.value.replace('_', ' ')} — {scope}"])
    sheet.append([f"{report.starts_on} to {report.ends_on}; previous period "
                  f"{report.previous_starts_on} to {report.previous_ends_on}"])
    sheet.append([])
    sheet.append(HEADINGS)
    for cell in (sheet["A1"], *sheet[4]):
        cell.font = Font(bold=True)
    for values in _rows(report):
        sheet.append([_cell(v) for v in values])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGHIJ", (14, 40, 8, 8, 14, 14, 12, 16, 10, 10), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value  # openpyxl writes Decimal as a number
