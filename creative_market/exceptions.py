"""The one error tree of the marketplace.

Every error the library raises on purpose is a `CreativeMarketError` with a message a
person can act on. Only the web edge turns them into HTTP responses::

    CreativeMarketError
    ├── ValidationError          input failed a schema or a rule; .messages maps field -> reasons
    │   └── LicensingError       impossible or conflicting licence terms
    ├── NotFoundError            the thing asked for does not exist (or is not visible)
    ├── PermissionDeniedError    the actor may not do this
    ├── ConflictError            the request clashes with the current state
    │   ├── DuplicateError       a unique thing already exists
    │   ├── InvalidTransitionError   a state machine refused a transition
    │   └── NotAvailableError    stock, an exclusive licence or a listing is gone
    ├── PaymentError             a payment could not be recorded as given
    │   └── PaymentMismatchError amount or currency differ from the order
    ├── DownloadError            a download token is invalid, expired or used up
    ├── ImportFileError          a catalogue file cannot be read at all
    ├── ExportDocumentError      an export document cannot be produced yet
    └── OptionalDependencyError  a feature needs an extra that is not installed
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class CreativeMarketError(Exception):
    """Base of every error the marketplace raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(CreativeMarketError):
    """Input failed validation; `messages` maps each field to what is wrong with it."""

    def __init__(self, messages: Mapping[str, Any] | str, message: str | None = None) -> None:
        if isinstance(messages, str):
            messages = {"_schema": [messages]}
        self.messages: dict[str, Any] = dict(messages)
        super().__init__(message or describe_messages(self.messages))


class LicensingError(ValidationError):
    """Licence terms that cannot be offered or sold as given."""


class NotFoundError(CreativeMarketError):
    """The thing asked for does not exist or is not visible to the caller."""


class PermissionDeniedError(CreativeMarketError):
    """The actor is not allowed to do this."""


class ConflictError(CreativeMarketError):
    """The request clashes with the current state of the data."""


class DuplicateError(ConflictError):
    """Something that must be unique already exists."""


class ShipmentExistsError(DuplicateError):
    """The seller's goods of that order already have a shipment, `shipment_id`."""

    def __init__(self, message: str, *, shipment_id: int) -> None:
        super().__init__(message)
        self.shipment_id = shipment_id


class InvalidTransitionError(ConflictError):
    """A state machine refused a transition; the message names both states.

    A refusal better said in words of its own (a sold offer cannot change) passes `message`.
    """

    def __init__(self, entity: str, current: str, target: str,
                 message: str | None = None) -> None:
        self.entity, self.current, self.target = entity, current, target
        super().__init__(message or f"{entity} cannot go from '{current}' to '{target}'.")


class NotAvailableError(ConflictError):
    """Stock, an exclusive licence or a listing is no longer available."""


class PaymentError(CreativeMarketError):
    """A payment could not be recorded as given."""


class PaymentMismatchError(PaymentError):
    """A payment's amount or currency differs from what the order asks for."""


class DownloadError(CreativeMarketError):
    """A download token is invalid, expired, revoked or used up."""


class ImportFileError(CreativeMarketError):
    """A catalogue file cannot be read at all (encoding, columns, type of file)."""


class ExportDocumentError(CreativeMarketError):
    """An export document cannot be produced yet; the message says what is missing."""


class OptionalDependencyError(CreativeMarketError):
    """A feature needs an optional dependency (an extra) that is not installed."""


def describe_messages(messages: Mapping[str, Any], prefix: str = "") -> str:
    """Flatten marshmallow-style field messages into one readable sentence."""
    parts: list[str] = []
    for field, value in messages.items():
        name = f"{prefix}{field}"
        if isinstance(value, Mapping):
            parts.append(describe_messages(value, prefix=f"{name}."))
        elif isinstance(value, list | tuple):
            texts = [
                describe_messages(v, prefix=f"{name}.") if isinstance(v, Mapping) else str(v)
                for v in value
            ]
            parts.append(f"{name}: {' '.join(texts)}" if field != "_schema" else " ".join(texts))
        else:
            parts.append(f"{name}: {value}" if field != "_schema" else str(value))
    return _join_sentences(parts)


def _join_sentences(parts: list[str]) -> str:
    """Join messages with '; ', or a space after one that already ends a sentence."""
    text = ""
    for part in parts:
        if text:
            text += " " if text.endswith((".", "!", "?")) else "; "
        text += part
    return text
