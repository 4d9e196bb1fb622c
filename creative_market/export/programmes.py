"""Export programmes (period, target markets, enrolled sellers) and exchange rates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, selectinload

from creative_market.exceptions import DuplicateError, NotFoundError, ValidationError
from creative_market.export import schemas
from creative_market.export.models import (
    ExchangeRate,
    Programme,
    ProgrammeMarket,
    ProgrammeSeller,
)
from creative_market.messages import Message


def create_programme(session: Session, *, data: dict[str, Any]) -> Programme:
    """Create a programme from validated data (name, period, target markets)."""
    values = schemas.load(schemas.ProgrammeSchema(), data)
    if values["ends_on"] < values["starts_on"]:
        raise ValidationError({"ends_on": [Message("The programme cannot end before it starts.")]})
    values["name"] = values["name"].strip()
    taken = _name_taken(session, values["name"])
    if taken is not None:
        raise DuplicateError(Message("A programme called '%(name)s' already exists.",
                                     name=taken))
    markets = sorted({code.upper() for code in values.pop("target_markets")})
    programme = Programme(**values, markets=[ProgrammeMarket(country=c) for c in markets])
    session.add(programme)
    session.flush()
    return programme


def _name_taken(session: Session, name: str) -> str | None:
    """The existing programme name equal to `name` but for case ("Qış" and "qış"), if any.

    Compared in Python (an agency has tens of programmes, not thousands) with `name_key`,
    since SQLite's lower() leaves Azerbaijani letters (Ş, Ç, Ə) alone.
    """
    wanted = name_key(name)
    return next((existing for existing in session.scalars(select(Programme.name))
                 if name_key(existing) == wanted), None)


def name_key(name: str) -> str:
    """A name folded for comparison: case-free, and I, İ, ı, i all alike.

    Azerbaijani lowercases I to ı and İ to i, English I to i; one name may be typed either
    way ("QIŞ" for "Qış"), so the four letters count as one.
    """
    folded = name.strip().replace("İ", "i").casefold()
    return folded.replace("ı", "i")


def get_programme(session: Session, *, programme_id: int) -> Programme:
    """A programme with its markets and enrolments loaded; NotFoundError if absent."""
    if not schemas.is_database_id(programme_id):
        raise NotFoundError(f"There is no programme {programme_id}.")
    programme = session.scalar(
        select(Programme).where(Programme.id == programme_id)
        .options(selectinload(Programme.markets),
                 selectinload(Programme.enrolments).selectinload(ProgrammeSeller.seller))
    )
    if programme is None:
        raise NotFoundError(f"There is no programme {programme_id}.")
    return programme


def list_programmes(session: Session) -> list[Programme]:
    """All programmes, newest period first, with markets and enrolments loaded."""
    return list(session.scalars(
        select(Programme).order_by(Programme.starts_on.desc(), Programme.id)
        .options(selectinload(Programme.markets), selectinload(Programme.enrolments))
    ))


def _insert(session: Session, model: type) -> Any:
    """An INSERT with ON CONFLICT support for the session's database."""
    dialect = session.get_bind().dialect.name
    insert_for = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}.get(dialect)
    if insert_for is None:
        raise NotImplementedError(f"Programmes need PostgreSQL or SQLite, not {dialect}.")
    return insert_for(model)


def enrol_seller(
    session: Session, *, programme: Programme, seller: Any, enrolled_on: date | None = None
) -> ProgrammeSeller:
    """Enrol a seller in a programme (idempotent: enrolling twice keeps the first date).

    One INSERT ... ON CONFLICT DO NOTHING, so a form sent twice at once cannot fail on the
    primary key: the second waits for the first and then leaves its row alone.
    """
    session.execute(
        _insert(session, ProgrammeSeller)
        .values(programme_id=programme.id, seller_id=seller.id,
                enrolled_on=enrolled_on or date.today())
        .on_conflict_do_nothing(index_elements=["programme_id", "seller_id"])
    )
    session.expire(programme, ["enrolments"])
    return session.get_one(ProgrammeSeller, (programme.id, seller.id))


def withdraw_seller(session: Session, *, programme: Programme, seller: Any) -> None:
    """Take a seller out of a programme; a no-op if the seller was not enrolled."""
    existing = session.get(ProgrammeSeller, (programme.id, seller.id))
    if existing is not None:
        session.delete(existing)
        session.flush()


def set_exchange_rate(session: Session, *, data: dict[str, Any]) -> ExchangeRate:
    """Record (or correct) manat per unit of a currency from a date on.

    One INSERT ... ON CONFLICT DO UPDATE: saving the same currency and date twice, even at
    the same moment, keeps one row with the last rate given.
    """
    values = schemas.load(schemas.ExchangeRateSchema(), data)
    currency = values["currency"].upper()
    statement = _insert(session, ExchangeRate).values(
        currency=currency, valid_from=values["valid_from"],
        azn_per_unit=values["azn_per_unit"], source=values["source"])
    session.execute(statement.on_conflict_do_update(
        index_elements=["currency", "valid_from"],
        set_={"azn_per_unit": statement.excluded.azn_per_unit,
              "source": statement.excluded.source}))
    return session.execute(
        select(ExchangeRate)
        .where(ExchangeRate.currency == currency, ExchangeRate.valid_from == values["valid_from"])
        .execution_options(populate_existing=True)
    ).scalar_one()


def rate_on(session: Session, *, currency: str, day: date) -> Decimal | None:
    """Manat per unit of `currency` on `day` (1 for AZN; None when no rate is known)."""
    if currency.upper() == "AZN":
        return Decimal(1)
    return session.scalar(
        select(ExchangeRate.azn_per_unit)
        .where(ExchangeRate.currency == currency.upper(), ExchangeRate.valid_from <= day)
        .order_by(ExchangeRate.valid_from.desc()).limit(1)
    )
