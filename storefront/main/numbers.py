"""Numbers typed into forms the way the page's language writes them, made plain for schemas.

The library's schemas read plain numbers ("1234.50"). People on az and ru pages, which show
numbers as "1.234,50" (az) and "1 234,50" (ru), type a decimal comma. The rule:

* az and ru: a comma is the decimal separator; spaces (also non-breaking) and, before a
  comma, dots separate groups of three digits. Without a comma a dot stays the decimal
  point ("1.7000" as the placeholders show it).
* en: a dot is the decimal separator; commas and spaces separate groups of three digits.
  A comma anywhere else ("1,7000", "40,5") is refused by the schema, not guessed at.

Anything that does not follow the rule is passed on unchanged, so the schema's own message
("must be a number such as 12.50") names the field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from types import ModuleType

from marshmallow import Schema, fields

SPACES = " \u00a0\u202f\u2009"
_NUMBER = re.compile(r"([+-]?)(\d[\d" + SPACES + r".,]*)")


def plain_number(text: str, language: str) -> str:
    """`text` as a plain number ("1234.5") if it is one in `language`'s way, else unchanged."""
    match = _NUMBER.fullmatch(text.strip())
    if match is None:
        return text
    sign, body = match.groups()
    if language == "en":
        mark, groups = ".", "," + SPACES
    else:
        mark = "," if "," in body else "."
        groups = SPACES + ("." if mark == "," else "")
    whole, _, fraction = body.partition(mark)
    if fraction and not fraction.isdigit():
        return text
    if any(separator in whole for separator in groups):
        pattern = r"\d{1,3}(?:[" + re.escape(groups) + r"]\d{3})+"
        if re.fullmatch(pattern, whole) is None:
            return text
        whole = re.sub("[" + re.escape(groups) + "]", "", whole)
    if not whole.isdigit():
        return text
    return f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}"


def plain_numbers(form: Mapping[str, str], names: Iterable[str], language: str) -> dict:
    """The form with the values of the number fields `names` made plain (see `plain_number`)."""
    wanted = set(names)
    return {key: plain_number(value, language) if key in wanted and isinstance(value, str)
            else value for key, value in form.items()}


@cache
def number_fields(module: ModuleType) -> frozenset[str]:
    """The names of the number fields (decimal or integer) of every schema in `module`."""
    return frozenset(
        name for schema in vars(module).values()
        if isinstance(schema, type) and issubclass(schema, Schema)
        for name, field in schema._declared_fields.items() if isinstance(field, fields.Number))
