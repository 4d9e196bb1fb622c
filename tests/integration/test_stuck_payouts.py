"""Payouts left `sending` after a crash: listed as stuck and released for the normal retry."""

from __future__ import annotations

from datetime import timedelta

import pytest

from creative_market.db import utcnow
from creative_market.orders import payouts
from creative_market.orders.payouts import PayoutStatus, SellerPayout


@pytest.fixture
def planned(session, paid_order):
    """A paid order with one owed payout (weaver) and one to transfer (musician)."""
    order, weaver, musician = paid_order
    by_seller = {p.seller_id: p for p in payouts.plan_payouts(session, order=order)}
    session.commit()
    return by_seller[weaver.id], by_seller[musician.id]


def crash_while_sending(session, payout: SellerPayout, *, age: timedelta) -> None:
    """Claim the payout and commit, as the sender does, then never record the result."""
    assert payouts.claim_payout(session, payout=payout)
    assert payout.claimed_at is not None
    payout.claimed_at = utcnow() - age
    session.commit()


def test_a_stuck_payout_is_listed_and_released_to_be_retried_with_the_same_key(
        session, planned):
    _owed, payout = planned
    key = payout.idempotency_key
    crash_while_sending(session, payout, age=timedelta(hours=2))
    assert payouts.payouts_to_transfer(session) == []  # invisible to the retry while sending
    assert [p.id for p in payouts.stuck_payouts(session)] == [payout.id]
    assert payouts.stuck_payouts(session)[0].seller.display_name == "Musician"

    assert payouts.release_stuck_payout(session, payout=payout) is True
    session.commit()
    assert (payout.status, payout.attempts) == (PayoutStatus.FAILED, 1)
    assert "left in sending" in payout.last_error
    assert payouts.stuck_payouts(session) == []
    assert [p.id for p in payouts.payouts_to_transfer(session)] == [payout.id]
    assert payouts.claim_payout(session, payout=payout)
    payouts.record_transfer(session, payout=payout, transfer_id="tr_1")
    assert (payout.status, payout.idempotency_key) == (PayoutStatus.TRANSFERRED, key)


def test_release_leaves_payouts_that_are_not_stuck_alone(session, planned):
    owed, payout = planned
    assert payouts.release_stuck_payout(session, payout=payout) is False  # pending
    assert payouts.release_stuck_payout(session, payout=owed) is False  # owed, by hand
    crash_while_sending(session, payout, age=timedelta(minutes=1))
    assert payouts.stuck_payouts(session) == []  # too young: its sender may still be at work
    assert payouts.release_stuck_payout(session, payout=payout) is False
    payouts.record_transfer(session, payout=payout, transfer_id="tr_1")
    session.commit()
    assert payouts.release_stuck_payout(session, payout=payout,
                                        older_than=timedelta(0)) is False  # transferred
    session.commit()
    session.expire_all()
    assert (session.get(SellerPayout, payout.id).status, session.get(SellerPayout, owed.id).status
            ) == (PayoutStatus.TRANSFERRED, PayoutStatus.OWED)


def test_an_old_payout_claimed_just_now_is_being_sent_not_stuck(session, planned):
    # Written days ago (the order was paid then), failed once, claimed again a minute ago:
    # its sender is at work, so it must not be offered for release.
    _owed, payout = planned
    payout.created_at = utcnow() - timedelta(days=3)
    session.commit()
    assert payouts.claim_payout(session, payout=payout)
    session.commit()
    assert payouts.stuck_payouts(session) == []
    assert payouts.release_stuck_payout(session, payout=payout) is False
    assert payouts.sending_since(payout) > utcnow() - timedelta(minutes=1)
