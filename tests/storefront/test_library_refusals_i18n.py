"""Refusals raised by the library read in the page's language: download links, the seller's
listings and offers, and the agency's programmes, requested as real pages in az and ru."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from creative_market.accounts.models import User
from creative_market.catalog.enums import FileRole, ListingStatus
from creative_market.catalog.licensing import LicenceTier, OfferStatus
from creative_market.catalog.models import ProductFile, Seller
from creative_market.db import utcnow
from creative_market.orders.models import LicenceGrant, Order
from creative_market.orders.services import (
    issue_download_token,
    place_order,
    record_payment,
    refund_order,
)
from creative_market.testing.factories import make_carpet, make_music_work, make_offer
from storefront.extensions import db, storage
from tests.storefront.conftest import logged_in_client

TRACK = b"RIFF....WAVE segah"


@pytest.fixture
def licensed(app):
    """A buyer's client, and the licence they paid for with one file: (client, grant id)."""
    buyer = logged_in_client(app, "buyer")
    with app.app_context():
        track = make_music_work(db.session)
        key = storage().save(TRACK, suffix=".wav")
        db.session.add(ProductFile(product_id=track.id, role=FileRole.DELIVERABLE,
                                   storage_key=key, filename="segah.wav",
                                   content_type="audio/wav", size_bytes=len(TRACK)))
        offer = make_offer(db.session, track)
        order = place_order(db.session, buyer_name="Aynur", buyer_email="aynur@example.az",
                            buyer_user=db.session.get(User, buyer.user.id), currency="AZN",
                            lines=[{"offer_id": offer.id, "licensee_name": "Aynur"}])
        record_payment(db.session, order=order, provider="offline",
                       provider_reference=f"pay-{order.id}", amount=order.total_money)
        grant = db.session.scalar(select(LicenceGrant).where(LicenceGrant.order_id == order.id))
        db.session.commit()
        return buyer, grant.id


def download_url(app, grant_id: int, *, issued_ago: timedelta = timedelta(0)) -> str:
    """The download address of the grant's file, as the purchases page would link it."""
    with app.app_context():
        grant = db.session.get(LicenceGrant, grant_id)
        file_id = db.session.scalar(select(ProductFile.id).where(
            ProductFile.product_id == grant.product_id))
        token = issue_download_token(grant, file_id=file_id, secret_key=app.config["SECRET_KEY"],
                                     now=utcnow() - issued_ago)
    return f"/purchases/download/{token}"


def test_an_expired_download_link_is_explained_in_azerbaijani(app, licensed):
    buyer, grant_id = licensed
    page = buyer.get(download_url(app, grant_id, issued_ago=timedelta(days=2)) + "?lang=az")
    text = page.get_data(as_text=True)
    assert page.status_code == 400
    assert "Bu yükləmə keçidinin müddəti bitib; alışlarınızdan yenisini götürün." in text
    assert "has expired" not in text
    assert buyer.get(download_url(app, grant_id)).data == TRACK  # a fresh link works


def test_another_buyers_link_is_refused_in_russian(app, licensed):
    _, grant_id = licensed
    stranger = logged_in_client(app, "buyer")
    page = stranger.get(download_url(app, grant_id) + "?lang=ru")
    text = page.get_data(as_text=True)
    assert page.status_code == 400 and TRACK not in page.data
    assert "Эта ссылка для скачивания относится к покупке другого покупателя." in text
    assert "another buyer" not in text


def test_a_revoked_licence_names_itself_in_azerbaijani(app, licensed):
    buyer, grant_id = licensed
    with app.app_context():
        grant = db.session.get(LicenceGrant, grant_id)
        number = grant.number
        refund_order(db.session, order=db.session.get(Order, grant.order_id))
        db.session.commit()
    text = buyer.get(download_url(app, grant_id) + "?lang=az").get_data(as_text=True)
    assert f"{number} nömrəli lisenziya ləğv edilib; onun fayllarını yükləmək olmaz." in text
    english = buyer.get(download_url(app, grant_id) + "?lang=en").get_data(as_text=True)
    assert f"Licence {number} is revoked; its files cannot be downloaded." in english


def seller_id_of(app, client) -> int:
    with app.app_context():
        return db.session.scalar(select(Seller.id).where(Seller.user_id == client.user.id))


NEW_CARPET = {
    "title_az": "Yun xalça", "weaving_school": "guba", "technique": "knotted_pile",
    "pile_material": "wool", "warp_material": "wool", "width_cm": "150", "length_cm": "220",
    "knot_density_per_dm2": "1600", "price": "1450", "stock_quantity": "1",
    "weight_grams": "9000", "currency": "AZN", "sku": "QUBA-7",
}


@pytest.mark.parametrize(("language", "expected"), [
    ("az", "satıcısının artıq SKU-su “QUBA-7” olan elanı var."),
    ("ru", "уже есть объявление с артикулом «QUBA-7»."),
])
def test_a_duplicate_sku_on_the_seller_dashboard(app, make_client, language, expected):
    seller = make_client("seller")
    with app.app_context():
        make_carpet(db.session, seller=db.session.get(Seller, seller_id_of(app, seller)),
                    sku="QUBA-7")
        db.session.commit()
    page = seller.post(f"/seller/listings/new/carpet?lang={language}", data=NEW_CARPET)
    text = page.get_data(as_text=True)
    assert page.status_code == 422
    assert expected in text and "already has a listing" not in text


@pytest.mark.parametrize(("language", "expected"), [
    ("az", "Dərc etməzdən əvvəl ehtiyat əlavə edin: hazırda satışa heç nə yoxdur."),
    ("ru", "Перед публикацией пополните остаток: сейчас в наличии ничего нет."),
])
def test_publishing_a_listing_that_cannot_be_published(app, make_client, language, expected):
    seller = make_client("seller")
    with app.app_context():
        listing_id = make_carpet(db.session, status=ListingStatus.DRAFT, stock_quantity=0,
                                 seller=db.session.get(Seller, seller_id_of(app, seller))).id
        db.session.commit()
    page = seller.post(f"/seller/listings/{listing_id}/publish?lang={language}",
                       follow_redirects=True)
    text = page.get_data(as_text=True)
    assert text.count(expected) == 2  # the refusal, and the list of what is missing
    assert "Add stock before publishing" not in text


def test_a_second_offer_of_a_tier_is_refused_in_azerbaijani(app, make_client):
    seller = make_client("seller")
    with app.app_context():
        track = make_music_work(db.session, status=ListingStatus.DRAFT,
                                seller=db.session.get(Seller, seller_id_of(app, seller)))
        make_offer(db.session, track, tier=LicenceTier.PERSONAL, price=Decimal("5"))
        db.session.commit()
        listing_id = track.id
    offer = {"tier": "personal", "media": "web", "territory": "WW", "seats": "1", "price": "7"}
    page = seller.post(f"/seller/listings/{listing_id}/offers?lang=az", data=offer)
    text = page.get_data(as_text=True)
    assert page.status_code == 422
    assert ("Bu əsərin artıq şəxsi lisenziya təklifi var (“Satışdadır”); yenisini əlavə "
            "etmək əvəzinə həmin təklifi dəyişin.") in text
    assert "already has a" not in text


def test_a_sold_offer_cannot_be_withdrawn_said_in_russian(app, make_client):
    seller = make_client("seller")
    with app.app_context():
        track = make_music_work(db.session,
                                seller=db.session.get(Seller, seller_id_of(app, seller)))
        offer = make_offer(db.session, track, tier=LicenceTier.EXCLUSIVE, price=Decimal("900"),
                           status=OfferStatus.SOLD, sold_count=1)
        db.session.commit()
        listing_id, offer_id = track.id, offer.id
    page = seller.post(f"/seller/listings/{listing_id}/offers/{offer_id}/withdraw?lang=ru",
                       follow_redirects=True)
    text = page.get_data(as_text=True)
    assert ("Это предложение уже продано; лицензия остаётся у покупателя, и снять предложение "
            "с продажи нельзя.") in text
    assert "cannot go from" not in text and "Нельзя перевести" not in text


def test_a_programme_name_taken_twice_in_azerbaijani(make_client):
    agency = make_client("agency")
    programme = {"name": "Xalça ixracı 2026", "starts_on": "2026-01-01",
                 "ends_on": "2026-12-31"}
    assert agency.post("/agency/programmes/new", data=programme).status_code == 302
    page = agency.post("/agency/programmes/new?lang=az", data=programme)
    text = page.get_data(as_text=True)
    # Said under the name field of the form, which keeps what was typed.
    assert page.status_code == 422
    assert "“Xalça ixracı 2026” adlı proqram artıq var." in text
    assert 'value="2026-12-31"' in text
    assert "already exists" not in text


def test_the_storefronts_own_refusals_read_in_the_page_language(make_client):
    buyer = make_client("buyer")
    page = buyer.get("/purchases/licences/LIC-NOPE-1/certificate.pdf?lang=ru")
    assert page.status_code == 404
    assert "Для вас нет лицензии LIC-NOPE-1." in page.get_data(as_text=True)

    page = buyer.get("/purchases/licences/LIC-NOPE-1/certificate.pdf?lang=az")
    assert "Sizin üçün LIC-NOPE-1 nömrəli lisenziya yoxdur." in page.get_data(as_text=True)

    admin = make_client("admin")
    page = admin.post("/money/admin/sellers/1/mark-paid?lang=az",
                      data={"currency": "AZN", "paid_reference": " "})
    text = page.get_data(as_text=True)
    assert page.status_code == 422
    assert "Necə ödənildiyini yazın (bank köçürməsinin nömrəsi)." in text
    assert "Say how it was paid" not in text
