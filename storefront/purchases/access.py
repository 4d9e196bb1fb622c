"""Who may see an order: its buyer's account, the browser that placed it, or an admin."""

from __future__ import annotations

from flask import session
from flask_login import current_user

from creative_market.accounts.models import Role
from creative_market.exceptions import NotFoundError
from creative_market.messages import Message
from creative_market.orders import services
from creative_market.orders.models import Order
from storefront.extensions import db

SESSION_KEY = "orders"
MAX_REMEMBERED = 20


def remember_order(reference: str) -> None:
    """Let this browser see an order it placed (a guest has no account to tie it to)."""
    known = [r for r in session.get(SESSION_KEY, []) if r != reference]
    session[SESSION_KEY] = [reference, *known][:MAX_REMEMBERED]


def may_see(order: Order) -> bool:
    """Whether the current visitor may see `order`."""
    if getattr(current_user, "is_authenticated", False) and (
        order.buyer_user_id == current_user.id or current_user.role == Role.ADMIN
    ):
        return True
    return order.reference in session.get(SESSION_KEY, [])


def order_for_buyer(reference: str) -> Order:
    """The order if the visitor may see it; otherwise 'not found' (never 'forbidden')."""
    order = services.get_order(db.session, reference=reference)
    if not may_see(order):
        raise NotFoundError(Message("There is no order %(order)s for you; log in with the "
                                    "account that placed it.", order=reference))
    return order
