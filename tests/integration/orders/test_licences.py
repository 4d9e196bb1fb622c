"""Licence grants: public verification and the PDF certificate."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from creative_market.catalog.licensing import LicenceTier
from creative_market.exceptions import NotFoundError
from creative_market.orders.certificates import render_certificate
from creative_market.orders.models import LicenceGrant
from creative_market.orders.services import refund_order, verify_licence
from creative_market.testing import factories as f
from tests.integration.orders.support import licence, pay, place

NOW = datetime(2026, 1, 31, 10, 0, tzinfo=UTC)


def _granted(session, **offer_values):
    seller = f.make_seller(session, display_name="Şuşa Səs Studiyası")
    track = f.make_music_work(session, seller=seller, title_az="Qarabağ şikəstəsi")
    offer = f.make_offer(session, track, **offer_values)
    order = place(session, [licence(offer, "Gülşən Əliyeva", licensee_company="Ağ Şəhər MMC")],
                  buyer_email="gulshen@example.az", now=NOW)
    pay(session, order, now=NOW)
    return order, session.scalar(select(LicenceGrant).where(LicenceGrant.order_id == order.id))


def test_verification_says_what_the_licence_allows_and_nothing_about_the_buyer(session):
    order, grant = _granted(session, term_months=1)
    result = verify_licence(session, number=grant.number.lower(), now=NOW)
    assert result.is_valid and result.status == "valid"
    assert result.licensee_name == "Gülşən Əliyeva"
    assert result.work_title == "Qarabağ şikəstəsi"
    assert result.valid_until == datetime(2026, 2, 28, 10, 0, tzinfo=UTC)
    assert "Standard commercial use." in result.terms
    public = repr(result)
    for private in ("gulshen@example.az", order.reference, str(order.total)):
        assert private not in public


def test_a_licence_expires_with_its_term_and_is_revoked_by_a_refund(session):
    order, grant = _granted(session, term_months=1)
    later = NOW + timedelta(days=40)
    assert verify_licence(session, number=grant.number, now=later).status == "expired"
    refund_order(session, order=order, now=NOW)
    assert verify_licence(session, number=grant.number, now=NOW).status == "revoked"


def test_an_unknown_number_is_not_found(session):
    with pytest.raises(NotFoundError, match="LIC-NOPE"):
        verify_licence(session, number="lic-nope")


def test_licence_numbers_are_unguessable(session):
    track = f.make_music_work(session)
    offer = f.make_offer(session, track)
    order = place(session, [licence(offer, "Alıcı")])
    pay(session, order)
    other = place(session, [licence(offer, "Başqa")])
    pay(session, other)
    numbers = [grant.number for grant in session.scalars(select(LicenceGrant))]
    assert len(set(numbers)) == 2
    assert all(len(n.replace("-", "")) == 23 for n in numbers)  # LIC + 20 hex digits


def test_the_certificate_prints_every_detail_in_azerbaijani_and_cyrillic(session):
    _, grant = _granted(session, tier=LicenceTier.EXCLUSIVE, price=Decimal("900"), max_sales=1)
    grant.licensee_name = "Gülşən Əliyeva (Гюльшен Алиева, жы)"
    pdf = render_certificate(grant, verification_url="https://creative.az/licences/verify")
    assert pdf.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    for expected in (grant.number, "Gülşən Əliyeva", "Гюльшен Алиева, жы", "Ağ Şəhər MMC",
                     "Qarabağ şikəstəsi", "Şuşa Səs Studiyası", "January 31, 2026",
                     "Licence tier", "Exclusive", "Exclusive rights", "Valid until",
                     "perpetual", "https://creative.az/licences/verify"):
        assert expected in text
    assert "İ" in render_text_probe()


def test_the_azerbaijani_certificate_has_azerbaijani_headings_tier_and_dates(session):
    _, grant = _granted(session, tier=LicenceTier.EXTENDED_COMMERCIAL, term_months=12)
    text = _text(render_certificate(grant, verification_url="https://creative.az/v",
                                    language="az"))
    for expected in ("Lisenziya sertifikatı", "Lisenziya nömrəsi", "Lisenziya sahibi", "Əsər",
                     "Lisenziyanı verən", "Lisenziya səviyyəsi", "Genişləndirilmiş kommersiya",
                     "Verilmə tarixi", "31 yanvar 2026", "Qüvvədədir",
                     "31 yanvar 2027 tarixinədək", "Şərtlər", "Müddət: 12 ay.",
                     "https://creative.az/v", grant.number):
        assert expected in text
    for english in ("Licence", "Licensee", "Work", "Date granted", "Valid until", "Terms",
                    "January", "Check that"):
        assert english not in text


def test_the_russian_certificate_has_russian_headings_tier_dates_and_status(session):
    order, grant = _granted(session, tier=LicenceTier.PERSONAL, price=Decimal("5"))
    refund_order(session, order=order, reason="test", now=NOW + timedelta(days=2))
    session.refresh(grant)
    text = _text(render_certificate(grant, verification_url="https://creative.az/v",
                                    language="ru"))
    for expected in ("Лицензионный сертификат", "Номер лицензии", "Лицензиат", "Произведение",
                     "Лицензиар", "Уровень лицензии", "Личная", "Дата выдачи",
                     "31 января 2026", "Срок действия", "бессрочно", "Статус",
                     "отозвана 2 февраля 2026", "Условия", "Срок: бессрочно.",
                     "Действительность лицензии можно проверить"):
        assert expected in text
    for english in ("Licence", "Licensee", "perpetual", "revoked", "January", "Check that"):
        assert english not in text


def _text(pdf: bytes) -> str:
    """The PDF's text on one line (pypdf breaks lines where the certificate wraps)."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def render_text_probe() -> str:
    """The capital dotted İ survives a round trip through the certificate fonts."""
    grant = LicenceGrant(number="LIC-TEST", licensee_name="İlham İsmayılov", work_title="İş",
                         seller_name="Sığnaq", terms={"tier": "personal"},
                         granted_at=NOW, status="valid")
    pdf = render_certificate(grant, verification_url="https://x.az")
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
