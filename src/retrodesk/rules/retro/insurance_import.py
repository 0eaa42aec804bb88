"""Validating an administrator's insurance charge and savings tables (WAC 296-17B-910…-990).

Rule: retro.md §6 "Import checks" — every hazard group × basis × family × kind present; factors
>= 0; charge factors non-increasing in the maximum loss ratio; savings factors non-decreasing in
the minimum loss ratio; loss-basis k = LICF − LISF < 1 for every combination. Layout: the wide
layout of rules.retro.insurance (docs/rule-tables.md).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from retrodesk.kernel.parsing import Problems
from retrodesk.rules.retro.book import Basis, Family, InsuranceKey, Kind
from retrodesk.rules.retro.insurance import KEY_COLUMNS, FactorRow, format_insurance_csv, key_text
from retrodesk.rules.tabular import Sheet, SheetRow

__all__ = ["ALIASES", "insurance_files"]

ALIASES = {"hg": "hazard_group", "sg": "size_group", "slol": "single_loss_limit",
           "single_loss_occurrence_limit": "single_loss_limit", "table_family": "family"}


def _ratio_columns(sheet: Sheet, problems: Problems) -> dict[str, Decimal]:
    ratios: dict[str, Decimal] = {}
    for column in sheet.columns:
        if column in KEY_COLUMNS:
            continue
        try:
            ratio = Decimal(column)
        except InvalidOperation:
            problems.add(f"{sheet.file}:row 1:column {column}",
                         "unknown column: expected a loss ratio such as 0.40")
            continue
        if not ratio.is_finite() or ratio < 0:
            problems.add(f"{sheet.file}:row 1:column {column}", "loss ratio must be >= 0")
            continue
        ratios[column] = ratio
    if not ratios:
        problems.add(f"{sheet.file}:row 1", "no loss-ratio columns (e.g. 0.40, 0.45, …)")
    return ratios


def _key(row: SheetRow) -> InsuranceKey | None:
    hg = row.integer("hazard_group", low=1, high=9)
    basis = row.text("basis", choices=[b.value for b in Basis])
    family = row.text("family", choices=[f.value for f in Family])
    kind = row.text("kind", choices=[k.value for k in Kind])
    size_group = row.integer("size_group", low=1)
    limit: Decimal | None = None
    if family == Family.LIMITED.value:
        limit = row.decimal("single_loss_limit", minimum=Decimal("0.01"))
        if limit is None:
            return None
    elif row.cells.get("single_loss_limit", "").strip():
        row.add("single_loss_limit", "must be empty for the unlimited family")
        return None
    if hg is None or basis is None or family is None or kind is None or size_group is None:
        return None
    return (hg, Basis(basis), Family(family), Kind(kind), size_group, limit)


def _factors(row: SheetRow, kind: Kind, ratios: dict[str, Decimal]) -> FactorRow | None:
    """Factors >= 0 at the tabulated ratios, monotone as the kind requires."""
    found: list[tuple[Decimal, Decimal, str]] = []
    valid = True
    for column, ratio in sorted(ratios.items(), key=lambda item: item[1]):
        if not row.cells.get(column, "").strip():
            continue
        value = row.decimal(column, minimum=Decimal(0))
        valid = valid and value is not None
        if value is not None:
            found.append((ratio, value, column))
    if not found and valid:
        row.add(None, "no factors: every loss-ratio cell is empty")
        return None
    for (_, before, _), (_, after, column) in itertools.pairwise(found):
        if kind is Kind.CHARGE and after > before:
            row.add(column, f"charge factor {after} rises above {before}: charge factors must "
                            "not increase with the maximum loss ratio")
            valid = False
        elif kind is Kind.SAVINGS and after < before:
            row.add(column, f"savings factor {after} falls below {before}: savings factors must "
                            "not decrease with the minimum loss ratio")
            valid = False
    return tuple((r, v) for r, v, _ in found) if valid else None


def _completeness(rows: dict[InsuranceKey, tuple[FactorRow, SheetRow]], file: str,
                  problems: Problems) -> None:
    present = {(k[0], k[1], k[2], k[3]) for k in rows}
    for combination in itertools.product(range(1, 10), Basis, Family, Kind):
        if combination not in present:
            hg, basis, family, kind = combination
            problems.add(file, f"missing table: hazard group {hg}, {basis.value} basis, "
                               f"{family.value} family, {kind.value} factors")


def _k_below_one(rows: dict[InsuranceKey, tuple[FactorRow, SheetRow]]) -> None:
    """Loss basis: the largest charge less the smallest savings must stay below 1."""
    for key, (charges, row) in rows.items():
        hg, basis, family, kind, size_group, limit = key
        if basis is not Basis.LOSS or kind is not Kind.CHARGE:
            continue
        savings = rows.get((hg, basis, family, Kind.SAVINGS, size_group, limit))
        if savings is None:
            continue
        k = max(v for _, v in charges) - min(v for _, v in savings[0])
        if k >= 1:
            row.add(None, f"{key_text(key)}: k = LICF − LISF reaches {k}; it must stay below 1")


def insurance_files(sheet: Sheet, problems: Problems) -> dict[str, str]:
    """Validate the sheet; the files of the load (hg1.csv … hg9.csv) when it has no problems."""
    ratios = _ratio_columns(sheet, problems)
    rows: dict[InsuranceKey, tuple[FactorRow, SheetRow]] = {}
    for row in sheet.rows:
        key = _key(row)
        factors = _factors(row, key[3], ratios) if key is not None else None
        if key is None or factors is None:
            continue
        if key in rows:
            row.add(None, f"{key_text(key)} repeats row {rows[key][1].number}")
            continue
        rows[key] = (factors, row)
    _completeness(rows, sheet.file, problems)
    _k_below_one(rows)
    return _split(rows.items()) if not problems.items else {}


def _split(rows: Iterable[tuple[InsuranceKey, tuple[FactorRow, SheetRow]]]) -> dict[str, str]:
    by_group: dict[int, dict[InsuranceKey, FactorRow]] = {}
    for key, (factors, _) in rows:
        by_group.setdefault(key[0], {})[key] = factors
    return {f"hg{hg}.csv": format_insurance_csv(found) for hg, found in sorted(by_group.items())}
