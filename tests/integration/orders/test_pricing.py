"""The cart's explanation and place_order's refusal come from the same rules."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creative_market.catalog.licensing import LicenceTier
from creative_market.exceptions import NotAvailableError, ValidationError
from creative_market.orders import pricing
from creative_market.testing import factories as f
from tests.integration.orders.support import goods, licence, place


def test_cart_and_checkout_give_the_same_reasons(session):
    track = f.make_music_work(session)
    offer = f.make_offer(session, track, tier=LicenceTier.PERSONAL, media=["web"],
                         pay_what_you_want=True, price=Decimal("5.00"))
    carpet = f.make_carpet(session)
    low = pricing.licence_problem(offer, price=Decimal("4.99"), currency="AZN")
    assert low == pricing.Problem("amount", "Pay at least 5.00 AZN for this licence.")
    with pytest.raises(ValidationError) as error:
        place(session, [licence(offer, amount="4.99")])
    assert error.value.messages["amount"] == [f"'{track.title()}': {low.message}"]
    other = pricing.goods_problem(carpet, quantity=1, currency="USD")
    with pytest.raises(ValidationError) as error:
        place(session, [goods(carpet)], currency="USD")
    assert error.value.messages["currency"] == [f"'{carpet.title()}': {other.message}"]
    carpet.status = "draft"
    gone = pricing.goods_problem(carpet, quantity=1, currency="AZN")
    assert gone.message == "This work is no longer for sale."
    with pytest.raises(NotAvailableError, match="This work is no longer for sale"):
        place(session, [goods(carpet)])
