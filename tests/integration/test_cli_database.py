"""The `creative-market` command on a database it cannot use: one message, exit 1, no traceback.

Every subcommand opens its database through `creative_market.cli_database`, so a URL that
does not parse, an unknown database, a missing driver, a server or file out of reach and a
database without the schema are each one line, with the password masked.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from creative_market.catalog import importer
from creative_market.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
#: One command of each area that needs the database.
COMMANDS = {
    "db": ["db", "upgrade"],
    "import": ["import", str(EXAMPLES / "catalogue.csv")],
    "report": ["report", "rate", "--currency", "USD", "--from", "2024-01-01", "--azn", "1.7"],
    "shipment": ["shipment", "check", "1"],
}


def invoke(url: str, *args: str):
    """Run the command with `--database-url url` through click's runner."""
    return CliRunner().invoke(main, ["--database-url", url, *args])


def assert_one_message(result, *expected: str) -> None:
    """Exit 1, `Error: ` and the expected words on stderr, no traceback, no password."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    for words in expected:
        assert words in result.stderr
    assert "Traceback" not in result.output and "s3cret" not in result.output


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("not-a-url", ["'not-a-url' is not a database URL", "sqlite:///"]),
        ("post gres://me:s3cret@host/x", ["is not a database URL", "me:***@host"]),
        ("foo://bar", ["Unknown kind of database 'foo'", "SQLite and PostgreSQL"]),
        ("mysql://me:s3cret@localhost/market",
         ["driver 'MySQLdb'", "mysql://me:***@localhost/market", "SQLite and PostgreSQL"]),
        ("postgresql://me:s3cret@127.0.0.1:1/market",
         ["Cannot open the database postgresql://me:***@127.0.0.1:1/market",
          "Connection refused"]),
        ("sqlite:////nonexistent-folder/sub/market.sqlite",
         ["unable to open database file", "the folder /nonexistent-folder/sub does not exist"]),
    ],
)
def test_an_unusable_database_url_is_one_message_on_every_subcommand(
    command: str, url: str, expected: list[str]
) -> None:
    assert_one_message(invoke(url, *COMMANDS[command]), *expected)


def test_a_postgresql_database_that_does_not_exist(postgres_url: str) -> None:
    missing = postgres_url.rsplit("/", 1)[0] + "/cm_no_such_database"

    for command in ("db", "import"):
        assert_one_message(invoke(missing, *COMMANDS[command]),
                           'database "cm_no_such_database" does not exist')


def test_without_psycopg_a_postgresql_url_says_which_extra_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as in a library-only install

    for command in ("db", "import"):
        assert_one_message(invoke("postgresql://me:s3cret@localhost/market", *COMMANDS[command]),
                           "driver 'psycopg'", 'pip install "creative-market[postgresql]"',
                           "postgresql://me:***@localhost/market")


def test_an_unknown_revision_is_one_message(tmp_path: Path) -> None:
    result = invoke(f"sqlite:///{tmp_path / 'market.sqlite'}", "db", "upgrade",
                    "--revision", "nope")

    assert_one_message(result, "Cannot upgrade to revision 'nope'",
                       "Can't locate revision identified by 'nope'")


@pytest.mark.parametrize("command", ["import", "report", "shipment"])
def test_a_database_without_the_schema_asks_for_db_upgrade(tmp_path: Path, command: str) -> None:
    result = invoke(f"sqlite:///{tmp_path / 'empty.sqlite'}", *COMMANDS[command])

    assert_one_message(result, "has no catalogue yet", "creative-market db upgrade")


def test_db_upgrade_then_import_works_and_shows_the_url_without_password(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'market.sqlite'}"

    upgraded = invoke(url, *COMMANDS["db"])
    imported = invoke(url, "import", str(EXAMPLES / "catalogue.csv"),
                      "--sellers", str(EXAMPLES / "sellers.csv"))

    assert upgraded.exit_code == 0 and f"Schema is at head on {url}." in upgraded.stdout
    assert imported.exit_code == 0, imported.output


def test_a_genuine_bug_still_shows_its_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'market.sqlite'}"
    assert invoke(url, *COMMANDS["db"]).exit_code == 0

    def broken(*_args, **_kwargs):
        raise ModuleNotFoundError("No module named 'a_bug'", name="a_bug")

    monkeypatch.setattr(importer, "read_catalogue", broken)
    result = invoke(url, *COMMANDS["import"])

    assert isinstance(result.exception, ModuleNotFoundError)


def test_the_installed_command_prints_no_traceback() -> None:
    completed = subprocess.run(
        [sys.executable, "-c", "from creative_market.cli import main; main()",
         "--database-url", "foo://bar", "db", "upgrade"],
        capture_output=True, text=True, timeout=60, check=False)

    assert completed.returncode == 1
    assert completed.stderr.startswith("Error: Unknown kind of database 'foo'")
    assert "Traceback" not in completed.stderr
