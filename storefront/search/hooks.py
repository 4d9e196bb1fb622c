"""Keep the index in step with the database: collect changes on flush, index after commit.

`after_flush` notes which listings a flush touched (products, their offers and files,
and every listing of a renamed or moved seller) in `session.info`. Only `after_commit`
acts on them: it reads the committed rows in a fresh session and updates or removes
their documents. A rollback of the outer transaction discards the notes, so a change that
never reached the database never reaches the index either. Because the documents are read
back after the commit, the index can only ever show committed state.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from itertools import chain
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from creative_market.catalog.licensing import LicenceOffer
from creative_market.catalog.models import Product, ProductFile, Seller
from creative_market.changes import CHANGED_PRODUCTS, note_products_changed
from storefront.search.documents import SEARCHABLE_STATUSES, load_products, product_document
from storefront.search.indexer import SearchIndex

log = logging.getLogger(__name__)

# The library notes listings changed by conditional UPDATEs (stock, offers) under this key.
PENDING_PRODUCTS = CHANGED_PRODUCTS
PENDING_SELLERS = "search_pending_sellers"


def mark_products_changed(session: Session, product_ids: Iterable[int]) -> None:
    """Ask for `product_ids` to be re-indexed when `session` commits (e.g. after a bulk UPDATE)."""
    note_products_changed(session, product_ids)


def _after_flush(session: Session, _flush_context: Any) -> None:
    products = session.info.setdefault(PENDING_PRODUCTS, set())
    sellers = session.info.setdefault(PENDING_SELLERS, set())
    for obj in chain(session.new, session.dirty, session.deleted):
        if isinstance(obj, Product) and obj.id is not None:
            products.add(obj.id)
        elif isinstance(obj, LicenceOffer | ProductFile) and obj.product_id is not None:
            products.add(obj.product_id)
        elif isinstance(obj, Seller) and obj.id is not None and obj not in session.new:
            sellers.add(obj.id)


def _after_soft_rollback(session: Session, previous_transaction: Any) -> None:
    # A rolled-back savepoint may leave earlier flushed changes alive: keep the notes then
    # (re-reading an unchanged row after commit is harmless).
    if not previous_transaction.nested:
        discard_pending(session)


def discard_pending(session: Session) -> None:
    """Forget the changes noted on `session` (used when its transaction rolls back)."""
    session.info.pop(PENDING_PRODUCTS, None)
    session.info.pop(PENDING_SELLERS, None)


def _after_commit(session: Session) -> None:
    # SQLAlchemy also fires after_commit when a savepoint is released; the outer transaction
    # still holds the changes (and, on SQLite, the write lock): wait for the real commit.
    if session.in_nested_transaction():
        return
    products = session.info.pop(PENDING_PRODUCTS, set())
    sellers = session.info.pop(PENDING_SELLERS, set())
    if not products and not sellers:
        return
    target = _current_index()
    if target is None:
        return
    index, engine = target
    try:
        with Session(engine) as reader:
            sync_products(reader, index, products, seller_ids=sellers)
    except Exception:  # the data is committed; a stale index must not turn into a 500
        log.exception("Search index update failed for products %s; run `flask search reindex`",
                      sorted(products))


def _current_index() -> tuple[SearchIndex, Any] | None:
    from flask import current_app, has_app_context

    if not has_app_context() or "search" not in current_app.extensions:
        return None
    from storefront.extensions import db

    return current_app.extensions["search"], db.engine


def sync_products(session: Session, index: SearchIndex, product_ids: Iterable[int], *,
                  seller_ids: Iterable[int] = ()) -> tuple[int, int]:
    """Re-index `product_ids` (and all listings of `seller_ids`) from committed rows.

    Returns (documents written, documents removed).
    """
    ids = set(product_ids)
    if seller_ids:
        query = select(Product.id).where(Product.seller_id.in_(list(seller_ids)))
        ids.update(session.scalars(query))
    products = load_products(session, ids)
    documents = [product_document(p) for p in products if p.status in SEARCHABLE_STATUSES]
    kept = {int(document["id"]) for document in documents}
    removed = ids - kept
    index.apply(documents, removed)
    log.debug("Search index: %d listings updated, %d removed", len(documents), len(removed))
    return len(documents), len(removed)


_installed = False


def install_session_hooks() -> None:
    """Listen to Flask-SQLAlchemy sessions once per process (idempotent)."""
    global _installed
    if _installed:
        return
    from flask_sqlalchemy.session import Session as FlaskSession

    event.listen(FlaskSession, "after_flush", _after_flush)
    event.listen(FlaskSession, "after_commit", _after_commit)
    event.listen(FlaskSession, "after_soft_rollback", _after_soft_rollback)
    _installed = True
