"""Refunds are safe on their own: the library locks the order, whoever calls it."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from creative_market.exceptions import ConflictError
from creative_market.orders.models import Order, Refund
from creative_market.orders.payments import OfflineGateway
from creative_market.orders.services import refund_order
from creative_market.orders.state import LineStatus, OrderStatus
from creative_market.testing import factories as f
from tests.integration.orders.support import goods, ledger_sum, licence, pay, place
from tests.integration.orders.test_races import pg_factory  # noqa: F401  (fixture)


def _paid_order(factory: sessionmaker[Session]) -> tuple[int, list[int]]:
    with factory() as session:
        carpet = f.make_carpet(session)
        offer = f.make_offer(session, f.make_music_work(session))
        order = place(session, [goods(carpet), licence(offer)])
        pay(session, order)
        session.commit()
        return order.id, [line.id for line in order.lines]


def _refund(factory: sessionmaker[Session], order_id: int, line_id: int,
            gateway: OfflineGateway, barrier: threading.Barrier) -> str:
    with factory() as session:
        order = session.get(Order, order_id)
        assert order.lines and order.refunded_amount == 0  # everyone read the same state
        barrier.wait()
        try:
            refund = refund_order(session, order=order, line_ids=[line_id], gateway=gateway)
            session.commit()
        except ConflictError:
            session.rollback()
            return "refused"
        return f"refund {refund.id}"


def test_threads_refunding_the_same_line_make_one_refund(pg_factory):  # noqa: F811
    order_id, (carpet_line, _licence_line) = _paid_order(pg_factory)
    gateway, threads = OfflineGateway(), 8
    barrier = threading.Barrier(threads)
    with ThreadPoolExecutor(threads) as pool:
        outcomes = list(pool.map(lambda _: _refund(pg_factory, order_id, carpet_line, gateway,
                                                   barrier), range(threads)))
    with pg_factory() as session:
        refunds = session.scalars(select(Refund)).all()
        order = session.get(Order, order_id)
        assert len(refunds) == 1 and len(gateway.refunds) == 1
        assert set(outcomes) == {f"refund {refunds[0].id}"}  # retries get the same refund
        assert order.refunded_amount == refunds[0].amount
        assert order.status == OrderStatus.PARTIALLY_REFUNDED
        assert ledger_sum(session) == 0


def test_threads_refunding_different_lines_add_up(pg_factory):  # noqa: F811
    order_id, line_ids = _paid_order(pg_factory)
    gateway = OfflineGateway()
    barrier = threading.Barrier(len(line_ids))
    with ThreadPoolExecutor(len(line_ids)) as pool:
        outcomes = list(pool.map(lambda i: _refund(pg_factory, order_id, i, gateway, barrier),
                                 line_ids))
    with pg_factory() as session:
        order = session.get(Order, order_id)
        assert "refused" not in outcomes and len(gateway.refunds) == 2
        total = session.scalar(select(func.sum(Refund.amount)))
        assert order.refunded_amount == total == order.total
        assert order.status == OrderStatus.REFUNDED
        assert {line.status for line in order.lines} == {LineStatus.REFUNDED}


def test_a_retried_refund_without_a_key_pays_once(session):
    carpet = f.make_carpet(session)
    order = place(session, [goods(carpet)])
    pay(session, order)
    gateway = OfflineGateway()
    first = refund_order(session, order=order, line_ids=[order.lines[0].id], gateway=gateway)
    again = refund_order(session, order=order, line_ids=[order.lines[0].id], gateway=gateway)
    assert again.id == first.id and len(gateway.refunds) == 1
    assert session.scalar(select(func.count(Refund.id))) == 1
