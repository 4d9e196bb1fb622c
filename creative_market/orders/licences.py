"""Licence grants: granted when a licence line is paid, revoked on refund, verified publicly."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from creative_market.catalog.licensing import LicenceTerms
from creative_market.db import as_utc, utcnow
from creative_market.exceptions import NotFoundError
from creative_market.messages import Message
from creative_market.orders.models import GrantStatus, LicenceGrant, LineKind, Order, OrderLine
from creative_market.orders.settings import DEFAULT_SETTINGS, OrderSettings


def add_months(moment: datetime, months: int) -> datetime:
    """`moment` plus whole calendar months (31 January + 1 month = 28/29 February)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def grant_licence(
    session: Session, *, order: Order, line: OrderLine, now: datetime,
    settings: OrderSettings = DEFAULT_SETTINGS,
) -> LicenceGrant:
    """Grant the licence a paid licence line bought, with its frozen terms."""
    terms = line.licence_terms or {}
    months = terms.get("term_months")
    grant = LicenceGrant(
        order_line_id=line.id, order_id=order.id, product_id=line.product_id,
        seller_id=line.seller_id, licensee_name=line.licensee_name or order.buyer_name,
        licensee_company=line.licensee_company, work_title=line.title,
        seller_name=line.seller.display_name[:200], terms=dict(terms), granted_at=now,
        valid_until=add_months(now, months) if months else None,
        download_limit=settings.download_limit,
    )
    session.add(grant)
    return grant


def revoke_line_grant(session: Session, *, line: OrderLine, now: datetime) -> bool:
    """Revoke the licence of a refunded line; True when a valid grant was revoked."""
    if line.kind != LineKind.LICENCE:
        return False
    statement = (
        update(LicenceGrant.__table__)
        .where(
            LicenceGrant.__table__.c.order_line_id == line.id,
            LicenceGrant.__table__.c.status == GrantStatus.VALID.value,
        )
        .values(status=GrantStatus.REVOKED.value, revoked_at=now)
    )
    revoked = session.execute(statement).rowcount == 1
    if line.grant is not None:
        session.refresh(line.grant)
    return revoked


@dataclass(frozen=True)
class LicenceVerification:
    """What anyone may learn from a licence number: validity, work, licensee, terms."""

    number: str
    status: str  # valid, revoked or expired
    work_title: str
    seller_name: str
    licensee_name: str
    licensee_company: str | None
    granted_at: datetime
    valid_until: datetime | None
    terms: tuple[str, ...]

    @property
    def is_valid(self) -> bool:
        """True only for a licence neither revoked nor past its term."""
        return self.status == "valid"


def grant_status(grant: LicenceGrant, now: datetime) -> str:
    """valid, revoked, or expired when a fixed term has run out."""
    if grant.status == GrantStatus.REVOKED:
        return "revoked"
    if grant.valid_until is not None and as_utc(grant.valid_until) <= now:
        return "expired"
    return "valid"


def verify_licence(
    session: Session, *, number: str, now: datetime | None = None, language: str = "en"
) -> LicenceVerification:
    """Public check of a licence number; reveals no buyer detail beyond the licensee's name."""
    cleaned = (number or "").strip().upper()
    grant = session.scalar(select(LicenceGrant).where(LicenceGrant.number == cleaned))
    if grant is None:
        raise NotFoundError(Message("No licence has the number %(number)s; check it.",
                                    number=cleaned or "(empty)"))
    return LicenceVerification(
        number=grant.number, status=grant_status(grant, as_utc(now or utcnow())),
        work_title=grant.work_title, seller_name=grant.seller_name,
        licensee_name=grant.licensee_name, licensee_company=grant.licensee_company,
        granted_at=as_utc(grant.granted_at),
        valid_until=as_utc(grant.valid_until) if grant.valid_until else None,
        terms=tuple(LicenceTerms.from_dict(grant.terms).describe(language)),
    )


def grants_of_buyer(session: Session, *, buyer_email: str) -> list[LicenceGrant]:
    """Every licence bought with an email address, newest first (for 'my purchases')."""
    statement = (
        select(LicenceGrant)
        .join(Order, Order.id == LicenceGrant.order_id)
        .where(Order.buyer_email == buyer_email.strip().lower())
        .options(selectinload(LicenceGrant.product))
        .order_by(LicenceGrant.granted_at.desc(), LicenceGrant.id.desc())
    )
    return list(session.scalars(statement))
