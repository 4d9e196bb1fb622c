"""The services invoice for licences to digital works sold to a buyer abroad (no HS code)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from creative_market.catalog.certificate_words import certificate_words
from creative_market.catalog.licensing import LicenceTerms
from creative_market.export.classification import creative_services_category
from creative_market.export.countries import HOME_COUNTRY, country_name
from creative_market.export.documents.base import TradeDocument, amount


def services_invoice(
    order: Any, seller: Any, lines: list[Any], *, reference: str, issued_on: str
) -> TradeDocument:
    """Invoice for one seller's licence lines of an order: works, licences and their terms."""
    currency = order.currency
    rows, notes, categories = [], [], set()
    for n, line in enumerate(lines, start=1):
        terms = LicenceTerms.from_dict(line.licence_terms or {"tier": "personal"})
        grant = line.grant.number if getattr(line, "grant", None) is not None else "—"
        licensee = ", ".join(filter(None, [line.licensee_name, line.licensee_company]))
        rows.append([str(n), line.title, certificate_words("en")["tiers"][terms.tier.value], grant,
                     licensee, amount(line.line_total)])
        notes.append(f"{n}. {line.title} — licence terms: " + " ".join(terms.describe()))
        category = creative_services_category(line.product)
        if category is not None:
            categories.add(category.value.replace("_", " "))
    total = sum((line.line_total for line in lines), Decimal(0))
    buyer_country = order.buyer_country or order.shipping_country or ""
    return TradeDocument(
        kind="services_invoice", title="Invoice for services: licences to creative works",
        reference=reference, issued_on=issued_on,
        parties=[("Supplier", [seller.display_name, seller.contact_email or "",
                               country_name(HOME_COUNTRY)]),
                 ("Customer", [order.buyer_name, order.buyer_email,
                               country_name(buyer_country) if buyer_country else ""])],
        facts=[("Order", order.reference or "—"),
               ("Nature of supply", "Licences to use creative works (services, no HS code)"),
               ("Services category", ", ".join(sorted(categories)) or "licences to reproduce"),
               ("Currency", currency)],
        columns=["No.", "Work", "Licence", "Licence number", "Licensee", f"Price {currency}"],
        rows=rows,
        totals=[("Total", f"{amount(total)} {currency}")],
        notes=notes,
        values={"total": amount(total), "currency": currency, "customer_country": buyer_country},
    )
