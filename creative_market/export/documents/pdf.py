"""Draw a TradeDocument as an A4 PDF with the bundled DejaVu fonts."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from creative_market.export.documents.base import TradeDocument

FONTS = Path(__file__).resolve().parent.parent.parent / "fonts"
FAMILY = "DejaVu"


def _new_pdf(document: TradeDocument) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_title(f"{document.title} {document.reference}")
    pdf.set_creator("Creative Market")
    pdf.add_page()
    return pdf


def render_pdf(document: TradeDocument) -> bytes:
    """The document as PDF bytes; text stays extractable (fonts embedded as Unicode)."""
    pdf = _new_pdf(document)
    width = pdf.epw
    pdf.set_font(FAMILY, "B", 15)
    pdf.multi_cell(width, 8, document.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 10)
    pdf.cell(width, 6, f"No. {document.reference}    Date: {document.issued_on}",
             new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    _parties(pdf, document)
    _pairs(pdf, document.facts)
    if document.columns:
        _table(pdf, document)
    if document.totals:
        pdf.ln(2)
        pdf.set_font(FAMILY, "B", 10)
        _pairs(pdf, document.totals, bold=True)
    if document.notes:
        pdf.ln(2)
        pdf.set_font(FAMILY, "", 9)
        for note in document.notes:
            pdf.multi_cell(width, 5, note, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _parties(pdf: FPDF, document: TradeDocument) -> None:
    for label, lines in document.parties:
        pdf.set_font(FAMILY, "B", 10)
        pdf.cell(pdf.epw, 6, label, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FAMILY, "", 10)
        for line in lines:
            if line:
                pdf.multi_cell(pdf.epw, 5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)


def _pairs(pdf: FPDF, pairs: list[tuple[str, str]], bold: bool = False) -> None:
    for label, value in pairs:
        pdf.set_font(FAMILY, "B", 10)
        pdf.cell(60, 6, f"{label}:")
        pdf.set_font(FAMILY, "B" if bold else "", 10)
        pdf.multi_cell(pdf.epw - 60, 6, str(value), new_x="LMARGIN", new_y="NEXT")


def _table(pdf: FPDF, document: TradeDocument) -> None:
    pdf.ln(2)
    pdf.set_font(FAMILY, "", 8)
    with pdf.table(
        col_widths=_column_weights(document),
        headings_style=FontFace(emphasis="BOLD"),
        line_height=pdf.font_size * 1.8,
        text_align="LEFT",
    ) as table:
        header = table.row()
        for column in document.columns:
            header.cell(column)
        for values in document.rows:
            row = table.row()
            for value in values:
                row.cell(str(value))


def _column_weights(document: TradeDocument) -> tuple[int, ...]:
    """Share the page width by the longest text of each column (capped), so names stay whole."""
    columns = zip(document.columns, *document.rows, strict=False)
    return tuple(min(max(len(str(cell)) for cell in column), 45) + 3 for column in columns)
