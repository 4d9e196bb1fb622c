"""Fixtures shared by the integration tests of payouts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creative_market.orders import services
from creative_market.testing.factories import make_carpet, make_music_work, make_offer, make_seller


@pytest.fixture
def paid_order(session):
    """A paid order: a carpet from a weaver, a licence from a musician with a Stripe account."""
    weaver = make_seller(session, display_name="Weaver")
    musician = make_seller(session, display_name="Musician", stripe_account_id="acct_123")
    carpet = make_carpet(session, seller=weaver, price=Decimal("1200.00"))
    offer = make_offer(session, make_music_work(session, seller=musician), price=Decimal("50"))
    order = services.place_order(
        session, buyer_name="Leyla", buyer_email="leyla@example.az", currency="AZN",
        lines=[{"product_id": carpet.id, "quantity": 1},
               {"offer_id": offer.id, "licensee_name": "Leyla"}],
        shipping_address={"recipient": "Leyla", "line1": "Nizami 10", "city": "Bakı",
                          "country": "AZ"},
    )
    services.record_payment(session, order=order, provider="offline", provider_reference="p1",
                            amount=order.total_money)
    session.commit()
    return order, weaver, musician
