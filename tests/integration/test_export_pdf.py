"""PDFs of every document render Azerbaijani and Cyrillic names exactly (extracted by pypdf)."""

import io
import json
import threading

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from creative_market.catalog.enums import Region
from creative_market.export import services
from creative_market.export.documents import TradeDocument, render_pdf
from creative_market.export.models import DocumentKind, DocumentSequence
from creative_market.export.testing import make_paid_order
from creative_market.testing.factories import (
    make_carpet,
    make_design_work,
    make_media_work,
    make_offer,
    make_seller,
)

PACKAGE = {"length_cm": "160", "width_cm": "40", "height_cm": "40",
           "gross_weight_kg": "9.500", "net_weight_kg": "8.900"}


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_every_shipment_document_prints_the_azerbaijani_names(session):
    seller = make_seller(session, display_name="Gəncə Xalçaçılıq Evi", region=Region.GANJA)
    carpet = make_carpet(session, seller=seller, title_az="Şəki xalçası «Buta»")
    bowl = make_design_work(session, seller=seller, title_az="Gəncə saxsı qabı",
                            weight_grams=900)
    order = make_paid_order(session, items=[(carpet, 1), (bowl, 1)], country="RU",
                            buyer_name="Ирина Ковалёва", city="Москва")
    shipment = services.shipment_from_order(session, order=order, seller=seller)
    services.add_package(session, shipment=shipment, data=PACKAGE)
    issued = services.issue_shipment_documents(session, shipment=shipment)
    assert set(issued) == {DocumentKind.COMMERCIAL_INVOICE, DocumentKind.PACKING_LIST,
                           DocumentKind.ORIGIN_APPLICATION, DocumentKind.CN23}
    for kind, document in issued.items():
        text = pdf_text(render_pdf(TradeDocument.from_dict(document.data)))
        for name in ("Şəki xalçası «Buta»", "Gəncə Xalçaçılıq Evi", "Ирина Ковалёва", "Москва"):
            assert name in text, (kind, name)
        assert document.reference in text
    application = pdf_text(render_pdf(TradeDocument.from_dict(
        issued[DocumentKind.ORIGIN_APPLICATION].data)))
    assert "CT-1" in application


def test_services_invoice_pdf_and_json(session):
    seller = make_seller(session, display_name="Qəbələ Səs Studiyası")
    track = make_media_work(session, seller=seller, title_az="Şuşa səhəri", media_type="film",
                            duration_seconds=600)
    offer = make_offer(session, track, territory=["DE"])
    order = make_paid_order(session, items=[(offer, 1)], country="DE")
    issued = services.issue_services_invoice(session, order=order, seller=seller)
    document = TradeDocument.from_dict(issued.data)
    text = pdf_text(render_pdf(document))
    for expected in ("Şuşa səhəri", "Qəbələ Səs Studiyası", "Territory: Germany.",
                     "audiovisual services"):
        assert expected in text
    assert json.loads(document.to_json())["rows"][0][1] == "Şuşa səhəri"
    assert "Şuşa" in document.to_json()  # letters kept, not \\u-escaped


@pytest.mark.postgresql
def test_concurrent_allocations_never_repeat_a_number(postgres_url):
    from sqlalchemy.orm import sessionmaker

    from creative_market.db import Base, import_all_models, make_engine

    import_all_models()
    engine = make_engine(postgres_url)
    Base.metadata.create_all(engine)
    factory = sessionmaker(engine)
    with factory.begin() as setup:
        seller_id = make_seller(setup).id
    numbers, errors = [], []

    def allocate():
        try:
            for _ in range(10):
                with factory.begin() as s:
                    numbers.append(services.allocate_document_number(
                        s, seller_id=seller_id, kind=DocumentKind.COMMERCIAL_INVOICE))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=allocate) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(numbers) == list(range(1, 41))
    with factory() as s:
        assert s.scalar(select(DocumentSequence.last_number)) == 40
    engine.dispose()


def test_the_cn23_names_the_cultural_value_certificate(session):
    seller = make_seller(session, display_name="Şəki Xalça")
    carpet = make_carpet(session, seller=seller, title_az="Şəki xalçası", year_made=1955)
    order = make_paid_order(session, items=[(carpet, 1)], country="RU")
    shipment = services.shipment_from_order(session, order=order, seller=seller)
    services.add_package(session, shipment=shipment, data={**PACKAGE, "net_weight_kg": "8.000"})
    services.record_cultural_certificate(session, item=shipment.items[0], data={
        "certificate_number": "MK-2026/0417", "issued_on": "2026-03-02"})
    issued = services.issue_shipment_documents(session, shipment=shipment)
    cn23 = TradeDocument.from_dict(issued[DocumentKind.CN23].data)
    invoice = issued[DocumentKind.COMMERCIAL_INVOICE].reference
    assert dict(cn23.facts)["Certificate No(s)."] == "MK-2026/0417"
    assert dict(cn23.facts)["Attached documents"] == (
        f"Invoice {invoice}; Certificate MK-2026/0417")
    text = " ".join(pdf_text(render_pdf(cn23)).split())
    assert "Certificate No(s).: MK-2026/0417" in text
    assert "export certificate No. MK-2026/0417 of 2026-03-02" in text


def test_a_cn23_without_certificates_has_no_certificate_box(session):
    seller = make_seller(session)
    bowl = make_design_work(session, seller=seller, weight_grams=900)
    order = make_paid_order(session, items=[(bowl, 1)], country="DE")
    shipment = services.shipment_from_order(session, order=order, seller=seller)
    services.add_package(session, shipment=shipment, data={**PACKAGE, "net_weight_kg": "0.900",
                                                            "gross_weight_kg": "1.200"})
    cn23 = TradeDocument.from_dict(services.issue_shipment_documents(
        session, shipment=shipment)[DocumentKind.CN23].data)
    assert "Certificate No(s)." not in dict(cn23.facts) and cn23.notes == []
