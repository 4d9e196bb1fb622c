"""Every command works in a process of its own, where nothing but the command was imported.

The commands import only the modules they use (so `--help` is quick); the tests that run
them through click's CliRunner share a process where every model is already imported, and
so could not see a command that fails to configure the mappers on its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

COMMAND = str(Path(sys.executable).with_name("creative-market"))


def _run(database_url: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "CREATIVE_MARKET_DATABASE_URL": database_url}
    return subprocess.run([COMMAND, *arguments], capture_output=True, text=True,
                          env=environment, timeout=120, check=False)


@pytest.fixture(scope="module")
def database_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'market.sqlite'}"
    assert _run(url, "db", "upgrade").returncode == 0
    # Each case stands alone (the cases may run in any order, on any test worker).
    assert _run(url, "report", "programme-create", "--name", "Halı 2026", "--from",
                "2026-01-01", "--to", "2026-12-31").returncode == 0
    return url


@pytest.mark.parametrize(("arguments", "expected", "code"), [
    (["report", "rate", "--currency", "USD", "--from", "2026-06-01", "--azn", "1.7000"],
     "1 USD = 1.7 AZN from 2026-06-01.", 0),
    (["report", "programme-create", "--name", "Xalça 2026", "--from", "2026-01-01",
      "--to", "2026-12-31"], "'Xalça 2026' created.", 0),
    (["report", "programme-enrol", "--programme", "Halı 2026", "no-such-seller"],
     "no-such-seller", 1),
    (["report", "exports", "--by", "cluster", "--from", "2026-01-01", "--to", "2026-12-31"],
     "", 0),
    (["shipment", "check", "1"], "There is no shipment 1.", 1),
    (["shipment", "add-package", "1", "--size", "10x10x10", "--gross", "1", "--net", "1"],
     "There is no shipment 1.", 1),
    (["shipment", "certificate", "1", "1", "--number", "MK-1", "--date", "2026-03-02"],
     "There is no shipment 1.", 1),
    (["shipment", "documents", "1", "--output-dir", "docs"], "There is no shipment 1.", 1),
    (["shipment", "from-order", "CM-2026-000001", "--seller", "nobody"], "", 1),
    (["shipment", "hs", "knotted", "wool"], "5701", 0),
])
def test_each_command_runs_in_its_own_process(database_url, arguments, expected, code,
                                               tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = _run(database_url, *arguments)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == code, output
    assert expected in output


def test_documents_into_a_path_under_a_file_is_one_clear_line(database_url, tmp_path,
                                                               monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("not a directory")
    result = _run(database_url, "shipment", "documents", "1", "--output-dir", "afile/sub")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "Error: Cannot write to the output directory afile/sub: Not a directory. "
        "Nothing was issued."]
