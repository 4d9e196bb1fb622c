"""The README's agency scripts run as written on a fresh database (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import create_postgres_database, drop_postgres_database

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SQLITE_URL = 'url = "sqlite:///agency.sqlite"'

# Where each script starts in the README, and a line its output must have.
SCRIPTS = {
    "files": ("An agency script with its own engine (",
              "qirmizi-quba-xalcasi-gx-001 Quba Xalça Evi ₼1,850.00"),
    "services": ("### An agency script with its own engine\n",
                 "qirmizi-quba Quba Xalça Evi ₼1,450.00"),
}


def python_block_after(marker: str) -> str:
    """The first ```python block after `marker` in the README."""
    assert marker in README, f"README has no {marker!r}"
    after = README[README.index(marker):]
    match = re.search(r"```python\n(.*?)```", after, re.S)
    assert match, f"no python block after {marker!r}"
    return match.group(1)


def test_the_first_agency_script_is_about_ten_short_lines():
    script = python_block_after(SCRIPTS["files"][0])
    lines = [line for line in script.splitlines() if line.strip()]
    assert len(lines) <= 12, script
    assert max(len(line) for line in lines) <= 90, script
    assert SQLITE_URL in script and "upgrade_schema(url)" in script


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_url(request):
    """A URL of a database with nothing in it: a new SQLite file or a private PostgreSQL one."""
    if request.param == "sqlite":
        yield None  # the script's own sqlite:///agency.sqlite in a fresh folder
        return
    url = create_postgres_database()
    yield url
    drop_postgres_database(url)


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_agency_script_runs_as_written_on_a_fresh_database(name, fresh_url, tmp_path):
    marker, expected = SCRIPTS[name]
    script = python_block_after(marker)
    assert SQLITE_URL in script
    if fresh_url is not None:
        script = script.replace(SQLITE_URL, f'url = "{fresh_url}"')
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("CREATIVE_MARKET_DATABASE_URL", None)
    run = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr[-3000:]
    assert expected in run.stdout.splitlines(), run.stdout
