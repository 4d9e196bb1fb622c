"""Services take the Session first and everything else by keyword (rule 1)."""

from __future__ import annotations

import inspect

import pytest

from creative_market.orders import cart_pricing, expiry, payouts, progress, refunds


@pytest.mark.parametrize("function", [
    progress.claim_order, progress.move_line, expiry.release_order_lines,
    expiry.expire_unpaid_orders, refunds.refund_order, refunds.cancel_order,
    payouts.record_transfer, payouts.plan_payouts, cart_pricing.price_cart,
])
def test_services_take_the_session_then_keywords_only(function):
    parameters = list(inspect.signature(function).parameters.values())
    assert parameters[0].name == "session"
    positional = [p.name for p in parameters[1:] if p.kind in (
        inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    assert positional == [], f"{function.__name__} takes {positional} by position"
