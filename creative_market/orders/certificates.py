"""Licence certificates as PDF (fpdf2), with the bundled DejaVu fonts so that Azerbaijani
and Cyrillic letters (ə ğ ı ş İ ж ы) print correctly."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from creative_market.catalog.licensing import LicenceTerms
from creative_market.db import as_utc
from creative_market.orders.models import LicenceGrant

FONT_DIRECTORY = Path(__file__).resolve().parent.parent / "fonts"
FONT = "DejaVu"


def _pdf() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_title("Licence certificate")
    pdf.set_creator("Creative Market")
    pdf.add_font(FONT, "", str(FONT_DIRECTORY / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONT_DIRECTORY / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    return pdf


def _row(pdf: FPDF, label: str, value: str) -> None:
    pdf.set_font(FONT, "B", 10)
    pdf.cell(45, 7, label, new_x=XPos.RIGHT, new_y=YPos.TOP)
    pdf.set_font(FONT, "", 10)
    pdf.multi_cell(0, 7, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _date(moment: datetime | None) -> str:
    return as_utc(moment).strftime("%d %B %Y") if moment else "perpetual"


def render_certificate(
    grant: LicenceGrant, *, verification_url: str, language: str = "en"
) -> bytes:
    """The licence certificate of a grant as PDF bytes; `verification_url` is printed on it."""
    pdf = _pdf()
    pdf.set_font(FONT, "B", 20)
    pdf.cell(0, 12, "Licence certificate", new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="C")
    pdf.set_font(FONT, "", 11)
    pdf.cell(0, 8, "Creative Market · Azerbaijan", new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="C")
    pdf.ln(6)
    company = f" ({grant.licensee_company})" if grant.licensee_company else ""
    licensee = grant.licensee_name + company
    _row(pdf, "Licence number", grant.number)
    _row(pdf, "Licensee", licensee)
    _row(pdf, "Work", grant.work_title)
    _row(pdf, "Licensed by", grant.seller_name)
    _row(pdf, "Date granted", _date(grant.granted_at))
    _row(pdf, "Valid until", _date(grant.valid_until))
    if grant.status != "valid":
        _row(pdf, "Status", f"{grant.status} on {_date(grant.revoked_at)}")
    pdf.ln(4)
    pdf.set_font(FONT, "B", 12)
    pdf.cell(0, 8, "Terms", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 10)
    for sentence in LicenceTerms.from_dict(grant.terms).describe(language):
        pdf.multi_cell(0, 6, "• " + sentence, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    pdf.set_font(FONT, "", 9)
    pdf.multi_cell(
        0, 5, f"Check that this licence is valid at {verification_url} "
        f"with the number {grant.number}.", new_x=XPos.LMARGIN, new_y=YPos.NEXT,
    )
    return bytes(pdf.output())
