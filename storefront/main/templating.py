"""Jinja helpers: the current language, money in the locale, labels, header links."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from babel.numbers import format_decimal
from flask import Flask, current_app, request, url_for
from flask_babel import get_locale
from flask_login import current_user
from werkzeug.routing import BuildError

from creative_market.catalog.licensing import country_name
from creative_market.money import Money
from creative_market.text import DEFAULT_LANGUAGE, LANGUAGES
from storefront.extensions import LANGUAGE_COOKIE
from storefront.main.countries import country_choices
from storefront.main.labels import buyer_line_status, label, report_row_label

LANGUAGE_NAMES = {"az": "Azərbaycanca", "en": "English", "ru": "Русский"}
ONE_YEAR = 365 * 24 * 3600


def current_language() -> str:
    """The two-letter code of the interface language."""
    locale = get_locale()
    return locale.language if locale is not None else DEFAULT_LANGUAGE


def format_money(value: Money | Decimal | None, currency: str = "AZN") -> str:
    """Money (or a Decimal in `currency`) formatted for the interface language."""
    if value is None:
        return ""
    money = value if isinstance(value, Money) else Money(value, currency)
    return money.format(current_language())


def format_number(value: Decimal | int | float | None) -> str:
    """A number with the interface language's separators (3,45 in az and ru; 3.45 in en)."""
    if value is None:
        return ""
    return format_decimal(value, locale=current_language())


def format_amount(value: Decimal | int | float | None, decimals: int = 2) -> str:
    """An amount with exactly `decimals` places and the language's separators (3.357,00 in az)."""
    if value is None:
        return ""
    pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
    return format_decimal(value, format=pattern, locale=current_language())


def endpoint_exists(endpoint: str) -> bool:
    """Whether a blueprint has registered `endpoint` (for optional header slots)."""
    return endpoint in current_app.view_functions


def safe_url(endpoint: str, **values: Any) -> str | None:
    """url_for, or None when the endpoint is not registered."""
    try:
        return url_for(endpoint, **values)
    except BuildError:
        return None


def language_url(code: str) -> str:
    """The current page in another language (?lang= is remembered in session and cookie)."""
    args = request.args.to_dict()
    args["lang"] = code
    if request.endpoint and request.url_rule is not None:
        try:
            return url_for(request.endpoint, **(request.view_args or {}), **args)
        except BuildError:
            pass
    return f"{request.path}?lang={code}"


def url_with(**changes: Any) -> str:
    """The current page's URL with some query arguments changed (None removes one)."""
    args = request.args.to_dict()
    for name, value in changes.items():
        if value is None or value == "":
            args.pop(name, None)
        else:
            args[name] = value
    if "page" not in changes and any(name != "lang" for name in changes):
        args.pop("page", None)  # a new filter starts again at page one
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def nav_links(slot: str) -> list[Any]:
    """The registered header links for `slot` that the current user may see."""
    links = current_app.extensions.get("storefront_nav", [])
    return [
        link for link in links
        if link.slot == slot and link.visible_to(current_user) and endpoint_exists(link.endpoint)
    ]


def _remember_language(response):
    asked = request.args.get("lang")
    if asked in LANGUAGES and request.cookies.get(LANGUAGE_COOKIE) != asked:
        response.set_cookie(LANGUAGE_COOKIE, asked, max_age=ONE_YEAR, samesite="Lax", httponly=True)
    return response


def format_country(code: str | None) -> str:
    """A country's name in the interface language (the code itself when unknown)."""
    if not code:
        return ""
    return country_name(code, str(get_locale() or DEFAULT_LANGUAGE))


def say(message: Any) -> Any:
    """A library message (or a cart `Problem`'s) in the interface language."""
    from storefront.main.library_messages import translate_message

    return translate_message(getattr(message, "message", message))


def terms_in_words(offer: Any) -> list[str]:
    """A licence offer's terms as sentences in the interface language (none without offer)."""
    return offer.terms().describe(current_language()) if offer is not None else []


def register_template_helpers(app: Flask) -> None:
    """Make the helpers available in every template."""
    app.jinja_env.filters["money"] = format_money
    app.jinja_env.filters["label"] = label
    app.jinja_env.filters["report_row_label"] = report_row_label
    app.jinja_env.filters["number"] = format_number
    app.jinja_env.filters["amount"] = format_amount
    app.jinja_env.filters["country"] = format_country
    app.jinja_env.filters["say"] = say
    app.jinja_env.filters["terms_in_words"] = terms_in_words
    app.jinja_env.filters["buyer_line_status"] = buyer_line_status
    app.jinja_env.globals.update(
        endpoint_exists=endpoint_exists,
        country_choices=country_choices,
        safe_url=safe_url,
        language_url=language_url,
        url_with=url_with,
        nav_links=nav_links,
        label=label,
        LANGUAGE_NAMES=LANGUAGE_NAMES,
        LANGUAGES=LANGUAGES,
    )
    app.after_request(_remember_language)

    @app.context_processor
    def _language():
        return {"lang": current_language()}
