"""`creative-market --help` starts quickly: the command loads no PDF, image, chart or importer code
until a subcommand that needs it runs."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from creative_market.catalog.cli import DEFAULT_BATCH_SIZE
from creative_market.catalog.importer import BATCH_SIZE
from creative_market.cli import main
from creative_market.export.cli import DIMENSIONS
from creative_market.export.reports import Dimension

PROBE = r"""
import json, sys
sys.argv = ["creative-market", "--help"]
from creative_market.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""
#: Heavy modules the help text does not need.
NOT_AT_START = ("fpdf", "PIL", "matplotlib", "numpy", "openpyxl", "alembic", "marshmallow",
                "creative_market.catalog.importer", "creative_market.export.services",
                "creative_market.export.reports", "creative_market.catalog.models")


def test_help_loads_no_pdf_image_chart_or_importer_code() -> None:
    completed = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                               timeout=120, check=True)
    modules = json.loads(completed.stdout.strip().splitlines()[-1])

    assert "Commands:" in completed.stdout
    assert [name for name in modules if name.startswith(NOT_AT_START)] == []


def test_help_lists_every_command_and_each_command_has_help() -> None:
    runner = CliRunner()

    top = runner.invoke(main, ["--help"])
    exports = runner.invoke(main, ["report", "exports", "--help"])
    importing = runner.invoke(main, ["import", "--help"])

    assert top.exit_code == 0
    assert all(name in top.stdout for name in ("db", "import", "report", "shipment"))
    assert exports.exit_code == 0 and "hs_chapter" in exports.stdout
    assert importing.exit_code == 0 and f"default: {BATCH_SIZE}" in importing.stdout


def test_the_commands_copies_of_library_constants_match_them() -> None:
    assert tuple(dimension.value for dimension in Dimension) == DIMENSIONS
    assert DEFAULT_BATCH_SIZE == BATCH_SIZE
