"""Text cells: only text (or a number typed as text) is text, and NUL never reaches the database.

Before, a JSON list or object in a text cell was stored as its Python repr, and one NUL
character made PostgreSQL refuse the whole import without naming a row.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from creative_market.catalog.importer import import_catalogue
from creative_market.catalog.models import Product

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CARPET = {"seller": "guba-xalca-evi", "kind": "carpet", "status": "draft", "price": "900",
          "weaving_school": "guba", "technique": "zili", "warp_material": "wool",
          "width_cm": "100", "length_cm": "150", "weight_grams": "4000", "stock_quantity": "1"}


def _sellers(session: Session) -> None:
    report = import_catalogue(session, source=EXAMPLES / "catalogue.csv",
                              sellers=EXAMPLES / "sellers.csv")
    assert report.ok
    session.commit()


def test_lists_objects_and_nul_in_text_cells_are_refused_on_their_row(session: Session) -> None:
    _sellers(session)
    rows = [
        {**CARPET, "sku": "T-LIST", "title_az": ["Zili 3"]},
        {**CARPET, "sku": "T-OBJECT", "title_az": "Zili", "description_az": {"a": 1}},
        {**CARPET, "sku": "T-NUL", "title_az": "Zili", "description_az": "iki\x00üç"},
        {**CARPET, "sku": 1001, "title_az": "Zili 1001"},
        {**CARPET, "sku": "T-OK", "title_az": "Zili palaz"},
    ]
    report = import_catalogue(session, source=json.dumps(rows).encode(), file_format="json")
    session.commit()

    reasons = {(error.sku, error.field): error.reason for error in report.errors}
    assert reasons == {
        ("T-LIST", "title_az"): "Title in Azerbaijani must be text.",
        ("T-OBJECT", "description_az"): "Description in Azerbaijani must be text.",
        ("T-NUL", "description_az"):
            "Description in Azerbaijani contains a NUL character (0x00); remove it.",
    }
    assert report.inserted == 2  # the number SKU is read as the text "1001"
    stored = set(session.scalars(select(Product.sku).where(Product.sku.in_(
        ["T-LIST", "T-OBJECT", "T-NUL", "1001", "T-OK"]))))
    assert stored == {"1001", "T-OK"}


def test_a_nul_deep_in_a_csv_file_is_one_rows_error(session: Session) -> None:
    _sellers(session)
    header = ",".join(["sku", "title_az", "description_az", *CARPET])
    def line(sku: str, description: str) -> str:
        return ",".join([sku, "Zili", description, *CARPET.values()])
    lines = [header] + [line(f"T-{n:03d}", "x" * 60) for n in range(80)]
    lines.append(line("T-NUL", "iki\x00üç"))
    report = import_catalogue(session, source="\n".join(lines).encode(), file_format="csv")
    session.commit()

    assert [(e.sku, e.field) for e in report.errors] == [("T-NUL", "description_az")]
    assert report.inserted == 80
