"""Tunable rules of the order flow, in one frozen object callers may override."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal


@dataclass(frozen=True)
class OrderSettings:
    """Commission, reservation time and download rules; the defaults suit the storefront."""

    commission_rate: Decimal = Decimal("0.10")  # a seller's own Seller.commission_rate wins
    reservation_time: timedelta = timedelta(minutes=30)
    download_limit: int = 5  # downloads per licence grant
    download_token_max_age: timedelta = timedelta(hours=24)


DEFAULT_SETTINGS = OrderSettings()
