"""The single-pass full report equals the per-dimension reports, on SQLite and PostgreSQL."""

from dataclasses import asdict
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from creative_market.export import programmes, reports, reports_full, services
from creative_market.export.reports import Dimension
from creative_market.export.reports_full import full_report
from creative_market.export.testing import make_paid_order, make_sample_exports
from creative_market.orders.state import LineStatus
from creative_market.testing.factories import make_carpet, make_design_work, make_seller
from tests.conftest import recorded_statements

MARCH = (date(2026, 3, 1), date(2026, 3, 31))


@pytest.fixture
def market(session):
    """The sample exports plus the awkward cases: a declared customs item whose HS code
    differs from the product's, a line without a rate, a refunded line, a seller in no
    cluster's usual region, and a sale in the previous period in a new currency."""
    market = make_sample_exports(session)
    vase = make_design_work(session, seller=market["studio"], price=Decimal("30.00"),
                            weight_grams=700, materials=["clay"])
    order = make_paid_order(session, items=[(vase, 3)], country="FR", currency="EUR",
                            paid_at=datetime(2026, 3, 28, 9, tzinfo=UTC))
    shipment = services.shipment_from_order(session, order=order, seller=market["studio"])
    shipment.items[0].hs_code = "830629"  # the exporter declared it as a metal ornament
    refunded = make_paid_order(session, items=[(market["kilim"], 2)], country="TR",
                               paid_at=datetime(2026, 3, 3, 8, tzinfo=UTC))
    refunded.lines[0].status = LineStatus.REFUNDED
    other = make_seller(session, slug="other", display_name="Gəncə Usta")
    make_paid_order(session, items=[(make_carpet(session, seller=other), 2)], country="GE",
                    currency="USD", paid_at=datetime(2025, 3, 14, 23, 30, tzinfo=UTC))
    make_paid_order(session, items=[(market["rug"], 1)], country="DE",
                    paid_at=datetime(2025, 3, 1, 0, 0, tzinfo=UTC))
    session.flush()
    return market


def as_data(report):
    return {**asdict(report), "rows": [asdict(row) for row in report.rows]}


def test_full_report_equals_each_dimensions_report(session, market):
    full = full_report(session, starts_on=MARCH[0], ends_on=MARCH[1])
    assert list(full) == list(Dimension)
    for dimension in Dimension:
        alone = reports.exports_report(session, dimension=dimension, starts_on=MARCH[0],
                                       ends_on=MARCH[1])
        assert as_data(full[dimension]) == as_data(alone), dimension
    chapters = {row.key: row.value_azn for row in full[Dimension.HS_CHAPTER].rows}
    assert chapters["83"] == Decimal("0.00")  # declared chapter; EUR has no rate yet
    assert full[Dimension.CLUSTER].lines_without_rate == 1
    assert full[Dimension.DESTINATION].total().previous_lines == 2  # DE, GE in March 2025


def test_full_report_for_a_programme_equals_each_dimensions_report(session, market):
    programmes.set_exchange_rate(session, data={"currency": "EUR", "valid_from": "2026-01-01",
                                                "azn_per_unit": "1.9"})
    programme = programmes.create_programme(session, data={
        "name": "Dizayn 2026", "starts_on": "2026-03-01", "ends_on": "2026-03-31",
        "target_markets": ["FR", "DE"]})
    programmes.enrol_seller(session, programme=programme, seller=market["studio"])
    programmes.enrol_seller(session, programme=programme, seller=market["guba"])
    full = full_report(session, programme=programme)
    for dimension in Dimension:
        alone = reports.exports_report(session, dimension=dimension, programme=programme)
        assert as_data(full[dimension]) == as_data(alone), dimension
    destinations = {row.key: row.target_market for row in full[Dimension.DESTINATION].rows}
    assert destinations == {"DE": True, "US": False, "FR": True}
    assert full[Dimension.SELLER].programme == "Dizayn 2026"


def test_full_report_is_one_sql_statement(session, engine, market):
    with recorded_statements(engine) as statements:
        full = full_report(session, starts_on=MARCH[0], ends_on=MARCH[1])
    assert len(statements) == 1
    assert len(full) == len(Dimension)


def test_full_report_of_an_empty_period(session, market):
    full = full_report(session, starts_on=date(2030, 1, 1), ends_on=date(2030, 1, 31))
    assert all(report.rows == [] for report in full.values())


def test_full_report_needs_an_ordered_period(session):
    with pytest.raises(ValueError, match="start date on or before the end date"):
        full_report(session, starts_on=date(2026, 3, 2), ends_on=date(2026, 3, 1))


def test_grouping_sets_on_postgresql_union_all_elsewhere(session):
    query = reports_full.full_report_query(session, starts_on=MARCH[0], ends_on=MARCH[1])
    sql = str(query.compile(bind=session.get_bind())).upper()
    if session.get_bind().dialect.name == "postgresql":
        assert "GROUPING SETS" in sql and "UNION ALL" not in sql
    else:
        assert "UNION ALL" in sql and "MATERIALIZED" in sql and "GROUPING SETS" not in sql
    assert sql.count("JOIN ORDERS ") == 1  # the lines are joined once, not per dimension
