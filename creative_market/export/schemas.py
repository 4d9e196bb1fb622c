"""Marshmallow schemas for export input: shipments, packages, customs items, certificates,
programmes and exchange rates. `load(schema, data)` returns clean values or raises the
marketplace's ValidationError with field-level messages.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from marshmallow import EXCLUDE, Schema, fields, validate, validates, validates_schema
from marshmallow import ValidationError as SchemaError

from creative_market.exceptions import ValidationError
from creative_market.export import hs
from creative_market.export.countries import HOME_COUNTRY, is_country_code
from creative_market.export.incoterms import INCOTERMS_2020
from creative_market.messages import Message
from creative_market.money import SUPPORTED_CURRENCIES
from creative_market.validators import (
    Between,
    Length,
    Range,
    missing_messages,
    required_message,
)

#: Ids are 32-bit integers in the database (PostgreSQL `integer`): larger numbers would fail
#: in the driver, so they are refused as "no such thing" before any query.
MAX_DATABASE_ID = 2**31 - 1


def is_database_id(value: int) -> bool:
    """Whether `value` can be the id of a row (1 to 2**31 - 1)."""
    return 1 <= value <= MAX_DATABASE_ID


def _text(label: str, longest: int) -> list[Any]:
    too_long = Message("%(label)s is at most %(maximum)s characters.", label=Message(label),
                       maximum=longest)

    def written(value: str) -> None:  # only spaces is not written either
        if not value.strip():
            raise SchemaError([required_message(label)])

    return [written, Length(max=longest, error=too_long)]


def _country(label: str, **kwargs: Any) -> fields.String:
    return fields.String(error_messages=missing_messages(label), **kwargs)


def _check_country(value: str) -> None:
    if not is_country_code(value):
        raise SchemaError(Message("'%(code)s' is not an ISO country code such as DE or RU.",
                                  code=value))


def _decimal(label: str, **kwargs: Any) -> fields.Decimal:
    not_a_number = Message("%(label)s must be a number such as 12.50.", label=Message(label))
    messages = {**missing_messages(label), "invalid": [not_a_number],  # a list: see validators
                "special": [not_a_number]}
    return fields.Decimal(as_string=False, error_messages=messages, **kwargs)


#: Bounds of the export numbers, after their columns: Numeric(8, 1) cm, Numeric(10, 3) kg,
#: Numeric(12, 2) money, Numeric(14, 6) exchange rates, 32-bit integer quantities.
CM = (Decimal("0.1"), 10_000)
KG = (Decimal("0.001"), 100_000)
UNIT_VALUE = (Decimal("0.01"), 100_000_000)
COSTS = (0, 10_000_000)
QUANTITY = (1, 1_000_000)
RATE = (Decimal("0.000001"), 100_000)
#: How goods travel; only "post" adds a CN23 to the documents.
TRANSPORT_MODES = ("post", "courier", "air", "road", "rail", "sea")


class _Base(Schema):
    class Meta:
        unknown = EXCLUDE


class ShipmentSchema(_Base):
    """Who ships what where, on which Incoterm."""

    consignee_name = fields.String(
        required=True, validate=_text("Consignee", 200),
        error_messages=missing_messages("Consignee"),
    )
    consignee_address = fields.String(
        required=True, validate=_text("Address", 1000), error_messages=missing_messages("Address")
    )
    destination_country = _country("Destination country", required=True)
    incoterm = fields.String(required=True, error_messages=missing_messages("Incoterm"))
    incoterm_place = fields.String(
        required=True, validate=_text("Named place", 120),
        error_messages=missing_messages("Named place"),
    )
    currency = fields.String(load_default="AZN")
    transport = fields.String(load_default="post")
    exporter_address = fields.String(load_default="", validate=Length(0, 1000))
    exporter_tax_id = fields.String(load_default=None, allow_none=True,
                                    validate=Length(0, 20))
    freight_cost = _decimal("Freight cost", load_default=0,
                            validate=Between("Freight cost", *COSTS))
    insurance_cost = _decimal("Insurance cost", load_default=0,
                              validate=Between("Insurance cost", *COSTS))

    @validates("transport")
    def _transport(self, value: str, **_: Any) -> None:
        if value.strip().lower() not in TRANSPORT_MODES:
            raise SchemaError([Message("'%(value)s' is not a transport mode; use one of "
                                       "%(modes)s.", value=value,
                                       modes=", ".join(TRANSPORT_MODES))])

    @validates("destination_country")
    def _destination(self, value: str, **_: Any) -> None:
        _check_country(value)
        if value.upper() == HOME_COUNTRY:
            raise SchemaError("A shipment for export goes to a country other than Azerbaijan.")

    @validates("incoterm")
    def _incoterm(self, value: str, **_: Any) -> None:
        if value.strip().upper() not in INCOTERMS_2020:
            raise SchemaError(Message(
                "'%(value)s' is not an Incoterms 2020 rule; use one of %(rules)s.",
                value=value, rules=", ".join(INCOTERMS_2020)))

    @validates("currency")
    def _currency(self, value: str, **_: Any) -> None:
        if value.upper() not in SUPPORTED_CURRENCIES:
            raise SchemaError(Message("Use one of %(codes)s.",
                                      codes=", ".join(SUPPORTED_CURRENCIES)))


class OrderShipmentSchema(_Base):
    """Which order and which of its sellers a shipment is made from (a form's first fields)."""

    order = fields.String(required=True, validate=_text("Order reference", 20),
                          error_messages=missing_messages("Order reference"))
    seller = fields.String(required=True, validate=_text("Seller", 120),
                           error_messages=missing_messages("Seller"))


class PackageSchema(_Base):
    """A parcel's outer dimensions (cm) and weights (kg)."""

    length_cm = _decimal("Length", required=True, validate=Between("Length", *CM))
    width_cm = _decimal("Width", required=True, validate=Between("Width", *CM))
    height_cm = _decimal("Height", required=True, validate=Between("Height", *CM))
    gross_weight_kg = _decimal("Gross weight", required=True,
                               validate=Between("Gross weight", *KG))
    net_weight_kg = _decimal("Net weight", required=True, validate=Between("Net weight", *KG))


class CustomsItemSchema(_Base):
    """A line of the customs declaration."""

    description = fields.String(
        required=True, validate=_text("Description", 300),
        error_messages=missing_messages("Description"),
    )
    hs_code = fields.String(required=True, error_messages=missing_messages("HS code"))
    origin_country = fields.String(load_default=HOME_COUNTRY)
    quantity = fields.Integer(
        required=True, strict=False, validate=Between("Quantity", *QUANTITY),
        error_messages=missing_messages("Quantity"),
    )
    net_weight_kg = _decimal("Net weight", required=True, validate=Between("Net weight", *KG))
    unit_value = _decimal("Unit value", required=True,
                          validate=Between("Unit value", *UNIT_VALUE))
    currency = fields.String(load_default="AZN")
    year_made = fields.Integer(load_default=None, allow_none=True, strict=False,
                               validate=Range(1000, 2100))
    package_number = fields.Integer(load_default=None, allow_none=True, strict=False)

    @validates("hs_code")
    def _hs_code(self, value: str, **_: Any) -> None:
        try:
            hs.validate_subheading(value)
        except ValidationError as error:
            raise SchemaError(error.messages["hs_code"]) from error

    @validates("origin_country")
    def _origin(self, value: str, **_: Any) -> None:
        _check_country(value)


class CulturalCertificateSchema(_Base):
    """The number and date of the Ministry of Culture's export certificate."""

    certificate_number = fields.String(
        required=True, validate=_text("Certificate number", 60),
        error_messages=missing_messages("Certificate number"),
    )
    issued_on = fields.Date(
        required=True,
        error_messages={**missing_messages("Date of issue"),
                        "invalid": "Give the date as YYYY-MM-DD."},
    )


# Reports compare a period with the one before it: keep both inside the calendar (the
# periods of programmes too, since reports use them).
_REPORT_YEARS = validate.Range(
    min=date(1900, 1, 1), max=date(2199, 12, 31),
    error="Give a date between 1900-01-01 and 2199-12-31.",
)


class ProgrammeSchema(_Base):
    """An export programme: name, period, target markets."""

    name = fields.String(required=True, validate=_text("Name", 200),
                         error_messages=missing_messages("Name"))
    agency = fields.String(load_default="", validate=Length(0, 200))
    description = fields.String(load_default="")
    starts_on = fields.Date(required=True, validate=_REPORT_YEARS,
                            error_messages={**missing_messages("Start"),
                                            "invalid": "Give the date as YYYY-MM-DD."})
    ends_on = fields.Date(required=True, validate=_REPORT_YEARS,
                          error_messages={**missing_messages("End"),
                                          "invalid": "Give the date as YYYY-MM-DD."})
    target_markets = fields.List(fields.String(), load_default=list)

    @validates("target_markets")
    def _markets(self, value: list[str], **_: Any) -> None:
        bad = [code for code in value if not is_country_code(code)]
        if bad:
            raise SchemaError(Message("Not ISO country codes: %(codes)s.",
                                      codes=", ".join(bad)))
        if any(code.strip().upper() == HOME_COUNTRY for code in value):
            raise SchemaError([Message("Target markets are abroad: Azerbaijan (AZ) cannot "
                                       "be one.")])


class ExchangeRateSchema(_Base):
    """Manat per unit of a foreign currency from a date on."""

    currency = fields.String(required=True, error_messages=missing_messages("Currency"))
    valid_from = fields.Date(required=True, error_messages={**missing_messages("Date"),
                             "invalid": "Give the date as YYYY-MM-DD."})
    azn_per_unit = _decimal("Rate", required=True, validate=Between("Rate", *RATE))
    source = fields.String(load_default="", validate=Length(0, 120))

    @validates("currency")
    def _currency(self, value: str, **_: Any) -> None:
        if value.upper() == "AZN" or value.upper() not in SUPPORTED_CURRENCIES:
            others = [c for c in SUPPORTED_CURRENCIES if c != "AZN"]
            raise SchemaError(Message("Give a rate for one of %(codes)s.",
                                      codes=", ".join(others)))


class ReportQuerySchema(_Base):
    """What a report page or download asks for: dimension, period and/or programme."""

    by = fields.String(load_default="cluster", validate=validate.OneOf(
        ["cluster", "region", "destination", "hs_chapter", "category", "flow", "seller"],
        error="Choose cluster, region, destination, hs_chapter, category, flow or seller."))
    starts_on = fields.Date(data_key="from", load_default=None, validate=_REPORT_YEARS,
                            error_messages={"invalid": "Give the date as YYYY-MM-DD."})
    ends_on = fields.Date(data_key="to", load_default=None, validate=_REPORT_YEARS,
                          error_messages={"invalid": "Give the date as YYYY-MM-DD."})
    programme = fields.Integer(
        load_default=None, allow_none=True, strict=False,
        validate=validate.Range(1, MAX_DATABASE_ID,
                                error="There is no programme with this number."),
        error_messages={"invalid": "Choose a programme from the list."})

    @validates_schema
    def _period(self, data: dict[str, Any], **_: Any) -> None:
        start, end = data.get("starts_on"), data.get("ends_on")
        if data.get("programme") is None and (start is None or end is None):
            raise SchemaError("Give a period (from and to) or choose a programme.", "from")
        if start and end and end < start:
            raise SchemaError("The period ends before it starts.", "to")


def load(schema: Schema, data: dict[str, Any]) -> dict[str, Any]:
    """Validate `data` with `schema`; raise ValidationError with field messages on failure."""
    try:
        return schema.load(data)
    except SchemaError as error:
        messages = error.messages
        if not isinstance(messages, dict):
            messages = {"_schema": messages}
        raise ValidationError(messages) from error
