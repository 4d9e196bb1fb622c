"""The mail port, and an in-process implementation that logs and remembers messages."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Protocol

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MailMessage:
    """One message to one recipient."""

    to: str
    subject: str
    body: str
    attachments: tuple[tuple[str, str, bytes], ...] = ()  # (filename, content type, data)


class MailSender(Protocol):
    """Sends mail; the storefront supplies SMTP in production."""

    def send(self, message: MailMessage) -> None:
        """Deliver `message` or raise."""
        ...


@dataclass
class LoggingMailSender:
    """Development and test mail: writes each message to the log and keeps it in `outbox`."""

    outbox: list[MailMessage] = field(default_factory=list)

    def send(self, message: MailMessage) -> None:
        """Log the message and remember it."""
        self.outbox.append(message)
        log.info("Mail to %s: %s\n%s", message.to, message.subject, message.body)
