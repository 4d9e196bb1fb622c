"""Lean marshmallow fields for flat input: forms, JSON and rows of CSV or XLSX files.

Every field accepts a string as well as its typed value (a CSV row is all strings), strips
surrounding spaces, and words its messages after a human label ("Width must be a whole
number."), so a message makes sense wherever it is shown. The messages are `Message`s, with
the label a Message of its own, so an interface can say them in its language. Each field
does its whole job in one `_deserialize` call instead of a chain of validators: the bulk
importer runs them on tens of thousands of rows a second. A message that depends only on the
field (its label, bounds, choices or places), not on the input, is built on the field's first
failure and then reused (a `cached_property`): a Message is never changed once made, so every
failure of the field can share it, and a file full of errors does not build them again.
"""

from __future__ import annotations

import re
from datetime import time, timedelta
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import cached_property
from typing import Any

from marshmallow import ValidationError, fields, missing

# export.hs needs only creative_market.exceptions, so importing it here makes no cycle.
from creative_market.exceptions import ValidationError as LibraryValidationError
from creative_market.export import hs
from creative_market.messages import Message, Number
from creative_market.validators import required_message

_TRUE = frozenset({"true", "1", "yes", "y", "on", "t", "bəli", "beli", "da", "да"})
_FALSE = frozenset({"false", "0", "no", "n", "off", "f", "xeyr", "net", "нет"})
_LIST_SEPARATORS = re.compile(r"\s*[,;]\s*")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class LabelledField(fields.Field):
    """A field whose messages name it in plain words."""

    def __init__(self, label: str, *, required: bool = False, missing_message: str | None = None,
                 **kwargs: Any) -> None:
        self.label = label
        self.named = Message(label)  # the label as a message's value, translated on its own
        message = missing_message or required_message(label)
        messages = {"required": message, "null": message}
        messages.update(kwargs.pop("error_messages", None) or {})
        if not required:
            kwargs.setdefault("load_default", None)
            kwargs.setdefault("allow_none", True)
        super().__init__(required=required, error_messages=messages, **kwargs)
        self._plain = not (self.validators or self.pre_load or self.post_load)

    def deserialize(self, value: Any, attr: str | None = None, data: Any = None,
                    **kwargs: Any) -> Any:
        """Blank (None, "" or spaces) counts as missing; then parse in one step."""
        if value is None or value is missing or (value.__class__ is str and not value.strip()):
            return self.value_when_blank()
        if not self._plain:
            return super().deserialize(value, attr, data, **kwargs)
        return self._deserialize(value, attr, data)

    def value_when_blank(self) -> Any:
        """The default of an optional field; a "required" error for a required one."""
        if self.required:
            raise self.make_error("required")
        default = self.load_default
        return default() if callable(default) else default

    def make_error(self, key: str, **kwargs: Any) -> ValidationError:
        """marshmallow's error for `key`; a Message stays a Message (no `str.format`)."""
        message = self.error_messages.get(key)
        if isinstance(message, Message):
            return ValidationError(message)
        return super().make_error(key, **kwargs)

    def fail(self, message: str) -> ValidationError:
        """A ValidationError carrying `message` for this field."""
        return ValidationError(message)


class Text(LabelledField):
    """A stripped string with a maximum length; blank counts as missing."""

    def __init__(self, label: str, max_length: int = 200, *, pattern: str | None = None,
                 pattern_message: str | None = None, **kwargs: Any) -> None:
        super().__init__(label, **kwargs)
        self.max_length = max_length
        self.pattern = re.compile(pattern) if pattern else None
        self.pattern_message = pattern_message or Message(
            "%(label)s is not in the expected form.", label=self.named)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str | None:
        if isinstance(value, str):
            text = value.strip()
        elif isinstance(value, int | Decimal | float) and not isinstance(value, bool):
            text = str(value)  # a number typed in a spreadsheet cell or a JSON file
        else:  # a list, an object, true/false: never text
            raise self.fail(self._not_text)
        if not text:
            if self.required:
                raise self.make_error("required")
            return self.load_default
        if len(text) > self.max_length:
            raise self.fail(self._too_long)
        if "\x00" in text:  # PostgreSQL cannot store it, and no one types it
            raise self.fail(self._nul)
        if self.pattern is not None and not self.pattern.match(text):
            raise self.fail(self.pattern_message)
        return text

    @cached_property
    def _too_long(self) -> Message:
        return Message("%(label)s is too long: at most %(maximum)s characters.",
                       label=self.named, maximum=Number(self.max_length))

    @cached_property
    def _not_text(self) -> Message:
        return Message("%(label)s must be text.", label=self.named)

    @cached_property
    def _nul(self) -> Message:
        return Message("%(label)s contains a NUL character (0x00); remove it.",
                       label=self.named)


class HsCode(Text):
    """An HS 2022 subheading ("5701.10" or "570110"), stored as its six digits."""

    def __init__(self, label: str = "HS code", **kwargs: Any) -> None:
        super().__init__(label, 12, **kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str | None:
        text = super()._deserialize(value, attr, data, **kwargs)
        if text is None:
            return None
        digits = re.sub(r"[\s.]", "", text)
        if not digits.isdigit() or len(digits) not in (2, 4, 6):
            raise self.fail(self._not_a_subheading)
        try:
            return hs.validate_subheading(digits)
        except LibraryValidationError as failure:
            raise self.fail(failure.messages["hs_code"][0]) from None

    @cached_property
    def _not_a_subheading(self) -> Message:
        return Message("%(label)s must be a 6-digit HS subheading, like 5701.10.",
                       label=self.named)


class Email(Text):
    """An e-mail address, stored lower-cased."""

    def __init__(self, label: str = "E-mail address", **kwargs: Any) -> None:
        super().__init__(label, 254, **kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str | None:
        text = super()._deserialize(value, attr, data, **kwargs)
        if text is not None and not _EMAIL.match(text):
            raise self.fail(self._not_an_address)
        return None if text is None else text.lower()

    @cached_property
    def _not_an_address(self) -> Message:
        return Message("%(label)s does not look like an e-mail address (name@example.az).",
                       label=self.named)


class Url(Text):
    """A web address starting with http:// or https://."""

    def __init__(self, label: str = "Website", **kwargs: Any) -> None:
        super().__init__(
            label, 300, pattern=r"^https?://[^\s/$.?#][^\s]*$",
            pattern_message=Message("%(label)s must be a web address starting with https://.",
                                    label=Message(label)), **kwargs,
        )


class Integer(LabelledField):
    """A whole number within optional bounds; accepts "12", 12 and 12.0."""

    def __init__(self, label: str, *, minimum: int | None = None, maximum: int | None = None,
                 **kwargs: Any) -> None:
        super().__init__(label, **kwargs)
        self.minimum, self.maximum = minimum, maximum

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> int:
        number = self._to_int(value)
        if (self.minimum is not None and number < self.minimum) or (
            self.maximum is not None and number > self.maximum
        ):
            raise self.fail(self._out_of_range)
        return number

    def _to_int(self, value: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        try:
            if isinstance(value, str):
                return int(value.strip().replace(" ", "").replace("_", ""))
            if isinstance(value, float | Decimal) and value == int(value):
                return int(value)
        except (ValueError, OverflowError, InvalidOperation):
            pass
        raise self.fail(self._not_whole)

    @cached_property
    def _not_whole(self) -> Message:
        return Message("%(label)s must be a whole number.", label=self.named)

    @cached_property
    def _out_of_range(self) -> Message:
        if self.maximum is None:
            if self.minimum == 1:
                return Message("%(label)s must be more than 0.", label=self.named)
            return Message("%(label)s must be at least %(minimum)s.", label=self.named,
                           minimum=Number(self.minimum))
        if self.minimum is None:
            return Message("%(label)s must be at most %(maximum)s.", label=self.named,
                           maximum=Number(self.maximum))
        return Message("%(label)s must be between %(minimum)s and %(maximum)s.",
                       label=self.named, minimum=Number(self.minimum),
                       maximum=Number(self.maximum))


class Duration(Integer):
    """A duration in seconds, given as seconds, "m:ss" / "h:mm:ss", or a spreadsheet time."""

    def _to_int(self, value: Any) -> int:
        if isinstance(value, time):  # a spreadsheet cell formatted as a time of day
            return value.hour * 3600 + value.minute * 60 + value.second
        if isinstance(value, timedelta):
            return int(value.total_seconds())
        if isinstance(value, str) and ":" in value:
            parts = value.strip().split(":")
            if 2 <= len(parts) <= 3 and all(p.isdigit() for p in parts):
                seconds = 0
                for part in parts:
                    seconds = seconds * 60 + int(part)
                return seconds
            raise self.fail(self._not_a_duration)
        return super()._to_int(value)

    @cached_property
    def _not_a_duration(self) -> Message:
        return Message("%(label)s must be seconds or minutes:seconds, like 4:05.",
                       label=self.named)


class Amount(LabelledField):
    """A positive Decimal with at most `places` decimals; floats are read via their text."""

    def __init__(self, label: str, *, places: int = 2, maximum: Decimal = Decimal("9999999999.99"),
                 allow_zero: bool = False, **kwargs: Any) -> None:
        super().__init__(label, **kwargs)
        self.places, self.maximum, self.allow_zero = places, maximum, allow_zero
        self.quantum = Decimal(1).scaleb(-places)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> Decimal:
        if isinstance(value, bool):
            raise self.fail(self._not_a_number)
        try:
            if isinstance(value, Decimal):
                number = value
            else:
                text = str(value).strip().replace(" ", "")
                if "," in text and "." not in text:
                    text = text.replace(",", ".")
                number = Decimal(text)
        except (InvalidOperation, ValueError):
            raise self.fail(self._not_a_number) from None
        if not number.is_finite():
            raise self.fail(self._not_a_number)
        if number < 0 or (number == 0 and not self.allow_zero):
            raise self.fail(self._not_positive)
        if number > self.maximum:
            raise self.fail(self._too_large)
        if number != number.quantize(self.quantum):
            raise self.fail(self._too_precise)
        return number.quantize(self.quantum)

    @cached_property
    def _not_a_number(self) -> Message:
        return Message("%(label)s must be a number, like 120.50.", label=self.named)

    @cached_property
    def _not_positive(self) -> Message:
        return Message("%(label)s must be more than 0.", label=self.named)

    @cached_property
    def _too_large(self) -> Message:
        return Message("%(label)s is too large.", label=self.named)

    @cached_property
    def _too_precise(self) -> Message:
        return Message("%(label)s can have at most %(places)s decimal places.",
                       label=self.named, places=self.places)


class Choice(LabelledField):
    """One member of a StrEnum, matched by value or name, case and spacing ignored."""

    def __init__(self, label: str, enum_cls: type[Enum], **kwargs: Any) -> None:
        super().__init__(label, **kwargs)
        self.enum_cls = enum_cls
        self.lookup: dict[str, Enum] = {}
        for member in enum_cls:
            self.lookup[member.value] = member
            self.lookup[_key(member.value)] = member
            self.lookup[_key(member.name)] = member
        self.choices = ", ".join(member.value for member in enum_cls)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> Enum:
        member = self.lookup.get(value) if isinstance(value, str) else None
        if member is None:
            member = self.lookup.get(_key(str(value)))
        if member is None:
            raise self.fail(self._not_a_choice)
        return member

    @cached_property
    def _not_a_choice(self) -> Message:
        return Message("%(label)s must be one of: %(choices)s.", label=self.named,
                       choices=self.choices)


class Currency(LabelledField):
    """An ISO 4217 code the marketplace trades in."""

    def __init__(self, label: str = "Currency", *, codes: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(label, **kwargs)
        self.codes = frozenset(codes)
        self.message = Message("%(label)s must be one of: %(choices)s.", label=self.named,
                               choices=", ".join(codes))

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str:
        code = str(value).strip().upper()
        if code not in self.codes:
            raise self.fail(self.message)
        return code


class Boolean(LabelledField):
    """Yes or no: True/False, 1/0, yes/no, on/off (also bəli/xeyr, да/нет)."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> bool:
        if value is True or value is False:
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise self.fail(self._not_yes_or_no)

    @cached_property
    def _not_yes_or_no(self) -> Message:
        return Message("%(label)s must be yes or no.", label=self.named)


class StringList(LabelledField):
    """A list of short strings, given as a list or as "a, b; c"; blanks and repeats dropped."""

    def __init__(self, label: str, *, max_items: int = 30, max_length: int = 60,
                 upper: bool = False, lower: bool = False, **kwargs: Any) -> None:
        if not kwargs.get("required"):
            kwargs.setdefault("load_default", list)
        super().__init__(label, **kwargs)
        self.max_items, self.max_length = max_items, max_length
        self.upper, self.lower = upper, lower

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> list[str]:
        if isinstance(value, str):
            items = _LIST_SEPARATORS.split(value.strip())
        elif isinstance(value, list | tuple | set | frozenset):
            items = [item if isinstance(item, str) else str(item) for item in value]
        else:
            raise self.fail(self._not_a_list)
        result: list[str] = []
        for item in items:
            text = item.strip()
            if self.upper:
                text = text.upper()
            elif self.lower:
                text = text.lower()
            if text and text not in result:
                if len(text) > self.max_length:
                    raise self.fail(Message(
                        "%(label)s: '%(item)s…' is too long (at most %(maximum)s).",
                        label=self.named, item=text[:20], maximum=self.max_length))
                result.append(text)
        if len(result) > self.max_items:
            raise self.fail(self._too_many_items)
        if not result and self.required:
            raise self.make_error("required")
        return result

    @cached_property
    def _not_a_list(self) -> Message:
        return Message("%(label)s must be a list or text separated by commas.",
                       label=self.named)

    @cached_property
    def _too_many_items(self) -> Message:
        return Message("%(label)s: at most %(maximum)s items.", label=self.named,
                       maximum=self.max_items)


def _key(text: str) -> str:
    return text.strip().lower().replace("-", "_").replace(" ", "_")
