"""Reading and writing rows of cells in CSV, Excel (.xlsx) and Parquet; the extension decides.

Readers stream (bounded memory) and yield `(row_number, cells)` with the header as row 1, as a
spreadsheet numbers its rows. A file that cannot be read at all (a truncated workbook, a broken
Parquet file) raises InvalidInput naming the file.
"""

from __future__ import annotations

import csv
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from retrodesk.kernel.errors import InvalidInput

__all__ = ["FORMATS", "format_of", "read_cells", "write_cells"]

FORMATS = (".csv", ".xlsx", ".parquet")
_BATCH = 10_000


def format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InvalidInput(f"{path.name}: unsupported file type {suffix or '(none)'}; "
                           f"use {', '.join(FORMATS)}")
    return suffix


def read_cells(path: Path) -> Iterator[tuple[int, Sequence[object]]]:
    """Every non-empty row of the file's first sheet, header first."""
    suffix = format_of(path)
    if not path.is_file():
        raise InvalidInput(f"{path.name}: no such file")
    readers = {".csv": _read_csv, ".xlsx": _read_xlsx, ".parquet": _read_parquet}
    return readers[suffix](path)


def _read_csv(path: Path) -> Iterator[tuple[int, Sequence[object]]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            for number, row in enumerate(csv.reader(handle), start=1):
                if any(cell.strip() for cell in row):
                    yield number, row
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InvalidInput(f"{path.name}: not a readable UTF-8 CSV file ({exc})") from exc


def _read_xlsx(path: Path) -> Iterator[tuple[int, Sequence[object]]]:
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise InvalidInput(f"{path.name}: not a readable Excel workbook "
                           f"(truncated or damaged: {exc})") from exc
    try:
        sheet = book.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if any(cell is not None and str(cell).strip() for cell in row):
                yield number, row
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as exc:
        raise InvalidInput(f"{path.name}: the workbook is damaged ({exc})") from exc
    finally:
        book.close()


def _read_parquet(path: Path) -> Iterator[tuple[int, Sequence[object]]]:
    connection = duckdb.connect()
    try:
        cursor = connection.execute("SELECT * FROM read_parquet(?)", [str(path)])
        yield 1, [d[0] for d in cursor.description]
        number = 1
        while batch := cursor.fetchmany(_BATCH):
            for row in batch:
                number += 1
                yield number, row
    except duckdb.Error as exc:
        raise InvalidInput(f"{path.name}: not a readable Parquet file ({exc})") from exc
    finally:
        connection.close()


def cell_text(value: object) -> str:
    """A value as file text: dates ISO, Decimals exact, booleans true/false, lists `;`-joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return ";".join(str(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write_cells(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write a header and rows; returns the number of data rows."""
    suffix = format_of(path)
    writers = {".csv": _write_csv, ".xlsx": _write_xlsx, ".parquet": _write_parquet}
    return writers[suffix](path, header, rows)


def _write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow([cell_text(v) for v in row])
            count += 1
    return count


def _excel_value(value: object) -> object:
    if isinstance(value, bool | date | int) or value is None:
        return value
    if isinstance(value, Decimal):
        return value  # written as a number; read back by its decimal text
    return cell_text(value)


def _write_xlsx(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("records")
    sheet.append(list(header))
    count = 0
    for row in rows:
        sheet.append([_excel_value(v) for v in row])
        count += 1
    book.save(path)
    return count


def _write_parquet(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    # Stream through a temporary CSV so that memory stays bounded; every column is text,
    # read back by the same parsers as a CSV file.
    with tempfile.TemporaryDirectory() as folder:
        staging = Path(folder) / "rows.csv"
        count = _write_csv(staging, header, rows)
        connection = duckdb.connect()
        try:
            # COPY takes no parameters for its target; both paths are quoted as SQL literals.
            source = f"read_csv('{_quoted(staging)}', header=true, all_varchar=true)"
            connection.execute(
                f"COPY (SELECT * FROM {source}) TO '{_quoted(path)}' (FORMAT parquet)")  # noqa: S608
        finally:
            connection.close()
    return count


def _quoted(path: Path) -> str:
    return str(path.resolve()).replace("'", "''")
