"""Shipments made in the browser: from a paid order's physical lines of one seller, with
packages and customs items added by form, through to the downloaded documents."""

import io

import pytest
from pypdf import PdfReader

from creative_market.export.models import Package, Shipment
from creative_market.export.testing import make_paid_order
from creative_market.testing.factories import make_carpet, make_seller
from storefront.extensions import db
from tests.storefront.conftest import BOTH_DATABASES

PACKAGE = {"length_cm": "160", "width_cm": "40", "height_cm": "40",
           "gross_weight_kg": "8.6", "net_weight_kg": "8"}


@pytest.fixture
def paid_order(app):
    """A paid order to Germany of a 1955 carpet and a new one by the Şəki workshop."""
    with app.app_context():
        seller = make_seller(db.session, slug="seki", display_name="Şəki Xalça Evi")
        old = make_carpet(db.session, seller=seller, title_az="Şəki xalçası", year_made=1955)
        new = make_carpet(db.session, seller=seller, title_az="Qırmızı kilim", year_made=2024)
        order = make_paid_order(db.session, items=[(old, 1), (new, 1)], country="DE")
        db.session.commit()
        return order.reference


def _shipment(app):
    with app.app_context():
        return db.session.query(Shipment).one()


@BOTH_DATABASES
def test_whole_document_flow_in_the_browser(app, agency_en, paid_order):
    assert "/agency/shipments/new" in agency_en.get("/agency/").get_data(as_text=True)
    form = agency_en.get(f"/agency/shipments/new?order={paid_order}")
    assert form.status_code == 200 and f'value="{paid_order}"' in form.get_data(as_text=True)
    opened = agency_en.post("/agency/shipments/new", data={
        "order": paid_order, "seller": "seki", "incoterm": "CPT", "incoterm_place": "Berlin",
        "consignee_name": "Galerie Anna Schmidt", "exporter_tax_id": "1234567890"})
    assert opened.status_code == 302
    shipment = _shipment(app)
    assert opened.headers["Location"].endswith(f"/agency/shipments/{shipment.id}")
    assert (shipment.incoterm, shipment.incoterm_place, shipment.destination_country,
            shipment.consignee_name) == ("CPT", "Berlin", "DE", "Galerie Anna Schmidt")
    page = f"/agency/shipments/{shipment.id}"
    # two 8 kg carpets and two cushions of 0.6 kg together
    assert agency_en.post(f"{page}/packages", data={**PACKAGE, "net_weight_kg": "16.6",
                                                 "gross_weight_kg": "18.5"}).status_code == 302
    item = agency_en.post(f"{page}/items", data={
        "description": "Xalça yastığı", "hs_code": "5705.00", "quantity": "2",
        "net_weight_kg": "0.6", "unit_value": "45", "package_number": "1",
        "year_made": "2025"})
    assert item.status_code == 302
    text = agency_en.get(page).get_data(as_text=True)
    assert "Xalça yastığı" in text and "1: 160.0 × 40.0 × 40.0 cm, 16.600 kg net" in text
    agency_en.set_cookie("lang", "az")
    assert "1: 160,0 × 40,0 × 40,0 sm, xalis 16,600 kq, ümumi 18,500 kq" in agency_en.get(
        page).get_data(as_text=True)
    agency_en.set_cookie("lang", "en")
    assert "made in 1955 (before 1960)" in text
    old_item = next(i for i in _items(app) if i.year_made == 1955)
    assert agency_en.post(f"{page}/items/{old_item.id}/certificate", data={
        "certificate_number": "MK-2026/17", "issued_on": "2026-03-02"}).status_code == 302
    issued = agency_en.post(f"{page}/documents")
    assert issued.status_code == 302, issued.get_data(as_text=True)[-3000:]
    links = [part.split('"')[0] for part in
             agency_en.get(page).get_data(as_text=True).split('href="/agency/documents/')[1:]]
    pdfs = [link for link in links if link.endswith(".pdf")]
    assert len(pdfs) == 4
    invoice = agency_en.get(f"/agency/documents/{pdfs[0]}")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(invoice.data)).pages)
    assert "Şəki xalçası" in text and "Xalça yastığı" in text


@BOTH_DATABASES
def test_a_form_sent_twice_opens_one_shipment_and_shows_it(app, agency_en, paid_order):
    form = {"order": paid_order, "seller": "seki", "incoterm": "CPT",
            "incoterm_place": "Berlin"}
    first = agency_en.post("/agency/shipments/new", data=form)
    again = agency_en.post("/agency/shipments/new", data=form, follow_redirects=True)
    shipment = _shipment(app)  # .one(): a single shipment with its two customs items
    assert first.headers["Location"].endswith(f"/agency/shipments/{shipment.id}")
    assert again.request.path == f"/agency/shipments/{shipment.id}"
    page = again.get_data(as_text=True)
    assert f"Order {paid_order} already has shipment {shipment.id} for Şəki Xalça Evi." in page
    assert len(_items(app)) == 2
    agency_en.set_cookie("lang", "az")
    page = agency_en.post("/agency/shipments/new", data=form,
                       follow_redirects=True).get_data(as_text=True)
    assert f"{paid_order} sifarişində Şəki Xalça Evi satıcısının malları üçün artıq " \
           f"#{shipment.id} göndərməsi var." in page


def _items(app):
    with app.app_context():
        return db.session.query(Shipment).one().items


def test_shipment_form_errors_name_the_fields(app, agency_en, paid_order):
    empty = agency_en.post("/agency/shipments/new", data={"order": "", "seller": ""})
    text = empty.get_data(as_text=True)
    assert empty.status_code == 422
    assert "Order reference is required." in text and "Seller is required." in text
    unknown = agency_en.post("/agency/shipments/new", data={"order": "CM-0000-000000",
                                                          "seller": "nobody"})
    text = unknown.get_data(as_text=True)
    assert unknown.status_code == 422
    assert "There is no order CM-0000-000000." in text and "There is no seller" in text
    bad = agency_en.post("/agency/shipments/new", data={
        "order": paid_order, "seller": "seki", "incoterm": "XYZ",
        "destination_country": "AZ", "freight_cost": "ten"})
    text = bad.get_data(as_text=True)
    assert bad.status_code == 422
    assert "not an Incoterms 2020 rule" in text
    assert "A shipment for export goes to a country other than Azerbaijan." in text
    assert "Freight cost must be a number such as 12.50." in text
    assert f'value="{paid_order}"' in text  # what was typed stays in the form
    with app.app_context():
        make_seller(db.session, slug="other")
        db.session.commit()
    nothing = agency_en.post("/agency/shipments/new", data={"order": paid_order,
                                                         "seller": "other"})
    assert nothing.status_code == 422
    assert "has no paid physical lines of" in nothing.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(Shipment).count() == 0


def test_package_and_item_errors_show_on_the_shipment_page(app, agency_en, paid_order):
    agency_en.post("/agency/shipments/new", data={"order": paid_order, "seller": "seki"})
    page = f"/agency/shipments/{_shipment(app).id}"
    bad = agency_en.post(f"{page}/packages", data={**PACKAGE, "gross_weight_kg": "7",
                                                "height_cm": "0"})
    text = bad.get_data(as_text=True)
    assert bad.status_code == 422 and "Height must be at least 0.1." in text
    item = agency_en.post(f"{page}/items", data={"description": "", "hs_code": "9999.99",
                                              "quantity": "1", "net_weight_kg": "1",
                                              "unit_value": "5"})
    text = item.get_data(as_text=True)
    assert item.status_code == 422 and "Description is required." in text
    assert "9999" in text  # the HS code message names the code typed
    with app.app_context():
        assert db.session.query(Package).count() == 0
        assert len(db.session.query(Shipment).one().items) == 2


@pytest.mark.parametrize("role", ["buyer", "seller"])
def test_only_agencies_and_admins_make_shipments(app, make_client, paid_order, role):
    other = make_client(role)
    assert other.get("/agency/shipments/new").status_code == 403
    assert other.post("/agency/shipments/new", data={"order": paid_order,
                                                     "seller": "seki"}).status_code == 403
    admin = make_client("admin")
    assert admin.post("/agency/shipments/new", data={"order": paid_order,
                                                     "seller": "seki"}).status_code == 302
    shipment_id = _shipment(app).id
    assert other.post(f"/agency/shipments/{shipment_id}/packages",
                      data=PACKAGE).status_code == 403
    with app.app_context():
        assert db.session.query(Package).count() == 0
