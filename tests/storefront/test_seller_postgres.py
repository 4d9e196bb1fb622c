"""The seller dashboard on PostgreSQL: a listing's whole life and the ownership rule."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from creative_market.catalog.enums import ListingStatus
from creative_market.catalog.models import Product
from storefront.extensions import db
from tests.storefront.test_seller import CARPET, NEW_LISTINGS, get_product
from tests.storefront.test_seller_uploads import jpeg_bytes, upload, wav_bytes

pytestmark = pytest.mark.postgresql


@pytest.fixture
def pg_app(app_factory, postgres_url):
    """The storefront on the private PostgreSQL database (app_factory empties it after)."""
    return app_factory(DATABASE_URL=postgres_url)


def test_listing_life_and_ownership_on_postgresql(pg_app):
    from tests.storefront.conftest import logged_in_client

    owner = logged_in_client(pg_app, "seller")
    intruder = logged_in_client(pg_app, "seller")
    response = owner.post("/seller/listings/new/carpet", data=CARPET)
    assert response.status_code == 302
    carpet_id = int(response.location.rsplit("/", 1)[1])
    assert upload(owner, carpet_id, "image", jpeg_bytes(), "c.jpg").status_code == 302
    assert owner.post(f"/seller/listings/{carpet_id}/publish").status_code == 302

    response = owner.post("/seller/listings/new/music", data=NEW_LISTINGS["music"])
    music_id = int(response.location.rsplit("/", 1)[1])
    assert upload(owner, music_id, "preview", wav_bytes(), "p.wav").status_code == 302
    assert upload(owner, music_id, "deliverable", b"%PDF-1.4\n%%EOF", "score.pdf"
                  ).status_code == 302
    offer = {"tier": "standard_commercial", "media": "web", "territory": "AZ, TR",
             "seats": "1", "price": "60"}
    assert owner.post(f"/seller/listings/{music_id}/offers", data=offer).status_code == 302
    assert owner.post(f"/seller/listings/{music_id}/publish").status_code == 302

    for listing_id in (carpet_id, music_id):
        assert intruder.get(f"/seller/listings/{listing_id}").status_code == 404
        assert intruder.post(f"/seller/listings/{listing_id}/unpublish").status_code == 404
        assert get_product(pg_app, listing_id).status is ListingStatus.PUBLISHED
    music = get_product(pg_app, music_id)
    assert music.list_price == 60 and music.offers[0].territory == ["AZ", "TR"]
    with pg_app.app_context():
        titles = set(db.session.scalars(select(Product.title_ru)))
    assert CARPET["title_ru"] in titles
