"""Export-programme reports: dimensions, AZN and USD values, change, programmes, one query."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import delete

from creative_market.export import programmes, reports, reports_full
from creative_market.export.models import ExchangeRate
from creative_market.export.reports import Dimension
from creative_market.export.testing import make_paid_order, make_sample_exports
from creative_market.testing.factories import make_carpet, make_music_work, make_offer
from tests.conftest import recorded_statements

MARCH = (date(2026, 3, 1), date(2026, 3, 31))


def at(day: int, month: int = 3) -> datetime:
    return datetime(2026, month, day, 12, 0, tzinfo=UTC)



@pytest.fixture
def market(session):
    return make_sample_exports(session)


def rows(report):
    return {row.key: row for row in report.rows}


def test_exports_by_cluster_in_azn_and_usd_with_change(session, market):
    # The previous period is March 2025; the February 2026 sale lies between the two
    # periods and counts in neither.
    make_paid_order(session, items=[(market["rug"], 1)], country="DE",
                    paid_at=datetime(2025, 3, 31, 23, 30, tzinfo=UTC))
    report = reports.exports_report(session, dimension="cluster", starts_on=MARCH[0],
                                    ends_on=MARCH[1])
    assert (report.previous_starts_on, report.previous_ends_on) == (date(2025, 3, 1),
                                                                    date(2025, 3, 31))
    carpets, design = rows(report)["carpets"], rows(report)["design"]
    # 1000 AZN + 400 AZN + 1000 USD at 1.7 = 3100 AZN; previous period 1000 AZN.
    assert (carpets.lines, carpets.units, carpets.value_azn) == (3, 3, Decimal("3100.00"))
    assert carpets.value_usd == Decimal("1823.53")
    assert (carpets.previous_lines, carpets.previous_value_azn) == (1, Decimal("1000.00"))
    assert carpets.change_pct == Decimal("210.0")
    assert (design.lines, design.units, design.value_azn) == (2, 3, Decimal("120.00"))
    assert design.change_pct is None
    assert report.total().value_azn == Decimal("3220.00")
    assert report.lines_without_rate == 0
    assert [row.label for row in report.rows] == ["Carpets", "Design"]


@pytest.mark.parametrize(("period", "previous"), [
    # This year so far: the same days of last year, not the 326 days before 1 January.
    ((date(2026, 1, 1), date(2026, 11, 22)), (date(2025, 1, 1), date(2025, 11, 22))),
    ((date(2026, 9, 1), date(2026, 10, 31)), (date(2025, 9, 1), date(2025, 10, 31))),
    ((date(2026, 12, 1), date(2027, 2, 28)), (date(2025, 12, 1), date(2026, 2, 28))),
    ((date(2024, 2, 29), date(2024, 3, 31)), (date(2023, 2, 28), date(2023, 3, 31))),
    ((date(2026, 1, 1), date(2026, 12, 31)), (date(2025, 1, 1), date(2025, 12, 31))),
    # Longer than a year: the preceding period of the same length.
    ((date(2026, 1, 1), date(2027, 1, 1)), (date(2024, 12, 31), date(2025, 12, 31))),
    # Year 1 has no year before it: clamped, never an OverflowError.
    ((date(1, 3, 1), date(1, 5, 1)), (date(1, 1, 1), date(1, 2, 28))),
    ((date(1, 1, 1), date(1, 5, 1)), (date(1, 1, 1), date(1, 1, 1))),
    ((date(2, 3, 1), date(2, 5, 1)), (date(1, 3, 1), date(1, 5, 1))),
])
def test_previous_period_is_the_same_dates_a_year_earlier(period, previous):
    assert reports.previous_period(*period) == previous


def test_a_report_of_year_one_does_not_overflow(session, market):
    report = reports.exports_report(session, dimension="cluster", starts_on=date(1, 1, 1),
                                    ends_on=date(1, 12, 31))
    assert report.rows == [] and report.previous_starts_on == date(1, 1, 1)


def test_by_destination_region_seller_chapter_category_and_flow(session, market):
    def keys(dimension):
        report = reports.exports_report(session, dimension=dimension, starts_on=MARCH[0],
                                        ends_on=MARCH[1])
        return {row.key: row.value_azn for row in report.rows}

    assert keys("destination") == {"US": Decimal("1700.00"), "DE": Decimal("1120.00"),
                                   "RU": Decimal("400.00")}
    assert keys(Dimension.REGION) == {"guba": Decimal("2700.00"), "shaki": Decimal("400.00"),
                                      "baku": Decimal("120.00")}
    assert keys("seller") == {"guba": Decimal("2700.00"), "shaki": Decimal("400.00"),
                              "studio": Decimal("120.00")}
    assert keys("hs_chapter") == {"57": Decimal("3100.00"), "69": Decimal("100.00"),
                                  "services": Decimal("20.00")}
    assert keys("category") == {"art_crafts": Decimal("3200.00"),
                                "licences_to_reproduce": Decimal("20.00")}
    assert keys("flow") == {"goods": Decimal("3200.00"), "services": Decimal("20.00")}


def test_a_licence_sold_abroad_counts_where_its_buyer_lives(session, market):
    # Nothing ships with a licence: the buyer's country is its export destination, and a
    # buyer at home is no export. The one-statement full report agrees.
    from creative_market.orders import services

    studio = market["studio"]
    offer = make_offer(session, make_music_work(session, seller=studio), price=Decimal("80"))
    home = make_offer(session, make_music_work(session, seller=studio), price=Decimal("30"))
    for chosen, country in ((offer, "TR"), (home, "AZ")):
        order = services.place_order(
            session, buyer_name="Elif", buyer_email="elif@example.com", currency="AZN",
            buyer_country=country, now=at(20),
            lines=[{"offer_id": chosen.id, "licensee_name": "Elif"}])
        assert (order.shipping_country, order.buyer_country) == (None, country)
        services.record_payment(session, order=order, provider="offline",
                                provider_reference=f"p-{country}", amount=order.total_money,
                                now=at(20))
    session.flush()
    by_destination = reports.exports_report(session, dimension="destination",
                                            starts_on=MARCH[0], ends_on=MARCH[1])
    assert rows(by_destination)["TR"].value_azn == Decimal("80.00")
    assert "AZ" not in rows(by_destination)
    by_flow = reports.exports_report(session, dimension="flow", starts_on=MARCH[0],
                                     ends_on=MARCH[1])
    assert rows(by_flow)["services"].value_azn == Decimal("100.00")  # 20 before + 80
    full = reports_full.full_report(session, starts_on=MARCH[0], ends_on=MARCH[1])
    assert rows(full[Dimension.DESTINATION]) == rows(by_destination)
    assert rows(full[Dimension.FLOW]) == rows(by_flow)


def test_totals_are_rounded_once_so_every_dimension_agrees(session):
    # Three sellers each sell a 10 AZN carpet to Germany: 5.882... USD each, 5.88 shown per
    # seller, but 17.65 in all (not 17.64), by seller and by destination alike.
    from creative_market.export.programmes import set_exchange_rate
    from creative_market.testing.factories import make_seller

    set_exchange_rate(session, data={"currency": "USD", "azn_per_unit": "1.7",
                                     "valid_from": "2026-01-01"})
    for number in range(3):
        seller = make_seller(session, slug=f"weaver-{number}")
        carpet = make_carpet(session, seller=seller, price=Decimal("10"))
        make_paid_order(session, items=[(carpet, 1)], paid_at=at(10))
    by = {dimension: reports.exports_report(session, dimension=dimension,
                                            starts_on=MARCH[0], ends_on=MARCH[1])
          for dimension in ("seller", "destination")}
    assert [row.value_usd for row in by["seller"].rows] == [Decimal("5.88")] * 3
    assert {d: (r.total().value_usd, r.total().value_azn) for d, r in by.items()} == {
        "seller": (Decimal("17.65"), Decimal("30.00")),
        "destination": (Decimal("17.65"), Decimal("30.00"))}
    full = reports_full.full_report(session, starts_on=MARCH[0], ends_on=MARCH[1])
    assert full[Dimension.SELLER].total().value_usd == Decimal("17.65")


def test_labels_people_read(session, market):
    report = reports.exports_report(session, dimension="destination", starts_on=MARCH[0],
                                    ends_on=MARCH[1])
    assert {row.label for row in report.rows} == {
        "United States (US)", "Germany (DE)", "Russia (RU)"}
    chapter = reports.exports_report(session, dimension="hs_chapter", starts_on=MARCH[0],
                                     ends_on=MARCH[1])
    assert rows(chapter)["57"].label == "57 Carpets and other textile floor coverings"
    sellers = reports.exports_report(session, dimension="seller", starts_on=MARCH[0],
                                     ends_on=MARCH[1])
    assert rows(sellers)["shaki"].label == "Şəki İpək"


def test_lines_without_a_rate_are_counted_not_guessed(session, market):
    rug = make_carpet(session, seller=market["guba"])
    make_paid_order(session, items=[(rug, 1)], country="FR", currency="EUR", paid_at=at(27))
    report = reports.exports_report(session, dimension="destination", starts_on=MARCH[0],
                                    ends_on=MARCH[1])
    assert report.lines_without_rate == 1
    france = rows(report)["FR"]
    assert (france.lines, france.value_azn, france.value_usd) == (1, Decimal("0.00"), None)
    programmes.set_exchange_rate(session, data={"currency": "EUR", "valid_from": "2026-03-27",
                                                "azn_per_unit": "1.9"})
    again = reports.exports_report(session, dimension="destination", starts_on=MARCH[0],
                                   ends_on=MARCH[1])
    assert rows(again)["FR"].value_azn == Decimal("2280.00")  # 1200 EUR x 1.9
    assert again.lines_without_rate == 0


def only_usd_rate_from(session, day):
    session.execute(delete(ExchangeRate).where(ExchangeRate.currency == "USD"))
    if day:
        programmes.set_exchange_rate(session, data={"currency": "USD", "valid_from": day,
                                                    "azn_per_unit": "1.7000"})


def test_lines_without_a_usd_rate_are_counted_and_the_usd_sum_marked_partial(session, market):
    only_usd_rate_from(session, "2026-03-20")  # the sales of 5 March have no USD rate
    for report in (reports.exports_report(session, dimension="cluster", starts_on=MARCH[0],
                                          ends_on=MARCH[1]),
                   reports_full.full_report(session, starts_on=MARCH[0],
                                            ends_on=MARCH[1])[Dimension.CLUSTER]):
        assert (report.lines_without_usd_rate, report.lines_without_rate) == (2, 0)
        assert report.usd_rates_from == date(2026, 3, 20)
        carpets, design, total = rows(report)["carpets"], rows(report)["design"], report.total()
        # 400 AZN (20th) + 1000 USD at 1.7 (25th); the 1000 AZN rug of the 5th is left out.
        assert (carpets.value_usd, carpets.lines_without_usd) == (Decimal("1235.29"), 1)
        assert (design.value_usd, design.lines_without_usd) == (Decimal("11.76"), 1)
        assert (total.value_usd, total.lines_without_usd, total.usd_complete) == (
            Decimal("1247.06"), 2, False)
        assert total.value_azn == Decimal("3220.00")  # AZN values are whole


def test_without_any_usd_rate_usd_values_are_unknown(session, market):
    only_usd_rate_from(session, None)
    report = reports.exports_report(session, dimension="cluster", starts_on=MARCH[0],
                                    ends_on=MARCH[1])
    # The USD sale has no AZN value either; the four AZN lines have no USD value.
    assert (report.lines_without_rate, report.lines_without_usd_rate) == (1, 4)
    assert report.usd_rates_from is None
    assert [row.value_usd for row in report.rows] == [None, None]
    assert report.total().lines_without_usd == 5


def test_rates_in_force_on_the_day_of_payment(session, market):
    programmes.set_exchange_rate(session, data={"currency": "USD", "valid_from": "2026-03-26",
                                                "azn_per_unit": "2.0"})
    report = reports.exports_report(session, dimension="destination", starts_on=MARCH[0],
                                    ends_on=MARCH[1])
    assert rows(report)["US"].value_azn == Decimal("1700.00")  # paid on the 25th, at 1.7
    # 1100 AZN on the 5th at 1.7 (647.06 USD) + 20 AZN on the 26th at 2.0 (10.00 USD).
    assert rows(report)["DE"].value_usd == Decimal("657.06")


def test_programme_report_covers_its_sellers_and_marks_target_markets(session, market):
    programme = programmes.create_programme(session, data={
        "name": "Xalça ixracı 2026", "starts_on": "2026-03-01", "ends_on": "2026-03-31",
        "target_markets": ["de", "RU"]})
    programmes.enrol_seller(session, programme=programme, seller=market["shaki"])
    programmes.enrol_seller(session, programme=programme, seller=market["studio"])
    report = reports.exports_report(session, dimension="destination", programme=programme)
    assert report.programme == "Xalça ixracı 2026"
    assert {row.key: (row.value_azn, row.target_market) for row in report.rows} == {
        "DE": (Decimal("120.00"), True), "RU": (Decimal("400.00"), True)}


def test_a_report_is_one_sql_statement(session, engine, market):
    with recorded_statements(engine) as statements:
        for dimension in Dimension:
            reports.exports_report(session, dimension=dimension, starts_on=MARCH[0],
                                   ends_on=MARCH[1])
    assert len(statements) == len(Dimension)


def test_exports_over_time_by_month(session, market):
    series = reports.exports_over_time(session, dimension="cluster", starts_on=date(2026, 2, 1),
                                       ends_on=date(2026, 4, 30))
    assert series["Carpets"] == {"2026-02": Decimal("1000.00"), "2026-03": Decimal("3100.00"),
                                 "2026-04": Decimal("1000.00")}
    assert series["Design"] == {"2026-03": Decimal("120.00")}


def test_a_period_must_be_ordered(session):
    with pytest.raises(ValueError, match="start date on or before the end date"):
        reports.exports_report(session, dimension="cluster", starts_on=date(2026, 3, 2),
                               ends_on=date(2026, 3, 1))
