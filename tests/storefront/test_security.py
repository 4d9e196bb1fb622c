"""CSRF on every form, security headers, and which stored files the public may fetch."""

from __future__ import annotations

import re

from creative_market.catalog.enums import FileRole, ListingStatus
from creative_market.catalog.models import ProductFile, Seller
from creative_market.testing import factories
from storefront.extensions import db
from tests.storefront.conftest import PASSWORD, login, make_account


def _token(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def test_a_form_posted_without_csrf_token_is_rejected(csrf_app, csrf_client):
    user = make_account(csrf_app)
    response = csrf_client.post("/account/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert "Formanın vaxtı bitib" in response.get_data(as_text=True)
    assert csrf_client.get("/account/").status_code == 302  # not logged in


def test_the_same_form_with_its_token_is_accepted(csrf_app, csrf_client):
    user = make_account(csrf_app)
    token = _token(csrf_client.get("/account/login").get_data(as_text=True))
    response = csrf_client.post(
        "/account/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302
    assert csrf_client.get("/account/").status_code == 200


def test_logout_and_admin_actions_need_the_token_too(csrf_app, csrf_client):
    admin = make_account(csrf_app, "admin")
    with csrf_app.app_context():
        seller_id = factories.make_seller(db.session, verified=False).id
        db.session.commit()
    token = _token(csrf_client.get("/account/login").get_data(as_text=True))
    csrf_client.post("/account/login",
                     data={"email": admin.email, "password": PASSWORD, "csrf_token": token})
    forged = csrf_client.post(f"/admin/sellers/{seller_id}/verification", data={"verified": "1"})
    assert forged.status_code == 400
    assert csrf_client.post("/account/logout").status_code == 400
    assert csrf_client.get("/admin/").status_code == 200  # still logged in


def test_register_and_reset_forms_carry_a_csrf_token(csrf_client):
    for path in ("/account/register", "/account/login", "/account/reset"):
        assert 'name="csrf_token"' in csrf_client.get(path).get_data(as_text=True), path


def test_security_headers_are_on_error_pages_too(client):
    response = client.get("/works/nothing-here")
    assert response.status_code == 404
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_pages_have_no_inline_scripts_or_styles(client):
    page = client.get("/").get_data(as_text=True)
    assert "<script>" not in page and "style=" not in page and "<style" not in page


def test_session_cookie_is_http_only(app, client):
    user = make_account(app)
    login(client, user)
    assert client.get_cookie("session").http_only


def _stored(app, role: FileRole, content_type: str, status=ListingStatus.PUBLISHED,
            owner_id: int | None = None):
    with app.app_context():
        extra = {}
        if owner_id is not None:
            extra["seller"] = db.session.scalar(db.select(Seller).where(Seller.user_id == owner_id))
        product = factories.make_design_work(db.session, status=status, **extra)
        key = app.extensions["storage"].save(b"data", suffix=".bin")
        stored = ProductFile(product=product, role=role, storage_key=key, filename="f.bin",
                             content_type=content_type, size_bytes=4)
        db.session.add(stored)
        db.session.commit()
        return stored.id


def test_deliverable_files_are_never_served_by_the_catalogue(app, client):
    file_id = _stored(app, FileRole.DELIVERABLE, "application/zip")
    assert client.get(f"/files/{file_id}/f.bin").status_code == 404


def test_odd_content_types_are_downloaded_not_rendered(app, client):
    file_id = _stored(app, FileRole.IMAGE, "text/html")
    response = client.get(f"/files/{file_id}/f.bin")
    assert response.status_code == 200
    assert response.mimetype == "application/octet-stream"
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_draft_images_are_visible_to_their_seller_only(app, client):
    owner = make_account(app, "seller")
    file_id = _stored(app, FileRole.IMAGE, "image/png", ListingStatus.DRAFT, owner.id)
    assert client.get(f"/files/{file_id}/f.bin").status_code == 404
    other = app.test_client()
    login(other, make_account(app, "seller"))
    assert other.get(f"/files/{file_id}/f.bin").status_code == 404
    login(client, owner)
    response = client.get(f"/files/{file_id}/f.bin")
    assert response.status_code == 200 and response.cache_control.private


def test_images_of_sold_out_listings_stay_public(app, client):
    file_id = _stored(app, FileRole.IMAGE, "image/png", ListingStatus.SOLD_OUT)
    assert client.get(f"/files/{file_id}/f.bin").status_code == 200
