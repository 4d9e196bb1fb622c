"""`creative-market import` through click's CliRunner, on SQLite and PostgreSQL."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from creative_market.catalog import cli as import_cli
from creative_market.catalog.models import Product, Seller
from creative_market.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BENCH = Path(__file__).resolve().parents[2] / "bench" / "import_bench.py"


@pytest.fixture
def run(database_url: str, engine: Engine, session_factory: sessionmaker[Session]):
    """Invoke the command line against the test database (emptied after the test)."""
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, ["--database-url", database_url, "import", *map(str, args)])

    return invoke


def _products(session_factory: sessionmaker[Session]) -> int:
    with session_factory() as session:
        return session.scalar(select(func.count()).select_from(Product))


def test_import_writes_a_summary_and_a_report_then_reimport_changes_nothing(
    run, session_factory, tmp_path: Path
) -> None:
    report_path = tmp_path / "report.json"

    first = run(EXAMPLES / "catalogue.xlsx", "--sellers", EXAMPLES / "sellers.csv",
                "--report", report_path)
    again = run(EXAMPLES / "catalogue.csv", "--sellers", EXAMPLES / "sellers.csv")

    assert first.exit_code == 0, first.output
    assert "catalogue.xlsx: 6 rows: 6 inserted, 0 updated, 0 unchanged, 0 rejected." in first.stdout
    assert "sellers.csv: 4 sellers: 4 inserted" in first.stdout
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert (report["rows"], report["inserted"], report["rejected"], report["errors"]) == (
        6, 6, 0, [])
    assert again.exit_code == 0
    assert "6 rows: 0 inserted, 0 updated, 6 unchanged, 0 rejected." in again.stdout
    assert _products(session_factory) == 6


def test_rejected_rows_are_listed_and_reported_with_exit_code_3(
    run, session_factory, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes((EXAMPLES / "catalogue.csv").read_bytes()
                    .replace(b",1850.00,", b",lots,").replace(b"baki-foto,", b"nobody,"))
    report_path = tmp_path / "report.json"

    result = run(bad, "--sellers", EXAMPLES / "sellers.csv", "--report", report_path)

    assert result.exit_code == 3
    assert "bad.csv, row 2, price: Price must be a number, like 120.50." in result.stderr
    assert "bad.csv, row 7, seller: No seller with slug 'nobody'" in result.stderr
    assert "6 rows: 4 inserted, 0 updated, 0 unchanged, 2 rejected." in result.stdout
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert [(e["row"], e["field"], e["sku"]) for e in report["errors"]] == [
        (2, "price", "GX-001"), (7, "seller", "BF-PH-101")]
    assert report["errors"][0]["reason"] == "Price must be a number, like 120.50."
    assert _products(session_factory) == 4


def test_all_or_nothing_imports_nothing_and_exits_3(run, session_factory, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text((EXAMPLES / "catalogue.json").read_text(encoding="utf-8")
                   .replace('"width_cm": 150', '"width_cm": -150'), encoding="utf-8")

    result = run(bad, "--sellers", EXAMPLES / "sellers.csv", "--all-or-nothing")

    assert result.exit_code == 3
    assert "bad.json, row 1, width_cm:" in result.stderr
    assert "nothing imported (all or nothing): 1 of 6 rows rejected." in result.stdout
    assert _products(session_factory) == 0
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Seller)) == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"seller,sku,kind,title_az\na,B1,carpet,\xe7\n", "not UTF-8 text"),
        (b"seller,sku,title_az\na,B1,X\n", "required column 'kind' is missing"),
        (b"seller,sku,kind,title_az,colour\na,B1,carpet,X,red\n", "unknown column 'colour'"),
        (b"", "is empty"),
        (b"%PDF-1.4 catalogue", "is a PDF document"),
    ],
)
def test_a_broken_file_is_one_message_and_exit_code_1(
    run, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "catalogue.csv"
    path.write_bytes(content)
    report_path = tmp_path / "report.json"

    result = run(path, "--report", report_path)

    assert result.exit_code == 1
    assert message in result.stderr and "Traceback" not in result.output
    assert result.stderr.startswith("Error: ")
    assert message in json.loads(report_path.read_text(encoding="utf-8"))["error"]


def test_format_option_and_usage_errors(run, tmp_path: Path) -> None:
    path = tmp_path / "listings.export"
    path.write_bytes((EXAMPLES / "catalogue.json").read_bytes())

    unnamed = run(path, "--sellers", EXAMPLES / "sellers.csv")
    given = run(path, "--sellers", EXAMPLES / "sellers.csv", "--format", "json")
    wrong = run(path, "--format", "ods")

    assert unnamed.exit_code == 1 and "--format" in unnamed.stderr
    assert given.exit_code == 0 and "6 inserted" in given.stdout
    assert wrong.exit_code == 2


def test_long_imports_show_a_progress_bar(run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(import_cli, "PROGRESS_MIN_ROWS", 5)

    result = run(EXAMPLES / "catalogue.csv", "--sellers", EXAMPLES / "sellers.csv",
                 "--batch-size", "2")

    assert result.exit_code == 0
    assert "Importing rows" in result.stderr


def test_the_benchmark_still_runs(postgres_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import POSTGRES_ADMIN_URL

    spec = importlib.util.spec_from_file_location("import_bench", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)

    results = bench.main(["--rows", "500", "--postgres-url", POSTGRES_ADMIN_URL])

    assert set(results) == {"validation", "sqlite", "reference", "postgresql"}
    for backend in ("sqlite", "postgresql"):
        figures = results[backend]
        assert figures["bound"] == pytest.approx(
            1 / (1 / results["validation"]["rate"] + 1 / figures["insert"]))
        assert figures["import"] > 0 and figures["ratio"] > 0
    for plain in results["reference"].values():  # the premise, measured in the run
        assert plain["bound"][0] == pytest.approx(
            1 / (1 / plain["validation"][0] + 1 / plain["insert"][0]))
    out = capsys.readouterr().out
    assert "import/bound" in out
    assert "the issue assumes" in out and "of the 25,000 aim" in out


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("missing/report.json", "does not exist; nothing was imported."),
        ("read-only/report.json", "permission denied; nothing was imported."),
    ],
)
def test_a_report_that_cannot_be_written_fails_before_anything_is_imported(
    run, session_factory, tmp_path: Path, where: str, message: str
) -> None:
    if where.startswith("read-only"):
        if os.geteuid() == 0:
            pytest.skip("root may write into a read-only folder")
        (tmp_path / "read-only").mkdir(mode=0o500)
    report_path = tmp_path / where

    result = run(EXAMPLES / "catalogue.csv", "--sellers", EXAMPLES / "sellers.csv",
                 "--report", report_path)

    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"Error: Cannot write the report to {report_path}: ")
    assert message in result.stderr and "Traceback" not in result.output
    assert _products(session_factory) == 0
    assert not report_path.exists()


def test_a_report_path_that_is_a_folder_is_refused_before_importing(
    run, session_factory, tmp_path: Path
) -> None:
    result = run(EXAMPLES / "catalogue.csv", "--sellers", EXAMPLES / "sellers.csv",
                 "--report", tmp_path)

    assert result.exit_code in (1, 2) and "Traceback" not in result.output
    assert "is a directory" in result.stderr or "it is a folder" in result.stderr
    assert _products(session_factory) == 0


def test_a_report_that_can_be_written_is_not_left_behind_empty_when_the_database_fails(
    tmp_path: Path,
) -> None:
    report_path = tmp_path / "report.json"

    result = CliRunner().invoke(main, ["--database-url", "foo://bar", "import",
                                       str(EXAMPLES / "catalogue.csv"), "--report",
                                       str(report_path)])

    assert result.exit_code == 1
    assert "Unknown kind of database" in json.loads(report_path.read_text("utf-8"))["error"]


def test_counts_of_one_are_singular(run, tmp_path: Path) -> None:
    lines = (EXAMPLES / "catalogue.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    one = tmp_path / "one.csv"
    one.write_text(lines[0] + lines[1], encoding="utf-8")

    result = run(one, "--sellers", EXAMPLES / "sellers.csv")

    assert result.exit_code == 0, result.output
    assert "one.csv: 1 row: 1 inserted, 0 updated, 0 unchanged, 0 rejected." in result.stdout
    assert "sellers.csv: 4 sellers: 4 inserted" in result.stdout
