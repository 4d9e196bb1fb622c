"""Upgrading the schema logs no Alembic INFO lines, in an app that logs at INFO (`make run`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROBE = r"""
import logging, sys
logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
from creative_market.db import upgrade_schema
upgrade_schema(sys.argv[1])
logging.getLogger("alembic.runtime.migration").warning("a warning still shows")
logging.getLogger("alembic.runtime.migration").info("INFO is back after the upgrade")
"""


def test_upgrading_logs_no_alembic_info_but_keeps_warnings(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'market.sqlite'}"

    completed = subprocess.run([sys.executable, "-c", PROBE, url], capture_output=True,
                               text=True, timeout=120, check=True)

    lines = completed.stderr.splitlines()
    assert lines == ["WARNING alembic.runtime.migration: a warning still shows",
                     "INFO alembic.runtime.migration: INFO is back after the upgrade"], lines
