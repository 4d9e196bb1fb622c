"""Flask extensions and the app's adapters for the library's ports (storage, mail).

`db` shares the library's `Base.metadata`, so `creative_market` models are the app's
models (db.create_all, Alembic) and `db.session` can be handed to any library service.
`SQLAlchemy(model_class=Base)` would be the obvious spelling, but Flask-SQLAlchemy 3.1
rebuilds the base class and SQLAlchemy 2.1 refuses a copied base that carries both a
registry and a type_annotation_map; sharing the metadata gives the same result. Define
models in the library on `creative_market.db.Base`, never on `db.Model`.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from flask import current_app, request, session
from flask_babel import Babel
from flask_login import LoginManager
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from creative_market.db import Base
from creative_market.mail import MailMessage, MailSender
from creative_market.storage import FileStorage
from creative_market.text import DEFAULT_LANGUAGE, LANGUAGES

db = SQLAlchemy(metadata=Base.metadata)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()

LANGUAGE_SESSION_KEY = "lang"
LANGUAGE_COOKIE = "lang"


def select_locale() -> str:
    """The interface language: ?lang=, then the session, the cookie, the account, else az."""
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        session[LANGUAGE_SESSION_KEY] = asked
        return asked
    for candidate in (session.get(LANGUAGE_SESSION_KEY), request.cookies.get(LANGUAGE_COOKIE)):
        if candidate in LANGUAGES:
            return candidate
    from flask_login import current_user

    preferred = getattr(current_user, "preferred_language", None)
    return preferred if preferred in LANGUAGES else DEFAULT_LANGUAGE


def storage() -> FileStorage:
    """The app's file storage (LocalFileStorage under STORAGE_DIR unless replaced)."""
    return current_app.extensions["storage"]


def mailer() -> MailSender:
    """The app's mail sender (logs in development, SMTP when MAIL_SERVER is set)."""
    return current_app.extensions["mail"]


@dataclass
class SMTPMailSender:
    """Sends mail through an SMTP server (the production adapter of the mail port)."""

    host: str
    port: int
    username: str = ""
    password: str = ""
    use_tls: bool = True
    sender: str = "no-reply@creative-market.az"

    def send(self, message: MailMessage) -> None:
        """Deliver `message` over SMTP, with STARTTLS and login when configured."""
        email = EmailMessage()
        email["From"], email["To"], email["Subject"] = self.sender, message.to, message.subject
        email.set_content(message.body)
        for filename, content_type, data in message.attachments:
            maintype, _, subtype = content_type.partition("/")
            email.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
        with smtplib.SMTP(self.host, self.port, timeout=30) as smtp:
            if self.use_tls:
                smtp.starttls()
            if self.username:
                smtp.login(self.username, self.password)
            smtp.send_message(email)


def make_mailer(settings: dict[str, Any]) -> MailSender:
    """SMTP when MAIL_SERVER is configured, else the logging sender of the library."""
    from creative_market.mail import LoggingMailSender

    if not settings.get("MAIL_SERVER"):
        return LoggingMailSender()
    return SMTPMailSender(
        host=settings["MAIL_SERVER"],
        port=int(settings["MAIL_PORT"]),
        username=settings.get("MAIL_USERNAME", ""),
        password=settings.get("MAIL_PASSWORD", ""),
        use_tls=bool(settings.get("MAIL_USE_TLS", True)),
        sender=settings.get("MAIL_DEFAULT_SENDER", "no-reply@creative-market.az"),
    )
