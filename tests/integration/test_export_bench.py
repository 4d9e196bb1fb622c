"""Smoke-run of bench/report_bench.py with a few lines (PostgreSQL only)."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.postgresql
def test_report_bench_runs_small(postgres_url):
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "report_bench.py"), "--lines", "3000",
         "--repeat", "1", "--per-dimension"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "bare GROUP BY cluster" in result.stdout
    assert "full programme report (all 7 dimensions)" in result.stdout
    assert "the same with jit = off: full report" in result.stdout
    assert "7 separate reports (exports_report each)" in result.stdout
    assert "database kept" not in result.stdout
