"""The agency area: access by role, programmes, reports with charts and downloads,
shipments with the cultural-value rule, and document downloads."""

import csv
import io
import json
import logging
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from creative_market.catalog.models import Carpet
from creative_market.export import services
from creative_market.export.models import Programme
from creative_market.export.testing import make_paid_order
from creative_market.testing.factories import make_carpet, make_seller
from storefront.extensions import db
from tests.storefront.conftest import count_queries

MARCH = {"from": "2026-03-01", "to": "2026-03-31"}


def shipment_of_old_carpet(app):
    with app.app_context():
        seller = make_seller(db.session, slug="seki", display_name="Şəki Xalça Evi")
        carpet = make_carpet(db.session, seller=seller, title_az="Şəki xalçası", year_made=1955)
        order = make_paid_order(db.session, items=[(carpet, 1)], country="RU")
        shipment = services.shipment_from_order(db.session, order=order, seller=seller)
        services.add_package(db.session, shipment=shipment, data={
            "length_cm": "160", "width_cm": "40", "height_cm": "40",
            "gross_weight_kg": "8.6", "net_weight_kg": "8"})
        db.session.commit()
        return shipment.id, shipment.items[0].id


@pytest.mark.parametrize("role", ["buyer", "seller"])
def test_other_roles_are_refused(make_client, role):
    assert make_client(role).get("/agency/").status_code == 403


def test_visitors_are_sent_to_log_in(client):
    response = client.get("/agency/")
    assert response.status_code == 302 and "/account/login" in response.headers["Location"]


def test_admins_may_use_the_agency_area(make_client):
    assert make_client("admin").get("/agency/").status_code == 200


def test_create_programme_enrol_and_report(app, agency, sample):
    bad = agency.post("/agency/programmes/new", data={"name": "", "starts_on": "2026-03-01",
                                                       "ends_on": "2026-03-31"})
    assert bad.status_code == 422 and "“Ad” sahəsini doldurun." in bad.get_data(as_text=True)
    created = agency.post("/agency/programmes/new", data={
        "name": "Xalça ixracı", "starts_on": "2026-03-01", "ends_on": "2026-03-31",
        "target_markets": "DE, RU"})
    assert created.status_code == 302
    with app.app_context():
        programme_id = db.session.query(Programme.id).scalar()
    page = f"/agency/programmes/{programme_id}"
    assert agency.post(f"{page}/sellers", data={"seller": "shaki"}).status_code == 302
    assert "Şəki İpək" in agency.get(page).get_data(as_text=True)
    assert agency.post(f"{page}/sellers", data={"seller": "nobody"}).status_code == 422
    report = agency.get(f"/agency/reports?by=destination&programme={programme_id}")
    text = report.get_data(as_text=True)
    assert report.status_code == 200
    assert "Rusiya (RU)" in text and "(DE)" not in text  # az country names


def test_report_page_has_table_charts_and_downloads(app, agency, sample):
    with app.app_context():  # the previous period of March 2026 is March 2025
        rug = db.session.scalars(select(Carpet).order_by(Carpet.id)).first()
        make_paid_order(db.session, items=[(rug, 1)], country="DE",
                        paid_at=datetime(2025, 3, 10, 12, tzinfo=UTC))
        db.session.commit()
    page = agency.get("/agency/reports", query_string={"by": "cluster", **MARCH})
    text = page.get_data(as_text=True)
    # az: Carpets, amounts with the Azerbaijani separators
    assert "Xalçaçılıq" in text and "<td>3.100,00</td>" in text and "<td>210,0%</td>" in text
    assert "/agency/reports/chart-clusters.png" in text
    assert "/agency/reports/chart-destinations.png" in text
    for kind in ("clusters", "destinations"):
        chart = agency.get(f"/agency/reports/chart-{kind}.png", query_string=MARCH)
        assert chart.status_code == 200 and chart.data.startswith(b"\x89PNG")
    rows = list(csv.DictReader(io.StringIO(agency.get(
        "/agency/reports/exports.csv", query_string={"by": "seller", **MARCH}
    ).get_data(as_text=True))))
    assert rows[1]["label"] == "Şəki İpək"
    as_json = agency.get("/agency/reports/exports.json", query_string=MARCH).get_json()
    assert as_json["total"]["value_azn"] == "3220.00"
    xlsx = agency.get("/agency/reports/exports.xlsx", query_string={"by": "seller", **MARCH})
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    # az: the words around the numbers too, not only the row names
    assert sheet["A1"].value == "İxrac: satıcı üzrə — bütün bazar"
    assert sheet["A2"].value.startswith("2026-03-01 – 2026-03-31; əvvəlki dövr ")
    assert [sheet.cell(row=4, column=c).value for c in (2, 3, 5)] == [
        "Ad", "Sətirlər", "Dəyər, AZN"]
    assert sheet.cell(row=sheet.max_row, column=2).value == "Cəmi"
    assert float(sheet.cell(row=sheet.max_row, column=5).value) == 3220.0
    agency.set_cookie("lang", "ru")
    sheet = load_workbook(io.BytesIO(agency.get(
        "/agency/reports/exports.xlsx", query_string={"by": "seller", **MARCH}).data)).active
    assert (sheet["B4"].value, sheet.cell(row=sheet.max_row, column=2).value) == (
        "Название", "Итого")


def test_a_first_visit_to_the_reports_shows_this_year_by_cluster(agency, sample):
    from creative_market.db import utcnow

    today = utcnow().date()
    first = agency.get("/agency/reports")
    assert first.status_code == 302
    assert first.headers["Location"] == (
        f"/agency/reports?by=cluster&to={today.isoformat()}&from={today.year}-01-01")
    assert 'id="report-table"' in agency.get(first.headers["Location"]).get_data(as_text=True)


def test_report_page_query_count_is_fixed(app, agency, sample):
    with count_queries(app) as statements:
        agency.get("/agency/reports", query_string={"by": "seller", **MARCH})
    # user, programmes for the form, the report itself
    assert len(statements) <= 4, statements


def test_report_input_errors_show_on_the_form(agency):
    page = agency.get("/agency/reports", query_string={"by": "cluster", "from": "2026-03-01"})
    assert page.status_code == 422
    assert "Dövrü (başlanğıc və son) göstərin və ya proqram seçin." in page.get_data(as_text=True)
    bad = agency.get("/agency/reports/exports.csv", query_string={"by": "colour", **MARCH})
    assert bad.status_code == 422


def test_rates_page(agency):
    assert agency.post("/agency/rates", data={"currency": "GBP", "valid_from": "2026-01-01",
                                              "azn_per_unit": "2"}).status_code == 422
    saved = agency.post("/agency/rates", data={"currency": "usd", "valid_from": "2026-01-01",
                                               "azn_per_unit": "1.7"})
    assert saved.status_code == 302
    # az: the rate with its four decimals and a decimal comma
    assert "<td>1,7000</td>" in agency.get("/agency/rates").get_data(as_text=True)


def test_old_carpet_refused_until_certificate_then_documents_download(app, agency):
    shipment_id, item_id = shipment_of_old_carpet(app)
    page = agency.get(f"/agency/shipments/{shipment_id}").get_data(as_text=True)
    assert "hazırlanma ili 1955 (1960 ilindən əvvəl)" in page
    refused = agency.post(f"/agency/shipments/{shipment_id}/documents")
    assert refused.status_code == 409  # the shipment page, with what is missing
    assert "Mədəniyyət Nazirliyinin ixrac sertifikatı" in refused.get_data(as_text=True)
    recorded = agency.post(f"/agency/shipments/{shipment_id}/items/{item_id}/certificate",
                           data={"certificate_number": "MK-2026/17", "issued_on": "2026-03-02"})
    assert recorded.status_code == 302
    assert agency.post(f"/agency/shipments/{shipment_id}/documents").status_code == 302
    page = agency.get(f"/agency/shipments/{shipment_id}").get_data(as_text=True)
    links = [part.split('"')[0] for part in page.split('href="/agency/documents/')[1:]]
    assert len(links) == 8  # four documents, PDF and JSON each
    for link in links:
        response = agency.get(f"/agency/documents/{link}")
        assert response.status_code == 200
        if link.endswith(".pdf"):
            text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
            assert "Şəki xalçası" in text and "Şəki Xalça Evi" in text
        else:
            assert json.loads(response.data)["kind"]


def test_unknown_things_are_404(agency):
    assert agency.get("/agency/shipments/999").status_code == 404
    assert agency.get("/agency/documents/999.pdf").status_code == 404
    assert agency.get("/agency/programmes/999").status_code == 404


def test_enrolling_explains_unknown_sellers_takes_urls_and_notices_repeats(app, agency, sample):
    created = agency.post("/agency/programmes/new", data={
        "name": "Xalça ixracı", "starts_on": "2026-03-01", "ends_on": "2026-03-31"})
    assert created.status_code == 302
    with app.app_context():
        programme_id = db.session.query(Programme.id).scalar()
    page = f"/agency/programmes/{programme_id}"
    unknown = agency.post(f"{page}/sellers?lang=en", data={"seller": "nobody"})
    text = unknown.get_data(as_text=True)
    assert unknown.status_code == 422
    assert "There is no seller “nobody”; give the slug or the address of their page." in text
    assert 'class="field has-error"' in text and 'value="nobody"' in text
    pasted = agency.post(f"{page}/sellers?lang=en",
                         data={"seller": "https://market.example/sellers/shaki/?lang=az"})
    assert pasted.status_code == 302
    assert "Şəki İpək is enrolled." in agency.get(f"{page}?lang=en").get_data(as_text=True)
    again = agency.post(f"{page}/sellers?lang=en", data={"seller": "shaki"},
                        follow_redirects=True)
    text = again.get_data(as_text=True)
    assert "Şəki İpək is already enrolled." in text and "Şəki İpək is enrolled." not in text


def test_csv_download_opens_in_excel_with_azerbaijani_letters(agency, sample):
    response = agency.get("/agency/reports/exports.csv", query_string={"by": "seller", **MARCH})
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.data.startswith(b"\xef\xbb\xbf")  # the UTF-8 byte-order mark Excel reads
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert "key" in rows[0] and rows[1]["label"] == "Şəki İpək"


def test_charts_leave_no_matplotlib_info_lines_in_the_log(agency, sample, caplog):
    caplog.set_level(logging.INFO)
    for kind in ("clusters", "destinations"):
        for _ in range(3):
            assert agency.get(f"/agency/reports/chart-{kind}.png",
                              query_string=MARCH).status_code == 200
    assert not [r for r in caplog.records if r.name.startswith("matplotlib")
                and r.levelno < logging.WARNING]
    assert logging.getLogger("matplotlib.category").isEnabledFor(logging.WARNING)
