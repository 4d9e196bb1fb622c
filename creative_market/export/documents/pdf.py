"""Draw a TradeDocument as an A4 PDF with the bundled DejaVu fonts."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from creative_market.export.documents.base import TradeDocument

FONTS = Path(__file__).resolve().parent.parent.parent / "fonts"
FAMILY = "DejaVu"
#: A table row taller than this many lines is drawn as several rows, so that it can go on
#: over the next page (fpdf2 never breaks one row across pages, and refuses a row taller
#: than a page).
MAX_ROW_LINES = 8
TABLE_FONT_SIZE = 8
LINE_HEIGHT = 1.8  # times the font size


class _DocumentPDF(FPDF):
    """A4 pages whose footer names the document and numbers the pages ("Page 2 of 3")."""

    def __init__(self, document: TradeDocument) -> None:
        super().__init__(format="A4")
        self.document = document

    def header(self) -> None:
        """Continuation pages start with the document's title and number."""
        if self.page_no() > 1:
            self.set_font(FAMILY, "", 8)
            self.cell(self.epw, 5, f"{self.document.title} No. {self.document.reference} "
                      "(continued)", new_x="LMARGIN", new_y="NEXT")
            self.ln(2)

    def footer(self) -> None:
        """Every page: the document number and "Page n of N"."""
        self.set_y(-12)
        self.set_font(FAMILY, "", 8)
        self.cell(self.epw / 2, 5, f"No. {self.document.reference}")
        self.cell(self.epw / 2, 5, f"Page {self.page_no()} of {{nb}}", align="R")


def _new_pdf(document: TradeDocument) -> FPDF:
    pdf = _DocumentPDF(document)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_title(f"{document.title} {document.reference}")
    pdf.set_creator("Creative Market")
    pdf.add_page()
    return pdf


def render_pdf(document: TradeDocument) -> bytes:
    """The document as PDF bytes; text stays extractable (fonts embedded as Unicode).

    Tables of any length go on over as many pages as they need, their heading repeated.
    """
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
    pdf.set_font(FAMILY, "", TABLE_FONT_SIZE)
    weights = _column_weights(document)
    widths = [pdf.epw * weight / sum(weights) for weight in weights]
    with pdf.table(
        col_widths=weights,
        headings_style=FontFace(emphasis="BOLD"),
        line_height=pdf.font_size * LINE_HEIGHT,
        text_align="LEFT",
        repeat_headings=1,  # the heading row on top of every page the table reaches
    ) as table:
        header = table.row()
        for column in document.columns:
            header.cell(column)
        for values in document.rows:
            for piece in _row_pieces(pdf, [str(value) for value in values], widths):
                row = table.row()
                for value in piece:
                    row.cell(value)


def _row_pieces(pdf: FPDF, values: list[str], widths: list[float]) -> list[list[str]]:
    """A row as rows of at most MAX_ROW_LINES lines each: its long cells go on line by line."""
    lines = [pdf.multi_cell(width - 1, pdf.font_size * LINE_HEIGHT, value, dry_run=True,
                            output="LINES") for value, width in zip(values, widths, strict=False)]
    tallest = max((len(cell) for cell in lines), default=0)
    if tallest <= MAX_ROW_LINES:
        return [values]
    return [["\n".join(cell[start:start + MAX_ROW_LINES]) for cell in lines]
            for start in range(0, tallest, MAX_ROW_LINES)]


def _column_weights(document: TradeDocument) -> tuple[int, ...]:
    """Share the page width by the longest text of each column (capped), so names stay whole."""
    columns = zip(document.columns, *document.rows, strict=False)
    return tuple(min(max(len(str(cell)) for cell in column), 45) + 3 for column in columns)
