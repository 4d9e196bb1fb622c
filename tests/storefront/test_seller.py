"""Seller dashboard: profile, listings of each kind, offers, stock, publishing, ownership."""

from __future__ import annotations

import pytest
from markupsafe import escape
from sqlalchemy import select

from creative_market.catalog.enums import ListingStatus
from creative_market.catalog.models import Product, Seller
from creative_market.testing.factories import (
    make_carpet,
    make_music_work,
    make_offer,
    make_seller,
)
from storefront.extensions import db
from tests.storefront.conftest import count_queries

CARPET = {
    "title_az": "Yun xalça «Qımıl»", "title_en": "Wool carpet “Gymyl”",
    "title_ru": "Шерстяной ковёр «Гымыл»", "description_az": "Quba məktəbi.",
    "tags_az": "xalça, quba", "weaving_school": "guba", "technique": "knotted_pile",
    "pile_material": "wool", "warp_material": "wool", "width_cm": "150", "length_cm": "220",
    "knot_density_per_dm2": "1600", "year_made": "2024", "price": "1450",
    "stock_quantity": "1", "weight_grams": "9000", "currency": "AZN",
}
NEW_LISTINGS = {
    "carpet": CARPET,
    "design": {"title_az": "Mis sini", "category": "homeware", "price": "120",
               "stock_quantity": "3", "weight_grams": "800", "materials": "copper"},
    "music": {"title_az": "Rast muğamı", "duration_seconds": "7:30", "genre": "mugham",
              "file_formats": "WAV, MP3", "isrc": "AZ-A1B-24-00001"},
    "media": {"title_az": "Şəki Xan sarayı", "media_type": "photo",
              "resolution_width_px": "6000", "resolution_height_px": "4000",
              "file_formats": "JPEG"},
}


def seller_of(app, client) -> Seller:
    """The Seller profile of a logged-in seller client."""
    with app.app_context():
        seller = db.session.scalar(select(Seller).where(Seller.user_id == client.user.id))
        db.session.expunge(seller)
        return seller


def add_listing(app, seller_id: int, factory=make_carpet, **overrides) -> int:
    """Create and commit a listing of the seller; returns its id."""
    with app.app_context():
        seller = db.session.get(Seller, seller_id)
        product = factory(db.session, seller=seller, **overrides)
        db.session.commit()
        return product.id


def get_product(app, product_id: int) -> Product:
    with app.app_context():
        product = db.session.get(Product, product_id)
        assert product is not None
        product.offers, product.files  # noqa: B018 - load before leaving the context
        db.session.expunge_all()
        return product


def test_dashboard_needs_a_logged_in_seller(app, client, make_client):
    assert client.get("/seller/").status_code == 302
    buyer = make_client("buyer")
    assert buyer.get("/seller/").status_code == 403
    assert buyer.get("/seller/listings/new/carpet").status_code == 403


def test_a_new_seller_opens_a_shop_first(app, make_client):
    client = make_client("buyer")
    client.set_cookie("lang", "en")  # the messages asserted here are the English ones
    with app.app_context():  # a seller who has just registered has no directory entry yet
        from creative_market.accounts.models import Role, User

        db.session.get(User, client.user.id).role = Role.SELLER
        db.session.commit()
    response = client.get("/seller/")
    assert response.status_code == 302 and response.location.endswith("/seller/profile")
    response = client.post("/seller/profile", data={"kind": "studio", "cluster": "carpets"})
    assert response.status_code == 422
    assert "Display name is required." in response.get_data(as_text=True)
    response = client.post("/seller/profile", data={
        "display_name": "Şəki Toxucuları", "kind": "studio", "cluster": "carpets",
        "region": "shaki", "bio_az": "Əl işi.",
    })
    assert response.status_code == 302
    with app.app_context():
        seller = db.session.scalar(select(Seller).where(Seller.user_id == client.user.id))
        assert seller.display_name == "Şəki Toxucuları" and seller.slug == "seki-toxuculari"
    assert client.get("/seller/").status_code == 200


@pytest.mark.parametrize("kind", sorted(NEW_LISTINGS))
def test_seller_creates_a_draft_of_each_kind(app, make_client, kind):
    client = make_client("seller")
    assert client.get(f"/seller/listings/new/{kind}").status_code == 200
    response = client.post(f"/seller/listings/new/{kind}", data=NEW_LISTINGS[kind])
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    with app.app_context():
        product = db.session.scalar(select(Product).where(
            Product.seller_id == seller_of(app, client).id))
        assert product.kind.value == kind and product.status is ListingStatus.DRAFT
        assert product.title_az == NEW_LISTINGS[kind]["title_az"]
    assert response.location.endswith(f"/seller/listings/{product.id}")
    assert client.get(response.location).status_code == 200


def test_translations_are_saved_and_edited(app, make_client):
    client = make_client("seller")
    response = client.post("/seller/listings/new/carpet", data=CARPET)
    listing_id = int(response.location.rsplit("/", 1)[1])
    page = client.get(f"/seller/listings/{listing_id}/edit").get_data(as_text=True)
    assert "Шерстяной ковёр «Гымыл»" in page and 'value="1600"' in page
    edited = {**CARPET, "title_en": "Guba carpet “Gymyl”", "tags_en": "carpet, guba"}
    assert client.post(f"/seller/listings/{listing_id}/edit", data=edited).status_code == 302
    product = get_product(app, listing_id)
    assert product.title_en == "Guba carpet “Gymyl”" and product.tags_en == ["carpet", "guba"]
    assert product.title_ru == CARPET["title_ru"]


def test_invalid_listing_shows_the_library_messages(app, make_client):
    client = make_client("seller")
    client.set_cookie("lang", "en")  # the messages asserted here are the English ones
    data = {**CARPET, "knot_density_per_dm2": "", "width_cm": "wide", "title_az": ""}
    response = client.post("/seller/listings/new/carpet", data=data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Knot density per dm² is required for a knotted pile carpet." in page
    assert "A title in Azerbaijani is required." in page
    assert "Width in cm must be a whole number" in page
    with app.app_context():
        assert db.session.scalar(select(Product.id)) is None


def test_flat_weave_with_knot_density_is_refused_like_the_importer(app, make_client):
    from creative_market.catalog.schemas import CarpetSchema

    data = {**CARPET, "technique": "kilim", "pile_material": ""}
    expected = CarpetSchema().validate(data)["knot_density_per_dm2"][0]
    client = make_client("seller")
    client.set_cookie("lang", "en")  # the importer's message is the English one
    response = client.post("/seller/listings/new/carpet", data=data)
    assert response.status_code == 422
    assert str(escape(expected)) in response.get_data(as_text=True)


def test_publish_and_unpublish(app, make_client):
    from tests.storefront.test_seller_uploads import jpeg_bytes, upload

    client = make_client("seller")
    client.set_cookie("lang", "en")
    listing_id = add_listing(app, seller_of(app, client).id, status=ListingStatus.DRAFT)
    # Published by hand, a carpet needs a picture first.
    page = client.post(f"/seller/listings/{listing_id}/publish", follow_redirects=True)
    assert "Add at least one picture before publishing." in page.get_data(as_text=True)
    assert get_product(app, listing_id).status is ListingStatus.DRAFT
    assert upload(client, listing_id, "image", jpeg_bytes(), "c.jpg").status_code == 302
    response = client.post(f"/seller/listings/{listing_id}/publish")
    assert response.status_code == 302
    assert get_product(app, listing_id).status is ListingStatus.PUBLISHED
    client.post(f"/seller/listings/{listing_id}/unpublish")
    assert get_product(app, listing_id).status is ListingStatus.DRAFT


def test_digital_work_without_offers_cannot_be_published(app, make_client):
    client = make_client("seller")
    listing_id = add_listing(app, seller_of(app, client).id, factory=make_music_work,
                             status=ListingStatus.DRAFT)
    response = client.post(f"/seller/listings/{listing_id}/publish?lang=az",
                           follow_redirects=True)
    text = response.get_data(as_text=True)
    assert "Dərc etməzdən əvvəl ən azı bir aktiv lisenziya təklifi əlavə edin." in text
    english = client.post(f"/seller/listings/{listing_id}/publish?lang=en", follow_redirects=True)
    assert "Add at least one active licence offer before publishing." in english.get_data(
        as_text=True)
    assert get_product(app, listing_id).status is ListingStatus.DRAFT


def test_a_licence_with_nothing_to_download_cannot_be_published(app, make_client):
    """A buyer paid for a music licence and got no file: publishing now needs the work file."""
    import io
    import zipfile

    from tests.storefront.test_seller_uploads import upload

    client = make_client("seller")
    listing_id = add_listing(app, seller_of(app, client).id, factory=make_music_work,
                             status=ListingStatus.DRAFT)
    offer = {"tier": "personal", "price": "5", "media": "web", "territory": "WW", "seats": "1"}
    assert client.post(f"/seller/listings/{listing_id}/offers", data=offer).status_code == 302
    page = client.post(f"/seller/listings/{listing_id}/publish?lang=ru", follow_redirects=True)
    assert "Перед публикацией загрузите файл работы" in page.get_data(as_text=True)
    assert get_product(app, listing_id).status is ListingStatus.DRAFT

    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as files:
        files.writestr("track.wav", b"RIFF....WAVE")
    assert upload(client, listing_id, "deliverable", archive.getvalue(),
                  "track.zip").status_code == 302
    assert client.post(f"/seller/listings/{listing_id}/publish").status_code == 302
    assert get_product(app, listing_id).status is ListingStatus.PUBLISHED


def test_licence_offers_are_added_changed_and_withdrawn(app, make_client):
    client = make_client("seller")
    listing_id = add_listing(app, seller_of(app, client).id, factory=make_music_work,
                             status=ListingStatus.DRAFT)
    offer = {"tier": "personal", "media": "web, streaming", "territory": "WW", "seats": "1",
             "price": "3", "pay_what_you_want": "y"}
    assert client.post(f"/seller/listings/{listing_id}/offers", data=offer).status_code == 302
    bad = {**offer, "tier": "standard_commercial", "merchandise_allowed": "y",
           "pay_what_you_want": ""}
    response = client.post(f"/seller/listings/{listing_id}/offers?lang=en", data=bad)
    assert response.status_code == 422
    assert "list &#39;merchandise&#39; among the media" in response.get_data(as_text=True)
    in_az = client.post(f"/seller/listings/{listing_id}/offers?lang=az", data=bad)
    assert "istifadə sahələrinə «merchandise» əlavə edin" in in_az.get_data(as_text=True)
    product = get_product(app, listing_id)
    assert len(product.offers) == 1 and product.offers[0].pay_what_you_want
    assert product.list_price == 3
    offer_id = product.offers[0].id
    edit_url = f"/seller/listings/{listing_id}/offers/{offer_id}"
    assert client.get(edit_url).status_code == 200
    assert client.post(edit_url, data={**offer, "price": "5"}).status_code == 302
    assert get_product(app, listing_id).list_price == 5
    assert client.post(f"{edit_url}/withdraw").status_code == 302
    assert get_product(app, listing_id).offers[0].status.value == "withdrawn"


def test_stock_is_managed(app, make_client):
    client = make_client("seller")
    client.set_cookie("lang", "en")  # the messages asserted here are the English ones
    listing_id = add_listing(app, seller_of(app, client).id, stock_quantity=1)
    client.post(f"/seller/listings/{listing_id}/stock", data={"stock_quantity": "4"})
    assert get_product(app, listing_id).stock_quantity == 4
    response = client.post(f"/seller/listings/{listing_id}/stock",
                           data={"stock_quantity": "-1"}, follow_redirects=True)
    assert "Stock quantity" in response.get_data(as_text=True)
    assert get_product(app, listing_id).stock_quantity == 4


def test_dashboard_lists_own_listings_in_a_fixed_number_of_queries(app, make_client):
    client = make_client("seller")
    seller_id = seller_of(app, client).id
    other = add_listing(app, make_other_seller(app), title_az="Başqasının xalçası")
    add_listing(app, seller_id, title_az="Mənim xalçam", status=ListingStatus.DRAFT)
    with count_queries(app) as few:
        page = client.get("/seller/").get_data(as_text=True)
    assert "Mənim xalçam" in page and "Başqasının xalçası" not in page
    for n in range(12):
        add_listing(app, seller_id, title_az=f"Xalça {n}")
        add_listing(app, seller_id, factory=make_music_work, title_az=f"Mahnı {n}")
    with count_queries(app) as many:
        assert client.get("/seller/").status_code == 200
    assert len(many) == len(few)
    assert other


def make_other_seller(app) -> int:
    with app.app_context():
        seller = make_seller(db.session)
        db.session.commit()
        return seller.id


def test_another_sellers_listing_is_not_found(app, make_client):
    owner = make_client("seller")
    intruder = make_client("seller")
    listing_id = add_listing(app, seller_of(app, owner).id, factory=make_music_work,
                             status=ListingStatus.DRAFT)
    with app.app_context():
        offer_id = make_offer(db.session, db.session.get(Product, listing_id)).id
        db.session.commit()
    base = f"/seller/listings/{listing_id}"
    for url in (base, f"{base}/edit", f"{base}/offers/{offer_id}"):
        assert intruder.get(url).status_code == 404, url
    posts = ("publish", "unpublish", "archive", "stock", "files", "offers",
             f"offers/{offer_id}", f"offers/{offer_id}/withdraw", "edit")
    for action in posts:
        response = intruder.post(f"{base}/{action}", data={"title_az": "Oğurluq", "price": "1"})
        assert response.status_code == 404, action
    product = get_product(app, listing_id)
    assert product.status is ListingStatus.DRAFT and product.title_az != "Oğurluq"
    assert product.offers[0].status.value == "active"
    assert owner.get(base).status_code == 200


def _field_html(page: str, name: str) -> str:
    """The markup of one form field, from its input to the next field."""
    start = page.index(f'name="{name}"')
    end = page.find('<div class="field', start)
    return page[start:end if end != -1 else None]


def test_hs_code_is_checked_against_the_nomenclature_on_the_form(app, make_client):
    client = make_client("seller")
    client.set_cookie("lang", "en")  # the messages asserted here are the English ones
    response = client.post("/seller/listings/new/carpet", data={**CARPET, "hs_code": "9999"})
    assert response.status_code == 422
    field = _field_html(response.get_data(as_text=True), "hs_code")
    assert '<p class="error-text">9999 is a heading; customs documents need a 6-digit' in field
    with app.app_context():
        assert db.session.scalar(select(Product.id)) is None
    response = client.post("/seller/listings/new/carpet", data={**CARPET, "hs_code": "5701.10"})
    assert response.status_code == 302
    listing_id = int(response.location.rsplit("/", 1)[1])
    assert get_product(app, listing_id).hs_code == "570110"
    edited = {**CARPET, "hs_code": "5701.99"}
    response = client.post(f"/seller/listings/{listing_id}/edit", data=edited)
    assert response.status_code == 422
    assert "5701.99 is not in the HS 2022 nomenclature." in _field_html(
        response.get_data(as_text=True), "hs_code")
    assert get_product(app, listing_id).hs_code == "570110"
