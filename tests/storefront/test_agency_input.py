"""Agency pages answer odd or hostile URLs with a page, never a 500: stray query
parameters are ignored, and ids outside the database's integer range are refused."""

import re

import pytest

from creative_market.export.testing import make_sample_exports
from storefront.extensions import db

MARCH = {"from": "2026-03-01", "to": "2026-03-31"}


@pytest.fixture
def agency(make_client):
    return make_client("agency")


@pytest.fixture
def sample(app):
    with app.app_context():
        make_sample_exports(db.session)
        db.session.commit()


@pytest.mark.parametrize("extra", [{"kind": "x"}, {"fmt": "x"}, {"kind": "x", "fmt": "y"}])
def test_report_page_ignores_parameters_it_does_not_know(agency, sample, extra):
    page = agency.get("/agency/reports", query_string={"by": "cluster", **MARCH, **extra})
    assert page.status_code == 200
    links = re.findall(r'(?:href|src)="(/agency/reports/[^"]+)"', page.get_data(as_text=True))
    assert len(links) == 7  # three downloads, two charts each shown and linked
    for link in links:
        assert "kind=x" not in link and "fmt=" not in link
        assert "from=2026-03-01" in link and "to=2026-03-31" in link and "by=cluster" in link
