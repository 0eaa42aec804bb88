"""Reading an administrator's rule table (CSV or Excel), each problem placed by file, row, column.

Used by the official-table loaders of each rulebook. A table is read into rows of text keyed by
canonical column names (header aliases resolved); typed readers record a problem — path
`file.csv:row 7:column max_loss_ratio` — and return None instead of raising, so one pass reports
every problem in the file. Row numbers are the file's own (the header is row 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import re
import zipfile
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from retrodesk.kernel.money import to_decimal
from retrodesk.kernel.parsing import Problems
from retrodesk.kernel.periods import Effective

__all__ = ["Sheet", "SheetRow", "canonical", "read_sheet", "window_problems"]


def canonical(header: str) -> str:
    """`Max Loss-Ratio ` → `max_loss_ratio`."""
    return re.sub(r"[^0-9a-z.]+", "_", header.strip().lower()).strip("_")


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One data row: its number in the file and its cells by canonical column name."""

    file: str
    number: int
    cells: Mapping[str, str]
    problems: Problems

    def path(self, column: str | None = None) -> str:
        """`file.csv:row 7`, or with a column `file.csv:row 7:column max_loss_ratio`."""
        where = f"{self.file}:row {self.number}"
        return where if column is None else f"{where}:column {column}"

    def add(self, column: str | None, message: str) -> None:
        """Record a problem at this row (and column)."""
        self.problems.add(self.path(column), message)

    def text(self, column: str, *, required: bool = True,
             choices: Collection[str] | None = None) -> str | None:
        """The trimmed cell, optionally one of `choices`; blank is None."""
        value = self.cells.get(column, "").strip()
        if not value:
            if required:
                self.add(column, "is required")
            return None
        if choices is not None and value not in choices:
            self.add(column, f"{value!r} is not one of {', '.join(sorted(choices))}")
            return None
        return value

    def decimal(self, column: str, *, required: bool = True, minimum: Decimal | None = None,
                below: Decimal | None = None) -> Decimal | None:
        """A decimal >= `minimum` and < `below` when given."""
        raw = self.text(column, required=required)
        if raw is None:
            return None
        try:
            value = to_decimal(raw)
        except ValueError as exc:
            self.add(column, str(exc))
            return None
        if minimum is not None and value < minimum:
            self.add(column, f"{value} must be >= {minimum}")
            return None
        if below is not None and value >= below:
            self.add(column, f"{value} must be < {below}")
            return None
        return value

    def integer(self, column: str, *, low: int, high: int | None = None) -> int | None:
        """A whole number from `low` to `high` (Excel's `7.0` reads as 7)."""
        raw = self.text(column)
        if raw is None:
            return None
        number = raw[:-2] if raw.endswith(".0") else raw
        if not number.isdigit() or int(number) < low or (high is not None and int(number) > high):
            upper = "" if high is None else f" to {high}"
            self.add(column, f"{raw!r} must be a whole number {low}{upper or ' or more'}")
            return None
        return int(number)

    def date(self, column: str) -> dt.date | None:
        """An ISO date; an Excel date-time keeps its date."""
        raw = self.text(column)
        if raw is None:
            return None
        try:
            return dt.date.fromisoformat(raw[:10])
        except ValueError:
            self.add(column, f"{raw!r} is not a date (YYYY-MM-DD)")
            return None


@dataclass(frozen=True, slots=True)
class Sheet:
    """A table read from one file: canonical columns in file order and the non-empty rows."""

    file: str
    columns: tuple[str, ...]
    rows: tuple[SheetRow, ...]


def _cell_text(value: object) -> str:
    """Excel cells come typed: keep decimals exact (shortest float repr), dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(Decimal(repr(value)))
    return str(value)


def _raw_rows(path: Path, problems: Problems) -> list[list[str]] | None:
    name = path.name
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            import openpyxl  # imported here: only administrators' loads pay for it

            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            try:
                return [[_cell_text(v) for v in row] for row in book.worksheets[0].iter_rows(
                    values_only=True)]
            finally:
                book.close()
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return [list(row) for row in csv.reader(handle)]
    except (OSError, UnicodeDecodeError, csv.Error, zipfile.BadZipFile, KeyError, ValueError,
            IndexError) as exc:
        problems.add(name, f"cannot be read: {exc}")
        return None


def read_sheet(path: Path, *, required: Sequence[str], aliases: Mapping[str, str] | None = None,
               problems: Problems, extra: bool = False) -> Sheet | None:
    """Read a CSV or .xlsx (first worksheet) table; None when it cannot be used at all.

    Args:
        required: canonical column names that must be present (each missing one is a problem).
        aliases: other header spellings (canonical form) → canonical column name.
        extra: allow columns not in `required` (e.g. loss-ratio columns); else they are problems.
    """
    raw = _raw_rows(path, problems)
    if raw is None:
        return None
    raw = [row for row in raw if any(cell.strip() for cell in row)]
    if not raw:
        problems.add(path.name, "is empty: expected a header row and data rows")
        return None
    names = aliases or {}
    columns = tuple(names.get(canonical(h), canonical(h)) for h in raw[0])
    usable = _check_header(path.name, columns, required, extra, problems)
    rows = tuple(
        SheetRow(path.name, number, dict(zip(columns, cells, strict=False)), problems)
        for number, cells in enumerate(raw[1:], start=2)
    )
    if not rows:
        problems.add(path.name, "has no data rows")
    return Sheet(path.name, columns, rows) if usable else None


def _check_header(file: str, columns: tuple[str, ...], required: Sequence[str], extra: bool,
                  problems: Problems) -> bool:
    usable = True
    for column in required:
        if column not in columns:
            problems.add(f"{file}:row 1:column {column}", "missing column")
            usable = False
    seen: set[str] = set()
    for index, column in enumerate(columns, start=1):
        where = f"{file}:row 1:column {column or index}"
        if column in seen:
            problems.add(where, "column appears twice")
            usable = False
        elif not column and not extra:
            problems.add(where, "column has no name")
        elif not extra and column not in required:
            problems.add(where, "unknown column")
        seen.add(column)
    return usable


def window_problems(windows: Sequence[tuple[str, Effective]]) -> list[tuple[str, str]]:
    """(label, message) for every overlap or gap between effective windows of one table.

    An open-ended window stays in force until the next window starts (so it never overlaps a later
    one); two windows with the same start overlap; a closed window followed by a later start
    leaves a gap.
    """
    found: list[tuple[str, str]] = []
    ordered = sorted(windows, key=lambda item: item[1].start)
    for (before_label, before), (label, after) in itertools.pairwise(ordered):
        if after.start == before.start or (before.end is not None and after.start < before.end):
            found.append((label, f"effective {after} overlaps {before_label} ({before})"))
        elif before.end is not None and after.start > before.end:
            found.append((label, f"gap: nothing is in force from {before.end} until {after.start} "
                                 f"(after {before_label})"))
    return found
