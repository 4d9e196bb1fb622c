"""Where the cart lives: the session for everyone, and the account's saved cart.

A visitor's cart is in the signed session cookie. When they log in, it is merged with the
cart saved for the account (goods add up, a licence appears once) and the result is saved,
so the cart survives logging in and follows the buyer to another device.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, session
from flask_login import current_user, user_logged_in

from creative_market.orders import carts
from storefront.extensions import db

SESSION_KEY = "cart"


def items() -> list[dict[str, Any]]:
    """The usable items of the current cart (invalid ones are left out)."""
    return carts.clean_items(session.get(SESSION_KEY))[0]


def raw_items() -> list[Any]:
    """The items as stored in the session, invalid ones included (to explain them)."""
    return list(session.get(SESSION_KEY) or [])


def forget_invalid() -> None:
    """Keep only usable items in the session cookie (after their removal was explained)."""
    session[SESSION_KEY] = items()


def replace(new_items: list[dict[str, Any]]) -> None:
    """Store the cart in the session, and for a logged-in buyer in the account too."""
    session[SESSION_KEY] = carts.merge_items(new_items)
    if getattr(current_user, "is_authenticated", False):
        carts.save_cart(db.session, user_id=current_user.id, items=session[SESSION_KEY])
        db.session.commit()


def add(item: dict[str, Any]) -> None:
    """Add goods (quantities add up) or a licence (once) to the cart."""
    replace([*items(), item])


def set_quantity(product_id: int, quantity: int) -> None:
    """Change how many of a good the cart holds (0 removes it)."""
    kept = []
    for item in items():
        if carts.item_key(item) != ("product", product_id):
            kept.append(item)
        elif quantity > 0:
            kept.append({**item, "quantity": min(quantity, carts.MAX_QUANTITY)})
    replace(kept)


def remove(kind: str, item_id: int) -> None:
    """Take one good ("product") or licence ("offer") out of the cart."""
    replace([item for item in items() if carts.item_key(item) != (kind, item_id)])


def clear() -> None:
    """Empty the cart (after an order is placed)."""
    session[SESSION_KEY] = []
    if getattr(current_user, "is_authenticated", False):
        carts.save_cart(db.session, user_id=current_user.id, items=[])
        db.session.commit()


def _merge_on_login(_app: Flask, user: Any, **_: Any) -> None:
    saved = carts.load_cart(db.session, user_id=user.id)
    merged = carts.merge_items(saved, session.get(SESSION_KEY) or [])
    session[SESSION_KEY] = merged
    carts.save_cart(db.session, user_id=user.id, items=merged)
    db.session.commit()


def init_app(app: Flask) -> None:
    """Merge the visitor's cart into the account's on every log-in."""
    user_logged_in.connect(_merge_on_login, app)
