"""Pictures, sound and headings that a screen reader can name: alt texts from the listing's
title (not the uploaded file's name), a labelled audio preview, an <h1> on search results."""

from __future__ import annotations

import re

import pytest

from creative_market.catalog.enums import FileRole
from creative_market.catalog.models import ProductFile, Seller
from creative_market.testing.factories import make_carpet, make_music_work
from storefront.extensions import db, storage


def _attach(product, role: FileRole, filename: str, content_type: str) -> None:
    key = storage().save(b"not really a picture", suffix="." + filename.rsplit(".", 1)[1])
    db.session.add(ProductFile(product_id=product.id, role=role, storage_key=key,
                               filename=filename, content_type=content_type, size_bytes=20))


@pytest.fixture
def listings(app, make_client):
    seller_client = make_client("seller")
    with app.app_context():
        seller = db.session.query(Seller).filter_by(user_id=seller_client.user.id).one()
        carpet = make_carpet(db.session, seller=seller, title_az="Qırmızı Quba xalçası",
                             title_en="Red Guba carpet")
        db.session.flush()
        _attach(carpet, FileRole.IMAGE, "test-carpet.jpg", "image/jpeg")
        _attach(carpet, FileRole.IMAGE, "detail.jpg", "image/jpeg")
        track = make_music_work(db.session, seller=seller, title_az="Muğam axşamı",
                                title_en="Mugham evening")
        db.session.flush()
        _attach(track, FileRole.PREVIEW, "preview.mp3", "audio/mpeg")
        db.session.commit()
        return {"seller_client": seller_client, "carpet": (carpet.id, carpet.slug),
                "track": track.slug}


def _alts(page: str) -> list[str]:
    return re.findall(r'<img [^>]*alt="([^"]*)"', page)


def test_the_gallery_names_each_picture_by_the_listing_title(client, listings):
    _, slug = listings["carpet"]
    page = client.get(f"/works/{slug}?lang=en").get_data(as_text=True)
    alts = _alts(page)
    assert "Red Guba carpet, picture 1 of 2" in alts and "Red Guba carpet, picture 2 of 2" in alts
    assert 'aria-label="Picture 2 of 2"' in page
    assert not [alt for alt in alts if alt.endswith(".jpg")]
    azerbaijani = client.get(f"/works/{slug}?lang=az").get_data(as_text=True)
    assert "Qırmızı Quba xalçası, şəkil 1 / 2" in _alts(azerbaijani)


def test_the_seller_sees_titles_not_file_names_as_alt_text(listings):
    listing_id, _ = listings["carpet"]
    page = listings["seller_client"].get(f"/seller/listings/{listing_id}?lang=en")
    alts = _alts(page.get_data(as_text=True))
    assert alts == ["Red Guba carpet, picture 1 of 2", "Red Guba carpet, picture 2 of 2"]


def test_cards_and_search_hits_use_the_title_as_alt_text(client, listings):
    browse = client.get("/browse?lang=en").get_data(as_text=True)
    assert "Red Guba carpet" in _alts(browse)
    results = client.get("/search?q=carpet&lang=en").get_data(as_text=True)
    assert "Red Guba carpet" in _alts(results)
    assert "test-carpet.jpg" not in " ".join(_alts(browse) + _alts(results))


def test_the_audio_preview_has_an_accessible_name(client, listings):
    page = client.get(f"/works/{listings['track']}?lang=en").get_data(as_text=True)
    assert re.search(r'<audio [^>]*aria-label="Audio preview of Mugham evening"', page)
    russian = client.get(f"/works/{listings['track']}?lang=ru").get_data(as_text=True)
    assert re.search(r'<audio [^>]*aria-label="[^"]+"', russian)
    assert "Audio preview of" not in russian


def test_search_results_have_one_h1(client, listings):
    page = client.get("/search?q=xalca&lang=en").get_data(as_text=True)
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", page) == ["Search results for “xalca”"]
    assert len(re.findall(r"<h1", client.get("/search?lang=en").get_data(as_text=True))) == 1
