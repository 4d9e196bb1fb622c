"""Payouts: Stripe Connect transfers in the order's transfer group, owed balances paid by
hand, failed transfers shown and retried. Each runs on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from creative_market.catalog.models import Seller
from creative_market.orders.payouts import PayoutStatus, SellerPayout
from storefront.extensions import db
from tests.storefront.checkout_steps import fill_cart
from tests.storefront.payments.helpers import check_out, pay_and_deliver, staff_client
from tests.stripe_server.shop import stock_shop


def buy_everything(app, server, shop) -> str:
    client = app.test_client()
    fill_cart(client, shop)
    reference, session_id = check_out(client, server)
    pay_and_deliver(client, server, session_id)
    return reference


def payouts_by_seller(app) -> dict[int, SellerPayout]:
    with app.app_context():
        rows = db.session.query(SellerPayout).all()
        db.session.expunge_all()
        return {row.seller_id: row for row in rows}


@pytest.fixture
def connected_account(stripe_server) -> str:
    return stripe_server.client().v1.accounts.create(params={"type": "express"}).id


def test_connected_seller_is_paid_by_transfer_in_the_order_group(stripe_app, stripe_server,
                                                                 connected_account):
    shop = stock_shop(stripe_app, music_account=connected_account)
    reference = buy_everything(stripe_app, stripe_server, shop)
    transfers = stripe_server.client().v1.transfers.list(
        params={"transfer_group": reference}).data
    assert [(t.destination, t.amount, t.currency) for t in transfers] == [
        (connected_account, 4500, "azn")]  # 50.00 less 10 % commission
    payout = payouts_by_seller(stripe_app)[shop.music_seller_id]
    assert payout.status == PayoutStatus.TRANSFERRED
    assert payout.provider_reference == transfers[0].id


def test_unconnected_seller_keeps_a_balance_an_admin_marks_paid(stripe_app, stripe_server):
    shop = stock_shop(stripe_app)
    buy_everything(stripe_app, stripe_server, shop)
    owed = payouts_by_seller(stripe_app)[shop.carpet_seller_id]
    assert owed.status == PayoutStatus.OWED
    assert str(owed.amount) == "1090.00"  # 1200 less 120 commission, plus 10 shipping
    admin = staff_client(stripe_app, "admin")
    page = admin.get("/money/admin?lang=en").get_data(as_text=True)
    assert "Quba Xalça Evi" in page and "1,090.00" in page
    admin.post(f"/money/admin/sellers/{shop.carpet_seller_id}/mark-paid",
               data={"currency": "AZN", "paid_reference": "BANK-2026-0042"})
    paid = payouts_by_seller(stripe_app)[shop.carpet_seller_id]
    assert paid.status == PayoutStatus.PAID and paid.paid_reference == "BANK-2026-0042"
    after = admin.get("/money/admin?lang=en").get_data(as_text=True)
    assert "Marked ₼1,090.00 as paid to Quba Xalça Evi." in after  # the flash
    owed_table = after[after.index('id="owed-balances"'):]
    assert "1,090.00" not in owed_table and "45.00" in owed_table  # the musician is still owed


def test_a_failed_transfer_is_visible_and_retried(stripe_app, stripe_server, connected_account):
    shop = stock_shop(stripe_app, music_account="acct_closed")
    reference = buy_everything(stripe_app, stripe_server, shop)
    failed = payouts_by_seller(stripe_app)[shop.music_seller_id]
    assert failed.status == PayoutStatus.FAILED and failed.attempts == 1
    assert "No such destination" in failed.last_error
    admin = staff_client(stripe_app, "admin")
    assert "No such destination" in admin.get("/money/admin?lang=en").get_data(as_text=True)
    with stripe_app.app_context():  # the seller connects a working account
        db.session.get(Seller, shop.music_seller_id).stripe_account_id = connected_account
        db.session.commit()
    admin.post("/money/admin/transfers/retry")
    retried = payouts_by_seller(stripe_app)[shop.music_seller_id]
    assert retried.status == PayoutStatus.TRANSFERRED and retried.attempts == 2
    [transfer] = stripe_server.client().v1.transfers.list(
        params={"transfer_group": reference}).data
    assert transfer.destination == connected_account
    # The retry used the payout's own idempotency key: sending again cannot pay twice.
    keys = [r["idempotency_key"] for r in stripe_server.requests()
            if r["path"] == "/v1/transfers" and r["method"] == "POST"]
    assert keys == [retried.idempotency_key] * 2
