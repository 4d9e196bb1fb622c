"""`creative-market report ...` and `creative-market shipment ...` end to end on SQLite."""

import csv
import io
import json
import re

import pytest
from click.testing import CliRunner
from sqlalchemy.orm import Session

from creative_market.cli import main
from creative_market.db import Base, import_all_models, make_engine
from creative_market.export.testing import make_paid_order, make_sample_exports
from creative_market.testing.factories import make_carpet, make_seller


@pytest.fixture
def cli(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    import_all_models()
    engine = make_engine(url)
    Base.metadata.create_all(engine)
    with Session(engine) as session, session.begin():
        make_sample_exports(session)
        seller = make_seller(session, slug="seki", display_name="Şəki Xalça")
        carpet = make_carpet(session, seller=seller, title_az="Şəki xalçası", year_made=1955)
        reference = make_paid_order(session, items=[(carpet, 1)], country="RU").reference
    engine.dispose()
    runner = CliRunner()

    def run(*args):
        return runner.invoke(main, ["--database-url", url, *args], catch_exceptions=False)

    run.order_reference = reference
    return run


def test_report_exports_as_table_csv_json(cli):
    period = ["--from", "2026-03-01", "--to", "2026-03-31"]
    table = cli("report", "exports", "--by", "cluster", *period)
    assert table.exit_code == 0, table.output
    assert "Carpets" in table.output and "3100.00" in table.output
    as_csv = cli("report", "exports", "--by", "seller", "--format", "csv", *period)
    assert [r["label"] for r in csv.DictReader(io.StringIO(as_csv.output))][:2] == [
        "Quba Xalça", "Şəki İpək"]
    as_json = json.loads(cli("report", "exports", "--format", "json", *period).output)
    assert as_json["total"]["value_azn"] == "3220.00"


def test_programme_commands_and_programme_report(cli, tmp_path):
    created = cli("report", "programme-create", "--name", "Xalça 2026", "--from", "2026-03-01",
                  "--to", "2026-03-31", "--market", "DE")
    assert created.exit_code == 0, created.output
    assert cli("report", "programme-enrol", "--programme", "Xalça 2026", "shaki").exit_code == 0
    report = cli("report", "exports", "--by", "destination", "--programme", "Xalça 2026",
                 "--format", "json")
    assert [row["key"] for row in json.loads(report.output)["rows"]] == ["RU"]
    missing = cli("report", "programme-enrol", "--programme", "Xalça 2026", "nobody")
    assert missing.exit_code == 1 and "There is no seller 'nobody'" in missing.output
    xlsx = tmp_path / "r.xlsx"
    assert cli("report", "exports", "--programme", "1", "--format", "xlsx",
               "--output", str(xlsx)).exit_code == 0
    assert xlsx.read_bytes().startswith(b"PK")
    png = tmp_path / "c.png"
    assert cli("report", "chart", "--from", "2026-02-01", "--to", "2026-04-30",
               "--output", str(png)).exit_code == 0
    assert png.read_bytes().startswith(b"\x89PNG")


def test_rate_command_validates(cli):
    bad = cli("report", "rate", "--currency", "GBP", "--from", "2026-01-01", "--azn", "2.1")
    assert bad.exit_code == 1 and "Give a rate for one of USD, EUR" in bad.output
    ok = cli("report", "rate", "--currency", "EUR", "--from", "2026-01-01", "--azn", "1.93")
    assert "1 EUR = 1.93 AZN from 2026-01-01." in ok.output


def test_shipment_commands_refuse_then_issue_documents(cli, tmp_path):
    opened = cli("shipment", "from-order", cli.order_reference, "--seller", "seki")
    assert opened.exit_code == 0, opened.output
    assert "1 item to RU" in opened.output
    shipment_id = opened.output.split()[1].rstrip(":")
    assert cli("shipment", "add-package", shipment_id, "--size", "160x40x40", "--gross", "8.6",
               "--net", "8").exit_code == 0
    check = cli("shipment", "check", shipment_id)
    assert check.exit_code == 1 and "made in 1955 (before 1960)" in check.output
    refused = cli("shipment", "documents", shipment_id, "--output-dir", str(tmp_path / "docs"))
    assert refused.exit_code == 1 and "Ministry of Culture" in refused.output
    assert cli("shipment", "certificate", shipment_id, "1", "--number", "MK-17",
               "--date", "2026-03-02").exit_code == 0
    issued = cli("shipment", "documents", shipment_id, "--output-dir", str(tmp_path / "docs"))
    assert issued.exit_code == 0, issued.output
    names = sorted(p.name for p in (tmp_path / "docs").iterdir())
    assert len(names) == 8 and names[0].startswith("CN23-")
    application = next((tmp_path / "docs").glob("COO-*.json"))
    assert json.loads(application.read_text("utf-8"))["values"]["form"] == "CT-1"


def test_hs_lookup(cli):
    assert "5701.10" in cli("shipment", "hs", "5701.10").output
    assert cli("shipment", "hs", "zzzz").exit_code == 1


def _ready_shipment(cli) -> str:
    opened = cli("shipment", "from-order", cli.order_reference, "--seller", "seki")
    shipment_id = opened.output.split()[1].rstrip(":")
    assert cli("shipment", "add-package", shipment_id, "--size", "160x40x40", "--gross", "8.6",
               "--net", "8").exit_code == 0
    assert cli("shipment", "certificate", shipment_id, "1", "--number", "MK-17",
               "--date", "2026-03-02").exit_code == 0
    return shipment_id


def test_documents_into_a_directory_that_cannot_be_made_issue_nothing(cli, tmp_path):
    shipment_id = _ready_shipment(cli)
    (tmp_path / "afile").write_text("not a directory")
    target = str(tmp_path / "afile" / "sub")
    refused = cli("shipment", "documents", shipment_id, "--output-dir", target)
    assert refused.exit_code == 1
    assert refused.output.strip().splitlines() == [
        f"Error: Cannot write to the output directory {target}: "
        "Not a directory. Nothing was issued."]
    issued = cli("shipment", "documents", shipment_id, "--output-dir", str(tmp_path / "docs"))
    assert issued.exit_code == 0, issued.output
    # the refused run used no number: the first documents are still number 1
    assert re.search(r"^INV-\d+-000001: Commercial invoice$", issued.output, re.MULTILINE)
    assert len(list((tmp_path / "docs").iterdir())) == 8


def test_a_document_that_cannot_be_drawn_leaves_no_file_and_no_number(cli, tmp_path,
                                                                      monkeypatch):
    from creative_market.export import documents

    shipment_id = _ready_shipment(cli)
    real_render = documents.render_pdf

    def render_all_but_the_packing_list(document):
        if document.kind == "packing_list":
            raise ValueError("The row with index 1 is too high")
        return real_render(document)

    monkeypatch.setattr(documents, "render_pdf", render_all_but_the_packing_list)
    failed = cli("shipment", "documents", shipment_id, "--output-dir", str(tmp_path / "docs"))
    assert failed.exit_code == 1
    assert "Could not draw PL-" in failed.output and "Nothing was issued." in failed.output
    assert list((tmp_path / "docs").iterdir()) == []
    monkeypatch.setattr(documents, "render_pdf", real_render)
    issued = cli("shipment", "documents", shipment_id, "--output-dir", str(tmp_path / "docs"))
    assert issued.exit_code == 0, issued.output
    assert re.search(r"^PL-\d+-000001: Packing list$", issued.output, re.MULTILINE)
    assert len(list((tmp_path / "docs").iterdir())) == 8
