"""Reading catalogue files (CSV, JSON, XLSX) into numbered rows of plain values.

A file that cannot be read at all (wrong type, broken encoding, no header, missing or
unknown columns, no rows) raises one `ImportFileError` whose message says what to fix;
nothing is imported from it. Rows come out as `(row_number, {column: value})`, numbered
as a person counts them in the file: in CSV and XLSX the header is row 1, so the first
listing is row 2; in JSON the first object of the list is row 1.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from creative_market.exceptions import ImportFileError

FORMATS = ("csv", "json", "xlsx")
_EXTENSIONS = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".json": "json", ".xlsx": "xlsx",
               ".xlsm": "xlsx"}
_ZIP_MAGIC = b"PK\x03\x04"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
#: Files that are no catalogue: what they are, and what to do about it.
_OTHER_MAGIC = {
    b"%PDF": ("a PDF document", ""),
    b"\xd0\xcf\x11\xe0": ("an old Excel (.xls) or Word file",
                          "save it as .xlsx (Excel Workbook) or as CSV UTF-8"),
    b"\x89PNG": ("a PNG image", ""),
    b"\xff\xd8\xff": ("a JPEG image", ""),
    b"GIF8": ("a GIF image", ""),
    b"\x1f\x8b": ("a gzip archive", "unpack it first"),
}

#: The largest CSV cell read (Python's csv module stops at 131,072 characters by default);
#: a longer value is then refused by its field's own length rule, on its row.
CSV_FIELD_LIMIT = 16 * 1024 * 1024

Source = str | Path | bytes | IO[bytes]
#: Key of a row that could not be split into columns; its value says why.
ROW_PROBLEM = "__row_problem__"


@dataclass
class CatalogueFile:
    """A readable catalogue: its name, format, header and numbered rows."""

    name: str
    format: str
    columns: list[str]
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


@dataclass(frozen=True)
class ColumnSet:
    """The columns a kind of file may hold, and which of them must be present."""

    what: str
    required: tuple[str, ...]
    optional: tuple[str, ...]

    @property
    def known(self) -> tuple[str, ...]:
        """Every column the file may hold."""
        return self.required + self.optional


def read_source(source: Source) -> tuple[str, bytes]:
    """The display name and raw bytes of a path, a bytes object or a binary file object."""
    if isinstance(source, bytes):
        return "<bytes>", source
    if isinstance(source, str | Path):
        path = Path(source)
        try:
            return path.name, path.read_bytes()
        except FileNotFoundError:
            raise ImportFileError(f"{path}: no such file.") from None
        except IsADirectoryError:
            raise ImportFileError(f"{path} is a folder, not a catalogue file.") from None
        except OSError as error:
            raise ImportFileError(f"{path} cannot be read: {error.strerror}.") from None
    data = source.read()
    if isinstance(data, str):
        data = data.encode("utf-8")
    # An upload (werkzeug's FileStorage) has .filename; an open file has .name.
    name = getattr(source, "filename", None) or getattr(source, "name", None) or "<stream>"
    return Path(str(name)).name if not str(name).startswith("<") else str(name), data


def load_catalogue_file(
    source: Source, columns: ColumnSet, *, file_format: str | None = None
) -> CatalogueFile:
    """Read `source` as a catalogue of `columns`; ImportFileError if it cannot be read at all."""
    name, data = read_source(source)
    fmt = detect_format(name, data, file_format)
    if not data.strip():
        expected = ("a JSON list of objects, one per row" if fmt == "json" else
                    "a header row and at least one row")
        raise ImportFileError(f"{name} is empty: expected {expected}.")
    if fmt == "xlsx":
        sheet, header, rows = _read_xlsx(name, data, columns)
        header = check_columns(f"{name}, worksheet '{sheet}'", header, columns)
    else:
        header, rows = (_read_csv if fmt == "csv" else _read_json)(name, data)
        header = check_columns(name, header, columns)
    catalogue = CatalogueFile(name=name, format=fmt, columns=header, rows=list(rows))
    if not catalogue.rows:
        raise ImportFileError(f"{name} has a header but no rows to import.")
    return catalogue


def detect_format(name: str, data: bytes, requested: str | None = None) -> str:
    """The format to read: the one asked for, else the file extension, else a look inside."""
    head = data[:8]
    for magic, (what, advice) in _OTHER_MAGIC.items():
        if head.startswith(magic):
            raise ImportFileError(f"{name} is {what}, not a CSV, JSON or XLSX catalogue"
                                  + (f"; {advice}." if advice else "."))
    if requested:
        fmt = requested.lower().lstrip(".")
        if fmt not in FORMATS:
            raise ImportFileError(f"Unknown format '{requested}': use csv, json or xlsx.")
    else:
        suffix = Path(name).suffix.lower()
        fmt = _EXTENSIONS.get(suffix) or (None if suffix and name[0] != "<" else _sniff(data))
        if fmt is None:
            raise ImportFileError(
                f"Cannot tell what kind of file {name} is: name it .csv, .tsv, .json or .xlsx "
                "or give the format (--format csv|json|xlsx)."
            )
    is_zip = head.startswith(_ZIP_MAGIC)
    if fmt == "xlsx" and data.strip() and not is_zip:
        raise ImportFileError(f"{name} is not an Excel workbook (.xlsx); is it a CSV file?")
    if fmt != "xlsx" and is_zip:
        raise ImportFileError(
            f"{name} is a zip archive or an Excel workbook, not {fmt.upper()}; "
            "give an .xlsx name or --format xlsx."
        )
    if fmt != "xlsx" and b"\x00" in data[:4096] and not data.startswith(_UTF16_BOMS):
        raise ImportFileError(f"{name} is a binary file, not {fmt.upper()} text.")
    return fmt


def _sniff(data: bytes) -> str | None:
    if data.startswith(_ZIP_MAGIC):
        return "xlsx"
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start in (b"[", b"{"):
        return "json"
    first_line = data[:4096].split(b"\n", 1)[0]
    if any(separator in first_line for separator in (b",", b";", b"\t")):
        return "csv"
    return None


def check_columns(name: str, header: list[str], columns: ColumnSet) -> list[str]:
    """Normalise the header; ImportFileError for blank, repeated, unknown or missing columns."""
    cleaned = [str(column or "").strip().lower() for column in header]
    if not any(cleaned):
        raise ImportFileError(f"{name} has no header row: the first row must name the columns.")
    seen: set[str] = set()
    for position, column in enumerate(cleaned, start=1):
        if not column:
            raise ImportFileError(f"{name}: column {position} of the header has no name.")
        if column in seen:
            raise ImportFileError(f"{name}: column '{column}' appears twice in the header.")
        seen.add(column)
    unknown = [column for column in cleaned if column not in columns.known]
    if unknown:
        hints = []
        for column in unknown:
            close = difflib.get_close_matches(column, columns.known, n=1)
            hints.append(f"'{column}'" + (f" (did you mean '{close[0]}'?)" if close else ""))
        raise ImportFileError(
            f"{name}: unknown column{'s' if len(hints) > 1 else ''} {and_list(hints)}. "
            f"A {columns.what} file may have: {', '.join(columns.known)}."
        )
    missing = [column for column in columns.required if column not in seen]
    if missing:
        are = "columns {} are" if len(missing) > 1 else "column {} is"
        raise ImportFileError(
            f"{name}: required {are.format(and_list(repr(c) for c in missing))} missing "
            f"(a {columns.what} file needs {', '.join(columns.required)})."
        )
    return cleaned


def and_list(items: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    words = list(items)
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else "".join(words)


def _decode(name: str, data: bytes) -> str:
    if data.startswith(_UTF16_BOMS):
        raise ImportFileError(f"{name} is UTF-16 text; save it again as UTF-8 "
                              "(in Excel: 'CSV UTF-8').")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(
            f"{name} is not UTF-8 text (byte 0x{data[error.start]:02x} on line {line}). "
            "Save it again as UTF-8 (in Excel: 'CSV UTF-8')."
        ) from None


def _read_csv(name: str, data: bytes) -> tuple[list[str], Iterator[tuple[int, dict[str, Any]]]]:
    text = _decode(name, data)
    delimiter = "\t" if Path(name).suffix.lower() == ".tsv" else _sniff_delimiter(text)
    if csv.field_size_limit() < CSV_FIELD_LIMIT:  # raised once, never lowered
        csv.field_size_limit(CSV_FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
        lines = list(reader)
    except StopIteration:
        raise ImportFileError(f"{name} is empty: expected a header row.") from None
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise ImportFileError(
                f"{name}: a cell on line {reader.line_num} is longer than "
                f"{CSV_FIELD_LIMIT:,} characters; is a quote left open before it?") from None
        raise ImportFileError(
            f"{name} is not valid CSV (line {reader.line_num}): {error}.") from None
    return header, _csv_rows(name, header, lines)


def _sniff_delimiter(text: str) -> str:
    try:
        return csv.Sniffer().sniff(text[:4096].split("\n", 1)[0], delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _csv_rows(
    _name: str, header: list[str], lines: list[list[str]]
) -> Iterator[tuple[int, dict[str, Any]]]:
    keys = [str(column).strip().lower() for column in header]
    width = len(keys)
    for number, values in enumerate(lines, start=2):
        if not any(value.strip() for value in values):
            continue  # blank lines, or a row of empty cells that a spreadsheet left behind
        if len(values) != width:
            if len(values) > width and not any(v.strip() for v in values[width:]):
                values = values[:width]
            else:
                message = (f"The row has {len(values)} values but the header has {width} "
                           "columns; check the separators and quotes on that row.")
                yield number, {ROW_PROBLEM: message}
                continue
        yield number, dict(zip(keys, values, strict=True))


def _read_json(name: str, data: bytes) -> tuple[list[str], Iterator[tuple[int, dict[str, Any]]]]:
    text = _decode(name, data)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"{name} is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})."
        ) from None
    if isinstance(document, dict) and isinstance(document.get("rows"), list):
        document = document["rows"]
    if not isinstance(document, list):
        raise ImportFileError(
            f"{name} must hold a JSON list of objects (one per row), or {{\"rows\": [...]}}."
        )
    if not document:
        raise ImportFileError(f"{name} has no rows to import.")
    header: list[str] = []
    for number, item in enumerate(document, start=1):
        if not isinstance(item, dict):
            raise ImportFileError(f"{name}: item {number} of the list is not an object.")
        for key in item:
            if key not in header:
                header.append(key)
    keys = {key: str(key).strip().lower() for key in header}
    rows = (
        (number, {keys[k]: v for k, v in item.items()})
        for number, item in enumerate(document, start=1)
    )
    return header, rows


def _read_xlsx(
    name: str, data: bytes, columns: ColumnSet
) -> tuple[str, list[str], Iterator[tuple[int, dict[str, Any]]]]:
    """The chosen worksheet's title, header and rows (see `_choose_sheet`)."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise ImportFileError(f"{name} is not a readable Excel workbook (.xlsx).") from None
    try:
        sheet = _choose_sheet(name, workbook.worksheets, columns)
        values = sheet.iter_rows(values_only=True)
        header = _header(next(values, ()))
        cells = [list(row) for row in values]
    finally:
        workbook.close()
    return sheet.title, [str(h) if h is not None else "" for h in header], _xlsx_rows(header,
                                                                                      cells)


def _header(first_row: Iterable[Any] | None) -> list[Any]:
    header = list(first_row or ())
    while header and header[-1] in (None, ""):
        header.pop()
    return header


def _choose_sheet(name: str, sheets: list[Any], columns: ColumnSet) -> Any:
    """The first worksheet; or, when it names none of the required columns (instructions,
    a cover page) and exactly one other worksheet names them all, that one."""

    def names(sheet: Any) -> set[str]:
        first = next(sheet.iter_rows(max_row=1, values_only=True), ())
        return {str(value).strip().lower() for value in _header(first) if value is not None}

    first = sheets[0]
    if set(columns.required) & names(first):
        return first
    fitting = [sheet for sheet in sheets[1:] if set(columns.required) <= names(sheet)]
    if len(fitting) == 1:
        return fitting[0]
    if fitting:
        raise ImportFileError(
            f"{name}: the first worksheet, '{first.title}', is not a {columns.what} table, and "
            f"more than one other worksheet is ({and_list(repr(s.title) for s in fitting)}); "
            "only one is read: put the one to import first."
        )
    raise ImportFileError(
        f"{name}: the first worksheet, '{first.title}', is not a {columns.what} table: its "
        f"first row names none of the required columns ({', '.join(columns.required)}). "
        "Only the first worksheet is read (or the one other worksheet whose first row names "
        "them all); put the table first, with the column names in row 1."
    )


def _xlsx_rows(
    header: list[Any], cells: Iterable[list[Any]]
) -> Iterator[tuple[int, dict[str, Any]]]:
    keys = [str(column or "").strip().lower() for column in header]
    width = len(keys)
    for number, row in enumerate(cells, start=2):
        values = [_cell(value) for value in row[:width]]
        if not any(v != "" for v in values):
            continue
        values += [""] * (width - len(values))
        yield number, dict(zip(keys, values, strict=True))


def _cell(value: Any) -> Any:
    """An XLSX cell as the text a person sees (12.0 -> "12", None -> "")."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    return value if isinstance(value, str) else str(value)
