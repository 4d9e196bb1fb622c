"""The app factory: settings from the environment, extensions, headers, error pages."""

from __future__ import annotations

from decimal import Decimal

from creative_market.mail import LoggingMailSender
from creative_market.storage import LocalFileStorage
from storefront import create_app
from storefront.config import ProductionConfig, load_settings
from storefront.extensions import db


def test_every_setting_can_come_from_the_environment(tmp_path):
    environ = {
        "SECRET_KEY": "from-env",
        "DATABASE_URL": "postgresql://u@h/db",
        "STORAGE_DIR": str(tmp_path / "files"),
        "COMMISSION_RATE": "0.15",
        "RESERVATION_MINUTES": "30",
        "MAIL_USE_TLS": "false",
        "STRIPE_API_BASE": "http://127.0.0.1:8420",
    }
    settings = load_settings(None, environ=environ)
    assert settings["SECRET_KEY"] == "from-env"
    assert settings["DATABASE_URL"] == "postgresql://u@h/db"
    assert settings["COMMISSION_RATE"] == Decimal("0.15")
    assert settings["RESERVATION_MINUTES"] == 30
    assert settings["MAIL_USE_TLS"] is False
    assert settings["STRIPE_API_BASE"] == "http://127.0.0.1:8420"


def test_production_refuses_to_start_without_a_secret_key():
    import pytest

    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        load_settings(ProductionConfig, environ={})


def test_database_files_and_index_default_to_the_instance_folder(monkeypatch, tmp_path):
    for name in ("DATABASE_URL", "CREATIVE_MARKET_DATABASE_URL", "STORAGE_DIR",
                 "SEARCH_INDEX_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app(None)
    assert app.instance_path == str(tmp_path / "instance")
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    assert uri == f"sqlite:///{tmp_path / 'instance' / 'creative-market.sqlite'}"
    assert app.config["STORAGE_DIR"] == str(tmp_path / "instance" / "storage")
    assert app.config["SEARCH_INDEX_DIR"] == str(tmp_path / "instance" / "search-index")


def test_the_app_uses_the_library_models_and_ports(app):
    from creative_market.db import Base

    assert db.Model.metadata is Base.metadata
    assert isinstance(app.extensions["storage"], LocalFileStorage)
    assert isinstance(app.extensions["mail"], LoggingMailSender)
    with app.app_context():
        assert db.session.execute(db.text("PRAGMA foreign_keys")).scalar() == 1


def test_security_headers_on_every_page(client):
    response = client.get("/")
    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_unknown_page_is_a_404_page(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "404" in response.get_data(as_text=True)


def test_library_errors_become_4xx_pages_and_json(app):
    from creative_market.exceptions import (
        ConflictError,
        NotFoundError,
        PermissionDeniedError,
        ValidationError,
    )

    errors = {
        "/boom/notfound": (NotFoundError("No such carpet."), 404),
        "/boom/denied": (PermissionDeniedError("Not yours."), 403),
        "/boom/invalid": (ValidationError({"price": ["Must be positive."]}), 422),
        "/boom/conflict": (ConflictError("Already sold."), 409),
    }
    for path, (error, _status) in errors.items():
        app.add_url_rule(path, path, _raiser(error))
    client = app.test_client()
    for path, (error, status) in errors.items():
        page = client.get(path + "?lang=en")
        assert page.status_code == status
        assert error.message.split(":")[0] in page.get_data(as_text=True)
        api = client.get(path, headers={"Accept": "application/json"})
        assert api.status_code == status
        assert api.get_json()["message"] == error.message
    assert client.get("/boom/invalid", headers={"Accept": "application/json"}).get_json()[
        "errors"
    ] == {"price": ["Must be positive."]}


def test_an_unexpected_crash_is_a_polite_500_page(app):
    def crash():
        raise RuntimeError("bug")

    app.add_url_rule("/boom/crash", "crash", crash)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/boom/crash")
    assert response.status_code == 500
    assert "bug" not in response.get_data(as_text=True)


def _raiser(error):
    def view():
        raise error

    return view


def test_smtp_is_used_when_a_mail_server_is_configured(monkeypatch):
    from creative_market.mail import MailMessage
    from storefront import extensions

    sent = []

    class FakeSMTP:
        def __init__(self, host, port, timeout):
            sent.append(("connect", host, port))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self):
            sent.append(("starttls",))

        def login(self, user, password):
            sent.append(("login", user, password))

        def send_message(self, message):
            sent.append(("send", message["To"], message["Subject"], message.get_content()))

    monkeypatch.setattr(extensions.smtplib, "SMTP", FakeSMTP)
    mailer = extensions.make_mailer({"MAIL_SERVER": "smtp.example.az", "MAIL_PORT": "2525",
                                     "MAIL_USERNAME": "shop", "MAIL_PASSWORD": "pw",
                                     "MAIL_USE_TLS": True})
    mailer.send(MailMessage(to="aysel@example.az", subject="Salam", body="Xoş gəlmisiniz"))
    assert sent[0] == ("connect", "smtp.example.az", 2525)
    assert ("starttls",) in sent and ("login", "shop", "pw") in sent
    assert sent[-1][:3] == ("send", "aysel@example.az", "Salam")
    assert "Xoş gəlmisiniz" in sent[-1][3]


def test_production_refuses_the_free_test_gateway():
    import pytest

    with pytest.raises(RuntimeError, match="STRIPE_SECRET_KEY"):
        load_settings(ProductionConfig, environ={"SECRET_KEY": "s3cret"})
    stripe = {"SECRET_KEY": "s3cret", "STRIPE_SECRET_KEY": "sk_live_x",
              "STRIPE_WEBHOOK_SECRET": "whsec_x"}
    assert load_settings(ProductionConfig, environ=stripe)["PAYMENTS_OFFLINE"] is False
    demo = {"SECRET_KEY": "s3cret", "PAYMENTS_OFFLINE": "true"}
    assert load_settings(ProductionConfig, environ=demo)["PAYMENTS_OFFLINE"] is True


def test_no_gateway_is_chosen_silently_when_offline_payments_are_off():
    import pytest

    from storefront.payments.gateways import make_gateway

    with pytest.raises(RuntimeError, match="PAYMENTS_OFFLINE"):
        make_gateway({"STRIPE_SECRET_KEY": "", "PAYMENTS_OFFLINE": False})


def test_development_gets_a_random_secret_key_kept_in_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "instance"))
    first = create_app(None).config["SECRET_KEY"]
    again = create_app(None).config["SECRET_KEY"]
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "elsewhere"))
    other = create_app(None).config["SECRET_KEY"]
    assert len(first) == 64 and first == again != other
    assert (tmp_path / "instance" / "secret_key").stat().st_mode & 0o077 == 0
    assert [p.name for p in (tmp_path / "instance").glob("secret_key*")] == ["secret_key"]


def test_a_huge_or_zero_id_in_any_url_is_a_404_not_a_database_error(client):
    for url in ("/files/99999999999999999999/x.png", "/files/0/x.png",
                "/seller/listings/99999999999999999999"):
        assert client.get(url).status_code in (302, 404), url  # 302: log in first (seller)
    assert client.get("/files/2147483648/x.png").status_code == 404


def test_a_page_number_far_past_the_end_leads_to_a_page_not_an_error(client):
    for url in ("/browse/carpet?page=99999999999999999999", "/sellers?page=10000000000000"):
        assert client.get(url, follow_redirects=True).status_code == 200, url
