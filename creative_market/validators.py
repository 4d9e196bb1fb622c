"""marshmallow's validators and "required" messages, said as `Message`s.

The English stays marshmallow's word for word; a Message also keeps its template, so an
interface can translate it. marshmallow runs `str.format` over a message that is a `str`
(which would turn a Message into a plain string), so these validators build their
Message themselves and `missing_messages` hands marshmallow its message inside a list.
"""

from __future__ import annotations

from typing import Any

from marshmallow import validate

from creative_market.messages import Message


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
