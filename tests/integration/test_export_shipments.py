"""Shipments from paid orders, their documents, the cultural-value rule and numbering."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from creative_market.catalog.enums import CarpetTechnique, Fibre, Region
from creative_market.exceptions import (
    ExportDocumentError,
    NotFoundError,
    ShipmentExistsError,
    ValidationError,
)
from creative_market.export import services
from creative_market.export.documents import TradeDocument
from creative_market.export.models import DocumentKind, IssuedDocument, Shipment, ShipmentStatus
from creative_market.export.settings import ExportSettings
from creative_market.export.testing import make_paid_order
from creative_market.testing.factories import (
    make_carpet,
    make_design_work,
    make_media_work,
    make_offer,
    make_seller,
)

SHIPMENT_FIELDS = {"consignee_name": "Anna Schmidt", "consignee_address": "Berlin",
                   "destination_country": "DE", "incoterm": "DAP", "incoterm_place": "Berlin",
                   "currency": "AZN"}
PACKAGE = {"length_cm": "160", "width_cm": "40", "height_cm": "40",
           "gross_weight_kg": "9.500", "net_weight_kg": "8.900"}


def documents_of(issued):
    return {kind: TradeDocument.from_dict(doc.data) for kind, doc in issued.items()}


@pytest.fixture
def seller(session):
    return make_seller(session, display_name="Şəki Xalça Emalatxanası", region=Region.SHAKI)


def carpet_shipment(session, seller, country="DE", year=2020, **order_kw):
    carpet = make_carpet(session, seller=seller, title_az="Şəki xalçası", year_made=year,
                         weight_grams=8000)
    bowl = make_design_work(session, seller=seller, title_az="Gəncə saxsı qabı",
                            weight_grams=900, materials=["clay"])
    order = make_paid_order(session, items=[(carpet, 1), (bowl, 1)], country=country, **order_kw)
    shipment = services.shipment_from_order(session, order=order, seller=seller)
    return shipment


def test_shipment_from_order_lines_copies_customs_items(session, seller):
    shipment = carpet_shipment(session, seller)
    assert (shipment.destination_country, shipment.incoterm, shipment.incoterm_place) == (
        "DE", "DAP", "Berlin")
    assert shipment.consignee_name == "Anna Schmidt"
    assert [(i.description, i.hs_code, i.quantity, i.net_weight_kg) for i in shipment.items] == [
        ("Şəki xalçası", "570110", 1, Decimal("8.000")),
        ("Gəncə saxsı qabı", "691390", 1, Decimal("0.900")),
    ]
    assert shipment.goods_value.amount == Decimal("1280.00")
    assert shipment.status == ShipmentStatus.DRAFT


def test_only_this_sellers_physical_lines_are_shipped(session, seller):
    other = make_seller(session)
    photo = make_media_work(session, seller=seller)
    offer = make_offer(session, photo)
    mine = make_carpet(session, seller=seller)
    theirs = make_carpet(session, seller=other)
    order = make_paid_order(session, items=[(mine, 1), (theirs, 1), (offer, 1)])
    shipment = services.shipment_from_order(session, order=order, seller=seller)
    assert [item.product_id for item in shipment.items] == [mine.id]
    with pytest.raises(NotFoundError, match="no paid physical lines"):
        services.shipment_from_order(session, order=order, seller=make_seller(session))


def test_customs_read_the_english_title_with_the_orders_beside_it(session, seller):
    carpet = make_carpet(session, seller=seller, title_az="Şəki xalçası", title_en="Shaki carpet",
                         weight_grams=8000)
    bowl = make_design_work(session, seller=seller, title_az="Gəncə saxsı qabı",
                            weight_grams=900, materials=["clay"])  # no English title
    order = make_paid_order(session, items=[(carpet, 1), (bowl, 1)])
    shipment = services.shipment_from_order(session, order=order, seller=seller)
    assert [item.description for item in shipment.items] == [
        "Shaki carpet (Şəki xalçası)", "Gəncə saxsı qabı"]


def test_the_shipping_the_buyer_paid_is_the_shipments_freight(session, seller):
    # DAP: the seller carries the goods to the buyer's city and charged the buyer for it, so
    # the documents show that charge as freight (the invoice total is goods + freight).
    from creative_market.orders import services as orders

    carpet = make_carpet(session, seller=seller, price=Decimal("1200"), weight_grams=8000)
    order = orders.place_order(
        session, buyer_name="Anna Schmidt", buyer_email="anna@example.de", currency="AZN",
        lines=[{"product_id": carpet.id, "quantity": 1}],
        shipping_address={"recipient": "Anna Schmidt", "line1": "Hauptstraße 5",
                          "city": "Berlin", "postal_code": "10115", "country": "DE"})
    orders.record_payment(session, order=order, provider="offline", provider_reference="p1",
                          amount=order.total_money)
    shipment = services.shipment_from_order(session, order=order, seller=seller)
    assert shipment.freight_cost == Decimal("90.00") == order.shipping_total
    given = services.shipment_from_order(
        session, order=make_paid_order(session, items=[(make_carpet(session, seller=seller), 1)]),
        seller=seller, data={"freight_cost": "15"})
    assert given.freight_cost == Decimal("15")  # what the clerk types wins


def test_an_order_gets_one_shipment_per_seller(session, seller):
    first = carpet_shipment(session, seller)
    session.commit()
    order = first.order
    with pytest.raises(ShipmentExistsError, match=f"already has shipment {first.id}") as refused:
        services.shipment_from_order(session, order=order, seller=seller)
    assert refused.value.shipment_id == first.id
    # Nothing half-written: still one shipment with its two customs items, session usable.
    assert [s.id for s in session.scalars(select(Shipment))] == [first.id]
    assert len(first.items) == 2
    # A shipment made by hand for the same order and seller is the same goods: refused too;
    # shipments without an order are not limited.
    with pytest.raises(ShipmentExistsError):
        services.create_shipment(session, seller=seller, order=order, data=SHIPMENT_FIELDS)
    services.create_shipment(session, seller=seller, data=SHIPMENT_FIELDS)
    services.create_shipment(session, seller=seller, data=SHIPMENT_FIELDS)
    session.flush()
    assert session.scalar(select(func.count(Shipment.id))) == 3


def test_the_unique_key_refuses_a_second_shipment_the_check_did_not_see(
        session, seller, monkeypatch):
    # Two clerks at once: both checks ran before either insert. The database's unique key
    # refuses the second, and the service says so the same way, rolling back only its part.
    first = carpet_shipment(session, seller)
    order = first.order
    original = services._refuse_second_shipment
    calls = []

    def check_that_ran_before_the_other_insert(session, *, order, seller):
        calls.append(order.id)
        if len(calls) > 1:  # the re-check after the IntegrityError sees the winner
            original(session, order=order, seller=seller)

    monkeypatch.setattr(services, "_refuse_second_shipment",
                        check_that_ran_before_the_other_insert)
    with pytest.raises(ShipmentExistsError) as refused:
        services.create_shipment(session, seller=seller, order=order, data=SHIPMENT_FIELDS)
    assert refused.value.shipment_id == first.id and len(calls) == 2
    assert [s.id for s in session.scalars(select(Shipment))] == [first.id]


def test_a_product_without_weight_cannot_be_declared(session, seller):
    carpet = make_carpet(session, seller=seller, weight_grams=None)
    order = make_paid_order(session, items=[(carpet, 1)])
    with pytest.raises(ValidationError, match="needs a weight"):
        services.shipment_from_order(session, order=order, seller=seller)


def test_shipment_input_is_validated_field_by_field(session, seller):
    with pytest.raises(ValidationError) as error:
        services.create_shipment(session, seller=seller, data={
            "consignee_name": "X", "consignee_address": "Y", "destination_country": "AZ",
            "incoterm": "DAT", "incoterm_place": "Z"})
    assert set(error.value.messages) == {"destination_country", "incoterm"}


def test_russia_gets_ct1_and_germany_the_general_form(session, seller):
    for country, form in (("RU", "CT-1"), ("DE", "general")):
        shipment = carpet_shipment(session, seller, country=country)
        services.add_package(session, shipment=shipment, data=PACKAGE)
        docs = documents_of(services.issue_shipment_documents(session, shipment=shipment))
        application = docs[DocumentKind.ORIGIN_APPLICATION]
        assert application.values["form"] == form
        assert dict(application.facts)["Form"] == form
    assert "CT-1" in application.title or "general" in application.title


def test_packing_list_and_invoice_agree(session, seller):
    shipment = carpet_shipment(session, seller)
    services.add_package(session, shipment=shipment, data={
        **PACKAGE, "gross_weight_kg": "8.600", "net_weight_kg": "8.000"})
    services.add_package(session, shipment=shipment, data={
        "length_cm": "30", "width_cm": "30", "height_cm": "20",
        "gross_weight_kg": "1.400", "net_weight_kg": "0.900"})
    carpet_item, bowl_item = shipment.items
    with pytest.raises(ExportDocumentError, match="The package of each item"):
        services.issue_shipment_documents(session, shipment=shipment)
    carpet_item.package, bowl_item.package = shipment.packages
    session.flush()
    docs = documents_of(services.issue_shipment_documents(session, shipment=shipment))
    invoice, packing = docs[DocumentKind.COMMERCIAL_INVOICE], docs[DocumentKind.PACKING_LIST]
    for key in ("packages", "quantity", "net_weight_kg", "gross_weight_kg"):
        assert invoice.values[key] == packing.values[key], key
    assert packing.values["gross_weight_kg"] == "10.000"
    gross = Decimal(invoice.values["gross_weight_kg"])
    assert sum(Decimal(row[5]) for row in packing.rows) == gross
    assert sum(int(row[3]) for row in packing.rows) == invoice.values["quantity"]
    assert invoice.total("Value of goods") == "1280.00 AZN"
    assert dict(packing.facts)["Commercial invoice"] == invoice.reference


def test_weights_that_disagree_are_refused(session, seller):
    shipment = carpet_shipment(session, seller)
    services.add_package(session, shipment=shipment, data={**PACKAGE, "net_weight_kg": "7.000"})
    with pytest.raises(ExportDocumentError, match=r"the items weigh 8\.900 kg net"):
        services.issue_shipment_documents(session, shipment=shipment)


def test_a_1955_carpet_is_refused_until_its_certificate_is_recorded(session, seller):
    shipment = carpet_shipment(session, seller, year=1955)
    services.add_package(session, shipment=shipment, data=PACKAGE)
    assert services.missing_for_documents(shipment) == [
        "Ministry of Culture export certificate (number and date) for the carpet "
        "'Şəki xalçası', made in 1955 (before 1960)."]
    with pytest.raises(ExportDocumentError, match="Ministry of Culture export certificate"):
        services.issue_shipment_documents(session, shipment=shipment)
    assert session.scalars(select(IssuedDocument)).all() == []
    carpet_item = shipment.items[0]
    services.record_cultural_certificate(session, item=carpet_item, data={
        "certificate_number": "MK-2026/0417", "issued_on": "2026-03-02"})
    docs = documents_of(services.issue_shipment_documents(session, shipment=shipment))
    notes = " ".join(docs[DocumentKind.COMMERCIAL_INVOICE].notes)
    assert "MK-2026/0417 of 2026-03-02" in notes
    assert shipment.status == ShipmentStatus.DOCUMENTED


def test_the_threshold_year_comes_from_settings(session, seller, monkeypatch):
    shipment = carpet_shipment(session, seller, year=1965)
    services.add_package(session, shipment=shipment, data=PACKAGE)
    assert services.missing_for_documents(shipment) == []
    stricter = ExportSettings(cultural_value_year=1970)
    assert "made in 1965 (before 1970)" in services.missing_for_documents(shipment, stricter)[0]
    monkeypatch.setenv("CREATIVE_MARKET_CULTURAL_VALUE_YEAR", "1970")
    with pytest.raises(ExportDocumentError, match="before 1970"):
        services.issue_shipment_documents(session, shipment=shipment)


def test_a_carpet_of_unknown_year_must_get_one(session, seller):
    shipment = carpet_shipment(session, seller, year=None)
    services.add_package(session, shipment=shipment, data=PACKAGE)
    assert services.missing_for_documents(shipment)[0].startswith("Year made of the carpet")


def test_certificate_input_is_validated(session, seller):
    shipment = carpet_shipment(session, seller, year=1950)
    with pytest.raises(ValidationError) as error:
        services.record_cultural_certificate(session, item=shipment.items[0], data={
            "issued_on": "02.03.2026"})
    assert set(error.value.messages) == {"certificate_number", "issued_on"}


def test_numbers_are_sequential_per_exporter_and_documents_issue_once(session, seller):
    other = make_seller(session)
    references = []
    for exporter in (seller, other, seller):
        shipment = carpet_shipment(session, exporter)
        services.add_package(session, shipment=shipment, data=PACKAGE)
        issued = services.issue_shipment_documents(session, shipment=shipment)
        references.append(issued[DocumentKind.COMMERCIAL_INVOICE].reference)
        again = services.issue_shipment_documents(session, shipment=shipment)
        assert {k: d.id for k, d in again.items()} == {k: d.id for k, d in issued.items()}
    assert references == [f"INV-{seller.id}-000001", f"INV-{other.id}-000001",
                          f"INV-{seller.id}-000002"]
    numbers = session.scalars(select(IssuedDocument.number).where(
        IssuedDocument.seller_id == seller.id, IssuedDocument.kind == DocumentKind.PACKING_LIST
    ).order_by(IssuedDocument.number)).all()
    assert numbers == [1, 2]


def test_documented_shipment_is_frozen(session, seller):
    shipment = carpet_shipment(session, seller)
    services.add_package(session, shipment=shipment, data=PACKAGE)
    services.issue_shipment_documents(session, shipment=shipment)
    with pytest.raises(ExportDocumentError, match="can no longer change"):
        services.add_package(session, shipment=shipment, data=PACKAGE)


def test_cn23_only_for_postal_parcels(session, seller):
    shipment = carpet_shipment(session, seller)
    shipment.transport = "courier"
    services.add_package(session, shipment=shipment, data=PACKAGE)
    assert DocumentKind.CN23 not in services.issue_shipment_documents(session, shipment=shipment)
    postal = carpet_shipment(session, seller)
    services.add_package(session, shipment=postal, data=PACKAGE)
    issued = services.issue_shipment_documents(session, shipment=postal)
    cn23 = documents_of(issued)[DocumentKind.CN23]
    assert cn23.values == {"gross_weight_kg": "9.500", "goods_value": "1280.00", "currency": "AZN",
                           "certificates": []}
    assert [row[4] for row in cn23.rows] == ["5701.10", "6913.90"]


def test_hand_made_shipment_with_manual_items(session, seller):
    shipment = services.create_shipment(session, seller=seller, data={
        "consignee_name": "Galerie Nord", "consignee_address": "Hafenstraße 1, Hamburg",
        "destination_country": "de", "incoterm": "cip", "incoterm_place": "Hamburg",
        "currency": "EUR", "transport": "air"})
    services.add_package(session, shipment=shipment, data=PACKAGE)
    with pytest.raises(ValidationError, match="not in the HS 2022 nomenclature"):
        services.add_customs_item(session, shipment=shipment, data={
            "description": "Kilim", "hs_code": "5702.60", "quantity": 1,
            "net_weight_kg": "8.9", "unit_value": "500", "currency": "EUR"})
    item = services.add_customs_item(session, shipment=shipment, data={
        "description": "Kilim", "hs_code": "5702.10", "quantity": 1, "package_number": 1,
        "net_weight_kg": "8.9", "unit_value": "500", "currency": "EUR", "year_made": 1999})
    assert (item.hs_code, item.package.number, shipment.incoterm) == ("570210", 1, "CIP")


def test_seller_hs_override_is_validated(session, seller):
    carpet = make_carpet(session, seller=seller, technique=CarpetTechnique.KNOTTED_PILE,
                         pile_material=Fibre.SILK)
    services.set_product_hs_code(session, product=carpet, hs_code="5701.10")
    assert carpet.hs_code == "570110"
    with pytest.raises(ValidationError, match="is a heading"):
        services.set_product_hs_code(session, product=carpet, hs_code="5701")
    services.set_product_hs_code(session, product=carpet, hs_code=None)
    assert carpet.hs_code is None


def test_licences_sold_abroad_get_a_services_invoice(session, seller):
    photo = make_media_work(session, seller=seller, title_az="Qobustan qayaüstü təsvirləri")
    offer = make_offer(session, photo, territory=["DE", "AT"], term_months=24)
    order = make_paid_order(session, items=[(offer, 1)], country="DE")
    issued = services.issue_services_invoice(session, order=order, seller=seller)
    assert issued.reference == f"SRV-{seller.id}-000001"
    document = TradeDocument.from_dict(issued.data)
    assert document.values["total"] == "50.00"
    assert "no HS code" in dict(document.facts)["Nature of supply"]
    assert dict(document.facts)["Services category"] == "licences to reproduce"
    assert "Territory: Germany, Austria." in document.notes[0]
    assert "Term: 24 months." in document.notes[0]
    assert document.rows[0][2] == "Standard commercial"  # the tier's name, not its key
    assert services.issue_services_invoice(session, order=order, seller=seller).id == issued.id
    home = make_paid_order(session, items=[(make_offer(session, make_media_work(
        session, seller=seller)), 1)], country="AZ")
    with pytest.raises(ExportDocumentError, match="abroad"):
        services.issue_services_invoice(session, order=home, seller=seller)


def test_issued_documents_keep_their_numbers_after_commit(session_factory, seller, session):
    shipment = carpet_shipment(session, seller)
    services.add_package(session, shipment=shipment, data=PACKAGE)
    services.issue_shipment_documents(session, shipment=shipment)
    session.commit()
    with session_factory() as fresh:
        numbers = fresh.scalars(select(IssuedDocument.reference).order_by(IssuedDocument.id)).all()
    assert numbers[0] == f"INV-{seller.id}-000001"
    assert date.today().isoformat() == TradeDocument.from_dict(
        session.scalars(select(IssuedDocument)).first().data).issued_on
