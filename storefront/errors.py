"""Turn the library's errors and HTTP errors into pages or JSON; never a bare 500.

A request wants JSON when it sent JSON, asked for it in Accept, or hit /api/. JSON errors
look like `{"errors": {field: [reasons]}, "message": "..."}`.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from creative_market.exceptions import (
    ConflictError,
    CreativeMarketError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)

log = logging.getLogger(__name__)

TITLES = {
    400: "The request could not be understood",
    403: "You may not do this",
    404: "Page not found",
    405: "Method not allowed",
    409: "This clashes with the current state",
    413: "The file is too large",
    422: "Please correct the form",
    500: "Something went wrong on our side",
}


def status_for(error: CreativeMarketError) -> int:
    """The HTTP status of a library error."""
    if isinstance(error, NotFoundError):
        return 404
    if isinstance(error, PermissionDeniedError):
        return 403
    if isinstance(error, ValidationError):
        return 422
    if isinstance(error, ConflictError):
        return 409
    return 400


def wants_json() -> bool:
    """Whether the client should get a JSON error rather than a page."""
    if request.path.startswith("/api/") or request.is_json:
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    accepted = request.accept_mimetypes
    return best == "application/json" and accepted[best] > accepted["text/html"]


def _translated_title(status: int) -> str:
    titles = {
        400: _("The request could not be understood"),
        403: _("You may not do this"),
        404: _("Page not found"),
        405: _("Method not allowed"),
        409: _("This clashes with the current state"),
        413: _("The file is too large"),
        422: _("Please correct the form"),
        500: _("Something went wrong on our side"),
    }
    return titles.get(status, TITLES.get(status, _("Error")))


def _speaks_english() -> bool:
    from storefront.main.templating import current_language

    return current_language() == "en"


def _default_description(status: int) -> str:
    texts = {
        403: _("Your account does not have access to this page."),
        404: _("The address may be mistyped, or the work is no longer listed."),
        405: _("This address does not accept that kind of request."),
        413: _("Upload a smaller file."),
    }
    return texts.get(status, "")


def error_response(status: int, message: str, messages: dict | None = None) -> Response:
    """An error page or JSON body with `status`."""
    if wants_json():
        body = {"message": message, "errors": messages or {"_schema": [message]}}
        return jsonify(body), status
    page = render_template(
        "errors/error.html",
        status=status,
        title=_translated_title(status),
        message=message,
        messages=messages or {},
    )
    return page, status


def register_error_handlers(app: Flask) -> None:
    """Install handlers for library errors, CSRF failures, HTTP errors and crashes."""

    @app.errorhandler(CreativeMarketError)
    def _library_error(error: CreativeMarketError):
        from storefront.main.library_messages import (
            error_text,
            translate_message,
            translate_messages,
        )

        messages = getattr(error, "messages", None)
        status = status_for(error)
        if _speaks_english() or wants_json():
            message = translate_message(error.message)
        else:  # every reason in words, without the fields' English names
            message, messages = error_text(error), None
        if status == 404 and message == error.message and not _speaks_english():
            message = _default_description(404)  # the library's English names the address
        return error_response(status, message, translate_messages(messages) if messages else None)

    @app.errorhandler(CSRFError)
    def _csrf_error(error: CSRFError):
        message = _("The form expired or was sent from elsewhere. Reload the page and try again.")
        return error_response(400, message)

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        description = error.description or ""
        if description == type(error).description:  # werkzeug's English default text
            description = _default_description(error.code)
        return error_response(error.code, description)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        propagate = app.config.get("PROPAGATE_EXCEPTIONS")
        if propagate or (propagate is None and (app.testing or app.debug)):
            raise error  # tests and the debugger see the real traceback
        log.exception("Unhandled error on %s %s", request.method, request.path)
        from storefront.extensions import db

        db.session.rollback()
        return error_response(500, _("Please try again in a moment; the error has been logged."))
