"""Reading catalogue files: formats, row numbers, and one clear error for a broken file."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from creative_market.catalog.importer import read_catalogue
from creative_market.catalog.importer_files import ROW_PROBLEM
from creative_market.exceptions import ImportFileError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HEADER = b"seller,sku,kind,title_az\n"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("latin.csv", HEADER + b"a,B1,carpet,X\n" + "a,B2,carpet,Xalça\n".encode("latin-1"),
         r"latin.csv is not UTF-8 text \(byte 0xe7 on line 3\)"),
        ("utf16.csv", "seller,sku\n".encode("utf-16"), "is UTF-16 text; save it again as UTF-8"),
        ("missing.csv", b"seller,sku,kind\na,B1,carpet\n",
         "required column 'title_az' is missing"),
        ("unknown.csv", b"seller,sku,kind,titel_az\na,B1,carpet,X\n",
         "unknown column 'titel_az' \\(did you mean 'title_az'\\?\\)"),
        ("twice.csv", b"seller,sku,sku,kind,title_az\n", "column 'sku' appears twice"),
        ("empty.csv", b"", "empty.csv is empty"),
        ("blank.csv", b"\n\n  \n", "blank.csv is empty"),
        ("header.csv", HEADER, "header.csv has a header but no rows"),
        ("scan.pdf", b"%PDF-1.7\n...", "scan.pdf is a PDF document"),
        ("report.csv", b"%PDF-1.7\n...", "report.csv is a PDF document"),
        ("notes.docx", b"seller,sku\n", "Cannot tell what kind of file notes.docx is"),
        ("book.csv", _xlsx_bytes([["seller"]]), "book.csv is a zip archive or an Excel workbook"),
        ("sheet.xlsx", HEADER + b"a,B1,carpet,X\n", "sheet.xlsx is not an Excel workbook"),
        ("broken.xlsx", b"PK\x03\x04 truncated", "broken.xlsx is not a readable Excel workbook"),
        ("bad.json", b'[{"seller": "a",}]',
         r"bad.json is not valid JSON: .* \(line 1, column 17\)"),
        ("object.json", b'{"seller": "a"}', "must hold a JSON list of objects"),
        ("none.json", b"[]", "none.json has no rows"),
        ("mixed.json", b'[{"seller": "a"}, 3]', "item 2 of the list is not an object"),
        ("legacy.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Excel"),
    ],
)
def test_a_broken_file_gives_one_clear_message(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    with pytest.raises(ImportFileError, match=message):
        read_catalogue(_write(tmp_path, name, data))


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="no such file"):
        read_catalogue(tmp_path / "nowhere.csv")


def test_an_unknown_format_option_is_refused() -> None:
    with pytest.raises(ImportFileError, match="Unknown format 'ods'"):
        read_catalogue(HEADER, file_format="ods")


def test_csv_rows_are_numbered_as_in_a_spreadsheet_header_being_row_1() -> None:
    catalogue = read_catalogue(HEADER + b"a,B1,carpet,X\n\n , ,,\na,B2,carpet,Y\n")

    assert [number for number, _ in catalogue.rows] == [2, 5]
    assert catalogue.rows[0][1] == {"seller": "a", "sku": "B1", "kind": "carpet", "title_az": "X"}


def test_a_row_with_too_many_values_is_a_row_problem_not_a_file_error() -> None:
    catalogue = read_catalogue(HEADER + b"a,B1,carpet,X,extra\na,B2,carpet,Y,\n")

    first, second = catalogue.rows
    assert first[0] == 2 and "5 values but the header has 4" in first[1][ROW_PROBLEM]
    assert second[1]["sku"] == "B2"


def test_semicolons_bom_and_header_case_are_accepted() -> None:
    catalogue = read_catalogue("\ufeffSeller;SKU;Kind;Title_AZ\na;B1;carpet;Xalça\n".encode())

    assert catalogue.columns == ["seller", "sku", "kind", "title_az"]
    assert catalogue.rows[0][1]["title_az"] == "Xalça"


def test_json_rows_are_numbered_from_one_and_keep_lists() -> None:
    catalogue = read_catalogue(EXAMPLES / "catalogue.json")

    assert catalogue.format == "json"
    assert [number for number, _ in catalogue.rows] == [1, 2, 3, 4, 5, 6]
    assert catalogue.rows[0][1]["tags_en"] == ["carpet", "guba", "wool"]


def test_xlsx_cells_read_as_a_person_sees_them() -> None:
    catalogue = read_catalogue(EXAMPLES / "catalogue.xlsx")
    first = catalogue.rows[0][1]

    assert catalogue.format == "xlsx"
    assert (first["width_cm"], first["price"]) == ("150", "1850")
    assert first["title_en"] == "Red Guba carpet"
    assert first["file_formats"] == ""


def test_the_format_option_reads_a_file_whose_name_does_not_tell(tmp_path: Path) -> None:
    path = _write(tmp_path, "export.dat", (EXAMPLES / "catalogue.json").read_bytes())

    assert len(read_catalogue(path, file_format="json").rows) == 6


def test_an_uploaded_file_object_is_named_by_its_filename() -> None:
    class Upload(io.BytesIO):
        """Like werkzeug's FileStorage: .name is the form field, .filename the file."""

        name = "catalogue"
        filename = "from-agency.json"

    catalogue = read_catalogue(Upload((EXAMPLES / "catalogue.json").read_bytes()))

    assert (catalogue.name, catalogue.format) == ("from-agency.json", "json")
    assert len(catalogue.rows) == 6
