"""Row checks for the retro tables an administrator loads (all but the insurance tables).

Rule: retro.md §6 "Import checks" and §4.4 — size-group rows contiguous without gaps or overlaps;
hazard groups 1–9; DLDF, ELR factors and PAF keyed by (coverage-period start quarter, adjustment
…), each key once, and never a second official value for a key already loaded. Each function
records every problem in `problems` and returns the files of the load (packaged layout).
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from retrodesk.kernel.errors import RuleNotInForce
from retrodesk.kernel.parsing import Problems
from retrodesk.kernel.periods import Effective, quarter_start
from retrodesk.rules.model import Origin, Table
from retrodesk.rules.retro.book import Fund, RetroRulebook
from retrodesk.rules.tabular import Sheet, SheetRow

__all__ = [
    "actuarial_files",
    "hazard_group_files",
    "normalized_csv",
    "parameter_files",
    "size_group_files",
]

CENT = Decimal("0.01")
# Row names an administrator may use → (rulebook parameter, fund part for the fatality values).
PARAMETER_ROWS = {
    "premium_admin_expense": "premium_admin_expense", "pae": "premium_admin_expense",
    "claims_admin_expense": "claims_admin_expense", "cae": "claims_admin_expense",
    "fatality_af": "fatality_af", "fatality_accident_fund": "fatality_af",
    "fatality_ma": "fatality_ma", "fatality_medical_aid": "fatality_ma",
}


def normalized_csv(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """The packaged CSV layout of a validated table."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _parameter_value(row: SheetRow, name: str) -> Decimal | None:
    if name.startswith("fatality_"):
        value = row.decimal("value", minimum=Decimal(1))
        if value is not None and value != value.to_integral_value():
            row.add("value", f"{value}: fatality values are whole dollars")
            return None
        return value
    return row.decimal("value", minimum=Decimal(0), below=Decimal(1))


def parameter_files(sheet: Sheet, problems: Problems) -> tuple[dict[str, str], tuple[str, ...]]:
    """PAE, CAE and fatality values (WAC 296-17B-420, -430, -540(1)): `parameter,value`."""
    values: dict[str, tuple[Decimal, SheetRow]] = {}
    for row in sheet.rows:
        raw = row.text("parameter")
        name = PARAMETER_ROWS.get((raw or "").strip().lower())
        if raw is not None and name is None:
            row.add("parameter", f"{raw!r} is not one of {', '.join(sorted(PARAMETER_ROWS))}")
        value = _parameter_value(row, name) if name is not None else None
        if name is None or value is None:
            continue
        if name in values:
            row.add("parameter", f"{name} repeats row {values[name][1].number}")
        values[name] = (value, row)
    if ("fatality_af" in values) != ("fatality_ma" in values):
        problems.add(sheet.file, "fatality values need both fatality_af and fatality_ma rows")
    names = {"fatality" if n.startswith("fatality_") else n for n in values}
    rows = [[name, values[name][0]] for name in sorted(values)]
    return {"parameters.csv": normalized_csv(["parameter", "value"], rows)}, tuple(sorted(names))


def size_group_files(sheet: Sheet, problems: Problems) -> dict[str, str]:
    """Size ranges (WAC 296-17B-900): groups 1, 2, … in order, contiguous at cents, last open."""
    rows: list[list[object]] = []
    previous_high: Decimal | None = None
    last = len(sheet.rows) - 1
    for index, row in enumerate(sheet.rows):
        number = row.integer("size_group", low=1)
        low = row.decimal("low", minimum=Decimal(0))
        high = row.decimal("high", required=index != last, minimum=Decimal(0))
        if number is not None and number != index + 1:
            row.add("size_group", f"expected size group {index + 1} (rows in order from 1)")
        if index == last and high is not None:
            row.add("high", "the last size group is open-ended: leave high empty")
        if low is not None and high is not None and high < low:
            row.add("high", f"{high} is below low {low}")
        if low is not None and previous_high is not None and low != previous_high + CENT:
            what = "gap" if low > previous_high + CENT else "overlap"
            row.add("low", f"{what}: low {low} should be {previous_high + CENT} "
                           "(previous high + 0.01)")
        previous_high = high
        rows.append([number, low, "" if high is None else high])
    return {"size_groups.csv": normalized_csv(["size_group", "low", "high"], rows)}


def hazard_group_files(sheet: Sheet, problems: Problems) -> dict[str, str]:
    """Risk class → hazard group 1–9 (WAC 296-17-901), each class once."""
    seen: dict[str, int] = {}
    rows: list[list[object]] = []
    for row in sheet.rows:
        risk_class = row.text("risk_class")
        hg = row.integer("hazard_group", low=1, high=9)
        if risk_class is not None and risk_class in seen:
            row.add("risk_class", f"{risk_class} repeats row {seen[risk_class]}")
        elif risk_class is not None:
            seen[risk_class] = row.number
        rows.append([risk_class, hg])
    return {"class_hazard_groups.csv": normalized_csv(["risk_class", "hazard_group"], rows)}


def _quarter(row: SheetRow, window: Effective) -> date | None:
    day = row.date("coverage_period_start")
    if day is not None and quarter_start(day) != day:
        row.add("coverage_period_start",
                f"{day} is not a quarter start (Jan 1, Apr 1, Jul 1, Oct 1)")
        return None
    if day is not None and not window.covers(day):
        row.add("coverage_period_start", f"{day} is outside the load's effective range {window}")
        return None
    return day


def _claim_types(book: RetroRulebook, day: date) -> list[str]:
    try:
        return [t for t in book.claim_types.at(day).value if t != "fatal"]
    except RuleNotInForce:
        return []


def _key_parts(kind: str, row: SheetRow, book: RetroRulebook, day: date | None) -> tuple[
        object, ...] | None:
    adjustment = row.integer("adjustment", low=1, high=3)
    parts: list[object] = [adjustment]
    if kind == "dldf":
        types = _claim_types(book, day) if day is not None else None
        parts.append(row.text("claim_type", choices=types))
    if kind in ("dldf", "elr"):
        fund = row.text("fund", choices=[f.value for f in Fund])
        parts.append(None if fund is None else Fund(fund))
    return None if any(p is None for p in parts) else tuple(parts)


def _expected_keys(kind: str, book: RetroRulebook, day: date, adjustment: int) -> set[object]:
    if kind == "dldf":
        return {(adjustment, t, f) for t, f in itertools.product(_claim_types(book, day), Fund)}
    if kind == "elr":
        return {(adjustment, f) for f in Fund}
    return {adjustment}


def _already_official(table: Table[object, Decimal], key: object, day: date) -> str | None:
    parameter = table.entries.get(key)
    for version in () if parameter is None else parameter.versions:
        if version.origin is Origin.OFFICIAL and version.effective.covers(day):
            return version.version
    return None


def actuarial_files(kind: str, sheet: Sheet, book: RetroRulebook, window: Effective,
                    problems: Problems) -> dict[str, str]:
    """DLDF, ELR or PAF rows (retro.md §4.4); factors > 0; each (quarter, adjustment) complete."""
    table: Table[object, Decimal] = getattr(book, kind)
    found: dict[tuple[date, object], SheetRow] = {}
    rows: list[list[object]] = []
    for row in sheet.rows:
        day = _quarter(row, window)
        parts = _key_parts(kind, row, book, day)
        factor = row.decimal("factor", minimum=CENT)
        if day is None or parts is None or factor is None:
            continue
        key = parts[0] if kind == "paf" else parts
        if (day, key) in found:
            row.add(None, f"repeats row {found[(day, key)].number}")
            continue
        found[(day, key)] = row
        cited = _already_official(table, key, day)
        if cited is not None:
            row.add(None, f"overlap: an official value for {day} is already loaded ({cited})")
        rows.append([day, *[p.value if isinstance(p, Fund) else p for p in parts], factor])
    _check_complete(kind, found, book, sheet.file, problems)
    header = {"dldf": ["coverage_period_start", "adjustment", "claim_type", "fund", "factor"],
              "elr": ["coverage_period_start", "adjustment", "fund", "factor"],
              "paf": ["coverage_period_start", "adjustment", "factor"]}[kind]
    return {f"{kind}.csv": normalized_csv(header, rows)}


def _check_complete(kind: str, found: dict[tuple[date, object], SheetRow], book: RetroRulebook,
                    file: str, problems: Problems) -> None:
    groups = sorted({(day, int(str(key[0] if isinstance(key, tuple) else key)))
                     for day, key in found})
    for day, adjustment in groups:
        present = {key for d, key in found if d == day}
        for missing in sorted(_expected_keys(kind, book, day, adjustment) - present, key=str):
            parts = missing[1:] if isinstance(missing, tuple) else ()
            what = " ".join(p.value if isinstance(p, Fund) else str(p) for p in parts)
            problems.add(file, f"{kind} for {day}, adjustment {adjustment}: missing row {what}")
