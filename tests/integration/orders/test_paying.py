"""Paying: idempotent notifications, refused mismatches, sales, licences and the ledger."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from creative_market.catalog.licensing import LicenceTier
from creative_market.exceptions import PaymentError
from creative_market.money import Money
from creative_market.orders.models import (
    LedgerAccount,
    LedgerEntry,
    LicenceGrant,
    Payment,
    PaymentStatus,
)
from creative_market.orders.services import find_payment, get_order, seller_balance
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


def test_paying_sells_a_one_of_a_kind_carpet(session):
    carpet = f.make_carpet(session, stock_quantity=1)
    order = place(session, [goods(carpet)])
    payment = pay(session, order)
    assert payment.status is PaymentStatus.SUCCEEDED
    assert order.status is OrderStatus.PAID and order.paid_at is not None
    assert order.lines[0].status is LineStatus.SOLD
    assert counters(session, carpet) == (0, 0, "sold_out")


def test_the_same_notification_twice_records_one_payment(session):
    carpet = f.make_carpet(session, stock_quantity=3)
    order = place(session, [goods(carpet)])
    session.commit()
    first = pay(session, order, "pi_123")
    session.commit()
    second = pay(session, order, "pi_123")
    session.commit()
    assert first.id == second.id
    assert session.scalar(select(func.count()).select_from(Payment)) == 1
    assert counters(session, carpet) == (2, 0, "published")
    assert session.scalar(select(func.count()).select_from(LedgerEntry)) == 5  # 3 + shipping 2


def test_a_payment_of_the_wrong_amount_is_refused_and_flagged(session):
    carpet = f.make_carpet(session)
    order = place(session, [goods(carpet)])
    payment = pay(session, order, amount=Money(Decimal("1.00"), "AZN"))
    assert payment.status is PaymentStatus.MISMATCHED
    assert "order totals" in payment.problem
    assert order.status is OrderStatus.PENDING_PAYMENT
    assert order.needs_attention and "refused" in order.attention_reason
    assert counters(session, carpet) == (1, 1, "published")
    assert ledger_sum(session) == 0 and session.scalar(select(func.count(LedgerEntry.id))) == 0


def test_a_payment_in_another_currency_is_refused(session):
    carpet = f.make_carpet(session)
    order = place(session, [goods(carpet)])
    payment = pay(session, order, amount=Money(order.total, "USD"))
    assert payment.status is PaymentStatus.MISMATCHED and "USD" in payment.problem
    assert order.status is OrderStatus.PENDING_PAYMENT


def test_a_provider_reference_belongs_to_one_order(session):
    carpet = f.make_carpet(session, stock_quantity=2)
    first, second = place(session, [goods(carpet)]), place(session, [goods(carpet)])
    pay(session, first, "pi_same")
    with pytest.raises(PaymentError, match="another order"):
        pay(session, second, "pi_same")


def test_a_second_payment_for_a_paid_order_is_flagged_for_refund(session):
    carpet = f.make_carpet(session, stock_quantity=2)
    order = place(session, [goods(carpet)])
    pay(session, order, "pi_1")
    pay(session, order, "pi_2")
    assert order.status is OrderStatus.PAID and order.needs_attention
    assert "refund it" in order.attention_reason
    assert counters(session, carpet) == (1, 0, "published")


def test_an_exclusive_sale_withdraws_the_other_commercial_offers(session):
    track = f.make_music_work(session)
    exclusive = f.make_offer(session, track, tier=LicenceTier.EXCLUSIVE, price=Decimal("900"))
    standard = f.make_offer(session, track, tier=LicenceTier.STANDARD_COMMERCIAL)
    personal = f.make_offer(session, track, tier=LicenceTier.PERSONAL, media=["web"],
                            price=Decimal("5"))
    order = place(session, [licence(exclusive)])
    pay(session, order)
    assert offer_counters(session, exclusive) == (0, 1, "sold")
    assert offer_counters(session, standard)[2] == "withdrawn"
    assert offer_counters(session, personal)[2] == "active"
    session.refresh(track)
    assert track.list_price == Decimal("5.00")  # the "from" price follows what is still on sale


def test_paying_grants_licences_and_fulfils_licence_lines(session):
    track = f.make_music_work(session)
    offer = f.make_offer(session, track, term_months=12)
    order = place(session, [licence(offer, "Rəşad İsmayılov")])
    pay(session, order)
    grant = session.scalar(select(LicenceGrant))
    assert grant.licensee_name == "Rəşad İsmayılov" and grant.status == "valid"
    assert grant.terms["term_months"] == 12 and grant.valid_until is not None
    assert order.lines[0].status is LineStatus.FULFILLED
    assert order.status is OrderStatus.FULFILLED
    assert offer_counters(session, offer) == (0, 1, "active")


def test_paying_books_each_sellers_earnings_and_the_ledger_balances(session):
    carpet = f.make_carpet(session, price=Decimal("1000.00"))
    track = f.make_music_work(session)
    offer = f.make_offer(session, track, price=Decimal("50.00"))
    order = place(session, [goods(carpet), licence(offer)])
    pay(session, order)
    assert seller_balance(session, seller_id=carpet.seller_id, currency="AZN") == Decimal("910.00")
    assert seller_balance(session, seller_id=track.seller_id, currency="AZN") == Decimal("45.00")
    commission = session.scalar(select(func.sum(LedgerEntry.amount))
                                .where(LedgerEntry.account == LedgerAccount.COMMISSION))
    assert Decimal(str(commission)) == Decimal("105.00")
    assert ledger_sum(session) == 0
    assert order.status is OrderStatus.PARTIALLY_FULFILLED


def test_orders_are_found_by_reference(session):
    carpet = f.make_carpet(session)
    order = place(session, [goods(carpet)])
    assert get_order(session, reference=order.reference.lower()) is order
    payment = pay(session, order, "pi_x")
    assert find_payment(session, provider="offline", provider_reference="pi_x") is payment
