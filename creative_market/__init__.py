"""Creative Market: a marketplace library for creative work from Azerbaijan.

Import it without Flask: catalogue, orders and export documentation are plain SQLAlchemy
services that take a Session and never commit.
"""

from creative_market.db import Base, connect, make_engine, upgrade_schema
from creative_market.exceptions import (
    ConflictError,
    CreativeMarketError,
    NotAvailableError,
    NotFoundError,
    ValidationError,
)
from creative_market.money import Money

__all__ = [
    "Base",
    "ConflictError",
    "CreativeMarketError",
    "Money",
    "NotAvailableError",
    "NotFoundError",
    "ValidationError",
    "connect",
    "make_engine",
    "upgrade_schema",
]
