"""Bulk import of catalogues for agencies: CSV, JSON or XLSX, upserted by (seller, SKU).

    from creative_market.catalog.importer import import_catalogue

    with Session(engine) as session, session.begin():
        report = import_catalogue(session, source="catalogue.csv", sellers="sellers.csv")
    print(report.summary())

The whole file is read and checked for its shape first (`ImportFileError` if it cannot be
read at all). Rows are then validated with the catalogue's marshmallow schemas and written
in batches with Core (new rows by plain bulk INSERTs, changed ones by
`INSERT .. ON CONFLICT DO UPDATE`; see `importer_db`), inside a SAVEPOINT: an error
part-way, or a rejected row under `all_or_nothing`, rolls the whole import back, so nothing
half-written stays behind. The caller owns the transaction and commits. The import writes
with Core, so ORM objects already loaded in the session may be stale afterwards.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from creative_market.catalog.importer_db import ListingWriter, seller_ids, upsert_sellers
from creative_market.catalog.importer_files import (
    CatalogueFile,
    Source,
    load_catalogue_file,
)
from creative_market.catalog.importer_rows import (
    LISTING_COLUMNS,
    SELLER_COLUMNS,
    ListingRow,
    ListingValidator,
    RowError,
    SellerValidator,
)
from creative_market.catalog.importer_sql import bulk_page_cache
from creative_market.db import utcnow
from creative_market.exceptions import ImportFileError
from creative_market.text import counted

__all__ = [
    "BATCH_SIZE",
    "LISTING_COLUMNS",
    "SELLER_COLUMNS",
    "ImportFileError",
    "ImportReport",
    "RowError",
    "import_catalogue",
    "read_catalogue",
]

BATCH_SIZE = 5_000
Progress = Callable[[int, int], None]


@dataclass
class ImportReport:
    """What an import did: counts per outcome and every rejected row with field and reason."""

    file: str
    format: str
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    all_or_nothing: bool = False
    rolled_back: bool = False
    sellers: dict[str, Any] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        """How many listing rows were refused (a row with three errors counts once)."""
        return len({e.row for e in self.errors if e.file == self.file})

    @property
    def imported(self) -> int:
        """Listing rows now in the database as the file says (inserted, updated or unchanged)."""
        return 0 if self.rolled_back else self.inserted + self.updated + self.unchanged

    @property
    def ok(self) -> bool:
        """True when every row of every file was imported."""
        return not self.errors and not self.rolled_back

    def to_dict(self) -> dict[str, Any]:
        """The machine-readable report (what `--report` writes as JSON)."""
        return {
            "file": self.file, "format": self.format, "rows": self.rows,
            "imported": self.imported, "inserted": self.inserted, "updated": self.updated,
            "unchanged": self.unchanged, "rejected": self.rejected,
            "all_or_nothing": self.all_or_nothing, "rolled_back": self.rolled_back,
            "sellers": self.sellers, "errors": [error.to_dict() for error in self.errors],
        }

    def summary(self) -> str:
        """One line a person reads at the end of an import."""
        if self.rolled_back:
            return (f"{self.file}: nothing imported (all or nothing): {self.rejected} of "
                    f"{counted(self.rows, 'row')} rejected.")
        return (f"{self.file}: {counted(self.rows, 'row')}: {self.inserted} inserted, "
                f"{self.updated} updated, {self.unchanged} unchanged, {self.rejected} rejected.")

    def sellers_summary(self) -> str:
        """One line about the sellers file ("" without one); after a rollback, none written."""
        s = self.sellers
        if not s:
            return ""
        if self.rolled_back:
            return (f"{s['file']}: no sellers imported (all or nothing): {s['rejected']} of "
                    f"{counted(s['rows'], 'seller')} rejected.")
        return (f"{s['file']}: {counted(s['rows'], 'seller')}: {s['inserted']} inserted, "
                f"{s['updated']} updated, {s['unchanged']} unchanged, {s['rejected']} rejected.")


@contextlib.contextmanager
def paused_garbage_collector() -> Iterator[None]:
    """Pause the cyclic garbage collector for a bulk job, then restore it.

    An import holds hundreds of thousands of small row objects; every collection pass would
    rescan them all, for nothing (they form no cycles). Reference counting still frees memory.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_catalogue(source: Source, *, file_format: str | None = None) -> CatalogueFile:
    """Read a listings file and check its columns; ImportFileError if it cannot be read."""
    with paused_garbage_collector():
        return load_catalogue_file(source, LISTING_COLUMNS, file_format=file_format)


def import_catalogue(
    session: Session,
    *,
    source: Source | CatalogueFile,
    sellers: Source | CatalogueFile | None = None,
    file_format: str | None = None,
    all_or_nothing: bool = False,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
) -> ImportReport:
    """Upsert the listings of `source` (sellers of `sellers` first); flushes, never commits."""
    catalogue = source if isinstance(source, CatalogueFile) else read_catalogue(
        source, file_format=file_format)
    seller_file = None
    if sellers is not None:
        seller_file = sellers if isinstance(sellers, CatalogueFile) else load_catalogue_file(
            sellers, SELLER_COLUMNS)
        if seller_file.name == catalogue.name:  # two unnamed sources: tell their errors apart
            seller_file.name = f"sellers {seller_file.name}"
    report = ImportReport(catalogue.name, catalogue.format, rows=len(catalogue.rows),
                          all_or_nothing=all_or_nothing)
    session.flush()
    savepoint = session.begin_nested()
    try:
        with paused_garbage_collector(), bulk_page_cache(session.connection()):
            _run(session, catalogue, seller_file, report, progress, batch_size)
    except BaseException:
        if savepoint.is_active:
            savepoint.rollback()
        raise
    if all_or_nothing and report.errors:
        savepoint.rollback()
        report.rolled_back = True
        report.inserted = report.updated = report.unchanged = 0
        if report.sellers:  # nothing of the sellers file was written either
            report.sellers.update(inserted=0, updated=0, unchanged=0, rolled_back=True)
    else:
        savepoint.commit()
    return report


def _run(session: Session, catalogue: CatalogueFile, seller_file: CatalogueFile | None,
         report: ImportReport, progress: Progress | None, batch_size: int) -> None:
    connection = session.connection()
    now = utcnow()
    rejected_sellers: dict[str, int] = {}
    if seller_file is not None:
        rejected_sellers = _import_sellers(connection, seller_file, report, now)
    validator = ListingValidator(file=catalogue.name, columns=catalogue.columns,
                                 sellers=seller_ids(connection), rejected_sellers=rejected_sellers)
    writer = ListingWriter(connection, columns=catalogue.columns, now=now, file=catalogue.name,
                           validator=validator)
    done = 0
    for start in range(0, len(catalogue.rows), batch_size):
        batch = catalogue.rows[start:start + batch_size]
        valid: list[ListingRow] = []
        for number, raw in batch:
            checked = validator.validate(number, raw)
            if isinstance(checked, list):
                report.errors.extend(checked)
            else:
                valid.append(checked)
        # Under all-or-nothing, stop writing at the first refusal but keep checking rows,
        # so the report lists every problem of the file at once.
        if not (report.all_or_nothing and report.errors):
            result = writer.write(valid)
            report.inserted += result.inserted
            report.updated += result.updated
            report.unchanged += result.unchanged
            report.errors.extend(result.errors)
        done += len(batch)
        if progress is not None:
            progress(done, len(catalogue.rows))
    report.errors.sort(key=lambda e: (e.file != (seller_file.name if seller_file else ""), e.row))


def _import_sellers(connection: Any, seller_file: CatalogueFile, report: ImportReport,
                    now: Any) -> dict[str, int]:
    """Upsert the sellers file; the row number of each rejected seller, by slug."""
    validator = SellerValidator(file=seller_file.name)
    valid: list[dict[str, Any]] = []
    rejected: dict[str, int] = {}
    for number, raw in seller_file.rows:
        checked = validator.validate(number, raw)
        if isinstance(checked, list):
            report.errors.extend(checked)
            slug = str(raw.get("slug") or "").strip().lower()
            if slug:
                rejected.setdefault(slug, number)
        else:
            valid.append(checked)
    inserted, updated, unchanged = upsert_sellers(connection, valid, columns=seller_file.columns,
                                                  now=now)
    report.sellers = {
        "file": seller_file.name, "rows": len(seller_file.rows), "inserted": inserted,
        "updated": updated, "unchanged": unchanged, "rejected": len(seller_file.rows) - len(valid),
    }
    return rejected
