"""Bad input to the export commands ends in one clear line, on SQLite and on PostgreSQL."""

import pytest
from click.testing import CliRunner

from creative_market.cli import main
from creative_market.export import cli as export_cli
from creative_market.export import schemas
from creative_market.export.testing import make_paid_order
from creative_market.testing.factories import make_carpet, make_seller


@pytest.fixture
def cli(engine, session_factory):
    with session_factory.begin() as session:
        seller = make_seller(session, slug="seki", display_name="Şəki Xalça")
        carpet = make_carpet(session, seller=seller, title_az="Şəki xalçası", year_made=2020,
                             weight_grams=8000)
        reference = make_paid_order(session, items=[(carpet, 1)], country="DE").reference
    url = engine.url.render_as_string(hide_password=False)
    runner = CliRunner()

    def run(*args):
        return runner.invoke(main, ["--database-url", url, *args], catch_exceptions=False)

    run.order_reference = reference
    return run


def test_the_cli_knows_the_schemas_transport_modes():
    assert export_cli.TRANSPORT_MODES == schemas.TRANSPORT_MODES


def test_from_order_says_which_is_missing_and_takes_any_case(cli):
    wrong_order = cli("shipment", "from-order", "CM-1999-000001", "--seller", "seki")
    assert wrong_order.exit_code == 1
    assert "There is no order CM-1999-000001." in wrong_order.output
    wrong_seller = cli("shipment", "from-order", cli.order_reference, "--seller", "nobody")
    assert "There is no seller 'nobody'." in wrong_seller.output
    teleport = cli("shipment", "from-order", cli.order_reference, "--seller", "seki",
                   "--transport", "teleport")
    assert teleport.exit_code == 2 and "teleport" in teleport.output
    made = cli("shipment", "from-order", cli.order_reference.lower(), "--seller", "seki",
               "--transport", "POST")
    assert made.exit_code == 0, made.output
    assert "Shipment 1: 1 item to DE." in made.output


def test_numbers_past_the_columns_are_refused_in_a_line(cli, tmp_path):
    assert cli("shipment", "from-order", cli.order_reference, "--seller", "seki").exit_code == 0
    huge = cli("shipment", "add-package", "1", "--size", "99999999x40x40", "--gross", "9",
               "--net", "8")
    assert huge.exit_code == 1 and "Length must be at most 10,000." in huge.output
    heavy = cli("shipment", "add-package", "1", "--size", "160x40x40", "--gross", "1e9",
                "--net", "8")
    assert heavy.exit_code == 1 and "Gross weight must be at most 100,000." in heavy.output
    for rate, words in (("0.0000001", "at least 0.000001"), ("99999999999", "at most 100,000")):
        refused = cli("report", "rate", "--currency", "USD", "--from", "2026-01-01",
                      "--azn", rate)
        assert refused.exit_code == 1 and words in refused.output, refused.output


def test_a_documented_shipment_refuses_a_new_certificate(cli, tmp_path):
    assert cli("shipment", "from-order", cli.order_reference, "--seller", "seki").exit_code == 0
    assert cli("shipment", "add-package", "1", "--size", "160x40x40", "--gross", "9",
               "--net", "8").exit_code == 0
    issued = cli("shipment", "documents", "1", "--output-dir", str(tmp_path / "docs"))
    assert issued.exit_code == 0, issued.output
    changed = cli("shipment", "certificate", "1", "1", "--number", "MC-1", "--date",
                  "2026-01-05")
    assert changed.exit_code == 1
    assert "already has final documents; it can no longer change" in changed.output


def test_dates_that_do_not_exist_and_programme_input(cli):
    impossible = cli("shipment", "certificate", "1", "1", "--number", "MC-1", "--date",
                     "2026-02-30")
    assert impossible.exit_code == 2 and "2026-02-30 is not a real date" in impossible.output
    ancient = cli("report", "programme-create", "--name", "Qış 2026/27", "--from",
                  "0001-01-01", "--to", "9999-12-31")
    assert ancient.exit_code == 1 and "between 1900-01-01 and 2199-12-31" in ancient.output
    assert cli("report", "programme-create", "--name", "Qış 2026/27", "--from", "2026-12-01",
               "--to", "2027-02-28", "--market", "DE", "--market", "de").exit_code == 0
    twin = cli("report", "programme-create", "--name", "qış 2026/27", "--from", "2026-12-01",
               "--to", "2027-02-28")
    assert twin.exit_code == 1 and "already exists" in twin.output
    home = cli("report", "programme-create", "--name", "Home", "--from", "2026-12-01",
               "--to", "2027-02-28", "--market", "AZ")
    assert home.exit_code == 1 and "Azerbaijan (AZ)" in home.output
    first = cli("report", "programme-enrol", "--programme", "Qış 2026/27", "seki")
    assert first.output.strip() == "1 seller enrolled in 'Qış 2026/27'."
    again = cli("report", "programme-enrol", "--programme", "Qış 2026/27", "seki")
    assert again.exit_code == 0
    assert again.output.strip() == "Şəki Xalça is already enrolled in 'Qış 2026/27'."
