"""Library parts of checkout: webhook events claimed once, seller payouts, saved carts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creative_market.money import Money
from creative_market.orders import carts, payouts, services
from creative_market.orders.events import ProcessedWebhookEvent, claim_event
from creative_market.orders.models import Refund
from creative_market.orders.payouts import PayoutStatus
from creative_market.testing.factories import (
    make_user,
)


def test_an_event_is_claimed_once(session):
    first = claim_event(session, provider="stripe", event_id="evt_1", event_type="x")
    assert first is not None
    assert claim_event(session, provider="stripe", event_id="evt_1", event_type="x") is None
    assert claim_event(session, provider="other", event_id="evt_1", event_type="x") is not None
    session.commit()
    assert session.query(ProcessedWebhookEvent).count() == 2


def test_claims_roll_back_with_the_transaction(session):
    claim_event(session, provider="stripe", event_id="evt_2", event_type="x")
    session.rollback()
    assert claim_event(session, provider="stripe", event_id="evt_2", event_type="x") is not None


def test_payouts_are_planned_once_per_seller(session, paid_order):
    order, weaver, musician = paid_order
    planned = {p.seller_id: p for p in payouts.plan_payouts(session, order=order)}
    assert payouts.plan_payouts(session, order=order)  # again: the same rows
    session.commit()
    assert session.query(payouts.SellerPayout).count() == 2
    assert planned[weaver.id].status == PayoutStatus.OWED
    assert planned[weaver.id].amount == Decimal("1090.00")  # 1200 - 10% + 10 shipping
    assert planned[musician.id].status == PayoutStatus.PENDING
    assert planned[musician.id].amount == Decimal("45.00")
    assert [p.id for p in payouts.payouts_to_transfer(session)] == [planned[musician.id].id]


def test_transfers_fail_then_succeed_and_balances_are_marked_paid(session, paid_order):
    order, weaver, musician = paid_order
    planned = {p.seller_id: p for p in payouts.plan_payouts(session, order=order)}
    assert payouts.claim_payout(session, payout=planned[musician.id])
    payouts.record_transfer(session, payout=planned[musician.id], error="No such destination")
    assert payouts.failed_transfers(session)[0].last_error == "No such destination"
    assert payouts.claim_payout(session, payout=planned[musician.id])
    payouts.record_transfer(session, payout=planned[musician.id], transfer_id="tr_1")
    assert planned[musician.id].status == PayoutStatus.TRANSFERRED
    assert planned[musician.id].attempts == 2
    assert payouts.payouts_to_transfer(session) == []
    [balance] = payouts.owed_balances(session)
    assert (balance.seller_id, balance.amount) == (weaver.id, Decimal("1090.00"))
    assert balance.unshipped == 1  # the carpet has not left yet: the page warns before paying
    carpet_line = next(line for line in order.lines if line.seller_id == weaver.id)
    services.mark_lines_shipped(session, order=order, line_ids=[carpet_line.id],
                                carrier="AzerPost", tracking_number="RR1")
    assert payouts.owed_balances(session)[0].unshipped == 0
    settled = payouts.mark_balance_paid(session, seller_id=weaver.id, currency="AZN",
                                        paid_reference="BANK-1")
    assert settled == Decimal("1090.00") and payouts.owed_balances(session) == []


def test_a_refund_shrinks_an_unsent_payout_and_claws_back_a_sent_one(session, paid_order):
    order, weaver, musician = paid_order
    planned = {p.seller_id: p for p in payouts.plan_payouts(session, order=order)}
    payouts.claim_payout(session, payout=planned[musician.id])
    payouts.record_transfer(session, payout=planned[musician.id], transfer_id="tr_1")
    refund = services.refund_order(session, order=order, idempotency_key="r1")
    payouts.adjust_for_refund(session, order=order, refund_id=refund.id)
    session.commit()
    assert planned[weaver.id].status == PayoutStatus.CANCELLED
    clawback = session.query(payouts.SellerPayout).filter_by(idempotency_key=f"refund-{refund.id}-"
                                                             f"{musician.id}").one()
    assert clawback.amount == Decimal("-45.00") and clawback.status == PayoutStatus.OWED
    assert Money(clawback.amount, "AZN") == Money(Decimal("-45"), "AZN")


def test_carts_merge_and_are_saved_per_account(session):
    user = make_user(session)
    carts.save_cart(session, user_id=user.id, items=[{"product_id": 1, "quantity": 1},
                                                     {"offer_id": 7}])
    merged = carts.merge_items(carts.load_cart(session, user_id=user.id),
                               [{"product_id": 1, "quantity": 2}, {"offer_id": 7},
                                {"offer_id": 8}])
    assert merged == [{"product_id": 1, "quantity": 3}, {"offer_id": 7}, {"offer_id": 8}]
    carts.save_cart(session, user_id=user.id, items=merged)
    session.commit()
    assert carts.load_cart(session, user_id=user.id) == merged


def test_saved_carts_with_invalid_items_merge_without_them(session):
    from creative_market.orders import carts as saved_carts
    from creative_market.testing.factories import make_user

    user = make_user(session)
    bad = [{"product_id": 99999999999999999999999, "quantity": 1}, {"offer_id": 0},
           {"product_id": 3, "quantity": "lots"}, None, {"product_id": 4, "quantity": 2}]
    saved_carts.save_cart(session, user_id=user.id, items=bad)
    merged = saved_carts.merge_items(saved_carts.load_cart(session, user_id=user.id),
                                     [{"offer_id": 7}])
    assert merged == [{"product_id": 4, "quantity": 2}, {"offer_id": 7}]
    kept, dropped = saved_carts.clean_items(bad)
    assert len(kept) == 1 and len(dropped) == 4


def test_outside_refunds_use_the_refund_they_made_for_claw_backs(session, paid_order):
    from creative_market.exceptions import PermissionDeniedError
    from creative_market.orders import settlement
    from creative_market.orders.payments import OfflineGateway

    order, weaver, musician = paid_order
    planned = {p.seller_id: p for p in payouts.plan_payouts(session, order=order)}
    payouts.claim_payout(session, payout=planned[musician.id])
    payouts.record_transfer(session, payout=planned[musician.id], transfer_id="tr_1")
    carpet_line, licence_line = sorted(order.lines, key=lambda line: line.kind != "physical")
    with pytest.raises(PermissionDeniedError, match="only your own lines"):
        settlement.refund_by_actor(session, order=order, line_ids=[carpet_line.id],
                                   seller_id=musician.id, reason="")
    gateway = OfflineGateway()
    first = settlement.refund_by_actor(session, order=order, line_ids=[carpet_line.id],
                                       seller_id=weaver.id, reason="", gateway=gateway)
    assert first.idempotency_key == f"refund-{order.reference}-{carpet_line.id}"
    assert list(gateway.refunds) == [first.idempotency_key]
    # Stripe's dashboard then refunds the licence: recorded against its own new refund.
    outcome = settlement.record_outside_refund(
        session, order=order, refunded_total=order.total, key="stripe-ch_1-x", reason="dash")
    assert outcome == f"recorded a refund of {licence_line.line_total} AZN"
    session.commit()
    second = session.query(Refund).filter_by(idempotency_key="stripe-ch_1-x").one()
    clawback = session.query(payouts.SellerPayout).filter_by(
        idempotency_key=f"refund-{second.id}-{musician.id}").one()
    assert clawback.amount == Decimal("-45.00")
    assert order.status == "refunded" and order.refunded_amount == order.total
    again = settlement.record_outside_refund(
        session, order=order, refunded_total=order.total, key="stripe-ch_1-y", reason="dash")
    assert again == "refund already recorded"


def test_an_outside_refund_matching_no_lines_flags_the_order(session, paid_order):
    from creative_market.orders import settlement

    order, _weaver, _musician = paid_order
    outcome = settlement.record_outside_refund(
        session, order=order, refunded_total=Decimal("3.33"), key="k", reason="dash")
    assert outcome == "refund does not match lines; order flagged for an administrator"
    assert order.needs_attention and "3.33 AZN" in order.attention_reason


def test_a_payout_is_claimed_by_one_sender_only(session, session_factory, paid_order):
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from creative_market.exceptions import ConflictError

    order, _weaver, musician = paid_order
    payout_id = {p.seller_id: p for p in payouts.plan_payouts(session, order=order)}[musician.id].id
    session.commit()
    with pytest.raises(ConflictError, match="claim it before sending"):
        payouts.record_transfer(session, payout=session.get(payouts.SellerPayout, payout_id),
                                transfer_id="tr_x")
    session.rollback()
    barrier = threading.Barrier(4)

    def send() -> bool:
        barrier.wait(timeout=30)  # before any transaction: SQLite's BEGIN IMMEDIATE queues
        with session_factory() as own:
            payout = own.get(payouts.SellerPayout, payout_id)
            claimed = payouts.claim_payout(own, payout=payout, destination_account="acct_9")
            own.commit()
            return claimed

    with ThreadPoolExecutor(4) as pool:
        claims = list(pool.map(lambda _: send(), range(4)))
    assert claims.count(True) == 1
    session.expire_all()
    payout = session.get(payouts.SellerPayout, payout_id)
    assert (payout.status, payout.attempts, payout.destination_account) == (
        PayoutStatus.SENDING, 1, "acct_9")
    assert payouts.payouts_to_transfer(session) == []  # no one else picks it up
