"""The shape every trade document shares: parties, facts, a table, totals and notes."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

KG = Decimal("0.001")


def kg(value: Decimal) -> str:
    """A weight in kilograms as printed: three decimals."""
    return str(Decimal(value).quantize(KG))


def amount(value: Decimal) -> str:
    """A money amount as printed: two decimals."""
    return str(Decimal(value).quantize(Decimal("0.01")))


@dataclass
class TradeDocument:
    """A document as data: what a PDF, a JSON file and a test all read."""

    kind: str
    title: str
    reference: str
    issued_on: str
    parties: list[tuple[str, list[str]]] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    totals: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (tuples become lists)."""
        return json.loads(json.dumps(asdict(self), ensure_ascii=False, default=str))

    def to_json(self) -> str:
        """The document as pretty JSON text (UTF-8 letters kept as they are)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TradeDocument:
        """Rebuild a document from `to_dict` output (as stored on an IssuedDocument)."""
        return cls(
            kind=data["kind"],
            title=data["title"],
            reference=data["reference"],
            issued_on=data["issued_on"],
            parties=[(label, list(lines)) for label, lines in data.get("parties", [])],
            facts=[(label, value) for label, value in data.get("facts", [])],
            columns=list(data.get("columns", [])),
            rows=[list(row) for row in data.get("rows", [])],
            totals=[(label, value) for label, value in data.get("totals", [])],
            notes=list(data.get("notes", [])),
            values=dict(data.get("values", {})),
        )

    def total(self, label: str) -> str | None:
        """The printed value of the total called `label`."""
        return dict(self.totals).get(label)
