"""Agency pages answer odd or hostile URLs with a page, never a 500: stray query
parameters are ignored, and ids outside the database's integer range are refused."""

import re

import pytest

from tests.storefront.conftest import BOTH_DATABASES

MARCH = {"from": "2026-03-01", "to": "2026-03-31"}


@pytest.mark.parametrize("extra", [{"kind": "x"}, {"fmt": "x"}, {"kind": "x", "fmt": "y"}])
def test_report_page_ignores_parameters_it_does_not_know(agency_en, sample, extra):
    page = agency_en.get("/agency/reports", query_string={"by": "cluster", **MARCH, **extra})
    assert page.status_code == 200
    links = re.findall(r'(?:href|src)="(/agency/reports/[^"]+)"', page.get_data(as_text=True))
    assert len(links) == 7  # three downloads, two charts each shown and linked
    for link in links:
        assert "kind=x" not in link and "fmt=" not in link
        assert "from=2026-03-01" in link and "to=2026-03-31" in link and "by=cluster" in link


HUGE_IDS = [2**31, 10**30]


@BOTH_DATABASES
@pytest.mark.parametrize("huge", HUGE_IDS)
def test_ids_beyond_the_database_range_are_404(agency_en, huge):
    for path in (f"/agency/programmes/{huge}", f"/agency/shipments/{huge}",
                 f"/agency/documents/{huge}.pdf", f"/agency/reports/exports.csv?programme={huge}"):
        response = agency_en.get(path)
        assert response.status_code in (404, 422), path
    for path in (f"/agency/programmes/{huge}/sellers",
                 f"/agency/programmes/1/sellers/{huge}/withdraw",
                 f"/agency/shipments/{huge}/documents",
                 f"/agency/shipments/1/items/{huge}/certificate"):
        assert agency_en.post(path, data={"seller": "x"}).status_code == 404, path


@BOTH_DATABASES
@pytest.mark.parametrize("huge", HUGE_IDS)
def test_report_for_an_impossible_programme_says_so_on_the_form(agency_en, huge):
    page = agency_en.get("/agency/reports", query_string={"programme": str(huge)})
    assert page.status_code == 422
    assert "There is no programme with this number." in page.get_data(as_text=True)


@BOTH_DATABASES
def test_zero_and_negative_ids_are_404(agency_en):
    assert agency_en.get("/agency/programmes/0").status_code == 404
    assert agency_en.get("/agency/shipments/-1").status_code == 404


def test_a_period_outside_the_calendar_is_refused_on_the_form(agency_en):
    page = agency_en.get("/agency/reports",
                      query_string={"by": "cluster", "from": "0001-01-01", "to": "9999-12-31"})
    assert page.status_code == 422
    assert "Give a date between 1900-01-01 and 2199-12-31." in page.get_data(as_text=True)
