"""The library's messages in the interface language.

The library speaks English. Every library message that reaches a page passes through
`translate_message` (or `translate_messages` for field -> reasons, `error_text` for an
exception), which tries in turn:

1. a `creative_market.messages.Message`: its template is the catalogue key, its values are
   filled in afterwards (themselves translated when they are Messages or vocabulary, and
   written the language's way when they are `Number`s); a template the catalogue does not
   translate (in English) leaves the library's sentence as it is;
2. the sentence word for word (`library_words.KNOWN_MESSAGES`).

Anything else stays in English.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Any

from flask_babel import gettext

from creative_market.exceptions import CreativeMarketError, InvalidTransitionError
from creative_market.messages import Message, Number
from creative_market.money import Money
from storefront.main.labels import LABELS, label
from storefront.main.templating import format_amount, format_money, format_number

_STATUS_VOCABULARIES = ("ListingStatus", "OrderStatus", "LineStatus", "OfferStatus",
                        "PayoutStatus", "ShipmentStatus")


def translate_message(text: Any) -> Any:
    """`text` in the interface language when the catalogue knows it, else as it is."""
    if not text or not isinstance(text, str):
        return text
    if isinstance(text, Message):
        words = gettext(text.template)
        if words == text.template:  # English, or not in the catalogue: the library's sentence
            return text
        values = {name: _translated_value(value) for name, value in text.values.items()}
        return words % values if values else words
    return gettext(text)


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
    if isinstance(error, InvalidTransitionError) and not isinstance(error.message, Message):
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
    if isinstance(value, Number):  # 100,000 in English, 100.000 in az; plain ints stay
        return format_number(int(value))
    if isinstance(value, Money):  # 2.00 AZN in English is 2,00 ₼ in az
        return format_money(value)
    if isinstance(value, Decimal):  # 10.800 kg in English is 10,800 kq in az, not 10 800
        return format_amount(value, decimals=max(0, -int(value.as_tuple().exponent)))
    if isinstance(value, list | tuple):
        return " ".join(str(_translated_value(item)) for item in value)
    return value

