"""Payment-provider events processed once: the webhook's memory of what it has handled.

A provider (Stripe) may deliver the same event twice, or retry one we answered slowly. The
storefront claims each event id in the same transaction as its effects: if handling fails,
the transaction rolls back, the claim with it, and the provider's retry is processed anew.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, UniqueConstraint, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from creative_market.db import Base, utcnow


class ProcessedWebhookEvent(Base):
    """One provider event that has been handled; (provider, event_id) is unique."""

    __tablename__ = "processed_webhook_events"
    __table_args__ = (
        UniqueConstraint("provider", "event_id", name="uq_processed_webhook_events_provider_event"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    provider: Mapped[str] = mapped_column(String(40))
    event_id: Mapped[str] = mapped_column(String(255))
    event_type: Mapped[str] = mapped_column(String(100))
    order_reference: Mapped[str | None] = mapped_column(String(40), index=True)
    outcome: Mapped[str] = mapped_column(String(300), default="")
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


def claim_event(
    session: Session, *, provider: str, event_id: str, event_type: str,
    order_reference: str | None = None,
) -> ProcessedWebhookEvent | None:
    """Record an event as being handled; None when it was handled before (a duplicate)."""
    seen = select(ProcessedWebhookEvent.id).where(
        ProcessedWebhookEvent.provider == provider, ProcessedWebhookEvent.event_id == event_id
    )
    if session.scalar(seen) is not None:
        return None
    event = ProcessedWebhookEvent(
        provider=provider, event_id=event_id, event_type=event_type,
        order_reference=order_reference,
    )
    try:
        with session.begin_nested():  # a concurrent delivery may insert the same id first
            session.add(event)
    except IntegrityError:
        return None
    return event
