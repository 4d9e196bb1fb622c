"""Saved carts: what a logged-in buyer meant to buy, kept between visits and devices.

A cart is a short list of items (`{"product_id", "quantity"}` for goods, `{"offer_id"}` for
a licence). It holds no prices: prices and stock are read from the catalogue when the cart
is shown and again when the order is placed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from creative_market.db import Base, utcnow

MAX_CART_ITEMS = 100
MAX_QUANTITY = 1000


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


def merge_items(*carts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Merge carts in order: goods add up their quantities, a licence appears once."""
    merged: dict[tuple[str, int], dict[str, Any]] = {}
    for cart in carts:
        for item in cart or []:
            key = item_key(item)
            if key in merged and key[0] == "product":
                total = int(merged[key].get("quantity", 1)) + int(item.get("quantity", 1))
                merged[key]["quantity"] = min(total, MAX_QUANTITY)
            elif key not in merged:
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
