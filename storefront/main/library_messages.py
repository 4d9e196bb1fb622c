"""The library's messages in the interface language.

The library speaks English. Every library message that reaches a page passes through
`translate_message` (or `translate_messages` for field -> reasons, `error_text` for an
exception), which tries in turn:

1. a `creative_market.messages.Message`: its template is the catalogue key, its values are
   filled in afterwards (themselves translated when they are Messages or vocabulary);
2. the sentence word for word (`library_words.KNOWN_MESSAGES`);
3. the sentences built around a field's name (`library_words.FIELD_TEMPLATES`), with the
   name translated on its own.

Anything else stays in English.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import cache
from typing import Any

from flask_babel import gettext

from creative_market.exceptions import CreativeMarketError, InvalidTransitionError
from creative_market.messages import Message
from storefront.main.labels import LABELS, label
from storefront.main.library_words import FIELD_TEMPLATES
from storefront.main.templating import format_number

# A number the English sentence wrote with thousands separators ("100,000"), to be written
# the locale's way; plain digits ("1500", a year) stay as they are.
_NUMBER = re.compile(r"^-?\d{1,3}(,\d{3})+$")
_STATUS_VOCABULARIES = ("ListingStatus", "OrderStatus", "LineStatus", "OfferStatus",
                        "PayoutStatus", "ShipmentStatus")


def translate_message(text: Any) -> Any:
    """`text` in the interface language when the catalogue knows it, else as it is."""
    if not text or not isinstance(text, str):
        return text
    if isinstance(text, Message):
        values = {name: _translated_value(value) for name, value in text.values.items()}
        return gettext(text.template, **values)
    translated = gettext(text)
    if translated != text:
        return translated
    return _translate_by_template(text)


def translate_messages(messages: dict) -> dict:
    """Field -> reasons with every reason translated where possible."""
    translated: dict = {}
    for field, reasons in messages.items():
        if isinstance(reasons, dict):
            translated[field] = translate_messages(reasons)
        elif isinstance(reasons, list | tuple):
            translated[field] = [translate_message(r) for r in reasons]
        else:
            translated[field] = translate_message(reasons)
    return translated


def error_text(error: CreativeMarketError) -> str:
    """What a library error says, in the interface language, as one line for a flash."""
    if isinstance(error, InvalidTransitionError):
        return gettext("This cannot change from “%(current)s” to “%(target)s”.",
                       current=_status_label(error.current), target=_status_label(error.target))
    messages = getattr(error, "messages", None)
    if messages:
        return " ".join(_reasons(translate_messages(messages)))
    return translate_message(error.message)


def _reasons(messages: Any) -> list[str]:
    if isinstance(messages, dict):
        return [reason for value in messages.values() for reason in _reasons(value)]
    if isinstance(messages, list | tuple):
        return [reason for value in messages for reason in _reasons(value)]
    return [str(messages)]


def _status_label(value: str) -> str:
    for vocabulary in _STATUS_VOCABULARIES:
        if value in LABELS[vocabulary]:
            return label(value, vocabulary)
    return value


def _translated_value(value: Any) -> Any:
    if isinstance(value, Message):
        return translate_message(value)
    if isinstance(value, Enum):
        return label(value)
    if isinstance(value, list | tuple):
        return " ".join(str(_translated_value(item)) for item in value)
    return value


@cache
def _template_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each field template as a regular expression with a named group per value."""
    patterns = []
    for template in FIELD_TEMPLATES:
        parts = re.split(r"%\((\w+)\)s", template)
        regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)"
                        for i, part in enumerate(parts))
        patterns.append((re.compile(f"^{regex}$"), template))
    return tuple(patterns)


def _translate_by_template(text: str) -> str:
    for pattern, template in _template_patterns():
        match = pattern.match(text)
        if match is None:
            continue
        values = match.groupdict()
        field_name = values.get("label")
        if field_name is not None:
            values["label"] = gettext(field_name)
        for name, value in values.items():
            if name != "label" and _NUMBER.match(value):
                values[name] = format_number(int(value.replace(",", "")))
        return gettext(template, **values)
    return text
