"""Cancelling and refunding: stock comes back, licences are revoked, the ledger balances."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from creative_market.catalog.licensing import LicenceTier
from creative_market.exceptions import InvalidTransitionError, ValidationError
from creative_market.orders.models import LedgerEntry, LicenceGrant
from creative_market.orders.payments import OfflineGateway
from creative_market.orders.services import (
    cancel_order,
    mark_lines_shipped,
    refund_order,
    seller_balance,
)
from creative_market.orders.state import LineStatus, OrderStatus
from creative_market.testing import factories as f
from tests.integration.orders.support import (
    counters,
    goods,
    ledger_sum,
    licence,
    offer_counters,
    pay,
    place,
)


def test_cancelling_an_unpaid_order_releases_its_reservations(session):
    carpet = f.make_carpet(session)
    order = place(session, [goods(carpet)])
    cancel_order(session, order=order)
    assert order.status is OrderStatus.CANCELLED
    assert order.lines[0].status is LineStatus.RELEASED
    assert counters(session, carpet) == (1, 0, "published")
    with pytest.raises(InvalidTransitionError, match="'cancelled' to 'cancelled'"):
        cancel_order(session, order=order)


def test_a_full_refund_restocks_revokes_and_reverses_the_ledger(session):
    carpet = f.make_carpet(session)
    track = f.make_music_work(session)
    exclusive = f.make_offer(session, track, tier=LicenceTier.EXCLUSIVE, price=Decimal("900"))
    order = place(session, [goods(carpet), licence(exclusive)])
    pay(session, order)
    gateway = OfflineGateway()
    cancel_order(session, order=order, reason="changed mind", gateway=gateway)
    refund = order.refunds[0]

    assert order.status is OrderStatus.REFUNDED and order.refunded_amount == order.total
    assert refund.amount == order.total and refund.provider == "offline"
    assert gateway.refunds[refund.idempotency_key].amount.amount == order.total
    assert counters(session, carpet) == (1, 0, "published")
    assert offer_counters(session, exclusive) == (0, 0, "active")
    grant = session.scalar(select(LicenceGrant))
    session.refresh(grant)
    assert grant.status == "revoked" and grant.revoked_at is not None
    assert seller_balance(session, seller_id=carpet.seller_id, currency="AZN") == 0
    assert ledger_sum(session) == 0


def test_refunding_chosen_lines_keeps_the_rest(session):
    vase = f.make_design_work(session, price=Decimal("80.00"), stock_quantity=5)
    carpet = f.make_carpet(session, price=Decimal("1000.00"))
    order = place(session, [goods(vase, 2), goods(carpet)])
    pay(session, order)
    vase_line = next(line for line in order.lines if line.product_id == vase.id)

    refund = refund_order(session, order=order, line_ids=[vase_line.id], idempotency_key="r-1")
    assert refund.amount == Decimal("170.00")  # 160 goods + that seller's 10 shipping
    assert order.status is OrderStatus.PARTIALLY_REFUNDED
    assert counters(session, vase) == (5, 0, "published")
    assert counters(session, carpet) == (0, 0, "sold_out")
    assert seller_balance(session, seller_id=vase.seller_id, currency="AZN") == 0
    assert seller_balance(session, seller_id=carpet.seller_id, currency="AZN") == Decimal("910.00")
    assert ledger_sum(session) == 0

    again = refund_order(session, order=order, line_ids=[vase_line.id], idempotency_key="r-1")
    assert again is refund
    with pytest.raises(InvalidTransitionError, match="'refunded' to 'refunded'"):
        refund_order(session, order=order, line_ids=[vase_line.id])

    refund_order(session, order=order)
    assert order.status is OrderStatus.REFUNDED
    assert order.refunded_amount == order.total
    assert ledger_sum(session) == 0


def test_shipping_stays_while_the_seller_still_ships_a_line(session):
    seller = f.make_seller(session)
    first = f.make_design_work(session, seller=seller, price=Decimal("80.00"))
    second = f.make_design_work(session, seller=seller, price=Decimal("60.00"))
    order = place(session, [goods(first), goods(second)])
    pay(session, order)
    line = next(line for line in order.lines if line.product_id == first.id)
    assert refund_order(session, order=order, line_ids=[line.id]).amount == Decimal("80.00")


def test_a_shipped_line_can_be_refunded_without_restocking(session):
    carpet = f.make_carpet(session)
    order = place(session, [goods(carpet)])
    pay(session, order)
    mark_lines_shipped(session, order=order, line_ids=[order.lines[0].id], carrier="AzərPoçt",
                       tracking_number="RR123456789AZ")
    refund_order(session, order=order, restock=False)
    assert order.status is OrderStatus.REFUNDED
    assert counters(session, carpet) == (0, 0, "sold_out")
    assert ledger_sum(session) == 0


def test_unpaid_or_foreign_lines_cannot_be_refunded(session):
    carpet = f.make_carpet(session, stock_quantity=2)
    order = place(session, [goods(carpet)])
    with pytest.raises(InvalidTransitionError, match="'pending_payment' to 'refunded'"):
        refund_order(session, order=order)
    pay(session, order)
    with pytest.raises(ValidationError, match="Not lines of"):
        refund_order(session, order=order, line_ids=[999_999])


def test_the_ledger_balances_after_many_sales_and_refunds(session):
    carpets = [f.make_carpet(session, price=Decimal("333.33"), stock_quantity=3) for _ in range(3)]
    track = f.make_music_work(session)
    offer = f.make_offer(session, track, price=Decimal("19.99"))
    for index, carpet in enumerate(carpets):
        order = place(session, [goods(carpet, 2), licence(offer)])
        pay(session, order)
        if index == 1:
            refund_order(session, order=order, line_ids=[order.lines[-1].id])
        if index == 2:
            refund_order(session, order=order)
    assert ledger_sum(session) == 0
    assert session.scalar(select(LedgerEntry).limit(1)) is not None
