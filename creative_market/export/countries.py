"""Countries that matter to export documents, kept in one place.

`CIS_FREE_TRADE_PARTNERS` decides the certificate-of-origin form. Goods of Azerbaijani origin
exported to these countries claim free-trade treatment with the CT-1 form (СТ-1, "ST-1" in
Latin letters) under the CIS Rules for Determining the Country of Origin of Goods and the
free-trade agreements Azerbaijan applies with them: the 1994 CIS Agreement on the Creation
of a Free Trade Area and Azerbaijan's bilateral free-trade agreements (Russia, Ukraine,
Georgia, Kazakhstan, Moldova, Turkmenistan, Uzbekistan, Belarus, Kyrgyzstan, Tajikistan).
Armenia is not listed: Azerbaijan has no trade relations with it. Every other destination
gets the general (non-preferential) certificate of origin.

The list is policy, not physics: when an agreement changes, change it here (and the table in
the README's export section) and nowhere else.
"""

from __future__ import annotations

from enum import StrEnum

HOME_COUNTRY = "AZ"

CIS_FREE_TRADE_PARTNERS: frozenset[str] = frozenset(
    {"BY", "GE", "KG", "KZ", "MD", "RU", "TJ", "TM", "UA", "UZ"}
)


class OriginCertificateForm(StrEnum):
    """Which certificate-of-origin form an application is for."""

    CT1 = "CT-1"
    GENERAL = "general"

    @property
    def title(self) -> str:
        """The form's name as printed on the application."""
        if self is OriginCertificateForm.CT1:
            return "Certificate of origin, form CT-1 (СТ-1 / ST-1)"
        return "Certificate of origin, general (non-preferential) form"


def origin_certificate_form(destination_country: str) -> OriginCertificateForm:
    """CT-1 for the CIS free-trade partners, the general form for everyone else."""
    code = destination_country.strip().upper()
    if code in CIS_FREE_TRADE_PARTNERS:
        return OriginCertificateForm.CT1
    return OriginCertificateForm.GENERAL


def country_name(code: str, language: str = "en") -> str:
    """The name of a country from its ISO code, in `language`."""
    from creative_market.catalog.licensing import country_name as babel_country_name

    return babel_country_name(code.upper(), language)


def is_country_code(code: str) -> bool:
    """True for an ISO 3166-1 alpha-2 code."""
    from creative_market.catalog.licensing import iso_country_codes

    return str(code or "").upper() in iso_country_codes()
