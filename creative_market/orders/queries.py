"""Read-only queries the storefront's pages need, each with its eager loading.

Every function issues a fixed number of statements whatever the number of rows, so the
pages built on them do too (rule 7).
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from creative_market.catalog.enums import FileRole
from creative_market.catalog.models import ProductFile
from creative_market.orders.models import LicenceGrant, Order, OrderLine
from creative_market.orders.payouts import SellerPayout
from creative_market.orders.state import PAID_STATES


def orders_for_buyer(
    session: Session, *, user_id: int | None, references: list[str], limit: int = 100,
) -> list[Order]:
    """A buyer's orders (by account, or references this browser placed), newest first."""
    conditions = [Order.reference.in_(references or [])]
    if user_id is not None:
        conditions.append(Order.buyer_user_id == user_id)
    return list(session.scalars(
        select(Order).where(or_(*conditions)).options(selectinload(Order.lines))
        .order_by(Order.placed_at.desc(), Order.id.desc()).limit(limit)
    ))


def last_checkout_details(session: Session, *, user_id: int) -> dict[str, str]:
    """What an account's latest order gave at checkout, to fill in the next one.

    The last shipping address (recipient, lines, city, postal code, country, phone), the last
    country of a licence-only order, and the last licensee; empty when there is none.
    """
    details: dict[str, str] = {}
    latest = session.scalars(
        select(Order).where(Order.buyer_user_id == user_id)
        .options(selectinload(Order.lines))
        .order_by(Order.placed_at.desc(), Order.id.desc()).limit(20)
    )
    for order in latest:
        if order.shipping_address and "line1" not in details:
            details.update({key: str(value) for key, value in order.shipping_address.items()
                            if value})
        if order.buyer_country and not order.shipping_address:
            details.setdefault("buyer_country", order.buyer_country)
        for line in order.lines:
            if line.licensee_name:
                details.setdefault("licensee_name", line.licensee_name)
                if line.licensee_company:
                    details.setdefault("licensee_company", line.licensee_company)
    return details


def order_lines_with_grants(session: Session, *, order_id: int) -> list[OrderLine]:
    """An order's lines with their licence grants and sellers loaded."""
    return list(session.scalars(
        select(OrderLine).where(OrderLine.order_id == order_id)
        .options(selectinload(OrderLine.grant), selectinload(OrderLine.seller))
        .order_by(OrderLine.id)
    ))


def deliverable_files_of(
    session: Session, *, grants: list[LicenceGrant],
) -> dict[int, list[ProductFile]]:
    """Each grant's downloadable files (grant id -> files), in one query for all grants."""
    by_product: dict[int, list[ProductFile]] = defaultdict(list)
    product_ids = {grant.product_id for grant in grants}
    if product_ids:
        for file in session.scalars(
            select(ProductFile)
            .where(ProductFile.product_id.in_(product_ids),
                   ProductFile.role == FileRole.DELIVERABLE)
            .order_by(ProductFile.position, ProductFile.id)
        ):
            by_product[file.product_id].append(file)
    return {grant.id: by_product[grant.product_id] for grant in grants}


def orders_needing_attention(session: Session, *, limit: int = 50) -> list[Order]:
    """Orders flagged for an administrator, newest first."""
    return list(session.scalars(
        select(Order).where(Order.needs_attention.is_(True)).order_by(Order.id.desc())
        .limit(limit)
    ))


def seller_sales(
    session: Session, *, seller_id: int, limit: int = 500,
) -> dict[str, list[OrderLine]]:
    """A seller's lines of paid orders, grouped by order reference, newest order first."""
    lines = session.scalars(
        select(OrderLine).join(Order, Order.id == OrderLine.order_id)
        .where(OrderLine.seller_id == seller_id,
               Order.status.in_([status.value for status in PAID_STATES]))
        .options(selectinload(OrderLine.order)).order_by(Order.id.desc(), OrderLine.id)
        .limit(limit)
    )
    by_order: dict[str, list[OrderLine]] = {}
    for line in lines:
        by_order.setdefault(line.order.reference, []).append(line)
    return by_order


def seller_payouts(session: Session, *, seller_id: int, limit: int = 200) -> list[SellerPayout]:
    """A seller's payouts and claw-backs, newest first."""
    return list(session.scalars(
        select(SellerPayout).where(SellerPayout.seller_id == seller_id)
        .order_by(SellerPayout.id.desc()).limit(limit)
    ))
