"""Admin pages: only administrators; verify sellers; unpublish listings."""

from __future__ import annotations

import pytest

from creative_market.catalog.enums import ListingStatus
from creative_market.catalog.models import Product, Seller
from creative_market.testing import factories
from storefront.extensions import db
from tests.storefront.conftest import BOTH_DATABASES, logged_in_client

ADMIN_PAGES = ["/admin/", "/admin/sellers", "/admin/sellers?verified=0", "/admin/listings"]

pytestmark = BOTH_DATABASES


@pytest.fixture
def listing(app):
    with app.app_context():
        seller = factories.make_seller(db.session, verified=False, display_name="Yeni Usta")
        carpet = factories.make_carpet(db.session, seller=seller, title_az="Şirvan xalçası")
        db.session.commit()
        return {"seller_id": seller.id, "product_id": carpet.id, "slug": carpet.slug}


def test_visitors_are_sent_to_log_in(client):
    for path in ADMIN_PAGES:
        response = client.get(path)
        assert response.status_code == 302 and "/account/login" in response.headers["Location"]


@pytest.mark.parametrize("role", ["buyer", "seller", "agency"])
def test_other_roles_get_403_on_every_admin_page_and_action(app, listing, role):
    client = logged_in_client(app, role)
    for path in ADMIN_PAGES:
        assert client.get(path).status_code == 403, path
    url = f"/admin/sellers/{listing['seller_id']}/verification"
    verify = client.post(url, data={"verified": "1"})
    assert verify.status_code == 403
    unpublish = client.post(f"/admin/listings/{listing['product_id']}/unpublish")
    assert unpublish.status_code == 403
    with app.app_context():
        assert db.session.get(Seller, listing["seller_id"]).verified is False
        assert db.session.get(Product, listing["product_id"]).status is ListingStatus.PUBLISHED


def test_admin_pages_render_for_an_admin(app, listing):
    client = logged_in_client(app, "admin")
    for path in ADMIN_PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
    assert "Yeni Usta" in client.get("/admin/").get_data(as_text=True)


def test_admin_verifies_and_unverifies_a_seller(app, listing):
    client = logged_in_client(app, "admin")
    url = f"/admin/sellers/{listing['seller_id']}/verification"
    response = client.post(url, data={"verified": "1", "back": "/admin/"})
    assert response.headers["Location"] == "/admin/"
    with app.app_context():
        assert db.session.get(Seller, listing["seller_id"]).verified is True
    # The "back" target must stay on this site.
    response = client.post(url, data={"verified": "0", "back": "https://evil.example/"})
    assert response.headers["Location"] == "/admin/sellers"
    with app.app_context():
        assert db.session.get(Seller, listing["seller_id"]).verified is False


def test_admin_unpublishes_a_listing_and_it_disappears(app, client, listing):
    assert client.get(f"/works/{listing['slug']}").status_code == 200
    admin = logged_in_client(app, "admin")
    assert "Unpublish" in admin.get(f"/works/{listing['slug']}?lang=en").get_data(as_text=True)
    assert admin.post(f"/admin/listings/{listing['product_id']}/unpublish").status_code == 302
    assert client.get(f"/works/{listing['slug']}").status_code == 404
    # Unpublishing twice is a conflict (the listing is a draft now), not a crash.
    again = admin.post(f"/admin/listings/{listing['product_id']}/unpublish")
    assert again.status_code == 409


def test_unknown_ids_are_404(app):
    admin = logged_in_client(app, "admin")
    assert admin.post("/admin/sellers/999/verification", data={"verified": "1"}).status_code == 404
    assert admin.post("/admin/listings/999/unpublish").status_code == 404
