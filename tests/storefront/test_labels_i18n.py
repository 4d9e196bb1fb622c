"""Statuses, catalogue values, licence terms and report names read in the interface
language: an Azerbaijani or Russian page shows no English vocabulary word."""

from __future__ import annotations

import pytest

from creative_market.catalog.enums import CarpetTechnique
from creative_market.db import utcnow
from creative_market.export.testing import make_paid_order
from creative_market.orders.licences import grant_licence
from creative_market.orders.state import LineStatus, OrderStatus
from creative_market.testing import factories
from storefront.extensions import db
from storefront.purchases.access import SESSION_KEY


def _pending_order(app) -> str:
    with app.app_context():
        carpet = factories.make_carpet(db.session)
        order = make_paid_order(db.session, items=[(carpet, 1)], country="AZ")
        order.status = OrderStatus.PENDING_PAYMENT
        order.lines[0].status = LineStatus.RESERVED
        db.session.commit()
        return order.reference


@pytest.mark.parametrize(("language", "status", "line_status"), [
    ("az", "Ödəniş gözlənilir", "Sizin üçün saxlanılır"),
    ("ru", "Ожидает оплаты", "Зарезервировано"),
])
def test_order_status_on_the_buyers_order_page(app, client, language, status, line_status):
    reference = _pending_order(app)
    with client.session_transaction() as browser:
        browser[SESSION_KEY] = [reference]
    page = client.get(f"/purchases/{reference}?lang={language}").get_data(as_text=True)
    assert f'<dd id="order-status">{status}</dd>' in page and line_status in page
    assert "Pending payment" not in page and "Reserved" not in page
    listing = client.get("/purchases").get_data(as_text=True)
    assert status in listing and "Pending payment" not in listing


def test_carpet_technique_and_materials_on_a_product_page(app, client):
    with app.app_context():
        slug = factories.make_carpet(db.session, technique=CarpetTechnique.SHADDA).slug
        db.session.commit()
    page = client.get(f"/works/{slug}?lang=az").get_data(as_text=True)
    assert "Şəddə" in page and "Shadda" not in page
    assert "Yun" in page and "Wool" not in page


def test_design_dimensions_are_in_the_interface_language(app, client):
    with app.app_context():
        slug = factories.make_design_work(db.session, width_cm=30, height_cm=40).slug
        db.session.commit()
    assert "30 × 40 sm" in client.get(f"/works/{slug}?lang=az").get_data(as_text=True)
    assert "30 × 40 см" in client.get(f"/works/{slug}?lang=ru").get_data(as_text=True)


def _licence_number(app) -> str:
    with app.app_context():
        offer = factories.make_offer(db.session, factories.make_music_work(db.session),
                                     territory=["AZ", "GE"], term_months=12)
        order = make_paid_order(db.session, items=[(offer, 1)], country="AZ")
        grant = grant_licence(db.session, order=order, line=order.lines[0], now=utcnow())
        db.session.commit()
        return grant.number


def test_licence_terms_on_the_verify_page(app, client):
    number = _licence_number(app)
    page = client.get(f"/licences/verify?number={number}&lang=az").get_data(as_text=True)
    assert "Standart kommersiya istifadəsi." in page
    assert "Ərazi: Azərbaycan, Gürcüstan." in page and "Müddət: 12 ay." in page
    assert "Standard commercial use" not in page and "Territory:" not in page
    russian = client.get(f"/licences/verify?number={number}&lang=ru").get_data(as_text=True)
    assert "Территория: Азербайджан, Грузия." in russian and "Срок: 12 мес." in russian


def test_a_revoked_licence_says_so_in_azerbaijani(app, client):
    number = _licence_number(app)
    with app.app_context():
        from creative_market.orders.models import GrantStatus, LicenceGrant

        grant = db.session.query(LicenceGrant).filter_by(number=number).one()
        grant.status = GrantStatus.REVOKED
        db.session.commit()
    page = client.get(f"/licences/verify?number={number}&lang=az").get_data(as_text=True)
    assert "Etibarsızdır: ləğv edilib" in page and "revoked" not in page


def test_report_dimension_and_rows_on_the_agency_report(sample, agency):
    query = {"from": "2026-03-01", "to": "2026-03-31", "lang": "az"}
    page = agency.get("/agency/reports", query_string={"by": "cluster", **query})
    text = page.get_data(as_text=True)
    assert "İxrac: yaradıcı klaster üzrə" in text and "Xalçaçılıq" in text and "Cəmi" in text
    assert "Exports by cluster" not in text and ">Carpets<" not in text and ">Total<" not in text
    flows = agency.get("/agency/reports", query_string={"by": "flow", **query})
    text = flows.get_data(as_text=True)
    assert "ticarət axını" in text and "Mallar" in text and "Goods" not in text


def test_report_destinations_and_shipment_status_in_russian(sample, agency):
    query = {"from": "2026-03-01", "to": "2026-03-31", "lang": "ru", "by": "destination"}
    text = agency.get("/agency/reports", query_string=query).get_data(as_text=True)
    assert "страна назначения" in text and "Германия (DE)" in text and "Germany" not in text


@pytest.mark.parametrize(("language", "heading", "option", "english"), [
    ("az", "Yeni elan: xalça", ">Şəddə</option>", ">Shadda</option>"),
    ("ru", "ковёр", ">Шадда</option>", ">Shadda</option>"),
])
def test_seller_listing_form_options(make_client, language, heading, option, english):
    seller = make_client("seller")
    page = seller.get(f"/seller/listings/new/carpet?lang={language}").get_data(as_text=True)
    assert heading in page and option in page and english not in page
    assert "Knotted pile" not in page and ">Wool<" not in page


def test_seller_listing_page_offer_status_and_media(app, make_client):
    from tests.storefront.test_seller import add_listing, seller_of

    seller = make_client("seller")
    listing_id = add_listing(app, seller_of(app, seller).id, factory=factories.make_music_work)
    with app.app_context():
        from creative_market.catalog.models import Product

        factories.make_offer(db.session, db.session.get(Product, listing_id))
        db.session.commit()
    page = seller.get(f"/seller/listings/{listing_id}?lang=az").get_data(as_text=True)
    assert "Satışdadır" in page and "Veb, Sosial şəbəkələr" in page
    assert ">Active<" not in page and ">web, social<" not in page
