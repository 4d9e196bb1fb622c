"""marshmallow's validators and "required" messages, said as `Message`s.

The English stays marshmallow's word for word; a Message also keeps its template, so an
interface can translate it. marshmallow runs `str.format` over a message that is a `str`
(which would turn a Message into a plain string), so these validators build their
Message themselves and `missing_messages` hands marshmallow its message inside a list.
`Between` is a range that names its field ("Weight must be at most 100,000.").
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import ValidationError as SchemaError
from marshmallow import validate

from creative_market.messages import Message, Number


def required_message(label: str) -> Message:
    """"<label> is required.", with the label a Message of its own."""
    return Message("%(label)s is required.", label=Message(label))


def missing_messages(label: str) -> dict[str, list[Message]]:
    """`error_messages` of a plain marshmallow field saying "<label> is required."."""
    message = [required_message(label)]  # a list: marshmallow leaves it unformatted
    return {"required": message, "null": message}


class Length(validate.Length):
    """marshmallow's Length; an `error` that is a Message is said as it is."""

    def _format_error(self, value: Any, message: str) -> str:
        if isinstance(self.error, Message):
            return self.error
        if self.error is not None:
            return super()._format_error(value, message)
        if self.equal is not None:
            return Message("Length must be %(equal)s.", equal=self.equal)
        if self.max is None:
            return Message("Shorter than minimum length %(minimum)s.", minimum=self.min)
        if self.min is None:
            return Message("Longer than maximum length %(maximum)s.", maximum=self.max)
        return Message("Length must be between %(minimum)s and %(maximum)s.",
                       minimum=self.min, maximum=self.max)


class Range(validate.Range):
    """marshmallow's Range with inclusive bounds; an `error` Message is said as it is."""

    def __init__(self, min: Any = None, max: Any = None, *,
                 error: str | None = None) -> None:
        super().__init__(min, max, error=error)

    def _format_error(self, value: Any, message: str) -> str:
        if isinstance(self.error, Message):
            return self.error
        if self.error is not None:
            return super()._format_error(value, message)
        if self.max is None:
            return Message("Must be greater than or equal to %(minimum)s.", minimum=self.min)
        if self.min is None:
            return Message("Must be less than or equal to %(maximum)s.", maximum=self.max)
        return Message("Must be greater than or equal to %(minimum)s and less than or equal "
                       "to %(maximum)s.", minimum=self.min, maximum=self.max)


class OneOf(validate.OneOf):
    """marshmallow's OneOf; an `error` Message is said as it is."""

    def _format_error(self, value: Any) -> str:
        if isinstance(self.error, Message):
            return self.error
        if self.error is not self.default_message:
            return super()._format_error(value)
        return Message("Must be one of: %(choices)s.", choices=self.choices_text)


def _bound(value: Decimal | int) -> Number | str:
    """A bound as a message shows it: whole numbers with separators (Number), else as typed."""
    return Number(value) if value == int(value) else str(value)


class Between(validate.Validator):
    """A number from `minimum` to `maximum` (both allowed), said with the field's label.

    The bounds follow the column: the minimum is the smallest positive value its scale
    holds (a smaller one would round to zero), the maximum a realistic one well inside
    its precision, so PostgreSQL never rounds to zero nor overflows.
    """

    def __init__(self, label: str, minimum: Decimal | int, maximum: Decimal | int) -> None:
        self.label, self.minimum, self.maximum = Message(label), minimum, maximum

    def __call__(self, value: Any) -> Any:
        if value < self.minimum:
            if self.minimum == 0:
                raise SchemaError([Message("%(label)s cannot be negative.", label=self.label)])
            raise SchemaError([Message("%(label)s must be at least %(minimum)s.",
                                       label=self.label, minimum=_bound(self.minimum))])
        if value > self.maximum:
            raise SchemaError([Message("%(label)s must be at most %(maximum)s.",
                                       label=self.label, maximum=_bound(self.maximum))])
        return value
