"""Vectorised matching, ranking and facet counting over the Whoosh index's postings.

Whoosh scores and groups one document at a time in Python, which costs about a second per
query at 100,000 listings when facets must be counted over every match. The index itself
(segments, postings, stored fields, lexicons) stays Whoosh's; this module reads the
postings of the few terms a query needs into NumPy arrays (cached per immutable segment)
and does the boolean logic, a BM25-style score, the sort and the facet counts with array
operations. Deleted documents are masked per searcher, so a commit is visible at once.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from typing import Any

import numpy as np

K1 = 1.2  # BM25 term-frequency saturation; fields are short, so no length normalisation
MAX_CACHED_TERMS = 4096


def _read_postings(matcher: Any) -> tuple[np.ndarray, np.ndarray]:
    """All (docnum, weight) of a leaf posting list, a block at a time when possible."""
    if all(hasattr(matcher, name) for name in ("_read_data", "_data", "_byteids",
                                               "_blocklength", "_next_block")):
        return _read_blocks(matcher)
    ids: list[int] = []
    weights: list[float] = []
    while matcher.is_active():  # other codecs, and postings inlined in the term info
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float32)


def _read_blocks(matcher: Any) -> tuple[np.ndarray, np.ndarray]:
    """Decode Whoosh 2.7 (W3 codec) posting blocks with NumPy.

    A block stores its document numbers as deltas from 0 and its weights as an array, a
    single float (all equal) or None (all 1.0); decoding them in Python, posting by
    posting, was most of the cost of a cold query.
    """
    ids, weights = [], []
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        raw_ids, raw_weights = matcher._data[0], matcher._data[1]
        length = matcher._blocklength
        block_ids = np.asarray(raw_ids, dtype=np.int64)[:length]
        ids.append(block_ids if matcher._byteids else np.cumsum(block_ids))
        if raw_weights is None or isinstance(raw_weights, float):
            weights.append(np.full(length, raw_weights or 1.0, dtype=np.float32))
        else:
            weights.append(np.asarray(raw_weights, dtype=np.float32)[:length])
        matcher._next_block()
    if not ids:
        return _EMPTY
    return np.concatenate(ids), np.concatenate(weights)


_EMPTY = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))


class SegmentArrays:
    """Arrays of one immutable segment: term postings (LRU-cached), facet codes, columns."""

    def __init__(self, reader: Any) -> None:
        self.reader = reader
        self.size = reader.doc_count_all()
        self._postings: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = (
            OrderedDict())
        self._codes: dict[str, np.ndarray] = {}
        self._columns: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def postings(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Docnums (local) and weights of `term` in `field`."""
        key = (field, term)
        with self._lock:
            if key in self._postings:
                self._postings.move_to_end(key)
                return self._postings[key]
        btext = self.reader.schema[field].to_bytes(term)
        arrays = (_read_postings(self.reader.postings(field, btext))
                  if (field, btext) in self.reader else _EMPTY)
        with self._lock:
            self._postings[key] = arrays
            if len(self._postings) > MAX_CACHED_TERMS:
                self._postings.popitem(last=False)
        return arrays

    def codes(self, field: str, values: tuple[str, ...]) -> np.ndarray:
        """Per document, the index of its value of `field` in `values` (-1 when none)."""
        if field not in self._codes:
            codes = np.full(self.size, -1, dtype=np.int16)
            for position, value in enumerate(values):
                ids, _ = self.postings(field, value)
                codes[ids] = position
            self._codes[field] = codes
        return self._codes[field]

    def column(self, field: str) -> np.ndarray:
        """The sortable column of a numeric field, one value per document (0 when missing)."""
        if field not in self._columns:
            if self.reader.has_column(field):
                values = self.reader.column_reader(field)
                column = np.fromiter((v or 0 for v in values), dtype=np.int64, count=self.size)
            else:
                column = np.zeros(self.size, dtype=np.int64)
            self._columns[field] = column
        return self._columns[field]


class SearcherArrays:
    """The arrays of every segment of one searcher, laid end to end in docnum order."""

    def __init__(self, searcher: Any, segments: dict[str, SegmentArrays]) -> None:
        self.searcher = searcher
        self.parts: list[tuple[SegmentArrays, int]] = []
        live_parts = []
        for reader, offset in searcher.reader().leaf_readers():
            segment = reader.segment()
            key = segment.segment_id() if segment is not None else str(id(reader))
            arrays = segments.get(key)
            if arrays is None:
                arrays = segments[key] = SegmentArrays(reader)
            self.parts.append((arrays, offset))
            live = np.ones(arrays.size, dtype=bool)
            if reader.has_deletions():
                live[list(segment.deleted_docs())] = False
            live_parts.append(live)
        self.live = np.concatenate(live_parts) if live_parts else np.zeros(0, dtype=bool)
        self.size = int(self.live.size)
        self.count = int(self.live.sum())
        self._joined: dict[Any, np.ndarray] = {}

    def postings(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Global docnums and weights of `term` in `field` across segments."""
        ids, weights = [], []
        for arrays, offset in self.parts:
            local_ids, local_weights = arrays.postings(field, term)
            if local_ids.size:
                ids.append(local_ids + offset)
                weights.append(local_weights)
        if not ids:
            return _EMPTY
        return np.concatenate(ids), np.concatenate(weights)

    def codes(self, field: str, values: tuple[str, ...]) -> np.ndarray:
        """Facet codes of every document (see SegmentArrays.codes)."""
        key = ("codes", field)
        if key not in self._joined:
            self._joined[key] = _join([a.codes(field, values) for a, _ in self.parts], np.int16)
        return self._joined[key]

    def column(self, field: str) -> np.ndarray:
        """A numeric sort column of every document."""
        key = ("column", field)
        if key not in self._joined:
            self._joined[key] = _join([a.column(field) for a, _ in self.parts], np.int64)
        return self._joined[key]

    def idf(self, document_frequency: int) -> float:
        """BM25 inverse document frequency."""
        n = max(self.count, 1)
        return math.log(1 + (n - document_frequency + 0.5) / (document_frequency + 0.5))


def _join(parts: list[np.ndarray], dtype: Any) -> np.ndarray:
    return np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)


def match_words(arrays: SearcherArrays, words: list[list[tuple[str, str, float]]]
                ) -> tuple[np.ndarray, np.ndarray]:
    """Documents matching every word (each word: alternatives of field, term, boost).

    Returns the match mask (live documents only) and a relevance score per document.
    """
    mask = arrays.live.copy()
    scores = np.zeros(arrays.size, dtype=np.float32)
    for alternatives in words:
        word_mask = np.zeros(arrays.size, dtype=bool)
        for field, term, boost in alternatives:
            ids, weights = arrays.postings(field, term)
            if not ids.size:
                continue
            word_mask[ids] = True
            saturation = weights * (K1 + 1) / (weights + K1)
            # A posting list holds each document once, so plain fancy-index addition is exact.
            scores[ids] += boost * arrays.idf(int(ids.size)) * saturation
        mask &= word_mask
    return mask, scores


def facet_counts(arrays: SearcherArrays, mask: np.ndarray, field: str,
                 values: tuple[str, ...]) -> dict[str, int]:
    """How many matching documents have each value of a single-valued facet field."""
    codes = arrays.codes(field, values)[mask]
    counts = np.bincount(codes[codes >= 0], minlength=len(values))
    return {value: int(count) for value, count in zip(values, counts, strict=True) if count}


def multi_facet_counts(arrays: SearcherArrays, mask: np.ndarray, field: str,
                       values: tuple[str, ...]) -> dict[str, int]:
    """Counts for a multi-valued field (a document may count under several values)."""
    counts = {}
    for value in values:
        ids, _ = arrays.postings(field, value)
        count = int(np.count_nonzero(mask[ids])) if ids.size else 0
        if count:
            counts[value] = count
    return counts


def ordered_page(candidates: np.ndarray, primary: np.ndarray, secondary: np.ndarray,
                 start: int, stop: int) -> np.ndarray:
    """Docnums `start:stop` of `candidates` ordered by primary, then secondary, then docnum."""
    if candidates.size > stop * 4:  # pre-select: only the best `stop` can be on the page
        keep = np.argpartition(primary[candidates], stop - 1)[:stop]
        threshold = primary[candidates][keep].max()
        candidates = candidates[primary[candidates] <= threshold]
    order = np.lexsort((candidates, secondary[candidates], primary[candidates]))
    return candidates[order][start:stop]
