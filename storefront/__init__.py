"""The Flask storefront of Creative Market: `create_app(config=None)` builds the app."""

from __future__ import annotations

import importlib
import logging
import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, Response
from flask_babel import gettext
from werkzeug.routing import IntegerConverter

from creative_market.db import configure_engine, database_url, import_all_models
from creative_market.storage import LocalFileStorage
from storefront.config import load_settings
from storefront.extensions import babel, csrf, db, login_manager, make_mailer, select_locale

__all__ = ["create_app"]

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"


def create_app(config: type | Mapping[str, Any] | None = None) -> Flask:
    """Build the storefront app from a config class or mapping (see storefront.config)."""
    settings = load_settings(config)
    app = Flask(__name__, instance_path=settings.get("INSTANCE_PATH") or None)
    app.config.update(settings)
    _resolve_paths(app)
    _ensure_secret_key(app)
    logging.basicConfig(level=app.config["LOG_LEVEL"])

    import_all_models()
    db.init_app(app)
    with app.app_context():
        configure_engine(db.engine)
    _init_login(app)
    csrf.init_app(app)
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(TRANSLATIONS_DIR),
    )
    app.extensions["storage"] = LocalFileStorage(app.config["STORAGE_DIR"])
    app.extensions["mail"] = make_mailer(app.config)

    from storefront.errors import register_error_handlers
    from storefront.main.templating import register_template_helpers

    register_error_handlers(app)
    register_template_helpers(app)
    app.after_request(_security_headers)
    app.url_map.converters["int"] = DatabaseIdConverter  # before any route is added
    _register_blueprints(app)
    importlib.import_module("storefront.search").init_app(app)  # index, hooks, /search
    return app


def _resolve_paths(app: Flask) -> None:
    """Put the database, stored files and the search index in the instance folder by default."""
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    url = app.config.get("DATABASE_URL") or f"sqlite:///{instance / 'creative-market.sqlite'}"
    app.config["DATABASE_URL"] = url
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url(url)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        options = app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {})
        options.setdefault("connect_args", {}).setdefault("timeout", 30)
    app.config["STORAGE_DIR"] = app.config.get("STORAGE_DIR") or str(instance / "storage")
    app.config["SEARCH_INDEX_DIR"] = app.config.get("SEARCH_INDEX_DIR") or str(
        instance / "search-index"
    )


class DatabaseIdConverter(IntegerConverter):
    """`<int:...>` in every route: 1..2**31-1, so a huge number is a 404, not a database error."""

    def __init__(self, url_map: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, **kwargs)


def _ensure_secret_key(app: Flask) -> None:
    """Outside production, make a random SECRET_KEY once and keep it in the instance folder.

    A key written in the source would let anyone forge sessions, reset links and download
    tokens; a per-instance key keeps development sessions across restarts.
    """
    if app.config.get("SECRET_KEY"):
        return
    key_file = Path(app.instance_path) / "secret_key"
    candidate = key_file.with_name(f"secret_key.{secrets.token_hex(4)}")
    candidate.write_text(secrets.token_hex(32))
    candidate.chmod(0o600)
    try:
        os.link(candidate, key_file)  # atomic: of two workers starting at once, one key wins
    except FileExistsError:
        pass
    finally:
        candidate.unlink()
    app.config["SECRET_KEY"] = key_file.read_text().strip()


def _init_login(app: Flask) -> None:
    from creative_market.accounts.models import User

    login_manager.init_app(app)
    login_manager.login_view = "account.login"
    login_manager.login_message_category = "info"
    login_manager.login_message = "Log in to see this page."  # translated when flashed
    login_manager.localize_callback = gettext

    @login_manager.user_loader
    def _load_user(user_id: str) -> User | None:
        user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
        return user if user is not None and user.active else None


def _security_headers(response: Response) -> Response:
    """Headers that keep pages out of frames and scripts to our own origin."""
    from flask import current_app

    headers = response.headers
    headers.setdefault("Content-Security-Policy", current_app.config["CONTENT_SECURITY_POLICY"])
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    return response


def _register(app: Flask, module_name: str) -> None:
    """Register `module_name`.bp and the navigation links the module declares in NAV_LINKS."""
    module = importlib.import_module(module_name)
    app.register_blueprint(module.bp)
    app.extensions.setdefault("storefront_nav", []).extend(getattr(module, "NAV_LINKS", ()))


def _register_blueprints(app: Flask) -> None:
    """Every blueprint of the storefront, one line each (add yours on its own line)."""
    _register(app, "storefront.main.views")
    _register(app, "storefront.catalog.views")
    _register(app, "storefront.account.views")
    _register(app, "storefront.admin.views")
    _register(app, "storefront.seller.views")
    _register(app, "storefront.cart.views")
    _register(app, "storefront.checkout.views")
    _register(app, "storefront.payments.views")
    _register(app, "storefront.purchases.views")
    _register(app, "storefront.payouts.views")
    _register(app, "storefront.agency.views")
