"""Catalogue files that cannot be read: each message is one plain sentence a person can act on."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from creative_market.catalog.importer import read_catalogue
from creative_market.catalog.importer_files import CSV_FIELD_LIMIT, and_list
from creative_market.exceptions import ImportFileError

HEADER = ["seller", "sku", "kind", "title_az"]


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _workbook(*sheets: tuple[str, list[list[object]]]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _message(path: Path) -> str:
    with pytest.raises(ImportFileError) as raised:
        read_catalogue(path)
    return raised.value.message


INSTRUCTIONS = ("Instructions", [["Fill the second sheet"], ["One listing per row"]])
LISTINGS = ("Listings", [HEADER, ["a", "B1", "carpet", "Xalça"]])


def test_an_old_excel_file_is_one_sentence(tmp_path: Path) -> None:
    path = _write(tmp_path, "old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")

    assert _message(path) == (
        "old.xls is an old Excel (.xls) or Word file, not a CSV, JSON or XLSX catalogue; "
        "save it as .xlsx (Excel Workbook) or as CSV UTF-8.")


def test_a_pdf_still_says_what_it_is(tmp_path: Path) -> None:
    assert _message(_write(tmp_path, "c.csv", b"%PDF-1.4")) == (
        "c.csv is a PDF document, not a CSV, JSON or XLSX catalogue.")


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (b"seller,title_az", "required columns 'sku' and 'kind' are missing"),
        (b"seller,sku,title_az", "required column 'kind' is missing"),
        (b"title_az", "required columns 'seller', 'sku' and 'kind' are missing"),
        (b"seller,sku,kind,title_az,colour,size", "unknown columns 'colour' and 'size'."),
        (b"seller,sku,kind,title_az,colour", "unknown column 'colour'."),
    ],
)
def test_column_messages_agree_in_number(tmp_path: Path, header: bytes, message: str) -> None:
    path = _write(tmp_path, "c.csv", header + b"\n" + b"x," * header.count(b",") + b"x\n")

    assert message in _message(path)


def test_and_list() -> None:
    assert [and_list([]), and_list(["a"]), and_list("ab"), and_list("abc")] == [
        "", "a", "a and b", "a, b and c"]


def test_an_empty_json_file_asks_for_a_list_of_objects(tmp_path: Path) -> None:
    assert _message(_write(tmp_path, "c.json", b"  \n")) == (
        "c.json is empty: expected a JSON list of objects, one per row.")


def test_a_tsv_file_is_read_as_tab_separated_csv(tmp_path: Path) -> None:
    # Commas and semicolons in the first line would fool a guess; .tsv says tabs.
    path = _write(tmp_path, "c.tsv", "\t".join(HEADER).encode() + b"\na\tB1\tcarpet\tX, Y; Z\n")

    catalogue = read_catalogue(path)

    assert catalogue.format == "csv"
    assert catalogue.rows == [(2, {"seller": "a", "sku": "B1", "kind": "carpet",
                                   "title_az": "X, Y; Z"})]


def test_a_cell_over_pythons_default_csv_limit_is_read_for_its_rule_to_judge(
    tmp_path: Path,
) -> None:
    long_text = "x" * 200_000  # the csv module's default limit is 131,072
    path = _write(tmp_path, "c.csv", (",".join([*HEADER, "description_en"]) + "\n"
                                      f'a,B1,carpet,X,"{long_text}"\na,B2,carpet,Y,short\n')
                  .encode())

    catalogue = read_catalogue(path)

    assert [len(row["description_en"]) for _, row in catalogue.rows] == [200_000, 5]


def test_a_cell_over_the_raised_limit_is_one_message_naming_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.csv", ",".join(HEADER).encode() + b"\n"
                  + b'a,B1,carpet,"' + b"x" * (CSV_FIELD_LIMIT + 1) + b'"\n')

    assert _message(path).startswith(
        f"c.csv: a cell on line 2 is longer than {CSV_FIELD_LIMIT:,} characters")


def test_a_workbook_with_instructions_first_reads_its_one_listings_sheet(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.xlsx", _workbook(INSTRUCTIONS, LISTINGS))

    catalogue = read_catalogue(path)

    assert catalogue.rows == [(2, {"seller": "a", "sku": "B1", "kind": "carpet",
                                   "title_az": "Xalça"})]


def test_a_first_sheet_that_is_no_table_is_named_and_only_the_first_sheet_is_read(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, "c.xlsx", _workbook(INSTRUCTIONS, ("Notes", [["anything"]])))

    message = _message(path)

    assert message.startswith("c.xlsx: the first worksheet, 'Instructions', is not a listings "
                              "table: its first row names none of the required columns")
    assert "Only the first worksheet is read" in message
    assert "unknown column" not in message and "fill the second sheet" not in message


def test_two_candidate_sheets_after_instructions_are_not_guessed(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.xlsx", _workbook(INSTRUCTIONS, LISTINGS, ("Old", [HEADER])))

    assert _message(path) == (
        "c.xlsx: the first worksheet, 'Instructions', is not a listings table, and more than one "
        "other worksheet is ('Listings' and 'Old'); only one is read: put the one to import "
        "first.")


def test_a_column_problem_in_a_workbook_names_the_worksheet(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.xlsx", _workbook(("Listings", [["seller", "sku", "titel_az"],
                                                              ["a", "B1", "X"]])))

    assert _message(path).startswith(
        "c.xlsx, worksheet 'Listings': unknown column 'titel_az' (did you mean 'title_az'?).")
