"""A page number past the end redirects (302) to the last page, keeping the other parameters."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest

from creative_market.testing.factories import make_carpet, make_seller
from storefront.extensions import db


@pytest.fixture
def client(app_factory):
    """Five carpets of five sellers, two per page everywhere."""
    app = app_factory(PAGE_SIZE=2, SEARCH_PAGE_SIZE=2)
    with app.app_context():
        for n in range(5):
            seller = make_seller(db.session)
            make_carpet(db.session, seller=seller, title_az=f"Gəncə xalçası {n}",
                        price=Decimal(100 + n))
        db.session.commit()
    return app.test_client()


def _target(response) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(response.headers["Location"])
    return parts.path, parse_qs(parts.query)


@pytest.mark.parametrize(("path", "params"), [
    ("/search", {"q": "gence", "sort": "price_asc", "lang": "en"}),
    ("/sellers", {"lang": "en"}),
    ("/browse/carpet", {"sort": "price_asc", "lang": "en"}),
])
def test_a_page_past_the_end_redirects_to_the_last_page(client, path, params):
    response = client.get(path, query_string={**params, "page": "99"})
    assert response.status_code == 302
    target_path, query = _target(response)
    assert target_path == path
    assert query == {**{key: [value] for key, value in params.items()}, "page": ["3"]}
    last = client.get(response.headers["Location"])
    assert last.status_code == 200
    assert "Page 3 of 3" in last.get_data(as_text=True) or "3 / 3" in last.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/search?q=gence&page=3", "/sellers?page=3",
                                  "/browse/carpet?page=3"])
def test_the_last_page_itself_is_shown(client, path):
    assert client.get(path).status_code == 200


def test_an_empty_list_past_page_one_goes_to_page_one_without_a_page_parameter(client):
    response = client.get("/search", query_string={"q": "nothingmatchesthis", "page": "5"})
    assert response.status_code == 302
    assert _target(response) == ("/search", {"q": ["nothingmatchesthis"]})
