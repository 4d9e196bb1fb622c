"""Settings of the export rules, read from the environment (never hard-coded in a rule)."""

from __future__ import annotations

import os
from dataclasses import dataclass

CULTURAL_THRESHOLD_ENV = "CREATIVE_MARKET_CULTURAL_VALUE_YEAR"
DEFAULT_CULTURAL_THRESHOLD_YEAR = 1960


@dataclass(frozen=True, slots=True)
class ExportSettings:
    """Configuration of the export rules.

    `cultural_value_year`: carpets and artworks made before this year need an export
    certificate from the Ministry of Culture before final documents are produced.
    """

    cultural_value_year: int = DEFAULT_CULTURAL_THRESHOLD_YEAR
    ministry_name: str = "Ministry of Culture of the Republic of Azerbaijan"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> ExportSettings:
        """Settings from the environment (CREATIVE_MARKET_CULTURAL_VALUE_YEAR), else defaults."""
        env = os.environ if environ is None else environ
        raw = env.get(CULTURAL_THRESHOLD_ENV, "").strip()
        if not raw:
            return cls()
        if not raw.isdigit():
            raise ValueError(f"{CULTURAL_THRESHOLD_ENV} must be a year such as 1960, not '{raw}'.")
        return cls(cultural_value_year=int(raw))
