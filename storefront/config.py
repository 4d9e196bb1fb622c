"""Configuration classes; every setting can be overridden by an environment variable.

`load_settings(config)` starts from a config class (or mapping) and overrides each known
setting from `os.environ`, converting the text to the default's type (bool, int, Decimal).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from creative_market.db import DATABASE_URL_ENV

_TRUE = {"1", "true", "yes", "on"}


class Config:
    """Development defaults: SQLite, files and the search index in the instance folder."""

    # Empty: outside production a random key is made once and kept in the instance folder.
    SECRET_KEY = ""
    # Production refuses to start without SECRET_KEY and real payments (see load_settings).
    REQUIRE_PRODUCTION_SECRETS = False
    # The offline test gateway (approve/decline page) when no STRIPE_SECRET_KEY is set.
    PAYMENTS_OFFLINE = True
    # Where the default database, files and search index live (Flask's ./instance if empty).
    INSTANCE_PATH = ""
    # None means "derive from the instance folder" (see storefront.create_app).
    DATABASE_URL: str | None = None
    STORAGE_DIR: str | None = None
    SEARCH_INDEX_DIR: str | None = None
    STRIPE_SECRET_KEY = ""
    STRIPE_PUBLISHABLE_KEY = ""
    STRIPE_WEBHOOK_SECRET = ""
    STRIPE_API_BASE = ""
    MAIL_SERVER = ""
    MAIL_PORT = 587
    MAIL_USERNAME = ""
    MAIL_PASSWORD = ""
    MAIL_USE_TLS = True
    MAIL_DEFAULT_SENDER = "Creative Market <no-reply@creative-market.az>"
    COMMISSION_RATE = Decimal("0.10")
    RESERVATION_MINUTES = 15
    DEFAULT_CURRENCY = "AZN"
    PAGE_SIZE = 24
    PASSWORD_RESET_MAX_AGE = 3600
    MAX_CONTENT_LENGTH = 64 * 1024 * 1024
    BABEL_DEFAULT_LOCALE = "az"
    BABEL_DEFAULT_TIMEZONE = "Asia/Baku"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = 8 * 3600
    SQLALCHEMY_ECHO = False
    SQLALCHEMY_RECORD_QUERIES = False
    # No 'unsafe-inline' anywhere: the pages carry no inline script or style.
    CONTENT_SECURITY_POLICY = (
        "default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self'; "
        "script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
    )
    LOG_LEVEL = "INFO"


class DevelopmentConfig(Config):
    """`flask run` and `make run` on a laptop."""


class TestingConfig(Config):
    """Tests: the caller passes DATABASE_URL and folders under tmp_path."""

    TESTING = True
    SECRET_KEY = "testing-secret"
    PASSWORD_RESET_MAX_AGE = 3600


class ProductionConfig(Config):
    """Production: secure cookies; SECRET_KEY must come from the environment."""

    SECRET_KEY = ""
    REQUIRE_PRODUCTION_SECRETS = True
    PAYMENTS_OFFLINE = False
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def _convert(raw: str, default: Any) -> Any:
    """Convert environment text to the type of the setting's default."""
    if isinstance(default, bool):
        return raw.strip().lower() in _TRUE
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, Decimal):
        return Decimal(raw)
    return raw


def _defaults(config: type | Mapping[str, Any] | None) -> dict[str, Any]:
    if config is None:
        config = CONFIGS.get(os.environ.get("STOREFRONT_CONFIG", "development"), Config)
    if isinstance(config, Mapping):
        base = {name: getattr(TestingConfig, name) for name in dir(TestingConfig) if name.isupper()}
        base.update(config)
        return base
    return {name: getattr(config, name) for name in dir(config) if name.isupper()}


def load_settings(
    config: type | Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Settings from a config class or mapping, each overridable from the environment.

    A mapping is laid over TestingConfig (tests pass a dict); a class stands alone; None
    picks the class named by STOREFRONT_CONFIG (development, testing, production).
    Values given in a mapping win over the environment, so tests are not affected by it.
    """
    environ = os.environ if environ is None else environ
    settings = _defaults(config)
    explicit = set(config) if isinstance(config, Mapping) else set()
    for name, default in list(settings.items()):
        if name in explicit or name not in environ:
            continue
        settings[name] = _convert(environ[name], default)
    if not settings.get("DATABASE_URL") and "DATABASE_URL" not in explicit:
        settings["DATABASE_URL"] = environ.get(DATABASE_URL_ENV) or None
    if settings.get("REQUIRE_PRODUCTION_SECRETS"):
        _check_production_secrets(settings)
    return settings


def _check_production_secrets(settings: Mapping[str, Any]) -> None:
    """Refuse to run production with a guessable key or with the free test gateway."""
    if not settings.get("SECRET_KEY"):
        raise RuntimeError("Set SECRET_KEY in the environment: production needs a real secret.")
    stripe_ready = settings.get("STRIPE_SECRET_KEY") and settings.get("STRIPE_WEBHOOK_SECRET")
    if not stripe_ready and not settings.get("PAYMENTS_OFFLINE"):
        raise RuntimeError(
            "Set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET: production takes real payments "
            "(PAYMENTS_OFFLINE=true runs the test payment page instead, for a demo only)."
        )
