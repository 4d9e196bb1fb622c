"""The library's messages people meet most often, marked here so translators see them.

The library speaks English; the web edge passes every library message through gettext, so
a message listed here (word for word) reaches the user in their interface language.
"""

from __future__ import annotations

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

KNOWN_MESSAGES = (
    _l("Use at least 10 characters."),
    _l("Mix letters in; a password of digits only is easy to guess."),
    _l("Enter a valid email address."),
    _l("Enter your name."),
    _l("Choose buyer or seller."),
    _l("The email or the password is wrong."),
    _l("This reset link has expired; ask for a new one."),
    _l("This reset link is not valid; ask for a new one."),
    _l("This reset link has already been used; ask for a new one."),
    _l("Missing data for required field."),
    _l("Not a valid email address."),
    _l("Give the price as a number, like 150."),
    _l("The highest price is below the lowest price."),
    _l("Log in to see this page."),
)


def translate_message(text: str) -> str:
    """`text` in the interface language when the catalogue knows it, else as it is."""
    return gettext(text) if text else text


def translate_messages(messages: dict) -> dict:
    """Field -> reasons with every reason translated where possible."""
    translated: dict = {}
    for field, reasons in messages.items():
        if isinstance(reasons, dict):
            translated[field] = translate_messages(reasons)
        elif isinstance(reasons, list | tuple):
            translated[field] = [translate_message(str(r)) for r in reasons]
        else:
            translated[field] = translate_message(str(reasons))
    return translated
