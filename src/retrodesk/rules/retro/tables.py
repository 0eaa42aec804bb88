"""Reading the retro rulebook's CSV tables (packaged or loaded) into effective-dated versions.

Rule: WAC 296-17B-040 — rulebook tables are chosen by coverage-period start; DLDF, ELR factors
and PAF by (start quarter, adjustment) (retro.md §4.4), so each of their rows is one version
covering the three months of its quarter.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

from retrodesk.kernel.periods import Effective, add_months
from retrodesk.rules.model import Origin, Version
from retrodesk.rules.retro.book import Fund, InsuranceTables, SizeGroupRow
from retrodesk.rules.retro.insurance import LazyInsuranceRows

__all__ = [
    "ActuarialVersions",
    "class_hazard_groups",
    "insurance_tables",
    "quarter_effective",
    "read_actuarial",
    "size_groups",
]

# key → versions, for Table entries (DLDF key: (adjustment, claim type, fund), ELR: (adjustment,
# fund), PAF: adjustment).
ActuarialVersions = dict[object, list[Version[Decimal]]]


def _rows(text: str) -> Iterator[dict[str, str]]:
    yield from csv.DictReader(io.StringIO(text))


def quarter_effective(start: date) -> Effective:
    """The three months of one coverage-period start quarter."""
    return Effective(start, add_months(start, 3))


def size_groups(text: str) -> tuple[SizeGroupRow, ...]:
    """Rows `size_group,low,high` (high empty on the open-ended last row)."""
    return tuple(
        SizeGroupRow(int(row["size_group"]), Decimal(row["low"]),
                     Decimal(row["high"]) if row["high"] else None)
        for row in _rows(text)
    )


def class_hazard_groups(text: str) -> dict[str, int]:
    """Rows `risk_class,hazard_group`."""
    return {row["risk_class"]: int(row["hazard_group"]) for row in _rows(text)}


def insurance_tables(folder: Path) -> InsuranceTables:
    """The lazily read tables of a folder holding hg1.csv … hg9.csv."""

    def read(hg: int) -> str | None:
        path = folder / f"hg{hg}.csv"
        return path.read_text(encoding="utf-8") if path.is_file() else None

    return InsuranceTables(LazyInsuranceRows(read))


def _actuarial_key(table: str, row: dict[str, str]) -> object:
    adjustment = int(row["adjustment"])
    if table == "dldf":
        return (adjustment, row["claim_type"], Fund(row["fund"]))
    if table == "elr":
        return (adjustment, Fund(row["fund"]))
    return adjustment


def read_actuarial(table: str, text: str, origin: Origin, version: str,
                   into: ActuarialVersions) -> None:
    """Add one version per row of a dldf/elr/paf CSV to `into` (keyed as the Table is)."""
    effective: dict[str, Effective] = {}
    for row in _rows(text):
        start = row["coverage_period_start"]
        window = effective.get(start)
        if window is None:
            window = effective[start] = quarter_effective(date.fromisoformat(start))
        versions = into.setdefault(_actuarial_key(table, row), [])
        versions.append(Version(window, Decimal(row["factor"]), origin, version))
