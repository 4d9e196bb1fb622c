"""Documents of a shipment: commercial invoice, packing list, certificate-of-origin
application and CN23 postal declaration. Pure functions of a loaded Shipment.

The invoice's weights come from the customs items and the packing list's from the packages;
`services.missing_for_documents` refuses final documents unless the two agree.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from creative_market.export import hs
from creative_market.export.countries import HOME_COUNTRY, country_name, origin_certificate_form
from creative_market.export.documents.base import TradeDocument, amount, kg
from creative_market.export.incoterms import validate_incoterm


def _exporter(shipment: Any) -> tuple[str, list[str]]:
    lines = [shipment.exporter_name, shipment.exporter_address]
    if shipment.exporter_tax_id:
        lines.append(f"Tax ID (VÖEN): {shipment.exporter_tax_id}")
    lines.append(country_name(HOME_COUNTRY))
    return ("Exporter", lines)


def _consignee(shipment: Any) -> tuple[str, list[str]]:
    country = country_name(shipment.destination_country)
    return ("Consignee", [shipment.consignee_name, shipment.consignee_address, country])


def _terms(shipment: Any) -> str:
    return validate_incoterm(shipment.incoterm).describe(shipment.incoterm_place)


def item_totals(shipment: Any) -> dict[str, Decimal | int]:
    """Quantity, net weight and value summed over the customs items."""
    return {
        "quantity": sum(item.quantity for item in shipment.items),
        "net_weight_kg": sum((item.net_weight_kg for item in shipment.items), Decimal(0)),
        "goods_value": sum((item.total_value for item in shipment.items), Decimal(0)),
    }


def package_totals(shipment: Any) -> dict[str, Decimal | int]:
    """Number of packages and their net and gross weights summed."""
    return {
        "packages": len(shipment.packages),
        "net_weight_kg": sum((p.net_weight_kg for p in shipment.packages), Decimal(0)),
        "gross_weight_kg": sum((p.gross_weight_kg for p in shipment.packages), Decimal(0)),
    }


def items_in_package(shipment: Any, package: Any) -> list[Any]:
    """The items packed in `package` (all items when the shipment has a single package)."""
    if len(shipment.packages) == 1:
        return list(shipment.items)
    return [item for item in shipment.items if item.package_id == package.id]


def _certificate_notes(shipment: Any) -> list[str]:
    notes = []
    for item in shipment.items:
        certificate = item.cultural_certificate
        if certificate is not None:
            notes.append(
                f"{item.description}: export certificate No. {certificate.certificate_number} "
                f"of {certificate.issued_on.isoformat()} issued by {certificate.issued_by}."
            )
    return notes


def commercial_invoice(shipment: Any, *, reference: str, issued_on: str) -> TradeDocument:
    """The commercial invoice: parties, terms, goods lines and totals."""
    items, packages = item_totals(shipment), package_totals(shipment)
    cur = shipment.currency
    invoice_total = items["goods_value"] + shipment.freight_cost + shipment.insurance_cost
    rows = [
        [str(n), item.description, hs.format_code(item.hs_code), item.origin_country,
         str(item.quantity), kg(item.net_weight_kg), amount(item.unit_value),
         amount(item.total_value)]
        for n, item in enumerate(shipment.items, start=1)
    ]
    order = shipment.order.reference if shipment.order is not None else "—"
    return TradeDocument(
        kind="commercial_invoice", title="Commercial invoice", reference=reference,
        issued_on=issued_on, parties=[_exporter(shipment), _consignee(shipment)],
        facts=[("Order", order or "—"), ("Terms of delivery", _terms(shipment)),
               ("Currency", cur), ("Transport", shipment.transport),
               ("Country of destination", country_name(shipment.destination_country))],
        columns=["No.", "Description", "HS code", "Origin", "Qty", "Net kg",
                 f"Unit value {cur}", f"Total {cur}"],
        rows=rows,
        totals=[("Total quantity", str(items["quantity"])),
                ("Number of packages", str(packages["packages"])),
                ("Total net weight, kg", kg(items["net_weight_kg"])),
                ("Total gross weight, kg", kg(packages["gross_weight_kg"])),
                ("Value of goods", f"{amount(items['goods_value'])} {cur}"),
                ("Freight", f"{amount(shipment.freight_cost)} {cur}"),
                ("Insurance", f"{amount(shipment.insurance_cost)} {cur}"),
                ("Invoice total", f"{amount(invoice_total)} {cur}")],
        notes=_certificate_notes(shipment),
        values={"quantity": items["quantity"], "packages": packages["packages"],
                "net_weight_kg": kg(items["net_weight_kg"]),
                "gross_weight_kg": kg(packages["gross_weight_kg"]),
                "goods_value": amount(items["goods_value"]),
                "invoice_total": amount(invoice_total), "currency": cur},
    )


def packing_list(
    shipment: Any, *, reference: str, issued_on: str, invoice_reference: str
) -> TradeDocument:
    """The packing list: one row per package with its contents (one item a line) and weights."""
    totals = package_totals(shipment)
    rows, quantity = [], 0
    for package in shipment.packages:
        contents = items_in_package(shipment, package)
        count = sum(item.quantity for item in contents)
        quantity += count
        size = f"{package.length_cm} × {package.width_cm} × {package.height_cm}"
        rows.append([str(package.number), size,
                     "\n".join(f"{i.quantity} × {i.description}" for i in contents),
                     str(count), kg(package.net_weight_kg), kg(package.gross_weight_kg)])
    return TradeDocument(
        kind="packing_list", title="Packing list", reference=reference, issued_on=issued_on,
        parties=[_exporter(shipment), _consignee(shipment)],
        facts=[("Commercial invoice", invoice_reference), ("Terms of delivery", _terms(shipment))],
        columns=["Package", "Dimensions, cm", "Contents", "Qty", "Net kg", "Gross kg"],
        rows=rows,
        totals=[("Number of packages", str(totals["packages"])),
                ("Total quantity", str(quantity)),
                ("Total net weight, kg", kg(totals["net_weight_kg"])),
                ("Total gross weight, kg", kg(totals["gross_weight_kg"]))],
        values={"packages": totals["packages"], "quantity": quantity,
                "net_weight_kg": kg(totals["net_weight_kg"]),
                "gross_weight_kg": kg(totals["gross_weight_kg"])},
    )


def origin_application(
    shipment: Any, *, reference: str, issued_on: str, invoice_reference: str
) -> TradeDocument:
    """Application data for a certificate of origin, on the form the destination needs."""
    form = origin_certificate_form(shipment.destination_country)
    rows = [
        [str(n), item.description, hs.format_code(item.hs_code), country_name(item.origin_country),
         str(item.quantity), kg(item.net_weight_kg), f"{amount(item.total_value)} {item.currency}"]
        for n, item in enumerate(shipment.items, start=1)
    ]
    return TradeDocument(
        kind="origin_application", title=f"Application: {form.title}", reference=reference,
        issued_on=issued_on, parties=[_exporter(shipment), _consignee(shipment)],
        facts=[("Form", form.value), ("Country of origin", country_name(HOME_COUNTRY)),
               ("Country of destination", country_name(shipment.destination_country)),
               ("Means of transport", shipment.transport),
               ("Commercial invoice", invoice_reference)],
        columns=["No.", "Description of goods", "HS code", "Origin", "Qty", "Net kg", "Value"],
        rows=rows,
        notes=["Goods wholly obtained or sufficiently processed in Azerbaijan."],
        values={"form": form.value, "destination_country": shipment.destination_country},
    )


def cn23(shipment: Any, *, reference: str, issued_on: str, invoice_reference: str) -> TradeDocument:
    """CN23 customs declaration data for a postal parcel (sale of goods).

    Cultural-value export certificates go in its "Certificate No(s)." box and among the
    attached documents, as on the invoice.
    """
    items, packages = item_totals(shipment), package_totals(shipment)
    cur = shipment.currency
    rows = [
        [item.description, str(item.quantity), kg(item.net_weight_kg),
         f"{amount(item.total_value)} {cur}", hs.format_code(item.hs_code),
         item.origin_country]
        for item in shipment.items
    ]
    certificates = [item.cultural_certificate.certificate_number for item in shipment.items
                    if item.cultural_certificate is not None]
    attached = [f"Invoice {invoice_reference}"] + [
        f"Certificate {number}" for number in certificates]
    return TradeDocument(
        kind="cn23", title="CN 23 Customs declaration", reference=reference, issued_on=issued_on,
        parties=[("From", _exporter(shipment)[1]), ("To", _consignee(shipment)[1])],
        facts=[("Category of item", "Sale of goods"),
               ("Attached documents", "; ".join(attached)),
               *([("Certificate No(s).", ", ".join(certificates))] if certificates else []),
               ("Postal charges/fees", f"{amount(shipment.freight_cost)} {cur}")],
        columns=["Detailed description of contents", "Quantity", "Net weight, kg",
                 "Value", "HS tariff number", "Country of origin"],
        rows=rows,
        totals=[("Total gross weight, kg", kg(packages["gross_weight_kg"])),
                ("Total value", f"{amount(items['goods_value'])} {cur}")],
        notes=_certificate_notes(shipment),
        values={"gross_weight_kg": kg(packages["gross_weight_kg"]),
                "goods_value": amount(items["goods_value"]), "currency": cur,
                "certificates": certificates},
    )
