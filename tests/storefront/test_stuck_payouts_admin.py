"""The administrators' money page lists payouts stuck in sending and puts one back to failed."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from creative_market.db import utcnow
from creative_market.orders import payouts, services
from creative_market.orders.payouts import PayoutStatus, SellerPayout
from creative_market.testing.factories import make_music_work, make_offer, make_seller
from storefront.extensions import db


def _stuck_payout(app, *, age: timedelta) -> int:
    """A paid order whose payout was claimed for sending and never recorded; its id."""
    with app.app_context():
        musician = make_seller(db.session, display_name="Musician", stripe_account_id="acct_1")
        offer = make_offer(db.session, make_music_work(db.session, seller=musician),
                           price=Decimal("50"))
        order = services.place_order(
            db.session, buyer_name="Leyla", buyer_email="leyla@example.az", currency="AZN",
            lines=[{"offer_id": offer.id, "licensee_name": "Leyla"}])
        services.record_payment(db.session, order=order, provider="offline",
                                provider_reference="p1", amount=order.total_money)
        [payout] = payouts.plan_payouts(db.session, order=order)
        assert payouts.claim_payout(db.session, payout=payout)
        payout.claimed_at = utcnow() - age  # the sender claimed it, then crashed
        db.session.commit()
        return payout.id


def _status(app, payout_id: int) -> PayoutStatus:
    with app.app_context():
        return db.session.get(SellerPayout, payout_id).status


def test_a_stuck_payout_is_listed_with_its_age_and_released(app, make_client):
    payout_id = _stuck_payout(app, age=timedelta(hours=2, minutes=5))
    admin = make_client("admin")
    admin.set_cookie("lang", "en")  # the messages asserted here are the English ones
    page = admin.get("/money/admin").get_data(as_text=True)
    table = page[page.index('id="stuck-transfers"'):]
    assert "Musician" in table and "2 h 5 min" in table
    assert f"/money/admin/transfers/{payout_id}/release" in table

    response = admin.post(f"/money/admin/transfers/{payout_id}/release", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert f"Payout {payout_id} is back in failed transfers" in page
    assert 'id="stuck-transfers"' not in page and "left in sending" in page
    assert _status(app, payout_id) is PayoutStatus.FAILED

    again = admin.post(f"/money/admin/transfers/{payout_id}/release", follow_redirects=True)
    assert "is no longer stuck in sending" in again.get_data(as_text=True)
    assert _status(app, payout_id) is PayoutStatus.FAILED
    assert admin.post("/money/admin/transfers/999999/release").status_code == 404


def test_a_payout_sending_just_now_is_not_listed(app, make_client):
    payout_id = _stuck_payout(app, age=timedelta(minutes=1))
    page = make_client("admin").get("/money/admin?lang=en").get_data(as_text=True)
    assert "No transfers stuck in sending." in page
    assert _status(app, payout_id) is PayoutStatus.SENDING


def test_only_administrators_release_payouts(app, make_client):
    payout_id = _stuck_payout(app, age=timedelta(hours=1))
    for role in ("seller", "buyer"):
        client = make_client(role)
        assert client.get("/money/admin").status_code == 403
        assert client.post(f"/money/admin/transfers/{payout_id}/release").status_code == 403
    assert _status(app, payout_id) is PayoutStatus.SENDING
