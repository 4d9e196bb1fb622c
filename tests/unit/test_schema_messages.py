"""The schemas' messages are Messages: the same English as before, plus a template to translate."""

from __future__ import annotations

import json

import pytest
from marshmallow import ValidationError, validate

from creative_market.catalog.importer_rows import RowError
from creative_market.catalog.schemas import CarpetSchema, listing_schema_for
from creative_market.export.schemas import CustomsItemSchema, ShipmentSchema
from creative_market.messages import Message, Number
from creative_market.orders.schemas import PLACE_ORDER_SCHEMA
from creative_market.validators import Length, OneOf, Range


def _messages(schema, data) -> dict:
    with pytest.raises(ValidationError) as caught:
        schema.load(data)
    return caught.value.messages


@pytest.mark.parametrize(("ours", "marshmallows", "value"), [
    (Length(1, 200), validate.Length(1, 200), ""),
    (Length(min=2), validate.Length(min=2), "a"),
    (Length(max=3), validate.Length(max=3), "abcd"),
    (Length(equal=2), validate.Length(equal=2), "abc"),
    (Range(min=0), validate.Range(min=0), -1),
    (Range(max=9), validate.Range(max=9), 10),
    (Range(1000, 2100), validate.Range(1000, 2100), 900),
    (OneOf(["az", "en", "ru"]), validate.OneOf(["az", "en", "ru"]), "de"),
])
def test_validators_say_marshmallows_english_as_messages(ours, marshmallows, value):
    with pytest.raises(ValidationError) as expected:
        marshmallows(value)
    with pytest.raises(ValidationError) as caught:
        ours(value)
    (message,) = caught.value.messages
    assert isinstance(message, Message) and "%(" in message.template
    assert caught.value.messages == expected.value.messages


def test_a_labelled_field_names_itself_in_a_message_of_its_own():
    messages = _messages(CarpetSchema(), {"title_az": "Xalça", "stock_quantity": "1000000",
                                          "width_cm": "abc", "year_made": "1200"})
    (stock,) = messages["stock_quantity"]
    assert stock == "Stock quantity must be between 0 and 100,000."
    assert stock.template == "%(label)s must be between %(minimum)s and %(maximum)s."
    assert stock.values["label"].template == "Stock quantity"
    assert stock.values["maximum"] == 100_000 and isinstance(stock.values["maximum"], Number)
    (year,) = messages["year_made"]
    assert year.startswith("Year made must be between 1500 and ")  # a year has no separator
    assert not isinstance(year.values["minimum"], Number)
    assert messages["width_cm"] == ["Width in cm must be a whole number."]
    assert messages["weaving_school"][0].template == "%(label)s is required."


def test_plain_marshmallow_fields_keep_their_message_objects():
    order = _messages(PLACE_ORDER_SCHEMA, {"buyer_name": "", "currency": "GBP", "lines": []})
    assert order["buyer_email"][0].template == "%(label)s is required."
    assert order["currency"] == ["Choose one of AZN, USD, EUR."]
    assert order["currency"][0].template == "Choose one of %(choices)s."
    item = _messages(CustomsItemSchema(), {"net_weight_kg": "heavy"})
    assert item["net_weight_kg"] == ["Net weight must be a number such as 12.50."]
    assert item["net_weight_kg"][0].values["label"] == "Net weight"
    shipment = _messages(ShipmentSchema(), {"consignee_name": "x" * 201, "incoterm": "XYZ"})
    assert shipment["consignee_name"][0].template == "%(label)s is at most %(maximum)s characters."
    assert shipment["incoterm"][0].startswith("'XYZ' is not an Incoterms 2020 rule; use one of EXW")


def test_an_unknown_kind_of_work_is_a_message():
    with pytest.raises(ValueError, match="Kind of work must be one of: carpet") as caught:
        listing_schema_for("sculpture")
    assert caught.value.args[0].template == "%(label)s must be one of: %(choices)s."


def test_an_import_report_row_error_is_plain_json_in_english():
    (reason,) = _messages(CarpetSchema(), {"title_az": "Xalça", "width_cm": "0"})["width_cm"]
    row = RowError(row=2, field="width_cm", reason=reason, file="carpets.csv").to_dict()
    assert json.loads(json.dumps(row))["reason"] == "Width in cm must be between 1 and 5,000."
