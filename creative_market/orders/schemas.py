"""Marshmallow schemas for order input: buyer, lines, shipping address, fulfilment.

`load_order_request` turns the raw input of `place_order` into clean values or raises the
marketplace's ValidationError with field-level messages (`lines.0.quantity`, ...).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import EXCLUDE, Schema, fields, validates_schema
from marshmallow import ValidationError as SchemaError

from creative_market.catalog.fields import Email, Text
from creative_market.catalog.licensing import iso_country_codes
from creative_market.exceptions import ValidationError
from creative_market.messages import Message
from creative_market.money import SUPPORTED_CURRENCIES
from creative_market.text import DEFAULT_LANGUAGE, LANGUAGES
from creative_market.validators import Length, OneOf, Range, missing_messages


def _check_country(code: str) -> None:
    if code.strip().upper() not in iso_country_codes():
        raise SchemaError("Give a country's two-letter ISO code, e.g. AZ, TR or DE.")


class ShippingAddressSchema(Schema):
    """Where physical goods go; `country` is an ISO 3166 alpha-2 code."""

    class Meta:
        unknown = EXCLUDE

    recipient = Text("Recipient", 200, required=True)
    line1 = Text("Address", 200, required=True)
    line2 = Text("Address, second line", 200)
    city = Text("City", 100, required=True)
    postal_code = Text("Postal code", 20)
    country = Text("Country", 100, required=True, validate=_check_country)
    phone = Text("Phone", 40)


class OrderLineRequestSchema(Schema):
    """A physical product and quantity, or a licence offer with the licensee's name."""

    class Meta:
        unknown = EXCLUDE

    product_id = fields.Integer(load_default=None, allow_none=True, strict=False)
    quantity = fields.Integer(
        load_default=1, validate=Range(1, 1000, error="Quantity must be 1 to 1000.")
    )
    offer_id = fields.Integer(load_default=None, allow_none=True, strict=False)
    licensee_name = Text("Licensee", 200)  # required for a licence, see _one_kind
    licensee_company = Text("Licensee's company", 200)
    amount = fields.Decimal(
        load_default=None, allow_none=True, places=2, as_string=False,
        error_messages={"invalid": "Amount must be a number such as 25.00."},
    )

    @validates_schema
    def _one_kind(self, data: dict[str, Any], **_: Any) -> None:
        has_product = data.get("product_id") is not None
        has_offer = data.get("offer_id") is not None
        if has_product == has_offer:
            raise SchemaError("Give either a product or a licence offer.", "_schema")
        if has_offer and not (data.get("licensee_name") or "").strip():
            raise SchemaError("A licence needs the licensee's name.", "licensee_name")
        if has_offer and data.get("quantity", 1) != 1:
            raise SchemaError("A licence line is for one licence.", "quantity")
        amount = data.get("amount")
        if amount is not None and amount <= Decimal(0):
            raise SchemaError("Amount must be more than zero.", "amount")


class PlaceOrderSchema(Schema):
    """Everything `place_order` needs from the buyer."""

    class Meta:
        unknown = EXCLUDE

    buyer_name = Text("Your name", 200, required=True)
    buyer_email = Email("Email", required=True)
    currency = fields.String(
        required=True,
        validate=OneOf(SUPPORTED_CURRENCIES, error=Message(
            "Choose one of %(choices)s.", choices=", ".join(SUPPORTED_CURRENCIES))),
        error_messages=missing_messages("Currency"),
    )
    lines = fields.List(
        fields.Nested(OrderLineRequestSchema),
        required=True,
        validate=Length(1, 100, error="An order has 1 to 100 lines."),
        error_messages=missing_messages("Lines"),
    )
    shipping_address = fields.Nested(ShippingAddressSchema, load_default=None, allow_none=True)
    buyer_country = Text("Country you live in", 100, validate=_check_country)
    language = fields.String(
        load_default=DEFAULT_LANGUAGE,
        validate=OneOf(LANGUAGES, error=Message("Choose one of the languages %(choices)s.",
                                                choices=", ".join(LANGUAGES))),
    )


class ShipLinesSchema(Schema):
    """A seller's shipping notice: carrier and tracking number."""

    carrier = Text("Carrier", 80, required=True)
    tracking_number = Text("Tracking number", 80, required=True)


def load_with(schema: Schema, data: dict[str, Any]) -> dict[str, Any]:
    """Load `data` with `schema`, raising the marketplace's ValidationError on bad input."""
    if isinstance(data.get("currency"), str):
        data = {**data, "currency": data["currency"].strip().upper()}
    try:
        return schema.load(data)
    except SchemaError as error:
        raise ValidationError(error.normalized_messages()) from error


PLACE_ORDER_SCHEMA = PlaceOrderSchema()
SHIP_LINES_SCHEMA = ShipLinesSchema()
