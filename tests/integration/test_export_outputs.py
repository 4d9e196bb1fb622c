"""Reports as CSV, XLSX and JSON, and charts as PNG."""

import builtins
import csv
import io
import json
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import delete

from creative_market.exceptions import OptionalDependencyError
from creative_market.export import charts, programmes, report_output, reports
from creative_market.export.models import ExchangeRate
from creative_market.export.testing import make_paid_order, make_sample_exports

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def report(session):
    market = make_sample_exports(session)
    # The previous period of March 2026 is March 2025.
    make_paid_order(session, items=[(market["rug"], 1)], country="DE",
                    paid_at=datetime(2025, 3, 10, 12, tzinfo=UTC))
    return reports.exports_report(session, dimension="seller", starts_on=date(2026, 3, 1),
                                  ends_on=date(2026, 3, 31))


def test_csv_has_a_row_per_seller_and_a_total(report):
    rows = list(csv.DictReader(io.StringIO(report_output.to_csv(report))))
    assert [(r["label"], r["value_azn"], r["change_pct"]) for r in rows] == [
        ("Quba Xalça", "2700.00", "170.0"), ("Şəki İpək", "400.00", ""),
        ("Bakı Dizayn", "120.00", ""), ("Total", "3220.00", "222.0")]


def test_json_keeps_amounts_exact(report):
    data = json.loads(report_output.to_json(report))
    assert data["period"] == {"start": "2026-03-01", "end": "2026-03-31"}
    assert data["total"]["value_azn"] == "3220.00"
    assert data["rows"][1]["label"] == "Şəki İpək"


def test_xlsx_holds_numbers(report):
    sheet = load_workbook(io.BytesIO(report_output.to_xlsx(report))).active
    assert sheet["A1"].value == "Exports by seller — whole marketplace"
    assert sheet["B4"].value == "Name"
    assert [sheet.cell(row=r, column=2).value for r in range(5, 9)] == [
        "Quba Xalça", "Şəki İpək", "Bakı Dizayn", "Total"]
    assert float(sheet["E8"].value) == 3220.0
    # amounts are numbers shown with cents, whatever the spreadsheet's locale
    assert (sheet["E5"].number_format, sheet["F8"].number_format) == ("#,##0.00", "#,##0.00")


@pytest.fixture
def partial_usd(session, report):
    session.execute(delete(ExchangeRate).where(ExchangeRate.currency == "USD"))
    programmes.set_exchange_rate(session, data={"currency": "USD", "valid_from": "2026-03-20",
                                                "azn_per_unit": "1.7000"})
    return reports.exports_report(session, dimension="seller", starts_on=date(2026, 3, 1),
                                  ends_on=date(2026, 3, 31))


NOTE = ("USD values are incomplete: 2 lines have no USD value (no USD rate before "
        "2026-03-20); the USD sums leave them out.")


def test_files_say_why_usd_values_are_incomplete(partial_usd, report):
    data = json.loads(report_output.to_json(partial_usd))
    assert (data["lines_without_usd_rate"], data["usd_rates_from"], data["usd_note"]) == (
        2, "2026-03-20", NOTE)
    assert (data["total"]["value_usd"], data["total"]["lines_without_usd"]) == ("1247.06", 2)
    lines = list(csv.reader(io.StringIO(report_output.to_csv(partial_usd))))
    assert lines[-1] == ["note", NOTE]
    sheet = load_workbook(io.BytesIO(report_output.to_xlsx(partial_usd))).active
    assert sheet.cell(row=sheet.max_row, column=1).value == NOTE
    # A complete report has no note.
    assert json.loads(report_output.to_json(report))["usd_note"] is None
    assert list(csv.reader(io.StringIO(report_output.to_csv(report))))[-1][0] == "total"


def test_the_command_lines_table_says_why_usd_values_are_incomplete(partial_usd, report):
    from creative_market.export.cli import _table  # what `report exports` prints

    assert _table(partial_usd).splitlines()[-1] == NOTE
    assert "USD values are incomplete" not in _table(report)


def test_xlsx_takes_the_words_of_another_language(report):
    words = report_output.SheetWords(
        title="Экспорт по продавцам", period="март 2026",
        headings=tuple(f"h{n}" for n in range(10)), total="Итого")
    sheet = load_workbook(io.BytesIO(report_output.to_xlsx(report, words))).active
    assert (sheet["A1"].value, sheet["A2"].value, sheet["B4"].value) == (
        "Экспорт по продавцам", "март 2026", "h1")
    assert (sheet["B8"].value, float(sheet["E8"].value)) == ("Итого", 3220.0)
    with pytest.raises(ValueError, match="10 column headings"):
        report_output.to_xlsx(report, report_output.SheetWords("t", "p", headings=("a",)))


def test_charts_are_png(session, report):
    series = reports.exports_over_time(session, dimension="cluster",
                                       starts_on=date(2026, 2, 1), ends_on=date(2026, 4, 30))
    assert charts.chart_over_time(series, "Exports by cluster").startswith(PNG)
    assert charts.chart_by_value(report, "Exports by seller").startswith(PNG)


def test_without_matplotlib_the_error_says_what_to_install(monkeypatch, report):
    real_import = builtins.__import__

    def no_matplotlib(name, *args, **kwargs):
        if name.startswith("matplotlib"):
            raise ImportError("No module named 'matplotlib'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    with pytest.raises(OptionalDependencyError, match=r"creative-market\[charts\]"):
        charts.chart_by_value(report, "x")


def test_programme_input_is_validated(session):
    from creative_market.exceptions import DuplicateError, ValidationError

    with pytest.raises(ValidationError) as error:
        programmes.create_programme(session, data={
            "name": "", "starts_on": "2026-03-01", "ends_on": "2026-02-01",
            "target_markets": ["XX"]})
    assert set(error.value.messages) == {"name", "target_markets"}
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        programmes.create_programme(session, data={
            "name": "P", "starts_on": "2026-03-01", "ends_on": "2026-02-01"})
    programmes.create_programme(session, data={"name": "P", "starts_on": "2026-03-01",
                                               "ends_on": "2026-03-31"})
    with pytest.raises(DuplicateError):
        programmes.create_programme(session, data={"name": "P", "starts_on": "2026-03-01",
                                                   "ends_on": "2026-03-31"})
