"""Accounts: register, log in and out, password reset by mailed link, role checks."""

from __future__ import annotations

import re

from creative_market.accounts.models import Role, User
from storefront.extensions import db
from tests.storefront.conftest import BOTH_DATABASES, PASSWORD, login, make_account

pytestmark = BOTH_DATABASES


def _user(app, email: str) -> User | None:
    with app.app_context():
        return db.session.scalar(db.select(User).where(User.email == email))


def test_register_creates_a_hashed_account_and_logs_in(app, client):
    response = client.post(
        "/account/register",
        data={
            "name": "Aysel Məmmədova",
            "email": "Aysel@Example.AZ",
            "password": "xalca-toxuyuram",
            "confirm": "xalca-toxuyuram",
            "role": "seller",
        },
    )
    assert response.status_code == 302
    user = _user(app, "aysel@example.az")
    assert user is not None and user.role is Role.SELLER
    assert "xalca-toxuyuram" not in user.password_hash and user.check_password("xalca-toxuyuram")
    assert client.get("/account/").status_code == 200


def test_register_refuses_weak_passwords_duplicates_and_self_made_admins(app, client):
    make_account(app, email="taken@example.az")
    base = {"name": "Elvin", "password": "long-enough-pass", "confirm": "long-enough-pass"}
    short = client.post("/account/register", data={**base, "email": "e@example.az",
                                                    "password": "short", "confirm": "short"})
    assert short.status_code == 422
    assert "Ən azı 10 simvol istifadə edin." in short.get_data(as_text=True)
    duplicate = client.post("/account/register", data={**base, "email": "TAKEN@example.az"})
    assert duplicate.status_code == 422
    assert "Bu e-poçtla hesab artıq var" in duplicate.get_data(as_text=True)
    admin_form = {**base, "email": "a@example.az", "role": "admin"}
    admin = client.post("/account/register", data=admin_form)
    assert admin.status_code == 422
    assert _user(app, "a@example.az") is None
    # The library's reasons follow the interface language (this request switches to English).
    english = client.post("/account/register?lang=en", data={**base, "email": "e@example.az",
                                                             "password": "1234567890123",
                                                             "confirm": "1234567890123"})
    assert "a password of digits only is easy to guess" in english.get_data(as_text=True)


def test_login_with_wrong_password_fails_and_logout_needs_post(app, client):
    user = make_account(app)
    wrong = client.post("/account/login", data={"email": user.email, "password": "nope-nope-nope"})
    assert wrong.status_code == 422
    assert client.get("/account/").status_code == 302  # still anonymous: sent to log in
    login(client, user)
    assert client.get("/account/").status_code == 200
    assert client.get("/account/logout").status_code == 405
    assert client.post("/account/logout").status_code == 302
    assert client.get("/account/").status_code == 302


def test_login_redirects_only_to_local_next_urls(app, client):
    user = make_account(app)
    form = {"email": user.email, "password": PASSWORD}
    evil = client.post("/account/login?next=https://evil.example/", data=form)
    assert evil.headers["Location"] == "/"
    client.post("/account/logout")
    local = client.post("/account/login?next=/account/", data=form)
    assert local.headers["Location"] == "/account/"


def test_inactive_accounts_cannot_log_in(app, client):
    user = make_account(app, active=False)
    response = client.post("/account/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 422


def _reset_link(app) -> str:
    outbox = app.extensions["mail"].outbox
    assert outbox, "no mail was sent"
    return re.search(r"http://localhost(/account/reset/\S+)", outbox[-1].body).group(1)


def test_password_reset_by_mailed_link_works_once(app, client):
    user = make_account(app)
    response = client.post("/account/reset", data={"email": user.email.upper()})
    assert response.status_code == 302
    link = _reset_link(app)
    assert app.extensions["mail"].outbox[-1].to == user.email
    assert client.get(link).status_code == 200
    new = {"password": "a-brand-new-pass", "confirm": "a-brand-new-pass"}
    changed = client.post(link, data=new)
    assert changed.status_code == 302
    assert _user(app, user.email).check_password("a-brand-new-pass")
    # The token was bound to the old password hash: it cannot be used a second time.
    again = client.post(link, data={"password": "another-new-pass", "confirm": "another-new-pass"})
    assert again.status_code == 403
    assert "linkindən artıq istifadə olunub" in again.get_data(as_text=True)


def test_password_reset_for_unknown_email_says_the_same_and_sends_nothing(app, client):
    response = client.post(
        "/account/reset", data={"email": "nobody@example.az"}, follow_redirects=True
    )
    assert response.status_code == 200
    assert app.extensions["mail"].outbox == []


def test_reset_links_expire_and_cannot_be_forged(app_factory):
    app = app_factory(PASSWORD_RESET_MAX_AGE=-1)
    client = app.test_client()
    user = make_account(app)
    client.post("/account/reset", data={"email": user.email})
    expired = client.get(_reset_link(app))
    assert expired.status_code == 403 and "vaxtı bitib" in expired.get_data(as_text=True)
    forged = client.get("/account/reset/not-a-real-token")
    assert forged.status_code == 403


def test_register_and_login_pages_render(client):
    for path in ("/account/register", "/account/login", "/account/reset"):
        response = client.get(path)
        assert response.status_code == 200
        assert 'name="email"' in response.get_data(as_text=True)


def test_a_visitor_sent_to_log_in_is_told_why_in_their_language(client):
    page = client.get("/account/", follow_redirects=True).get_data(as_text=True)
    assert "Bu səhifəni görmək üçün daxil olun." in page
