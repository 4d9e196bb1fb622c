"""The built wheel carries what an agency needs to run the library without a checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from creative_market import db

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    target = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(target), str(ROOT)],
        check=True, capture_output=True,
    )
    return zipfile.ZipFile(next(target.glob("creative_market-*.whl")))


def test_wheel_ships_every_migration_fonts_the_nomenclature_and_the_licence(wheel):
    # One test for the one wheel: two xdist workers building it at once share build/.
    names = set(wheel.namelist())
    data = "creative_market-0.1.0.data/data/share/creative-market/migrations/"
    expected = {data + "env.py", data + "script.py.mako"} | {
        data + "versions/" + path.name for path in (ROOT / "migrations" / "versions").glob("*.py")
    }
    assert expected <= names
    assert "creative_market/fonts/DejaVuSans.ttf" in names
    assert "creative_market/data/hs/harmonized-system.csv" in names
    licence = (ROOT / "LICENSE").read_text()
    assert licence.startswith("MIT License") and "Creative Market contributors" in licence
    dist_info = "creative_market-0.1.0.dist-info/"
    assert wheel.read(dist_info + "licenses/LICENSE").decode() == licence
    metadata = wheel.read(dist_info + "METADATA").decode().split("\n\n")[0].splitlines()
    assert "License: MIT" in metadata and "License-File: LICENSE" in metadata


def test_installed_migrations_are_found_without_a_checkout(tmp_path, monkeypatch):
    installed = tmp_path / "share" / "creative-market" / "migrations"
    installed.mkdir(parents=True)
    (installed / "env.py").write_text("")
    monkeypatch.setattr(db, "__file__", str(tmp_path / "site-packages/creative_market/db.py"))
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    assert db.migrations_directory() == installed


def test_missing_migrations_are_named_in_the_error(tmp_path, monkeypatch):
    monkeypatch.setattr(db, "__file__", str(tmp_path / "site-packages/creative_market/db.py"))
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    with pytest.raises(FileNotFoundError, match="share/creative-market/migrations"):
        db.migrations_directory()
