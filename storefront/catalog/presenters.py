"""Shape loaded catalogue objects for templates (formatting only; no queries here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext

from creative_market.catalog.enums import FileRole
from creative_market.catalog.licensing import WORLDWIDE, LicenceOffer, OfferStatus, country_name
from creative_market.money import Money
from storefront.main.labels import label
from storefront.main.templating import format_number


@dataclass(frozen=True)
class Cell:
    """One cell of the licence comparison: text and whether it reads as yes/no."""

    text: str
    tone: str = ""  # "yes", "no" or ""


def images_of(product: Any) -> list[Any]:
    """The listing's images in display order."""
    return [f for f in product.files if f.role == FileRole.IMAGE]


def preview_of(product: Any) -> Any | None:
    """The first preview file (an audio clip for music), if any."""
    return next((f for f in product.files if f.role == FileRole.PREVIEW), None)


def active_offers(product: Any) -> list[LicenceOffer]:
    """Offers a buyer can still choose, cheapest first."""
    offers = [o for o in product.offers if o.status == OfferStatus.ACTIVE]
    return sorted(offers, key=lambda o: o.price)


def _yes_no(flag: bool) -> Cell:
    return Cell(_("Yes"), "yes") if flag else Cell(_("No"), "no")


def _territory(offer: LicenceOffer, language: str) -> str:
    if WORLDWIDE in (offer.territory or [WORLDWIDE]):
        return _("Worldwide")
    return ", ".join(country_name(code, language) for code in offer.territory)


def _term(offer: LicenceOffer) -> str:
    if offer.term_months is None:
        return _("Perpetual")
    return ngettext("%(num)d month", "%(num)d months", offer.term_months)


def _usage_cap(offer: LicenceOffer) -> str:
    if offer.usage_cap is None:
        return _("Unlimited")
    amount = format_number(offer.usage_cap)
    return f"{amount} {label(offer.usage_cap_unit, 'UsageCapUnit')}"


def _price(offer: LicenceOffer, language: str) -> str:
    text = Money(offer.price, offer.currency).format(language)
    return _("from %(price)s", price=text) if offer.pay_what_you_want else text


def licence_comparison(offers: list[LicenceOffer], language: str) -> list[tuple[str, list[Cell]]]:
    """Rows of (term name, one cell per offer) comparing the offers term by term."""
    rows: list[tuple[str, Any]] = [
        (_("Price"), lambda o: Cell(_price(o, language))),
        (
            _("Media"),
            lambda o: Cell(", ".join(label(m, "UsageMedium") for m in o.media) or _("Any")),
        ),
        (_("Territory"), lambda o: Cell(_territory(o, language))),
        (_("Term"), lambda o: Cell(_term(o))),
        (_("Usage cap"), lambda o: Cell(_usage_cap(o))),
        (_("Seats"), lambda o: Cell(str(o.seats))),
        (_("Commercial use"), lambda o: _yes_no(o.tier != "personal")),
        (_("Attribution required"), lambda o: _yes_no(o.attribution_required)),
        (_("Merchandise"), lambda o: _yes_no(o.merchandise_allowed)),
        (_("Resale"), lambda o: _yes_no(o.resale_allowed)),
        (_("Exclusive"), lambda o: _yes_no(o.tier == "exclusive")),
    ]
    return [(name, [cell(offer) for offer in offers]) for name, cell in rows]


def duration(seconds: int | None) -> str:
    """Seconds as m:ss (or h:mm:ss)."""
    if not seconds:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
