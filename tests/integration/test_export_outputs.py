"""Reports as CSV, XLSX and JSON, and charts as PNG."""

import builtins
import csv
import io
import json
from datetime import date

import pytest
from openpyxl import load_workbook

from creative_market.exceptions import OptionalDependencyError
from creative_market.export import charts, programmes, report_output, reports
from creative_market.export.testing import make_sample_exports

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def report(session):
    make_sample_exports(session)
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
