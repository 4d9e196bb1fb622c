"""Licence certificates as PDF (fpdf2), with the bundled DejaVu fonts so that Azerbaijani
and Cyrillic letters (ə ğ ı ş İ ж ы) print correctly.

Headings, the tier, dates and the closing sentence are in the language asked for (az, en
or ru; `catalog.certificate_words`), the terms in sentences of the same language.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from babel.dates import format_date
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from creative_market.catalog.certificate_words import certificate_language, certificate_words
from creative_market.catalog.licensing import LicenceTerms
from creative_market.db import as_utc
from creative_market.orders.models import LicenceGrant

FONT_DIRECTORY = Path(__file__).resolve().parent.parent / "fonts"
FONT = "DejaVu"


def _pdf(title: str) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_creator("Creative Market")
    pdf.add_font(FONT, "", str(FONT_DIRECTORY / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONT_DIRECTORY / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    return pdf


def _row(pdf: FPDF, label: str, value: str) -> None:
    pdf.set_font(FONT, "B", 10)
    pdf.cell(50, 7, label, new_x=XPos.RIGHT, new_y=YPos.TOP)
    pdf.set_font(FONT, "", 10)
    pdf.multi_cell(0, 7, value, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def format_certificate_date(moment: datetime, language: str) -> str:
    """A date as people of `language` write it in full (24 iyul 2026, 24 июля 2026 г.)."""
    return format_date(as_utc(moment).date(), format="long",
                       locale=certificate_language(language))


def _valid_until(grant: LicenceGrant, words: dict[str, Any], language: str) -> str:
    if grant.valid_until is None:
        return words["perpetual"]
    return words["until"].format(date=format_certificate_date(grant.valid_until, language))


def _rows(grant: LicenceGrant, terms: LicenceTerms, language: str) -> list[tuple[str, str]]:
    words = certificate_words(language)
    company = f" ({grant.licensee_company})" if grant.licensee_company else ""
    rows = [
        (words["number"], grant.number),
        (words["tier"], words["tiers"][terms.tier.value]),
        (words["licensee"], grant.licensee_name + company),
        (words["work"], grant.work_title),
        (words["seller"], grant.seller_name),
        (words["granted"], format_certificate_date(grant.granted_at, language)),
        (words["valid_until"], _valid_until(grant, words, language)),
    ]
    if grant.status != "valid":
        revoked = format_certificate_date(grant.revoked_at, language) if grant.revoked_at else ""
        rows.append((words["status"], words["revoked"].format(date=revoked).strip()))
    return rows


def render_certificate(
    grant: LicenceGrant, *, verification_url: str, language: str = "en"
) -> bytes:
    """The licence certificate of a grant as PDF bytes in `language` (az, en or ru);
    `verification_url` is printed on it."""
    words = certificate_words(language)
    terms = LicenceTerms.from_dict(grant.terms)
    pdf = _pdf(words["title"])
    pdf.set_font(FONT, "B", 20)
    pdf.cell(0, 12, words["title"], new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="C")
    pdf.set_font(FONT, "", 11)
    pdf.cell(0, 8, words["subtitle"], new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="C")
    pdf.ln(6)
    for label, value in _rows(grant, terms, language):
        _row(pdf, label, value)
    pdf.ln(4)
    pdf.set_font(FONT, "B", 12)
    pdf.cell(0, 8, words["terms"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 10)
    for sentence in terms.describe(language):
        pdf.multi_cell(0, 6, "• " + sentence, align=Align.L,
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    pdf.set_font(FONT, "", 9)
    closing = words["check"].format(url=verification_url, number=grant.number)
    pdf.multi_cell(0, 5, closing, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())
