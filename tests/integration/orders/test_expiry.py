"""Expiry of unpaid orders, and payments that arrive after it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from creative_market.catalog.licensing import LicenceTier
from creative_market.orders.services import expire_unpaid_orders, refund_order
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

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
LATER = NOW + timedelta(minutes=31)


def test_expiry_releases_reservations_past_the_deadline_only(session):
    carpet = f.make_carpet(session)
    vase = f.make_design_work(session, stock_quantity=5)
    old = place(session, [goods(carpet), goods(vase, 2)], now=NOW)
    fresh = place(session, [goods(vase, 1)], now=NOW + timedelta(minutes=20))
    session.commit()

    assert expire_unpaid_orders(session, now=NOW + timedelta(minutes=29)) == 0
    assert expire_unpaid_orders(session, now=LATER) == 1
    session.commit()
    assert old.status is OrderStatus.EXPIRED and old.closed_at is not None
    assert [line.status for line in old.lines] == [LineStatus.RELEASED] * 2
    assert fresh.status is OrderStatus.PENDING_PAYMENT
    assert counters(session, carpet) == (1, 0, "published")
    assert counters(session, vase) == (5, 1, "published")


def test_expiring_twice_releases_once(session):
    vase = f.make_design_work(session, stock_quantity=5)
    place(session, [goods(vase, 2)], now=NOW)
    place(session, [goods(vase, 1)], now=LATER)
    assert expire_unpaid_orders(session, now=LATER) == 1
    assert expire_unpaid_orders(session, now=LATER) == 0
    assert counters(session, vase) == (5, 1, "published")


def test_expiry_releases_licence_holds(session):
    track = f.make_music_work(session)
    exclusive = f.make_offer(session, track, tier=LicenceTier.EXCLUSIVE, price=Decimal("900"))
    place(session, [licence(exclusive)], now=NOW)
    expire_unpaid_orders(session, now=LATER)
    assert offer_counters(session, exclusive) == (0, 0, "active")
    place(session, [licence(exclusive, "Növbəti alıcı")], now=LATER)


def test_a_late_payment_takes_the_stock_again_if_it_is_free(session):
    carpet = f.make_carpet(session)
    order = place(session, [goods(carpet)], now=NOW)
    expire_unpaid_orders(session, now=LATER)
    pay(session, order, now=LATER)
    assert order.status is OrderStatus.PAID and order.closed_at is None
    assert order.lines[0].status is LineStatus.SOLD
    assert counters(session, carpet) == (0, 0, "sold_out")
    assert ledger_sum(session) == 0


def test_a_late_payment_for_sold_stock_needs_a_refund_and_oversells_nothing(session):
    carpet = f.make_carpet(session)
    vase = f.make_design_work(session, stock_quantity=3)
    late = place(session, [goods(vase), goods(carpet)], now=NOW)
    expire_unpaid_orders(session, now=LATER)
    rival = place(session, [goods(carpet)], now=LATER)
    pay(session, rival, now=LATER)

    pay(session, late, now=LATER)
    assert late.status is OrderStatus.NEEDS_REFUND and late.needs_attention
    assert "refund" in late.attention_reason
    assert counters(session, carpet) == (0, 0, "sold_out")
    assert counters(session, vase) == (3, 0, "published")  # the vase taken back again

    refund = refund_order(session, order=late, reason="sold out")
    assert refund.amount == late.total
    assert late.status is OrderStatus.REFUNDED and not late.needs_attention
    assert ledger_sum(session) == 0
