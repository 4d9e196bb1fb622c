"""Races: many buyers, processes and notifications at once never oversell or double-count."""

from __future__ import annotations

import multiprocessing
import random
import threading
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from creative_market.catalog.enums import FileRole
from creative_market.catalog.licensing import LicenceOffer
from creative_market.catalog.models import Product, ProductFile
from creative_market.db import Base, import_all_models, make_engine
from creative_market.exceptions import DownloadError, NotAvailableError
from creative_market.orders.models import LedgerEntry, LicenceGrant, Order, OrderLine, Payment
from creative_market.orders.services import (
    cancel_order,
    expire_unpaid_orders,
    issue_download_token,
    open_download,
)
from creative_market.orders.state import LineStatus, OrderStatus
from creative_market.storage import LocalFileStorage
from creative_market.testing import factories as f
from tests.conftest import truncate_all
from tests.integration.orders.support import ledger_sum, licence, pay, place

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def pg_factory(postgres_url):
    """A PostgreSQL session factory with a pool big enough for 40 simultaneous buyers."""
    import_all_models()
    engine = make_engine(postgres_url, pool_size=45, max_overflow=5)
    Base.metadata.create_all(engine)
    yield sessionmaker(engine, expire_on_commit=False)
    truncate_all(engine)
    engine.dispose()


def _buy_and_pay(factory: sessionmaker[Session], product_id: int, buyer: int,
                 barrier: threading.Barrier) -> tuple[str, str]:
    barrier.wait()
    with factory() as session:
        try:
            order = place(session, [{"product_id": product_id, "quantity": 1}],
                          buyer_email=f"buyer{buyer}@example.az")
            session.commit()
        except NotAvailableError as error:
            session.rollback()
            return "refused", error.message
        pay(session, order)
        session.commit()
        return "paid", order.reference


def test_forty_buyers_of_one_carpet_leave_one_paid_order(pg_factory):
    with pg_factory() as session:
        carpet = f.make_carpet(session, title_az="Qırmızı Quba", stock_quantity=1)
        session.commit()
    barrier = threading.Barrier(40)
    with ThreadPoolExecutor(max_workers=40) as pool:
        results = list(pool.map(lambda i: _buy_and_pay(pg_factory, carpet.id, i, barrier),
                                range(40)))
    outcomes = Counter(kind for kind, _ in results)
    assert outcomes == {"paid": 1, "refused": 39}
    refusals = [message for kind, message in results if kind == "refused"]
    # Refused at the reservation ("no longer available"), or, once the sale has committed,
    # already when the order reads the catalogue ("Sold out"): either way it names the carpet.
    assert all("'Qırmızı Quba'" in message and ("is no longer available" in message
                                                or "Sold out" in message)
               for message in refusals)
    with pg_factory() as session:
        assert session.scalar(select(func.count(Order.id))) == 1
        assert session.scalar(select(Order.status)) == OrderStatus.PAID
        product = session.get(Product, carpet.id)
        assert (product.stock_quantity, product.reserved_quantity, product.status) == (
            0, 0, "sold_out")


def _random_order(factory, spec, refused: list[int]) -> None:
    with factory() as session:
        try:
            order = place(session, spec["lines"], buyer_email=f"b{spec['n']}@example.az")
            session.commit()
        except NotAvailableError:
            session.rollback()
            refused.append(spec["n"])
            return
        if spec["then"] == "pay":
            pay(session, order)
        elif spec["then"] == "cancel":
            cancel_order(session, order=order)
        session.commit()


def test_five_hundred_random_orders_never_oversell(session_factory):
    rng = random.Random(20260301)
    with session_factory() as session:
        products = [f.make_design_work(session, stock_quantity=rng.randint(1, 4),
                                       price=Decimal("20.00")) for _ in range(20)]
        session.commit()
        initial = {p.id: p.stock_quantity for p in products}
    specs = []
    for n in range(500):
        chosen = rng.sample(sorted(initial), rng.randint(1, 3))
        specs.append({"n": n, "then": rng.choice(["pay", "pay", "pay", "cancel", "leave"]),
                      "lines": [{"product_id": pid, "quantity": rng.randint(1, 2)}
                                for pid in chosen]})
    refused: list[int] = []
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda spec: _random_order(session_factory, spec, refused), specs))

    with session_factory() as session:
        held, sold = defaultdict(int), defaultdict(int)
        for line in session.scalars(select(OrderLine)):
            if line.status is LineStatus.RESERVED:
                held[line.product_id] += line.quantity
            elif line.status is LineStatus.SOLD:
                sold[line.product_id] += line.quantity
        for product in session.scalars(select(Product)):
            assert sold[product.id] <= initial[product.id]
            assert product.stock_quantity == initial[product.id] - sold[product.id]
            assert product.reserved_quantity == held[product.id]
            assert product.stock_quantity >= product.reserved_quantity >= 0
        assert session.scalar(select(func.count(Order.id))) == 500 - len(refused)
        assert refused  # the stock is small enough that some buyers were turned away
        assert ledger_sum(session) == 0


def _expire_in_process(url: str, barrier, results) -> None:
    engine = make_engine(url)
    factory = sessionmaker(engine, expire_on_commit=False)
    barrier.wait()
    total = 0
    while True:
        with factory() as session:
            count = expire_unpaid_orders(session, now=NOW + timedelta(hours=1), limit=7)
            session.commit()
        total += count
        if count == 0:
            break
    engine.dispose()
    results.put(total)


def test_two_processes_expiring_at_once_release_each_reservation_once(session_factory,
                                                                       database_url):
    with session_factory() as session:
        products = [f.make_design_work(session, stock_quantity=5) for _ in range(20)]
        for n in range(60):
            place(session, [{"product_id": products[n % 20].id, "quantity": 1}], now=NOW)
        for product in products:  # still within their 30 minutes: must stay held
            place(session, [{"product_id": product.id, "quantity": 1}],
                  now=NOW + timedelta(minutes=45))
        session.commit()
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    workers = [context.Process(target=_expire_in_process, args=(database_url, barrier, results))
               for _ in range(2)]
    for worker in workers:
        worker.start()
    totals = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    assert sum(totals) == 60
    with session_factory() as session:
        assert [p.reserved_quantity for p in session.scalars(select(Product))] == [1] * 20
        statuses = Counter(session.scalars(select(Order.status)))
        assert statuses == {OrderStatus.EXPIRED: 60, OrderStatus.PENDING_PAYMENT: 20}
        released = session.scalar(select(func.count(OrderLine.id))
                                  .where(OrderLine.status == LineStatus.RELEASED))
        assert released == 60


def test_a_duplicated_payment_notification_records_one_payment(session_factory):
    with session_factory() as session:
        carpet = f.make_carpet(session)
        order = place(session, [{"product_id": carpet.id, "quantity": 1}])
        session.commit()
    barrier = threading.Barrier(8)

    def notify(_: int) -> int:
        barrier.wait()
        with session_factory() as session:
            payment = pay(session, session.get(Order, order.id), "pi_duplicate")
            session.commit()
            return payment.id

    with ThreadPoolExecutor(max_workers=8) as pool:
        ids = set(pool.map(notify, range(8)))
    assert len(ids) == 1
    with session_factory() as session:
        assert session.scalar(select(func.count(Payment.id))) == 1
        assert session.scalar(select(func.count(LedgerEntry.id))) == 5
        assert session.get(Order, order.id).status is OrderStatus.PAID
        assert session.get(Product, carpet.id).stock_quantity == 0


def test_concurrent_downloads_never_pass_the_cap(session_factory, tmp_path):
    storage = LocalFileStorage(tmp_path)
    with session_factory() as session:
        track = f.make_music_work(session)
        file = ProductFile(product_id=track.id, role=FileRole.DELIVERABLE, filename="a.wav",
                           storage_key=storage.save(b"data"), content_type="audio/wav",
                           size_bytes=4)
        session.add(file)
        order = place(session, [licence(f.make_offer(session, track))])
        pay(session, order)
        grant = session.scalar(select(LicenceGrant))
        token = issue_download_token(grant, file_id=file.id, secret_key="k")
        session.commit()
    barrier = threading.Barrier(8)

    def download(_: int) -> bool:
        barrier.wait()
        with session_factory() as session:
            try:
                open_download(session, token=token, secret_key="k", storage=storage).stream.close()
            except DownloadError:
                session.rollback()
                return False
            session.commit()
            return True

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert sum(pool.map(download, range(8))) == 5
    with session_factory() as session:
        assert session.get(LicenceGrant, grant.id).download_count == 5


def test_twenty_buyers_of_one_exclusive_licence_leave_one_sale(pg_factory):
    with pg_factory() as session:
        track = f.make_music_work(session)
        exclusive = f.make_offer(session, track, tier="exclusive", price=Decimal("900"))
        rival = f.make_offer(session, track, tier="standard_commercial")
        session.commit()
    barrier = threading.Barrier(20)

    def buy(n: int) -> str:
        barrier.wait()
        with pg_factory() as session:
            try:
                order = place(session, [licence(exclusive, f"Alıcı {n}")])
                session.commit()
            except NotAvailableError:
                return "refused"
            pay(session, order)
            session.commit()
            return "paid"

    with ThreadPoolExecutor(max_workers=20) as pool:
        assert Counter(pool.map(buy, range(20))) == {"paid": 1, "refused": 19}
    with pg_factory() as session:
        assert session.scalar(select(func.count(LicenceGrant.id))) == 1
        statuses = dict(session.execute(select(LicenceOffer.id, LicenceOffer.status)).all())
        assert statuses == {exclusive.id: "sold", rival.id: "withdrawn"}


def test_payments_racing_expiry_sell_each_item_once(session_factory):
    with session_factory() as session:
        carpets = [f.make_carpet(session) for _ in range(20)]
        orders = [place(session, [{"product_id": c.id, "quantity": 1}], now=NOW).id
                  for c in carpets]
        session.commit()
    barrier = threading.Barrier(5)

    def expire(_: int) -> None:
        barrier.wait()
        with session_factory() as session:
            expire_unpaid_orders(session, now=NOW + timedelta(hours=1))
            session.commit()

    def pay_some(start: int) -> None:
        barrier.wait()
        for order_id in orders[start::4]:
            with session_factory() as session:
                pay(session, session.get(Order, order_id), now=NOW + timedelta(hours=1))
                session.commit()

    with ThreadPoolExecutor(max_workers=5) as pool:
        list(pool.map(lambda n: expire(n) if n == 4 else pay_some(n), range(5)))
    with session_factory() as session:
        assert set(session.scalars(select(Order.status))) == {OrderStatus.PAID}
        rows = session.execute(select(Product.stock_quantity, Product.reserved_quantity)).all()
        assert set(rows) == {(0, 0)}
        assert session.scalar(select(func.count(Payment.id))) == 20
        assert ledger_sum(session) == 0
