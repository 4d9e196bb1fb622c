"""Bad input on the agency's export pages is shown on the page, under its field; never a 500."""

from datetime import date

import pytest

from creative_market.export import schemas
from creative_market.export.models import CulturalCertificate, Programme, Shipment
from creative_market.export.testing import make_paid_order
from creative_market.testing.factories import make_carpet, make_seller
from storefront.agency.views import TRANSPORT_LABELS
from storefront.extensions import db
from tests.storefront.conftest import BOTH_DATABASES

pytestmark = BOTH_DATABASES
PACKAGE = {"length_cm": "160", "width_cm": "40", "height_cm": "40",
           "gross_weight_kg": "8.6", "net_weight_kg": "8"}


@pytest.fixture
def shipment_page(app, agency_en):
    """A draft shipment of a 1955 carpet (it needs a Ministry of Culture certificate)."""
    with app.app_context():
        seller = make_seller(db.session, slug="seki", display_name="Şəki Xalça Evi")
        old = make_carpet(db.session, seller=seller, title_az="Şəki xalçası", year_made=1955,
                          weight_grams=8000)
        reference = make_paid_order(db.session, items=[(old, 1)], country="DE").reference
        db.session.commit()
    opened = agency_en.post("/agency/shipments/new", data={"order": reference.lower(),
                                                           "seller": "seki"})
    assert opened.status_code == 302, opened.get_data(as_text=True)
    with app.app_context():
        shipment = db.session.query(Shipment).one()
        return f"/agency/shipments/{shipment.id}", shipment.items[0].id


def test_bad_certificate_input_is_shown_under_its_fields(agency_en, shipment_page):
    page, item_id = shipment_page
    response = agency_en.post(f"{page}/items/{item_id}/certificate", data={
        "certificate_number": "", "issued_on": "2026-02-30"})
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert f'id="certificate-form-{item_id}"' in text and "<h2>Customs items</h2>" in text
    assert "Certificate number is required." in text
    assert "Give the date as YYYY-MM-DD." in text
    assert 'value="2026-02-30"' in text


def test_issuing_an_unready_shipment_shows_what_is_missing(agency_en, shipment_page):
    page, _ = shipment_page
    response = agency_en.post(f"{page}/documents")
    assert response.status_code == 409
    text = response.get_data(as_text=True)
    assert "The documents were not issued" in text and 'id="missing"' in text
    assert "At least one package with dimensions and weights." in text


def test_a_documented_shipment_keeps_its_certificate(app, agency_en, shipment_page):
    page, item_id = shipment_page
    assert agency_en.post(f"{page}/packages", data=PACKAGE).status_code == 302
    assert agency_en.post(f"{page}/items/{item_id}/certificate", data={
        "certificate_number": "MK-1", "issued_on": "2026-03-02"}).status_code == 302
    assert agency_en.post(f"{page}/documents").status_code == 302
    again = agency_en.post(f"{page}/items/{item_id}/certificate", data={
        "certificate_number": "MK-2", "issued_on": "2026-03-03"})
    assert again.status_code == 409
    text = again.get_data(as_text=True)
    assert "already has final documents; it can no longer change" in text
    assert "MK-2" not in text
    with app.app_context():
        assert db.session.query(CulturalCertificate.certificate_number).scalar() == "MK-1"


def test_numbers_too_large_for_the_database_are_field_messages(agency_en, shipment_page):
    page, _ = shipment_page
    huge = agency_en.post(f"{page}/packages", data={**PACKAGE, "length_cm": "99999999"})
    assert huge.status_code == 422
    assert "Length must be at most 10,000." in huge.get_data(as_text=True)
    item = agency_en.post(f"{page}/items", data={
        "description": "Yastıq", "hs_code": "570500", "quantity": "3000000000",
        "net_weight_kg": "1", "unit_value": "1e20", "currency": "AZN"})
    assert item.status_code == 422
    text = item.get_data(as_text=True)
    assert "Quantity must be at most 1,000,000." in text
    assert "Unit value must be at most 100,000,000." in text
    rate = agency_en.post("/agency/rates", data={
        "currency": "USD", "valid_from": "2026-01-01", "azn_per_unit": "0.0000001"})
    assert rate.status_code == 422
    assert "Rate must be at least 0.000001." in rate.get_data(as_text=True)


def test_transport_is_chosen_from_the_known_modes(agency_en):
    assert tuple(TRANSPORT_LABELS) == schemas.TRANSPORT_MODES
    form = agency_en.get("/agency/shipments/new").get_data(as_text=True)
    assert '<select id="transport" name="transport">' in form
    assert all(f'<option value="{mode}"' in form for mode in TRANSPORT_LABELS)
    refused = agency_en.post("/agency/shipments/new", data={
        "order": "CM-2026-000001", "seller": "nobody", "transport": "teleport"})
    assert refused.status_code == 422


def test_programme_form_refuses_blank_twin_names_home_market_and_far_dates(agency_en):
    def create(**fields):
        data = {"name": "Qış 2026/27", "starts_on": "2026-12-01", "ends_on": "2027-02-28",
                "target_markets": "DE", **fields}
        return agency_en.post("/agency/programmes/new", data=data)

    blank = create(name="   ")
    assert blank.status_code == 422 and "Name is required." in blank.get_data(as_text=True)
    far = create(starts_on="0001-01-01", ends_on="9999-12-31")
    assert far.status_code == 422
    assert "between 1900-01-01 and 2199-12-31" in far.get_data(as_text=True)
    home = create(target_markets="DE, AZ")
    assert home.status_code == 422 and "Azerbaijan (AZ)" in home.get_data(as_text=True)
    assert create(target_markets="DE, de, RU").status_code == 302
    twin = create(name="qış 2026/27")
    assert twin.status_code == 422
    assert "A programme called &#39;Qış 2026/27&#39; already exists." in twin.get_data(
        as_text=True)


def test_reports_of_an_old_programme_with_far_dates_are_not_a_500(app, agency_en):
    with app.app_context():
        old = Programme(name="Köhnə", starts_on=date(1, 1, 1), ends_on=date(9999, 12, 31))
        db.session.add(old)
        db.session.commit()
        programme_id = old.id
    page = agency_en.get(f"/agency/reports?programme={programme_id}")
    assert page.status_code == 422
    assert "runs from 0001-01-01 to 9999-12-31, beyond the years reports cover" in \
        page.get_data(as_text=True)
    for url in (f"/agency/reports/exports.xlsx?programme={programme_id}",
                f"/agency/reports/chart-clusters.png?programme={programme_id}"):
        assert agency_en.get(url).status_code == 422, url
