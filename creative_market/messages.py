"""Messages that remember how they were made, so an interface can say them in its language.

The library speaks English. A `Message` is an ordinary `str` (the English sentence), and it
also keeps its %-style template and the values put into it::

    Message("There is no order %(reference)s.", reference="CM-2026-000001")
    # == "There is no order CM-2026-000001."; .template and .values stay available

An interface (the storefront, through gettext) looks the template up in its catalogue and
fills in the values, translating those that are Messages or vocabulary members themselves.
No translation happens here: the library needs no catalogue and no web framework.
A value that is a `Number` is a count the English writes with thousands separators
("100,000"); an interface writes it its own way. A plain int (a year, 1500) stays as it is.
"""

from __future__ import annotations

from enum import Enum
from typing import Any


class Message(str):
    """English text that keeps its template (a stable key) and the values filled into it."""

    template: str
    values: dict[str, Any]

    def __new__(cls, template: str, **values: Any) -> Message:
        text = template % {name: _english(value) for name, value in values.items()} \
            if values else template
        message = super().__new__(cls, text)
        message.template = template
        message.values = values
        return message


class Number(int):
    """A whole number that the English writes with thousands separators: 100,000."""

    def __str__(self) -> str:
        return f"{int(self):,}"


def _english(value: Any) -> Any:
    """A value as the English sentence shows it: enum values, lists joined by spaces."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return " ".join(str(_english(item)) for item in value)
    return value
