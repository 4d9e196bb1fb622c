"""Agency pages in az and ru: numbers typed with a decimal comma, weights, rates, document
kinds, transport and report headings in the page's language, and incomplete USD values."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import delete

from creative_market.export import programmes, report_output, reports
from creative_market.export.models import ExchangeRate
from creative_market.export.reports import Dimension
from creative_market.messages import Message
from storefront.agency.views import sheet_words
from storefront.extensions import db
from storefront.main.labels import label
from storefront.main.library_messages import translate_message
from storefront.main.numbers import plain_number

MARCH = {"by": "cluster", "from": "2026-03-01", "to": "2026-03-31"}
WEIGHTS = Message("Net weights that agree: the items weigh %(items)s kg net, the packages "
                  "%(packages)s kg.", items=Decimal("10.800"), packages=Decimal("1234.500"))


@pytest.mark.parametrize(("text", "language", "plain"), [
    ("1,7000", "az", "1.7000"), ("40,5", "ru", "40.5"), ("1\u00a0234,50", "ru", "1234.50"),
    ("1 234,50", "az", "1234.50"), ("1.234,50", "az", "1234.50"), ("1.7000", "az", "1.7000"),
    ("-3,5", "ru", "-3.5"), ("1,234.50", "en", "1234.50"), ("12.50", "en", "12.50"),
    # Not a number the language's way: passed on for the schema to refuse.
    ("1,7000", "en", "1,7000"), ("40,5", "en", "40,5"), ("40 5", "ru", "40 5"),
    ("1,2,3", "az", "1,2,3"), ("1.234.56,8", "az", "1.234.56,8"), ("abc", "ru", "abc"),
])
def test_plain_number(text, language, plain):
    assert plain_number(text, language) == plain


@pytest.mark.parametrize("language", ["az", "ru"])
def test_a_rate_with_a_decimal_comma_is_saved_and_shown_with_four_decimals(
        agency, language):
    agency.set_cookie("lang", language)
    saved = agency.post("/agency/rates", data={"currency": "USD", "valid_from": "2026-01-01",
                                               "azn_per_unit": "1,6999"})
    assert saved.status_code == 302
    assert "<td>1,6999</td>" in agency.get("/agency/rates").get_data(as_text=True)


def test_in_english_a_comma_is_a_group_separator_never_a_decimal_point(agency_en):
    refused = agency_en.post("/agency/rates", data={
        "currency": "USD", "valid_from": "2026-01-01", "azn_per_unit": "1,7000"})
    assert refused.status_code == 422
    assert "must be a number" in refused.get_data(as_text=True)


@pytest.mark.parametrize(("language", "expected"), [
    ("az", "xalis 10,800 kq, bağlamalar isə 1.234,500 kq"), ("en", "10.800 kg net"),
])
def test_weights_in_messages_are_decimals_in_the_language(app, language, expected):
    with app.test_request_context(f"/?lang={language}"):
        assert expected in translate_message(WEIGHTS)


@pytest.mark.parametrize(("language", "invoice", "post"), [
    ("az", "Kommersiya invoysu", "Poçt"), ("ru", "Коммерческий инвойс", "Почта"),
])
def test_document_kinds_and_transport_in_the_language(app, language, invoice, post):
    with app.test_request_context(f"/?lang={language}"):
        assert label("commercial_invoice", "DocumentKind") == invoice
        assert label("cn23", "DocumentKind") == "CN23"
        assert label("post", "Transport") == post


@pytest.fixture
def usd_from_march_20(app, sample):
    with app.app_context():
        db.session.execute(delete(ExchangeRate).where(ExchangeRate.currency == "USD"))
        programmes.set_exchange_rate(db.session, data={
            "currency": "USD", "valid_from": "2026-03-20", "azn_per_unit": "1.7"})
        db.session.commit()


def test_report_page_says_why_usd_values_are_incomplete(agency_en, usd_from_march_20):
    text = agency_en.get("/agency/reports", query_string=MARCH).get_data(as_text=True)
    assert ("there is no USD rate before 2026-03-20, so 2 lines have no USD value" in text)
    assert "1,235.29 <small" in text and "(incomplete)" in text  # carpets: a partial sum


def test_russian_report_heading_and_workbook(agency, usd_from_march_20):
    agency.set_cookie("lang", "ru")
    text = agency.get("/agency/reports", query_string=MARCH).get_data(as_text=True)
    assert "Экспорт: творческий кластер" in text and "Экспорт по творческий" not in text
    assert "(неполная)" in text
    book = load_workbook(io.BytesIO(agency.get(
        "/agency/reports/exports.xlsx", query_string=MARCH).data)).active
    note = book.cell(row=book.max_row, column=1).value
    assert note.startswith("Для значений в USD") and date(2026, 3, 20).isoformat() in note


def test_russian_workbook_says_da_for_a_target_market(app):
    report = reports.Report(Dimension.DESTINATION, date(2026, 3, 1), date(2026, 3, 31),
                            date(2025, 3, 1), date(2025, 3, 31), "Xalça 2026",
                            rows=[reports.ReportRow(key="DE", label="DE", target_market=True),
                                  reports.ReportRow(key="FR", label="FR", target_market=False)])
    with app.test_request_context("/?lang=ru"):
        book = load_workbook(io.BytesIO(report_output.to_xlsx(report, sheet_words(report))))
    assert [book.active.cell(row=r, column=10).value for r in (5, 6)] == ["да", "нет"]
