"""A small catalogue for checkout tests: a one-of-a-kind carpet and a music licence."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flask import Flask
from flask.testing import FlaskClient

from creative_market.catalog.enums import FileRole
from creative_market.catalog.models import ProductFile
from creative_market.testing.factories import make_carpet, make_music_work, make_offer, make_seller
from storefront.extensions import db, storage

TRACK_BYTES = b"RIFF....WAVEfmt mugham test track"


class EnglishClient(FlaskClient):
    """A test client whose pages are in English (the language cookie is set)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.set_cookie("lang", "en")


@dataclass(frozen=True)
class Shop:
    """Ids of what the tests buy."""

    carpet_id: int
    carpet_slug: str
    music_id: int
    music_slug: str
    offer_id: int
    carpet_seller_id: int
    music_seller_id: int


def stock_shop(app: Flask, *, music_account: str | None = None) -> Shop:
    """A carpet seller (no connected account) and a musician (optionally connected).

    The app's test clients speak English from here on (the tests read English texts).
    """
    app.test_client_class = EnglishClient
    with app.app_context():
        weaver = make_seller(db.session, display_name="Quba Xalça Evi")
        musician = make_seller(db.session, display_name="Muğam Studio",
                               stripe_account_id=music_account)
        carpet = make_carpet(db.session, seller=weaver, price=Decimal("1200.00"), stock_quantity=1)
        track = make_music_work(db.session, seller=musician)
        offer = make_offer(db.session, track, price=Decimal("50.00"))
        key = storage().save(TRACK_BYTES, suffix=".wav")
        db.session.add(ProductFile(product_id=track.id, role=FileRole.DELIVERABLE, storage_key=key,
                                   filename="mugham.wav", content_type="audio/wav",
                                   size_bytes=len(TRACK_BYTES)))
        db.session.commit()
        return Shop(carpet.id, carpet.slug, track.id, track.slug, offer.id, weaver.id, musician.id)


CHECKOUT_FORM = {
    "buyer_name": "Leyla Məmmədova",
    "buyer_email": "leyla@example.az",
    "buyer_country": "AZ",  # asked only when nothing ships
    "recipient": "Leyla Məmmədova",
    "line1": "Nizami küçəsi 10",
    "city": "Bakı",
    "postal_code": "AZ1000",
    "country": "AZ",
    "phone": "+994501234567",
    "licensee_name": "Leyla Məmmədova",
    "licensee_company": "Leyla Studio",
}
