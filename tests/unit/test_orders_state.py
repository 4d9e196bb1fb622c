"""The order state machine: allowed moves, refused ones named, status derived from lines."""

from __future__ import annotations

import pytest

from creative_market.exceptions import ConflictError, InvalidTransitionError
from creative_market.orders.state import (
    ORDER_TRANSITIONS,
    LineStatus,
    OrderStatus,
    check_line_transition,
    check_order_transition,
    status_from_lines,
)

S, L = OrderStatus, LineStatus


@pytest.mark.parametrize(("current", "target"), [
    (S.PENDING_PAYMENT, S.PAID), (S.PENDING_PAYMENT, S.EXPIRED), (S.PENDING_PAYMENT, S.CANCELLED),
    (S.EXPIRED, S.PAID), (S.EXPIRED, S.NEEDS_REFUND), (S.NEEDS_REFUND, S.REFUNDED),
    (S.PAID, S.PARTIALLY_FULFILLED), (S.PARTIALLY_FULFILLED, S.FULFILLED),
    (S.FULFILLED, S.PARTIALLY_REFUNDED), (S.PARTIALLY_REFUNDED, S.REFUNDED),
])
def test_allowed_transitions_pass(current, target):
    check_order_transition(current, target)


@pytest.mark.parametrize(("current", "target"), [
    (S.PENDING_PAYMENT, S.FULFILLED), (S.CANCELLED, S.PAID), (S.REFUNDED, S.PAID),
    (S.EXPIRED, S.CANCELLED), (S.FULFILLED, S.PENDING_PAYMENT), (S.PAID, S.EXPIRED),
])
def test_illegal_transitions_name_both_states(current, target):
    with pytest.raises(InvalidTransitionError) as error:
        check_order_transition(current, target)
    assert isinstance(error.value, ConflictError)
    assert f"'{current.value}'" in str(error.value) and f"'{target.value}'" in str(error.value)
    assert (error.value.current, error.value.target) == (current.value, target.value)


def test_terminal_states_go_nowhere():
    assert ORDER_TRANSITIONS[S.CANCELLED] == frozenset()
    assert ORDER_TRANSITIONS[S.REFUNDED] == frozenset()
    assert set(ORDER_TRANSITIONS) == set(OrderStatus)


def test_line_transitions():
    check_line_transition(L.RESERVED, L.SOLD)
    check_line_transition(L.RELEASED, L.SOLD)
    with pytest.raises(InvalidTransitionError, match="Order line cannot go from 'released'"):
        check_line_transition(L.RELEASED, L.SHIPPED)


@pytest.mark.parametrize(("lines", "expected"), [
    ([L.SOLD, L.SOLD], S.PAID),
    ([L.SHIPPED, L.SOLD], S.PARTIALLY_FULFILLED),
    ([L.SHIPPED, L.FULFILLED], S.FULFILLED),
    ([L.REFUNDED, L.FULFILLED], S.PARTIALLY_REFUNDED),
    ([L.REFUNDED, L.REFUNDED], S.REFUNDED),
])
def test_status_follows_the_lines(lines, expected):
    assert status_from_lines(lines) is expected
