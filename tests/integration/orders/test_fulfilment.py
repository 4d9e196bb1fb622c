"""Fulfilment: sellers ship physical lines; licence lines are fulfilled when granted."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from creative_market.exceptions import (
    InvalidTransitionError,
    PermissionDeniedError,
    ValidationError,
)
from creative_market.orders.services import lines_to_ship, mark_lines_shipped
from creative_market.orders.state import LineStatus, OrderStatus
from creative_market.testing import factories as f
from tests.integration.orders.support import goods, licence, pay, place

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_sellers_ship_their_own_lines_and_the_order_follows(session):
    carpet = f.make_carpet(session)
    vase = f.make_design_work(session)
    order = place(session, [goods(carpet), goods(vase)])
    pay(session, order)
    carpet_line = next(line for line in order.lines if line.product_id == carpet.id)
    vase_line = next(line for line in order.lines if line.product_id == vase.id)
    assert lines_to_ship(order, seller_id=carpet.seller_id) == [carpet_line]

    with pytest.raises(PermissionDeniedError, match="another seller"):
        mark_lines_shipped(session, order=order, line_ids=[vase_line.id], carrier="DHL",
                           tracking_number="1", seller_id=carpet.seller_id)
    mark_lines_shipped(session, order=order, line_ids=[carpet_line.id], carrier="AzərPoçt",
                       tracking_number="RR1AZ", seller_id=carpet.seller_id, now=NOW)
    assert carpet_line.status is LineStatus.SHIPPED
    assert (carpet_line.carrier, carpet_line.tracking_number) == ("AzərPoçt", "RR1AZ")
    assert carpet_line.shipped_at == NOW
    assert order.status is OrderStatus.PARTIALLY_FULFILLED

    mark_lines_shipped(session, order=order, line_ids=[vase_line.id], carrier="DHL",
                       tracking_number="JD0001")
    assert order.status is OrderStatus.FULFILLED


def test_only_paid_physical_lines_ship(session):
    carpet = f.make_carpet(session)
    track = f.make_music_work(session)
    offer = f.make_offer(session, track)
    order = place(session, [goods(carpet), licence(offer)])
    carpet_line = next(line for line in order.lines if line.product_id == carpet.id)
    with pytest.raises(InvalidTransitionError, match="'reserved' to 'shipped'"):
        mark_lines_shipped(session, order=order, line_ids=[carpet_line.id], carrier="DHL",
                           tracking_number="1")
    pay(session, order)
    licence_line = next(line for line in order.lines if line.licence_offer_id)
    assert licence_line.status is LineStatus.FULFILLED
    with pytest.raises(ValidationError, match="nothing ships"):
        mark_lines_shipped(session, order=order, line_ids=[licence_line.id], carrier="DHL",
                           tracking_number="1")
    with pytest.raises(ValidationError) as error:
        mark_lines_shipped(session, order=order, line_ids=[carpet_line.id], carrier="",
                           tracking_number="")
    assert set(error.value.messages) == {"carrier", "tracking_number"}
