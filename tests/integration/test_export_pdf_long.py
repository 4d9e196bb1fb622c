"""Long documents: 120 items in one package render on several pages, every item printed."""

import io
import re
from decimal import Decimal

from pypdf import PdfReader

from creative_market.export import services
from creative_market.export.documents import TradeDocument, render_pdf
from creative_market.export.models import DocumentKind
from creative_market.testing.factories import make_seller

ITEMS = 120


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def _shipment_of_many_items(session, count: int = ITEMS):
    seller = make_seller(session, display_name="Gəncə Xalçaçılıq Evi")
    shipment = services.create_shipment(session, seller=seller, data={
        "consignee_name": "Galerie Nord", "consignee_address": "Hafenstraße 1, Hamburg",
        "destination_country": "DE", "incoterm": "DAP", "incoterm_place": "Hamburg",
        "currency": "EUR", "transport": "post"})
    services.add_package(session, shipment=shipment, data={
        "length_cm": "120", "width_cm": "80", "height_cm": "60",
        "gross_weight_kg": f"{count * Decimal('0.5') + 4}", "net_weight_kg": f"{count / 2}"})
    for n in range(1, count + 1):
        services.add_customs_item(session, shipment=shipment, data={
            "description": f"Lahıc mis qabı №{n:03d}, hand-chased copper bowl with lid",
            "hs_code": "7418.10", "quantity": 1, "net_weight_kg": "0.5",
            "unit_value": "12.50", "currency": "EUR", "year_made": 2024})
    return shipment


def test_a_hundred_and_twenty_items_in_one_package_render_on_numbered_pages(session):
    shipment = _shipment_of_many_items(session)
    issued = services.issue_shipment_documents(session, shipment=shipment)
    for kind in (DocumentKind.COMMERCIAL_INVOICE, DocumentKind.PACKING_LIST, DocumentKind.CN23):
        reference = issued[kind].reference
        pages = pdf_pages(render_pdf(TradeDocument.from_dict(issued[kind].data)))
        text = "\n".join(pages)
        assert len(pages) >= 3, kind
        found = sorted(set(re.findall(r"№(\d{3})", text)))
        assert found == [f"{n:03d}" for n in range(1, ITEMS + 1)], kind
        for number, page in enumerate(pages, start=1):
            assert f"Page {number} of {len(pages)}" in page, (kind, number)
            assert reference in page, (kind, number)
        # the table header is repeated on each page the table continues on
        heading = {DocumentKind.COMMERCIAL_INVOICE: "HS code",
                   DocumentKind.PACKING_LIST: "Contents",
                   DocumentKind.CN23: "Detailed description"}[kind]
        assert all(heading in page for page in pages[:-1]), kind
    invoice = "\n".join(pdf_pages(render_pdf(TradeDocument.from_dict(
        issued[DocumentKind.COMMERCIAL_INVOICE].data))))
    assert "1500.00 EUR" in invoice  # 120 × 12.50
    packing = "\n".join(pdf_pages(render_pdf(TradeDocument.from_dict(
        issued[DocumentKind.PACKING_LIST].data))))
    assert re.search(r"Total quantity:\s*120", packing)
    assert re.search(r"Total net weight, kg:\s*60\.000", packing)
    assert re.search(r"Total gross weight, kg:\s*64\.000", packing)


def test_the_first_page_of_a_long_packing_list_carries_the_table(session):
    # at ~30 items the one-cell contents went whole to page 2, leaving page 1 nearly empty
    shipment = _shipment_of_many_items(session, count=30)
    issued = services.issue_shipment_documents(session, shipment=shipment)
    pages = pdf_pages(render_pdf(TradeDocument.from_dict(
        issued[DocumentKind.PACKING_LIST].data)))
    assert "№001" in pages[0]


def test_a_packing_list_issued_before_the_fix_still_renders():
    # Stored documents keep their data: one row per package, its contents in one cell.
    contents = "; ".join(f"1 × Lahıc mis qabı №{n:03d}, hand-chased copper bowl with lid"
                         for n in range(1, ITEMS + 1))
    document = TradeDocument(
        kind="packing_list", title="Packing list", reference="PL-1-000007",
        issued_on="2026-03-02", columns=["Package", "Dimensions, cm", "Contents", "Qty",
                                         "Net kg", "Gross kg"],
        rows=[["1", "120 × 80 × 60", contents, "120", "60.000", "64.000"]],
        totals=[("Total quantity", "120")])
    pages = pdf_pages(render_pdf(document))
    text = "".join(pages).replace("\n", " ")
    assert len(pages) >= 2
    assert sorted(set(re.findall(r"№(\d{3})", text))) == [f"{n:03d}" for n in range(1, 121)]
    assert "№001" in pages[0]
