"""Export input the database could not store is refused with field messages, on both databases.

PostgreSQL is where these matter: a rate rounded to zero breaks a check constraint, a
number too large for its column overflows, a quantity past 2**31 is out of integer range.
"""

from datetime import date

import pytest

from creative_market.catalog.enums import Region
from creative_market.exceptions import DuplicateError, ExportDocumentError, ValidationError
from creative_market.export import programmes, services
from creative_market.export.testing import make_paid_order
from creative_market.testing.factories import make_carpet, make_seller

SHIPMENT = {"consignee_name": "Anna Schmidt", "consignee_address": "Berlin",
            "destination_country": "DE", "incoterm": "DAP", "incoterm_place": "Berlin"}
PACKAGE = {"length_cm": "160", "width_cm": "40", "height_cm": "40",
           "gross_weight_kg": "9.500", "net_weight_kg": "8.000"}
ITEM = {"description": "Carpet", "hs_code": "570110", "quantity": "1",
        "net_weight_kg": "8", "unit_value": "100"}


@pytest.fixture
def seller(session):
    return make_seller(session, display_name="Şəki Xalça", region=Region.SHAKI)


@pytest.fixture
def draft(session, seller):
    return services.create_shipment(session, seller=seller, data=SHIPMENT)


def _refused(call, field, words):
    with pytest.raises(ValidationError) as error:
        call()
    assert field in error.value.messages, error.value.messages
    assert words in " ".join(map(str, error.value.messages[field]))


@pytest.mark.parametrize(("rate", "words"), [
    ("0.0000001", "Rate must be at least 0.000001."),
    ("99999999999", "Rate must be at most 100,000."),
    ("NaN", "Rate must be a number"),
])
def test_exchange_rates_outside_the_column_are_refused(session, rate, words):
    _refused(lambda: programmes.set_exchange_rate(session, data={
        "currency": "USD", "valid_from": "2026-01-01", "azn_per_unit": rate}),
        "azn_per_unit", words)


def test_the_smallest_rate_the_column_holds_is_stored(session):
    rate = programmes.set_exchange_rate(session, data={
        "currency": "USD", "valid_from": "2026-01-01", "azn_per_unit": "0.000001"})
    assert rate.azn_per_unit > 0


@pytest.mark.parametrize(("field", "value", "words"), [
    ("length_cm", "99999999", "Length must be at most 10,000."),
    ("height_cm", "0.01", "Height must be at least 0.1."),
    ("gross_weight_kg", "1e9", "Gross weight must be at most 100,000."),
])
def test_package_sizes_and_weights_are_bounded(session, draft, field, value, words):
    _refused(lambda: services.add_package(session, shipment=draft,
                                          data={**PACKAGE, field: value}), field, words)


@pytest.mark.parametrize(("field", "value", "words"), [
    ("quantity", "3000000000", "Quantity must be at most 1,000,000."),
    ("quantity", "0", "Quantity must be at least 1."),
    ("unit_value", "1e20", "Unit value must be at most 100,000,000."),
    ("net_weight_kg", "0.0001", "Net weight must be at least 0.001."),
])
def test_customs_item_numbers_are_bounded(session, draft, field, value, words):
    _refused(lambda: services.add_customs_item(session, shipment=draft,
                                               data={**ITEM, field: value}), field, words)


def test_freight_is_bounded_and_transport_is_a_known_mode(session, seller):
    _refused(lambda: services.create_shipment(session, seller=seller, data={
        **SHIPMENT, "freight_cost": "1e12"}), "freight_cost", "at most 10,000,000.")
    _refused(lambda: services.create_shipment(session, seller=seller, data={
        **SHIPMENT, "insurance_cost": "-1"}), "insurance_cost", "cannot be negative")
    _refused(lambda: services.create_shipment(session, seller=seller, data={
        **SHIPMENT, "transport": "teleport"}), "transport", "is not a transport mode")
    shipment = services.create_shipment(session, seller=seller,
                                        data={**SHIPMENT, "transport": " POST "})
    assert shipment.transport == "post"


def test_a_documented_shipment_refuses_certificate_changes(session, seller):
    carpet = make_carpet(session, seller=seller, title_az="Şəki xalçası", year_made=2020,
                         weight_grams=8000)
    order = make_paid_order(session, items=[(carpet, 1)], country="DE")
    shipment = services.shipment_from_order(session, order=order, seller=seller)
    services.add_package(session, shipment=shipment, data=PACKAGE)
    services.issue_shipment_documents(session, shipment=shipment)
    item = shipment.items[0]
    before = item.cultural_certificate and item.cultural_certificate.certificate_number
    with pytest.raises(ExportDocumentError, match="already has final documents"):
        services.record_cultural_certificate(session, item=item, data={
            "certificate_number": "MC-NEW", "issued_on": "2026-01-05"})
    after = item.cultural_certificate and item.cultural_certificate.certificate_number
    assert after == before


def _programme(session, **data):
    return programmes.create_programme(session, data={
        "name": "Qış 2026/27", "starts_on": "2026-12-01", "ends_on": "2027-02-28", **data})


@pytest.mark.parametrize(("field", "value"), [("starts_on", "0001-01-01"),
                                              ("ends_on", "9999-12-31")])
def test_programme_dates_stay_within_the_report_years(session, field, value):
    _refused(lambda: _programme(session, **{field: value}), field, "between 1900-01-01")


def test_programme_names_must_be_written_and_unique_whatever_the_case(session):
    _refused(lambda: _programme(session, name="   "), "name", "Name is required.")
    first = _programme(session, name="  Qış 2026/27 ")
    assert first.name == "Qış 2026/27"
    with pytest.raises(DuplicateError, match="'Qış 2026/27' already exists"):
        _programme(session, name="qış 2026/27")
    with pytest.raises(DuplicateError):
        _programme(session, name="QIŞ 2026/27")


def test_programme_markets_are_abroad_and_counted_once(session):
    _refused(lambda: _programme(session, target_markets=["DE", "az"]), "target_markets",
             "Azerbaijan (AZ)")
    programme = _programme(session, target_markets=["de", "DE", "RU"])
    assert sorted(m.country for m in programme.markets) == ["DE", "RU"]
    assert programme.starts_on == date(2026, 12, 1)
