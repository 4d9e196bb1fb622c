"""A seller's payout for each order, in the parts the library's payout rule adds up.

`creative_market.orders.payouts.seller_share` pays a seller their unrefunded lines less
commission plus the unrefunded shipping they charged. The seller's orders page shows both
parts beside the sum, so the card's figure and the payout list agree on the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from creative_market.orders.models import Order
from creative_market.orders.payouts import seller_share
from creative_market.orders.state import LineStatus


@dataclass(frozen=True)
class OrderShare:
    """Goods after commission, shipping paid by the buyer, and their sum (the payout)."""

    goods: Decimal
    shipping: Decimal
    payout: Decimal
    currency: str


def order_shares(
    session: Session, *, seller_id: int, references: list[str],
) -> dict[str, OrderShare]:
    """Each order's share for the seller (reference -> OrderShare), in three statements."""
    if not references:
        return {}
    orders = session.scalars(
        select(Order).where(Order.reference.in_(references))
        .options(selectinload(Order.lines), selectinload(Order.shipping_charges))
    )
    return {order.reference: _share(order, seller_id) for order in orders}


def _share(order: Order, seller_id: int) -> OrderShare:
    goods = sum((line.seller_earnings for line in order.lines
                 if line.seller_id == seller_id and line.status != LineStatus.REFUNDED),
                Decimal(0))
    shipping = sum((charge.amount for charge in order.shipping_charges
                    if charge.seller_id == seller_id and not charge.refunded), Decimal(0))
    return OrderShare(goods=goods, shipping=shipping, payout=seller_share(order, seller_id),
                      currency=order.currency)
