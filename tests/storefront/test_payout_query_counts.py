"""Buyers' and money pages issue the same number of statements for one row or many."""

from __future__ import annotations

from creative_market.orders.models import Order
from creative_market.orders.payouts import PayoutStatus, SellerPayout
from creative_market.testing.factories import make_music_work, make_offer, make_seller
from storefront.extensions import db
from tests.storefront.checkout_steps import place_and_pay
from tests.storefront.conftest import statement_count
from tests.storefront.payments.helpers import staff_client
from tests.stripe_server.fixtures import app_on_both_databases  # noqa: F401  (the `app` fixture)


def _extra_offers(app, count: int) -> list[int]:
    with app.app_context():
        offers = [make_offer(db.session, make_music_work(db.session)) for _ in range(count)]
        db.session.commit()
        return [offer.id for offer in offers]


def _buy(client, offer_ids: list[int]) -> str:
    for offer_id in offer_ids:
        client.post("/cart/add", data={"offer_id": offer_id})
    return place_and_pay(client)


def test_my_orders_and_the_order_page_have_fixed_statement_counts(app, shop):
    buyer = app.test_client()
    single = _buy(buyer, [shop.offer_id])
    few_orders = statement_count(app, buyer, "/purchases")
    one_licence = statement_count(app, buyer, f"/purchases/{single}")
    several = _buy(buyer, [shop.offer_id, *_extra_offers(app, 3)])
    _buy(buyer, [shop.offer_id])
    assert statement_count(app, buyer, "/purchases") == few_orders
    page = buyer.get(f"/purchases/{several}").get_data(as_text=True)
    assert page.count('class="licence-number"') == 4
    assert statement_count(app, buyer, f"/purchases/{several}") == one_licence


def _failed_payout(app, reference: str) -> None:
    with app.app_context():
        order = db.session.query(Order).filter_by(reference=reference).one()
        seller = make_seller(db.session)
        db.session.add(SellerPayout(
            idempotency_key=f"payout-test-{seller.id}", seller_id=seller.id, order_id=order.id,
            amount=order.total, currency=order.currency, status=PayoutStatus.FAILED,
            transfer_group=reference, attempts=1, last_error="No such destination"))
        db.session.commit()


def test_the_administrators_money_page_has_a_fixed_statement_count(app, shop):
    reference = _buy(app.test_client(), [shop.offer_id])
    admin = staff_client(app, "admin")
    _failed_payout(app, reference)
    one = statement_count(app, admin, "/money/admin")
    for _ in range(3):
        _failed_payout(app, reference)
    page = admin.get("/money/admin").get_data(as_text=True)
    assert page.count("No such destination") == 4
    assert statement_count(app, admin, "/money/admin") == one
