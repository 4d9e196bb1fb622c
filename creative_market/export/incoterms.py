"""The eleven Incoterms® 2020 rules, and their validation."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from creative_market.exceptions import ValidationError


class TransportMode(StrEnum):
    """Which transport a rule may be used with."""

    ANY = "any"
    SEA = "sea_and_inland_waterway"


@dataclass(frozen=True, slots=True)
class Incoterm:
    """One Incoterms 2020 rule: code, name, modes, and whether the seller insures."""

    code: str
    name: str
    mode: TransportMode
    seller_insures: bool = False

    def describe(self, place: str) -> str:
        """The rule as written on a document: "DAP Berlin, Incoterms® 2020"."""
        return f"{self.code} {place}, Incoterms® 2020".replace("  ", " ")


INCOTERMS_2020: dict[str, Incoterm] = {
    rule.code: rule
    for rule in (
        Incoterm("EXW", "Ex Works", TransportMode.ANY),
        Incoterm("FCA", "Free Carrier", TransportMode.ANY),
        Incoterm("CPT", "Carriage Paid To", TransportMode.ANY),
        Incoterm("CIP", "Carriage and Insurance Paid To", TransportMode.ANY, seller_insures=True),
        Incoterm("DAP", "Delivered at Place", TransportMode.ANY),
        Incoterm("DPU", "Delivered at Place Unloaded", TransportMode.ANY),
        Incoterm("DDP", "Delivered Duty Paid", TransportMode.ANY),
        Incoterm("FAS", "Free Alongside Ship", TransportMode.SEA),
        Incoterm("FOB", "Free on Board", TransportMode.SEA),
        Incoterm("CFR", "Cost and Freight", TransportMode.SEA),
        Incoterm("CIF", "Cost, Insurance and Freight", TransportMode.SEA, seller_insures=True),
    )
}


def validate_incoterm(code: str) -> Incoterm:
    """Return the rule for `code` (case-insensitive); ValidationError lists the valid ones."""
    rule = INCOTERMS_2020.get(str(code or "").strip().upper())
    if rule is None:
        valid = ", ".join(INCOTERMS_2020)
        raise ValidationError(
            {"incoterm": [f"'{code}' is not an Incoterms 2020 rule; use one of {valid}."]}
        )
    return rule
