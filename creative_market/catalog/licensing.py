"""Licence offers for digital works, and the rules that keep their terms possible.

An offer states the terms a buyer gets: tier, media, territory, term, usage cap, seats,
attribution, merchandise and resale rights, and the price. A work has at most one offer per
tier. An exclusive offer can be sold once; selling it withdraws the work's other
commercial offers (personal-use offers stay, as they grant no commercial rights).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Boolean, CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from creative_market.catalog.licence_words import group_thousands, words_for
from creative_market.db import Base, enum_type, utcnow
from creative_market.messages import Message
from creative_market.money import Money

if TYPE_CHECKING:
    from creative_market.catalog.models import Product


class LicenceTier(StrEnum):
    """How much a licence allows, from personal use to exclusive rights."""

    PERSONAL = "personal"
    STANDARD_COMMERCIAL = "standard_commercial"
    EXTENDED_COMMERCIAL = "extended_commercial"
    EXCLUSIVE = "exclusive"
    SYNC_BROADCAST = "sync_broadcast"

    @property
    def is_commercial(self) -> bool:
        """Every tier but personal grants commercial use."""
        return self is not LicenceTier.PERSONAL


class UsageMedium(StrEnum):
    """Where a licensed work may be used."""

    WEB = "web"
    SOCIAL = "social"
    PRINT = "print"
    BROADCAST = "broadcast"
    FILM = "film"
    ADVERTISING = "advertising"
    GAMES = "games"
    MERCHANDISE = "merchandise"
    EVENTS = "events"
    STREAMING = "streaming"


class UsageCapUnit(StrEnum):
    """What a usage cap counts."""

    COPIES = "copies"
    VIEWS = "views"
    PRINT_RUN = "print_run"
    STREAMS = "streams"


class OfferStatus(StrEnum):
    """Whether an offer can be bought."""

    ACTIVE = "active"
    WITHDRAWN = "withdrawn"
    SOLD = "sold"


WORLDWIDE = "WW"


@cache
def iso_country_codes() -> frozenset[str]:
    """The ISO 3166-1 alpha-2 codes Babel knows (regions like '001' and 'EU' excluded)."""
    from babel import Locale

    return frozenset(
        code for code in Locale("en").territories if len(code) == 2 and code.isalpha()
        and code not in {"EU", "EZ", "UN", "QO", "XA", "XB", "XK", "ZZ"}
    )


def country_name(code: str, language: str = "en") -> str:
    """The name of an ISO country in `language` ('AZ' -> 'Azerbaijan')."""
    from babel import Locale

    return Locale(language).territories.get(code, code)


class LicenceOffer(Base):
    """Terms on which a digital work can be licensed, and the price of that licence."""

    __tablename__ = "licence_offers"
    __table_args__ = (
        UniqueConstraint("product_id", "tier", name="uq_licence_offers_product_id_tier"),
        CheckConstraint("price > 0", name="price_positive"),
        CheckConstraint("term_months IS NULL OR term_months > 0", name="term_positive"),
        CheckConstraint("usage_cap IS NULL OR usage_cap > 0", name="usage_cap_positive"),
        CheckConstraint(
            "(usage_cap IS NULL) = (usage_cap_unit IS NULL)", name="usage_cap_has_unit"
        ),
        CheckConstraint("seats >= 1", name="seats_at_least_one"),
        CheckConstraint(
            "max_sales IS NULL OR (reserved_count + sold_count <= max_sales)",
            name="sales_within_cap",
        ),
        CheckConstraint("reserved_count >= 0 AND sold_count >= 0", name="counts_not_negative"),
        # COALESCE: a CHECK whose result is NULL passes, and max_sales may be NULL.
        CheckConstraint(
            "tier != 'exclusive' OR COALESCE(max_sales, 0) = 1", name="exclusive_sells_once"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    tier: Mapped[LicenceTier] = mapped_column(enum_type(LicenceTier))
    media: Mapped[list[str]] = mapped_column(JSON, default=list)
    territory: Mapped[list[str]] = mapped_column(JSON, default=lambda: [WORLDWIDE])
    term_months: Mapped[int | None] = mapped_column(Integer)
    usage_cap: Mapped[int | None] = mapped_column(Integer)
    usage_cap_unit: Mapped[UsageCapUnit | None] = mapped_column(enum_type(UsageCapUnit))
    seats: Mapped[int] = mapped_column(Integer, default=1)
    attribution_required: Mapped[bool] = mapped_column(Boolean, default=False)
    merchandise_allowed: Mapped[bool] = mapped_column(Boolean, default=False)
    resale_allowed: Mapped[bool] = mapped_column(Boolean, default=False)
    price: Mapped[Decimal]
    currency: Mapped[str] = mapped_column(String(3), default="AZN")
    pay_what_you_want: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[OfferStatus] = mapped_column(enum_type(OfferStatus), default=OfferStatus.ACTIVE)
    # Exclusive offers sell once: max_sales = 1, guarded by a conditional UPDATE.
    max_sales: Mapped[int | None] = mapped_column(Integer)
    reserved_count: Mapped[int] = mapped_column(Integer, default=0)
    sold_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    product: Mapped[Product] = relationship(back_populates="offers")

    @property
    def price_money(self) -> Money:
        """The price (the minimum, for pay-what-you-want) as Money."""
        return Money(self.price, self.currency)

    @property
    def is_worldwide(self) -> bool:
        """True when the licence holds in every country."""
        return WORLDWIDE in (self.territory or [WORLDWIDE])

    def terms(self) -> LicenceTerms:
        """The frozen terms of this offer, as copied onto an order line and a grant."""
        return LicenceTerms(
            tier=LicenceTier(self.tier),
            media=tuple(self.media or ()),
            territory=tuple(self.territory or (WORLDWIDE,)),
            term_months=self.term_months,
            usage_cap=self.usage_cap,
            usage_cap_unit=UsageCapUnit(self.usage_cap_unit) if self.usage_cap_unit else None,
            seats=self.seats,
            attribution_required=self.attribution_required,
            merchandise_allowed=self.merchandise_allowed,
            resale_allowed=self.resale_allowed,
        )


@dataclass(frozen=True)
class LicenceTerms:
    """Licence terms frozen at the moment of sale (stored as JSON on lines and grants)."""

    tier: LicenceTier
    media: tuple[str, ...] = ()
    territory: tuple[str, ...] = (WORLDWIDE,)
    term_months: int | None = None
    usage_cap: int | None = None
    usage_cap_unit: UsageCapUnit | None = None
    seats: int = 1
    attribution_required: bool = False
    merchandise_allowed: bool = False
    resale_allowed: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "tier": self.tier.value,
            "media": list(self.media),
            "territory": list(self.territory),
            "term_months": self.term_months,
            "usage_cap": self.usage_cap,
            "usage_cap_unit": self.usage_cap_unit.value if self.usage_cap_unit else None,
            "seats": self.seats,
            "attribution_required": self.attribution_required,
            "merchandise_allowed": self.merchandise_allowed,
            "resale_allowed": self.resale_allowed,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LicenceTerms:
        """Rebuild terms from `to_dict` output."""
        unit = data.get("usage_cap_unit")
        return cls(
            tier=LicenceTier(data["tier"]),
            media=tuple(data.get("media") or ()),
            territory=tuple(data.get("territory") or (WORLDWIDE,)),
            term_months=data.get("term_months"),
            usage_cap=data.get("usage_cap"),
            usage_cap_unit=UsageCapUnit(unit) if unit else None,
            seats=int(data.get("seats") or 1),
            attribution_required=bool(data.get("attribution_required")),
            merchandise_allowed=bool(data.get("merchandise_allowed")),
            resale_allowed=bool(data.get("resale_allowed")),
        )

    def describe(self, language: str = "en") -> list[str]:
        """The terms in plain sentences of `language` (az, en or ru), one per term."""
        words = words_for(language)
        lines = [words["tier"][self.tier.value] + "."]
        if self.media:
            media = ", ".join(words["media"].get(m, m.replace("_", " ")) for m in self.media)
            lines.append(words["media_line"].format(media=media))
        if WORLDWIDE in self.territory:
            lines.append(words["worldwide"])
        else:
            names = ", ".join(country_name(code, language) for code in self.territory)
            lines.append(words["territory"].format(names=names))
        if self.term_months is None:
            lines.append(words["perpetual"])
        else:
            lines.append(words["months"].format(n=self.term_months))
        if self.usage_cap is not None and self.usage_cap_unit is not None:
            unit = self.usage_cap_unit.value
            lines.append(words["cap"].format(
                n=group_thousands(self.usage_cap, words["thousands"]),
                unit=words["units"].get(unit, unit.replace("_", " "))))
        else:
            lines.append(words["no_cap"])
        lines.append(words["seats"].format(n=self.seats))
        for flag, key in ((self.attribution_required, "attribution"),
                          (self.merchandise_allowed, "merchandise"),
                          (self.resale_allowed, "resale")):
            lines.append(words[key][0 if flag else 1])
        return lines


def check_offer_terms(
    *,
    product_kind: str,
    tier: LicenceTier,
    media: list[str],
    territory: list[str],
    term_months: int | None,
    usage_cap: int | None,
    usage_cap_unit: str | None,
    seats: int,
    merchandise_allowed: bool,
    resale_allowed: bool,
    pay_what_you_want: bool,
) -> dict[str, list[str]]:
    """Return field -> reasons for terms that cannot be offered; empty when they are possible."""
    errors: dict[str, list[str]] = {}

    def reject(name: str, reason: Message) -> None:
        errors.setdefault(name, []).append(reason)

    unknown_media = [m for m in media if m not in UsageMedium._value2member_map_]
    if unknown_media:
        reject("media", Message("Unknown media: %(media)s.", media=", ".join(unknown_media)))
    if not territory:
        reject("territory", Message("Give WW for worldwide or at least one ISO country code."))
    elif WORLDWIDE in territory and len(territory) > 1:
        reject("territory", Message(
            "Worldwide already covers every country; list countries or WW, not both."))
    else:
        bad = [c for c in territory if c != WORLDWIDE and c not in iso_country_codes()]
        if bad:
            reject("territory", Message("Not ISO 3166 country codes: %(codes)s.",
                                        codes=", ".join(bad)))
    if term_months is not None and term_months <= 0:
        reject("term_months", Message(
            "A term must be at least one month; leave it empty for perpetual."))
    if (usage_cap is None) != (usage_cap_unit is None):
        reject("usage_cap", Message("A usage cap needs both a number and what it counts."))
    if usage_cap is not None and usage_cap <= 0:
        reject("usage_cap", Message("A usage cap must be a positive number."))
    if seats < 1:
        reject("seats", Message("A licence has at least one seat."))
    if tier is LicenceTier.PERSONAL:
        if merchandise_allowed:
            reject("merchandise_allowed", Message("A personal licence cannot allow merchandise."))
        if resale_allowed:
            reject("resale_allowed", Message("A personal licence cannot allow resale."))
        if set(media) & {UsageMedium.ADVERTISING, UsageMedium.BROADCAST, UsageMedium.MERCHANDISE}:
            reject("media", Message(
                "A personal licence cannot cover advertising, broadcast or merchandise."))
    if tier is LicenceTier.SYNC_BROADCAST and product_kind not in ("music", "media"):
        reject("tier", Message("Sync and broadcast licences are for music and media works."))
    if tier is LicenceTier.EXCLUSIVE and pay_what_you_want:
        reject("pay_what_you_want", Message("An exclusive licence has a fixed price."))
    if pay_what_you_want and product_kind != "music":
        reject("pay_what_you_want", Message("Pay-what-you-want is offered for music only."))
    if merchandise_allowed and media and UsageMedium.MERCHANDISE not in media:
        reject("media", Message("Merchandise is allowed, so list 'merchandise' among the media."))
    return errors
