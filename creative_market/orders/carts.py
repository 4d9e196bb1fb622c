"""Saved carts: what a logged-in buyer meant to buy, kept between visits and devices.

A cart is a short list of items (`{"product_id", "quantity"}` for goods, `{"offer_id"}` for
a licence, with an `"amount"` when the buyer names the price; adding a licence again
replaces its amount). It holds no prices: prices and
stock are read from the catalogue when the cart is priced (`cart_pricing.price_cart`) and
again when the order is placed.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import JSON, ForeignKey, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from creative_market.db import Base, utcnow
from creative_market.messages import Message

MAX_CART_ITEMS = 100
MAX_QUANTITY = 1000
MAX_ID = 2**31 - 1  # ids are 32-bit integers in the database


class SavedCart(Base):
    """The cart of one account."""

    __tablename__ = "saved_carts"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


def item_key(item: dict[str, Any]) -> tuple[str, int]:
    """What makes two cart items the same thing: the product, or the licence offer."""
    if item.get("offer_id") is not None:
        return ("offer", int(item["offer_id"]))
    return ("product", int(item["product_id"]))


def _whole(value: Any, low: int, high: int) -> int | None:
    """`value` as an int within [low, high], or None (bools and floats are not ids)."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    try:
        number = int(value)
    except ValueError:
        return None
    return number if low <= number <= high else None


def item_problem(item: Any) -> Message | None:
    """Why a stored cart item cannot be used (bad id, quantity or amount), or None when it can."""
    if not isinstance(item, dict):
        return Message("An unreadable cart line was removed.")
    if item.get("offer_id") is not None:
        if _whole(item.get("offer_id"), 1, MAX_ID) is None:
            return Message("A cart line with an invalid offer id was removed.")
        if item.get("amount") is not None and _positive_amount(item["amount"]) is None:
            return Message("A cart line with an invalid amount was removed.")
        return None
    if _whole(item.get("product_id"), 1, MAX_ID) is None:
        return Message("A cart line with an invalid product id was removed.")
    if _whole(item.get("quantity", 1), 1, MAX_QUANTITY) is None:
        return Message("A cart line with an invalid quantity (1 to %(maximum)s) was removed.",
                       maximum=MAX_QUANTITY)
    return None


def _positive_amount(value: Any) -> Decimal | None:
    """A pay-what-you-want amount as a finite Decimal above zero, or None."""
    if isinstance(value, bool) or not isinstance(value, int | str | Decimal):
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return None
    return amount if amount.is_finite() and amount > 0 else None


def clean_items(items: list[Any] | None) -> tuple[list[dict[str, Any]], list[Message]]:
    """Split stored items into usable ones and the reasons the others were dropped."""
    kept, dropped = [], []
    for item in items or []:
        problem = item_problem(item)
        if problem is None:
            kept.append(item)
        else:
            dropped.append(problem)
    return kept, dropped


def merge_items(*carts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Merge carts in order: goods add up their quantities; a licence appears once, as the
    latest cart asks for it (a later pay-what-you-want amount replaces an earlier one).

    Items with an id, quantity or amount that cannot be valid are dropped (see `clean_items`).
    """
    merged: dict[tuple[str, int], dict[str, Any]] = {}
    for cart in carts:
        for item in clean_items(cart)[0]:
            key = item_key(item)
            if key in merged and key[0] == "product":
                total = int(merged[key].get("quantity", 1)) + int(item.get("quantity", 1))
                merged[key]["quantity"] = min(total, MAX_QUANTITY)
            else:  # new, or a licence again: the latest choice (and amount) wins, in place
                merged[key] = dict(item)
    return list(merged.values())[:MAX_CART_ITEMS]


def load_cart(session: Session, *, user_id: int) -> list[dict[str, Any]]:
    """The saved items of an account's cart (empty when it has none)."""
    items = session.scalar(select(SavedCart.items).where(SavedCart.user_id == user_id))
    return list(items or [])


def save_cart(session: Session, *, user_id: int, items: list[dict[str, Any]]) -> None:
    """Replace the saved items of an account's cart."""
    cart = session.scalar(select(SavedCart).where(SavedCart.user_id == user_id))
    if cart is None:
        session.add(SavedCart(user_id=user_id, items=list(items)))
    else:
        cart.items = list(items)
    session.flush()
