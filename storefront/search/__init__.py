"""Whoosh search of the storefront: the index, its upkeep after commits, the search page.

Public API:
    init_app(app)                    blueprint, `flask search` commands, hooks, start-up check
    reindex(app_or_session, ...)     rebuild the whole index from the database
    get_index(app=None)              the app's SearchIndex
    mark_products_changed(session, ids)  re-index listings changed by a bulk UPDATE
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from storefront.search.documents import iter_documents, searchable_ids
from storefront.search.hooks import install_session_hooks, mark_products_changed, sync_products
from storefront.search.indexer import SearchIndex, SearchIndexBusy

__all__ = [
    "SearchIndex",
    "SearchIndexBusy",
    "get_index",
    "init_app",
    "mark_products_changed",
    "reindex",
    "sync_products",
]

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    """Register the search blueprint, CLI and after-commit hooks; repair a broken index."""
    from storefront.search.cli import search_cli
    from storefront.search.views import bp

    app.config.setdefault("SEARCH_LOCK_TIMEOUT", 60)
    app.config.setdefault("SEARCH_REBUILD_ON_START", True)
    app.config.setdefault("SEARCH_PAGE_SIZE", 20)
    directory = app.config.get("SEARCH_INDEX_DIR") or f"{app.instance_path}/search-index"
    app.extensions["search"] = SearchIndex(
        directory, lock_timeout=float(app.config["SEARCH_LOCK_TIMEOUT"])
    )
    install_session_hooks()
    app.register_blueprint(bp)
    app.cli.add_command(search_cli)
    if app.config["SEARCH_REBUILD_ON_START"]:
        ensure_index(app)


def get_index(app: Flask | None = None) -> SearchIndex:
    """The SearchIndex of `app` (or of the current app)."""
    return (app or current_app).extensions["search"]


def ensure_index(app: Flask) -> None:
    """Rebuild the index at start-up when it is missing or unreadable, saying so in the log."""
    index = get_index(app)
    problem = index.check()
    if problem is None:
        return
    log.warning("Search index at %s is %s; rebuilding it from the database.",
                index.directory, problem)
    try:
        count = reindex(app)
    except SQLAlchemyError as error:
        index.create()
        log.warning("Database not ready (%s); started with an empty search index. "
                    "Run `flask --app storefront search reindex` once it is.",
                    type(error).__name__)
        return
    log.info("Search index rebuilt with %d listings.", count)


def reindex(source: Flask | Session, *, index: SearchIndex | None = None,
            progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the whole index from the database; returns the number of listings indexed.

    `source` is the app (its database and index are used) or a Session (then the index is
    `index`, or the current app's).
    """
    if isinstance(source, Flask):
        from storefront.extensions import db

        with source.app_context(), Session(db.engine) as session:
            return _rebuild(session, index or get_index(source), progress, release=True)
    return _rebuild(source, index or get_index(), progress, release=False)


def _rebuild(session: Session, index: SearchIndex, progress: Any, *, release: bool) -> int:
    ids = searchable_ids(session)
    documents = iter_documents(session, ids, release=release)
    return index.rebuild(documents, total=len(ids), progress=progress)
