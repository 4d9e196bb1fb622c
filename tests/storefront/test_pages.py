"""Every public page renders, hidden listings are 404s, list pages run a fixed number of SQL."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creative_market.catalog.enums import (
    CreativeCluster,
    FileRole,
    ListingStatus,
    MediaType,
    Region,
)
from creative_market.catalog.licensing import LicenceTier, UsageCapUnit
from creative_market.catalog.models import ProductFile
from creative_market.testing import factories
from storefront.extensions import db
from tests.conftest import truncate_all
from tests.storefront.conftest import BOTH_DATABASES, statement_count

pytestmark = BOTH_DATABASES


def _add_file(app, product, role: FileRole, content_type: str, data: bytes, name: str) -> int:
    key = app.extensions["storage"].save(data, suffix="." + name.rsplit(".", 1)[-1])
    stored = ProductFile(product=product, role=role, storage_key=key, filename=name,
                         content_type=content_type, size_bytes=len(data))
    db.session.add(stored)
    db.session.flush()
    return stored.id


def make_catalogue(app, count: int) -> dict:
    """`count` carpets (two images each) and `count` music works from several sellers."""
    with app.app_context():
        session = db.session
        sellers = [
            factories.make_seller(session, cluster=CreativeCluster.CARPETS, region=Region.GUBA),
            factories.make_seller(session, cluster=CreativeCluster.MUSIC, region=Region.BAKU,
                                  verified=False),
        ]
        carpets, tracks = [], []
        for n in range(count):
            carpet = factories.make_carpet(session, seller=sellers[0], title_en=f"Guba rug {n}")
            for position in range(2):
                _add_file(app, carpet, FileRole.IMAGE, "image/png", b"\x89PNG" + bytes([n]),
                          f"carpet-{n}-{position}.png")
            track = factories.make_music_work(session, seller=sellers[1], list_price=Decimal("20"))
            factories.make_offer(session, track, price=Decimal("20"))
            tracks.append(track)
            carpets.append(carpet)
        session.commit()
        return {
            "carpet": carpets[0].slug,
            "track": tracks[0].slug,
            "sellers": [s.slug for s in sellers],
        }


@pytest.fixture
def catalogue(app):
    return make_catalogue(app, 3)


def test_every_public_page_renders(client, catalogue):
    pages = [
        "/", "/about", "/help", "/browse", "/browse/carpet", "/browse/music",
        "/clusters/carpets", "/regions/guba", "/sellers", "/sellers?cluster=music&verified=1",
        f"/sellers/{catalogue['sellers'][0]}", f"/works/{catalogue['carpet']}",
        f"/works/{catalogue['track']}", "/account/login", "/account/register",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path


def test_browse_shows_published_work_with_prices_in_manat(client, catalogue):
    page = client.get("/browse/carpet?lang=en").get_data(as_text=True)
    assert "Guba rug 0" in page
    assert "₼1,200.00" in page


def test_filters_narrow_the_listing(client, catalogue):
    music_only = client.get("/browse?cluster=music&lang=en").get_data(as_text=True)
    assert "Guba rug" not in music_only
    cheap = client.get("/browse?max_price=50&lang=en").get_data(as_text=True)
    assert "Guba rug" not in cheap and "Muğam" in cheap
    verified = client.get("/sellers?verified=1").get_data(as_text=True)
    assert catalogue["sellers"][0] in verified and catalogue["sellers"][1] not in verified


def test_unknown_kind_cluster_region_seller_and_slug_are_404(client, catalogue):
    for path in ("/browse/paintings", "/clusters/nope", "/regions/atlantis",
                 "/sellers/nobody", "/works/no-such-work"):
        assert client.get(path).status_code == 404, path


@pytest.mark.parametrize("status", [ListingStatus.DRAFT, ListingStatus.ARCHIVED])
def test_unpublished_listings_are_404_and_absent_from_lists(app, client, status):
    with app.app_context():
        hidden = factories.make_carpet(db.session, status=status, title_az="Gizli xalça")
        image = _add_file(app, hidden, FileRole.IMAGE, "image/png", b"\x89PNG", "h.png")
        db.session.commit()
        slug = hidden.slug
    assert client.get(f"/works/{slug}").status_code == 404
    assert client.get(f"/files/{image}/h.png").status_code == 404
    assert "Gizli xalça" not in client.get("/browse").get_data(as_text=True)


def test_product_page_of_a_carpet_shows_gallery_and_specification(client, catalogue):
    page = client.get(f"/works/{catalogue['carpet']}?lang=en").get_data(as_text=True)
    assert page.count('class="gallery-item') == 2
    for text in ("Weaving school", "Knotted pile", "150 × 220 cm", "1,600 knots per dm²"):
        assert text in page


def test_music_page_has_audio_preview_and_licence_comparison(app, client):
    with app.app_context():
        track = factories.make_music_work(db.session, title_en="Segah", list_price=Decimal("30"))
        factories.make_offer(db.session, track, tier=LicenceTier.PERSONAL, media=["web"],
                             price=Decimal("30"))
        factories.make_offer(db.session, track, tier=LicenceTier.EXTENDED_COMMERCIAL,
                             territory=["AZ", "TR"], term_months=24, usage_cap=10000,
                             usage_cap_unit=UsageCapUnit.COPIES, seats=3, price=Decimal("250"))
        preview = _add_file(app, track, FileRole.PREVIEW, "audio/mpeg", b"ID3fake", "p.mp3")
        db.session.commit()
        slug = track.slug
    page = client.get(f"/works/{slug}?lang=en").get_data(as_text=True)
    player = f'<audio class="audio-preview" controls preload="none" src="/files/{preview}/p.mp3"'
    assert player in page
    for text in ("Personal", "Extended commercial", "Azerbaijan, Türkiye", "24 months",
                 "10,000 copies", "Perpetual", "₼250.00"):
        assert text in page, text
    audio = client.get(f"/files/{preview}/p.mp3")
    assert audio.status_code == 200 and audio.mimetype == "audio/mpeg"


def test_media_work_page_shows_resolution(app, client):
    with app.app_context():
        film = factories.make_media_work(db.session, media_type=MediaType.FILM,
                                         duration_seconds=3725)
        db.session.commit()
        slug = film.slug
    page = client.get(f"/works/{slug}?lang=en").get_data(as_text=True)
    assert "6000×4000" in page and "1:02:05" in page


@pytest.mark.parametrize(
    "path", ["/browse", "/browse/carpet", "/regions/guba", "/sellers", "/", "/works/{carpet}"]
)
def test_list_pages_issue_the_same_number_of_statements_for_small_and_large_pages(
    app_factory, path
):
    counts = []
    for size in (2, 20):
        app = app_factory(PAGE_SIZE=size)
        with app.app_context():
            truncate_all(db.engine)
        catalogue = make_catalogue(app, size)
        client = app.test_client()
        target = path.format(carpet=catalogue["carpet"])
        client.get(target)  # warm up: the first request of an app may prepare more
        counts.append(statement_count(app, client, target))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 8, counts


def test_a_sold_out_carpet_still_documents_the_workshop(app, client):
    with app.app_context():
        carpet = factories.make_carpet(db.session, status=ListingStatus.SOLD_OUT,
                                       stock_quantity=0, title_en="Sold Shirvan")
        db.session.commit()
        slug = carpet.slug
    page = client.get(f"/works/{slug}?lang=en").get_data(as_text=True)
    assert "Sold Shirvan" in page and "Sold out" in page
    assert 'name="product_id"' not in page  # nothing to add to a cart
