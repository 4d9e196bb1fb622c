"""The flat fields under the schemas: what each accepts from strings, numbers and lists."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

import pytest
from marshmallow import Schema, ValidationError

from creative_market.catalog.enums import CarpetTechnique
from creative_market.catalog.fields import (
    Amount,
    Boolean,
    Choice,
    Duration,
    Integer,
    StringList,
    Text,
)
from creative_market.catalog.schemas import FlatSchema


class Sample(FlatSchema):
    name = Text("Name", 10, required=True)
    count = Integer("Count", minimum=0, maximum=10)
    price = Amount("Price")
    length = Duration("Length", minimum=1)
    technique = Choice("Technique", CarpetTechnique)
    gift = Boolean("Gift", load_default=False)
    tags = StringList("Tags", max_items=3, max_length=5)


def load(**values):
    return Sample().load({"name": "x", **values})


def error(**values) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        load(**values)
    (messages,) = caught.value.messages.values()
    return messages


@pytest.mark.parametrize("given", [3, "3", " 3 ", 3.0, Decimal("3")])
def test_integers_from_numbers_and_text(given):
    assert load(count=given)["count"] == 3


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("3.5", "Count must be a whole number."),
        (3.5, "Count must be a whole number."),
        (True, "Count must be a whole number."),
        ("eleven", "Count must be a whole number."),
        ("11", "Count must be between 0 and 10."),
        ("-1", "Count must be between 0 and 10."),
    ],
)
def test_integer_messages(given, message):
    assert error(count=given) == [message]


@pytest.mark.parametrize(
    ("given", "amount"),
    [("12", "12.00"), ("12,5", "12.50"), (" 1 200.5 ", "1200.50"), (12.1, "12.10"),
     (Decimal("3.10"), "3.10"), (7, "7.00")],
)
def test_amounts_are_decimals_quantized_to_cents(given, amount):
    value = load(price=given)["price"]
    assert isinstance(value, Decimal) and str(value) == amount


@pytest.mark.parametrize(
    ("given", "words"),
    [("NaN", "must be a number"), ("Infinity", "must be a number"), (True, "must be a number"),
     ("1e30", "too large"), ("-3", "more than 0"), ("0.001", "2 decimal places")],
)
def test_amount_messages(given, words):
    assert words in error(price=given)[0]


@pytest.mark.parametrize(
    ("given", "seconds"),
    [("75", 75), ("1:15", 75), ("1:00:00", 3600), (9, 9), (time(0, 4, 5), 245),
     (timedelta(minutes=2), 120)],
)
def test_durations_from_seconds_or_clock_text(given, seconds):
    assert load(length=given)["length"] == seconds


def test_duration_message_says_how_to_write_it():
    assert "like 4:05" in error(length="1:x")[0]


@pytest.mark.parametrize(
    "given", ["knotted_pile", "Knotted pile", "KNOTTED-PILE", " knotted_pile "]
)
def test_choices_ignore_case_and_spacing(given):
    assert load(technique=given)["technique"] is CarpetTechnique.KNOTTED_PILE


@pytest.mark.parametrize(("given", "expected"), [
    ("yes", True), ("No", False), ("1", True), (0, False), ("bəli", True), ("нет", False),
    (True, True),
])
def test_booleans_in_three_languages(given, expected):
    assert load(gift=given)["gift"] is expected


def test_boolean_message():
    assert error(gift="perhaps") == ["Gift must be yes or no."]


def test_lists_from_text_or_lists_without_blanks_or_repeats():
    assert load(tags="a, b;c,, a")["tags"] == ["a", "b", "c"]
    assert load(tags=["a", " b ", "", 7])["tags"] == ["a", "b", "7"]
    assert load()["tags"] == []
    assert "at most 3 items" in error(tags="a,b,c,d")[0]
    assert "too long" in error(tags="abcdef")[0]
    assert "list or text" in error(tags=5)[0]


def test_blank_means_missing_and_text_is_stripped():
    assert load(name="  Xalça  ", count="", price=None, technique="   ") == {
        "name": "Xalça", "count": None, "price": None, "length": None, "technique": None,
        "gift": False, "tags": [],
    }
    assert error(name="  ") == ["Name is required."]
    assert error(name="x" * 11) == ["Name is too long: at most 10 characters."]


def test_the_general_marshmallow_path_gives_the_same_result():
    """Loading many rows goes through marshmallow's own loop; results must not differ."""
    rows = [{"name": "a", "count": "2", "price": "1,5"}, {"name": "b", "gift": "yes"}]
    assert Sample().load(rows, many=True) == [Sample().load(row) for row in rows]
    assert Sample().load({"count": "2", "price": ""}, partial=True) == {"count": 2, "price": None}


def test_plain_marshmallow_fields_still_work_in_a_flat_schema():
    from marshmallow import fields

    class Mixed(FlatSchema):
        note = fields.String(required=True)

    assert Mixed().load({"note": "hi"}) == {"note": "hi"}
    with pytest.raises(ValidationError):
        Mixed().load({"note": None})
    assert issubclass(Mixed, Schema)


def test_a_field_fails_the_same_way_each_time_and_still_names_the_input():
    """A field's fixed messages are equal on every failure; one made from the input says it."""
    schema = Sample()

    def reasons(**values) -> dict:
        with pytest.raises(ValidationError) as caught:
            schema.load({"name": "x", **values})
        return caught.value.messages

    first = reasons(count="11", price="-3", technique="loom")
    second = reasons(count="-1", price="0", technique="brush")
    for name in ("count", "price", "technique"):
        (one,), (other,) = first[name], second[name]
        assert (one, one.template, one.values) == (other, other.template, other.values)
    assert first["count"] == ["Count must be between 0 and 10."]
    assert reasons(tags="abcdef")["tags"] == ["Tags: 'abcdef…' is too long (at most 5)."]
    assert reasons(tags="ghijklm")["tags"] == ["Tags: 'ghijklm…' is too long (at most 5)."]
