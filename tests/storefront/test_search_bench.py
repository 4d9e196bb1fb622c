"""The search benchmark still runs (a smoke run at 200 listings; no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "search_bench.py"


def test_benchmark_smoke_run():
    result = subprocess.run(
        [sys.executable, str(BENCH), "--sizes", "200", "--queries", "30"],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "200 listings" in result.stdout
    assert "Whoosh (storefront search())" in result.stdout
    assert "SQLite FTS5" in result.stdout
    assert "ratio Whoosh/FTS5" in result.stdout


def test_benchmark_queries_are_fixed_and_varied():
    sys.path.insert(0, str(BENCH.parent))
    try:
        import search_bench
    finally:
        sys.path.remove(str(BENCH.parent))
    queries = search_bench.make_queries(300)
    assert queries == search_bench.make_queries(300)  # deterministic
    assert {q.language for q in queries} == {"az", "en", "ru"}
    assert {len(q.text.split()) for q in queries} == {1, 2}
    assert 80 <= sum(1 for q in queries if q.filters()) <= 120
