"""The index on disk: opening, health check and rebuild, and writers that wait their turn.

Whoosh allows one writer at a time per index, guarded by a lock file. Several processes
(web workers, the CLI, the demo loader) may want to write at once, so every write asks
for the lock with a timeout and retries until `lock_timeout` seconds have passed; only
then does it give up with `SearchIndexBusy`. A rebuild writes into the same index with
the CLEAR merge policy, so readers see either the old or the new index, never a mix.
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.index import LockError
from whoosh.searching import Searcher
from whoosh.writing import CLEAR, IndexWriter

from creative_market.exceptions import CreativeMarketError
from storefront.search.matching import SearcherArrays, SegmentArrays
from storefront.search.schema import build_schema

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


class SearchIndexBusy(CreativeMarketError):
    """Another writer held the search index lock for longer than we were willing to wait."""


class SearchIndex:
    """A Whoosh index in `directory`, shared safely by threads and processes."""

    def __init__(self, directory: str | Path, *, lock_timeout: float = 60.0) -> None:
        self.directory = Path(directory)
        self.lock_timeout = lock_timeout
        self._index: Any = None
        self._searcher: Searcher | None = None
        self._arrays: SearcherArrays | None = None
        self._segments: dict[str, SegmentArrays] = {}
        self._mutex = threading.RLock()

    # -- opening and health ------------------------------------------------------------
    def exists(self) -> bool:
        """True when an index (readable or not) is on disk: it has a table of contents."""
        return self.directory.is_dir() and any(self.directory.glob("_MAIN_*.toc"))

    def check(self) -> str | None:
        """None when the index opens and reads; otherwise why it cannot be used."""
        if not self.exists():
            return "missing"
        try:
            index = whoosh_index.open_dir(str(self.directory))
            if set(index.schema.names()) != set(build_schema().names()):
                return "built with another schema"
            with index.searcher() as searcher:
                searcher.doc_count()
                for reader, _ in searcher.reader().leaf_readers():
                    if reader.doc_count_all():
                        reader.stored_fields(0)
        except Exception as error:  # any failure at all means "rebuild it"
            return f"unreadable ({type(error).__name__}: {error})"
        return None

    def create(self) -> None:
        """Create an empty index, replacing whatever is in the directory."""
        with self._mutex:
            self._close_searcher()
            if self.directory.exists():
                shutil.rmtree(self.directory)
            self.directory.mkdir(parents=True)
            self._index = whoosh_index.create_in(str(self.directory), build_schema())

    def index(self) -> Any:
        """The open Whoosh index (created empty when missing)."""
        with self._mutex:
            if self._index is None:
                if not self.exists():
                    self.directory.mkdir(parents=True, exist_ok=True)
                    self._index = whoosh_index.create_in(str(self.directory), build_schema())
                else:
                    self._index = whoosh_index.open_dir(str(self.directory))
            return self._index

    # -- reading ---------------------------------------------------------------------
    def searcher(self) -> Searcher:
        """A searcher on the latest committed state (reused while the index is unchanged)."""
        with self._mutex:
            if self._searcher is None or not self._searcher.up_to_date():
                # Not Searcher.refresh(): it reuses readers of unchanged segments together
                # with their old deletion lists, so deleted listings would linger. The old
                # searcher is left to the garbage collector (another thread may be using it).
                self._searcher = self.index().searcher()
            return self._searcher

    def arrays(self) -> SearcherArrays:
        """NumPy views of the current searcher's postings (segment arrays are reused)."""
        with self._mutex:
            searcher = self.searcher()
            if self._arrays is None or self._arrays.searcher is not searcher:
                self._arrays = SearcherArrays(searcher, self._segments)
                current = {id(arrays) for arrays, _ in self._arrays.parts}
                self._segments = {key: arrays for key, arrays in self._segments.items()
                                  if id(arrays) in current}
            return self._arrays

    def _close_searcher(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        self._index = None
        self._arrays = None
        self._segments = {}

    def doc_count(self) -> int:
        """Number of listings in the index."""
        return self.searcher().doc_count()

    # -- writing ---------------------------------------------------------------------
    @contextmanager
    def writer(self, **options: Any):
        """A writer that waits for the lock (up to `lock_timeout`), committed on success."""
        writer = self._acquire_writer(**options)
        try:
            yield writer
        except BaseException:
            writer.cancel()
            raise
        writer.commit(**({"mergetype": options["mergetype"]} if "mergetype" in options else {}))

    def _acquire_writer(self, **options: Any) -> IndexWriter:
        options.pop("mergetype", None)
        deadline = time.monotonic() + self.lock_timeout
        while True:
            try:
                return self.index().writer(timeout=min(1.0, self.lock_timeout), delay=0.02,
                                           **options)
            except LockError:
                if time.monotonic() >= deadline:
                    raise SearchIndexBusy(
                        f"The search index at {self.directory} stayed locked for "
                        f"{self.lock_timeout:.0f}s; try again, or run `flask search reindex`."
                    ) from None

    def apply(self, documents: Iterable[dict[str, Any]], removed_ids: Iterable[int]) -> None:
        """Add or replace `documents` and delete `removed_ids`, in one commit."""
        with self.writer() as writer:
            for product_id in removed_ids:
                writer.delete_by_term("id", str(product_id))
            for document in documents:
                writer.update_document(**document)

    def rebuild(self, documents: Iterable[dict[str, Any]], *, total: int,
                progress: Progress | None = None) -> int:
        """Replace the whole index by `documents`; returns how many were written."""
        if self.check() is not None:
            self.create()
        count = 0
        with self.writer(mergetype=CLEAR, limitmb=256) as writer:
            for document in documents:
                writer.add_document(**document)
                count += 1
                if progress is not None:
                    progress(count, total)
        return count
