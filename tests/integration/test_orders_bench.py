"""The orders benchmark runs end to end when asked for a handful of operations."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "orders_bench.py"


def test_the_orders_benchmark_smoke_runs_on_sqlite():
    result = subprocess.run(
        [sys.executable, str(BENCH), "--database", "sqlite", "--orders", "30", "--threads", "2"],
        capture_output=True, text=True, timeout=300, check=True,
    )
    lines = result.stdout.strip().splitlines()
    assert lines[1].split() == ["database", "raw", "UPDATE/s", "orders/s", "ratio"]
    name, raw, orders, ratio = lines[2].split()
    assert name == "sqlite" and float(raw) > 0 and float(orders) > 0 and float(ratio) > 0
