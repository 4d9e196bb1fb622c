"""Listings a transaction changed behind the ORM's back, for whoever mirrors them elsewhere.

Stock and licence counters change by conditional UPDATE (never read-modify-write), which
ORM flush events do not see. The library notes the ids of the listings it touched on the
session; a listener that keeps a copy of listings (the storefront's search index) takes them
when the transaction commits and forgets them when it rolls back.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

CHANGED_PRODUCTS = "creative_market.changed_products"


def note_products_changed(session: Session, product_ids: Iterable[int]) -> None:
    """Record that the listings `product_ids` changed in the session's transaction."""
    session.info.setdefault(CHANGED_PRODUCTS, set()).update(int(i) for i in product_ids)


def take_changed_products(session: Session) -> set[int]:
    """Return and forget the listings noted as changed on `session`."""
    return session.info.pop(CHANGED_PRODUCTS, set())
