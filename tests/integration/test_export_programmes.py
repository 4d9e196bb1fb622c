"""Programmes and exchange rates: lookups by id, enrolment and rates that stay correct
when the same form is sent twice, also at the same moment."""

import threading
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import sessionmaker

from creative_market.catalog.models import Seller
from creative_market.db import Base, import_all_models, make_engine
from creative_market.exceptions import NotFoundError
from creative_market.export import programmes, queries
from creative_market.export.models import ExchangeRate, ProgrammeSeller
from creative_market.testing.factories import make_seller
from tests.conftest import truncate_all


@pytest.mark.parametrize("huge", [2**31, 10**30, 0, -1])
def test_ids_outside_the_database_range_are_not_found(session, huge):
    with pytest.raises(NotFoundError, match=f"There is no programme {huge}"):
        programmes.get_programme(session, programme_id=huge)
    with pytest.raises(NotFoundError, match=f"There is no shipment {huge}"):
        queries.get_shipment(session, shipment_id=huge)
    with pytest.raises(NotFoundError, match=f"There is no document {huge}"):
        queries.get_document(session, document_id=huge)


def _programme(session):
    return programmes.create_programme(session, data={
        "name": "Xalça ixracı", "starts_on": "2026-03-01", "ends_on": "2026-03-31"})


def test_enrolling_twice_keeps_one_enrolment_and_the_first_date(session):
    programme, seller = _programme(session), make_seller(session)
    first = programmes.enrol_seller(session, programme=programme, seller=seller,
                                    enrolled_on=date(2026, 3, 1))
    again = programmes.enrol_seller(session, programme=programme, seller=seller,
                                    enrolled_on=date(2026, 3, 9))
    assert again is first and again.enrolled_on == date(2026, 3, 1)
    assert [e.seller_id for e in programmes.get_programme(
        session, programme_id=programme.id).enrolments] == [seller.id]


def test_setting_a_rate_twice_corrects_it(session):
    data = {"currency": "usd", "valid_from": "2026-01-01", "azn_per_unit": "1.7"}
    first = programmes.set_exchange_rate(session, data=data)
    again = programmes.set_exchange_rate(session, data={**data, "azn_per_unit": "1.71",
                                                        "source": "CBAR"})
    assert again is first and (again.azn_per_unit, again.source) == (Decimal("1.71"), "CBAR")
    assert session.scalar(select(func.count()).select_from(ExchangeRate)) == 1


def _while_blocked(engine, first_session, second_call):
    """Run `second_call` in a thread while `first_session` holds its uncommitted insert;
    commit the first once the second waits on its lock (so both really overlap)."""
    errors: list[Exception] = []

    def second():
        try:
            second_call()
        except Exception as error:  # reported by the assertion below
            errors.append(error)

    thread = threading.Thread(target=second)
    thread.start()
    with engine.connect() as watcher:
        for _ in range(500):
            waiting = watcher.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                "AND datname = current_database()")).scalar_one()
            if waiting or not thread.is_alive():
                break
            threading.Event().wait(0.02)
    first_session.commit()
    thread.join()
    return errors


@pytest.fixture
def pg_factory(postgres_url):
    import_all_models()
    engine = make_engine(postgres_url)
    Base.metadata.create_all(engine)
    yield sessionmaker(engine)
    truncate_all(engine)
    engine.dispose()


@pytest.mark.postgresql
def test_a_double_submitted_enrolment_at_the_same_moment_is_one_enrolment(pg_factory):
    with pg_factory.begin() as setup:
        programme_id, seller_id = _programme(setup).id, make_seller(setup).id

    def enrol(s):
        programme = programmes.get_programme(s, programme_id=programme_id)
        programmes.enrol_seller(s, programme=programme, seller=s.get(Seller, seller_id))

    first = pg_factory()
    enrol(first)

    def second():
        with pg_factory.begin() as s:
            enrol(s)

    assert _while_blocked(pg_factory.kw["bind"], first, second) == []
    first.close()
    with pg_factory() as s:
        assert s.scalar(select(func.count()).select_from(ProgrammeSeller)) == 1


@pytest.mark.postgresql
def test_a_rate_saved_twice_at_the_same_moment_keeps_the_last(pg_factory):
    data = {"currency": "EUR", "valid_from": "2026-01-01", "azn_per_unit": "1.9"}
    first = pg_factory()
    programmes.set_exchange_rate(first, data=data)

    def second():
        with pg_factory.begin() as s:
            programmes.set_exchange_rate(s, data={**data, "azn_per_unit": "1.95"})

    assert _while_blocked(pg_factory.kw["bind"], first, second) == []
    first.close()
    with pg_factory() as s:
        assert s.scalars(select(ExchangeRate.azn_per_unit)).all() == [Decimal("1.950000")]
