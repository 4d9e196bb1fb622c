"""The mails a paid order sends: the buyer's confirmation, in the language of checkout, and
a note to each seller with goods to ship, in the seller's own language."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from creative_market.catalog.licensing import country_name
from creative_market.catalog.models import Seller
from creative_market.mail import MailMessage
from creative_market.money import Money
from creative_market.orders.models import LineKind, Order, OrderLine
from creative_market.text import normalize_language


@dataclass(frozen=True)
class SellerParcel:
    """One seller's physical lines of a paid order."""

    seller: Seller
    lines: tuple[OrderLine, ...]


def confirmation_mail(order: Order) -> MailMessage:
    """The buyer's 'payment received' mail, in the language the buyer checked out in."""
    language = normalize_language(order.language)
    link = url_for("purchases.order_detail", reference=order.reference, _external=True)
    with force_locale(language):
        lines = [f"- {line.title} × {line.quantity}: {line.line_total_money.format(language)}"
                 for line in order.lines]
        if order.shipping_total:
            shipping = Money(order.shipping_total, order.currency).format(language)
            lines.append("- " + _("Shipping: %(amount)s", amount=shipping))
        body = "\n".join([
            _("Dear %(name)s,", name=order.buyer_name), "",
            _("we received your payment of %(amount)s for order %(reference)s.",
              amount=order.total_money.format(language), reference=order.reference),
            "", *lines, "",
            _("Your order, downloads and licence certificates: %(link)s", link=link),
            "", "Creative Market",
        ])
        subject = _("Order %(reference)s: payment received", reference=order.reference)
    return MailMessage(to=order.buyer_email, subject=subject, body=body)


def parcels_to_ship(order: Order) -> list[SellerParcel]:
    """The sellers with physical lines in the order, each with those lines (by seller id)."""
    by_seller: dict[int, list[OrderLine]] = {}
    for line in order.lines:
        if line.kind == LineKind.PHYSICAL:
            by_seller.setdefault(line.seller_id, []).append(line)
    return [SellerParcel(lines[0].seller, tuple(lines))
            for _seller_id, lines in sorted(by_seller.items())]


def seller_address(seller: Seller) -> str | None:
    """Where a seller's order mail goes: the contact address, else the account's; or none."""
    account_email = seller.user.email if seller.user is not None else None
    return (seller.contact_email or "").strip() or account_email or None


def seller_language(seller: Seller) -> str:
    """The seller account's preferred language; Azerbaijani without an account."""
    preferred = seller.user.preferred_language if seller.user is not None else None
    return normalize_language(preferred)


def _address_lines(order: Order, language: str) -> list[str]:
    address = order.shipping_address or {}
    town = " ".join(part for part in (address.get("postal_code"), address.get("city")) if part)
    country = address.get("country")
    parts = [address.get("recipient"), address.get("line1"), address.get("line2"), town,
             country_name(country, language) if country else None, address.get("phone")]
    return [f"  {part}" for part in parts if part]


def seller_mail(order: Order, parcel: SellerParcel, *, to: str) -> MailMessage:
    """Tell a seller that a paid order holds goods of theirs to ship, and where to."""
    language = seller_language(parcel.seller)
    link = url_for("payouts.seller_orders", _external=True)
    with force_locale(language):
        lines = [f"- {line.title} ({line.sku}) × {line.quantity}" for line in parcel.lines]
        body = "\n".join([
            _("Hello %(seller)s,", seller=parcel.seller.display_name), "",
            _("order %(reference)s is paid and has goods of yours to ship:",
              reference=order.reference),
            "", *lines, "",
            _("Ship to:"), *_address_lines(order, language), "",
            _("Once shipped, enter the carrier and tracking number here: %(link)s", link=link),
            "", "Creative Market",
        ])
        subject = _("Order %(reference)s: goods to ship", reference=order.reference)
    return MailMessage(to=to, subject=subject, body=body)
