"""Insurance charge and savings tables on disk: one wide CSV per hazard group, read lazily.

Rule: WAC 296-17B-910…-990 — eight tables per hazard group (premium/loss basis × "no single loss
limit"/"various single loss limits" × charge/savings), by size group and loss ratio.

File layout (the packaged illustrative tables, loaded official tables and the administrator's
upload all use it; docs/rule-tables.md):

    hazard_group,basis,family,kind,size_group,single_loss_limit,0.00,0.05,…,1.60
    7,premium,limited,charge,12,250000,,,,,,,,,0.3412,0.3170,…

One row per (basis, family, kind, size group, limit); the loss-ratio columns are the tabulated
ratios, and an empty cell means "not tabulated" (savings rows stop where charge rows start).
`single_loss_limit` is empty for the "no single loss limit" family.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal

from retrodesk.rules.retro.book import Basis, Family, InsuranceKey, Kind

__all__ = [
    "KEY_COLUMNS",
    "FactorRow",
    "LazyInsuranceRows",
    "format_insurance_csv",
    "key_text",
]

KEY_COLUMNS = ("hazard_group", "basis", "family", "kind", "size_group", "single_loss_limit")
HAZARD_GROUPS = range(1, 10)

# ((loss ratio, factor), …) sorted by loss ratio, as InsuranceTables.rows holds them.
FactorRow = tuple[tuple[Decimal, Decimal], ...]


def key_text(key: InsuranceKey) -> str:
    """A key for people: `HG 7 premium limited charge SG 12 SLOL 250000`."""
    hg, basis, family, kind, size_group, limit = key
    limit_text = "unlimited" if limit is None else f"SLOL {limit}"
    return f"HG {hg} {basis.value} {family.value} {kind.value} SG {size_group} {limit_text}"


def format_insurance_csv(rows: Mapping[InsuranceKey, FactorRow]) -> str:
    """Write rows (any hazard groups) in the wide layout; columns are the union of the ratios."""
    ratios = sorted({ratio for row in rows.values() for ratio, _ in row})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*KEY_COLUMNS, *(f"{r:.2f}" if r == r.quantize(Decimal("0.01")) else str(r)
                                     for r in ratios)])
    for key in sorted(rows, key=_sort_key):
        hg, basis, family, kind, size_group, limit = key
        by_ratio = dict(rows[key])
        cells = ["" if r not in by_ratio else str(by_ratio[r]) for r in ratios]
        writer.writerow([hg, basis.value, family.value, kind.value, size_group,
                         "" if limit is None else str(limit), *cells])
    return out.getvalue()


_ORDER = {Basis.PREMIUM: 0, Basis.LOSS: 1, Family.UNLIMITED: 0, Family.LIMITED: 1,
          Kind.CHARGE: 0, Kind.SAVINGS: 1}


def _sort_key(key: InsuranceKey) -> tuple[int, int, int, int, int, Decimal]:
    hg, basis, family, kind, size_group, limit = key
    return (hg, _ORDER[basis], _ORDER[family], _ORDER[kind], size_group,
            Decimal(0) if limit is None else limit)


def _parse_key(cells: Sequence[str]) -> InsuranceKey:
    limit = cells[5].strip()
    return (int(cells[0]), Basis(cells[1].strip()), Family(cells[2].strip()),
            Kind(cells[3].strip()), int(cells[4]), Decimal(limit) if limit else None)


class LazyInsuranceRows(Mapping[InsuranceKey, FactorRow]):
    """InsuranceTables.rows that reads a hazard group's file only when a key of it is asked for.

    `read(hg)` returns that hazard group's CSV text, or None when there is none. Files written by
    this package are trusted (the loader validated them); factors are parsed per key on first use.
    """

    def __init__(self, read: Callable[[int], str | None]) -> None:
        self._read = read
        self._raw: dict[int, dict[InsuranceKey, tuple[tuple[Decimal, ...], list[str]]]] = {}
        self._parsed: dict[InsuranceKey, FactorRow] = {}

    def _group(self, hg: int) -> dict[InsuranceKey, tuple[tuple[Decimal, ...], list[str]]]:
        found = self._raw.get(hg)
        if found is None:
            text = self._read(hg) if hg in HAZARD_GROUPS else None
            found = {}
            if text is not None:
                reader = csv.reader(io.StringIO(text))
                ratios = tuple(Decimal(c) for c in next(reader)[len(KEY_COLUMNS):])
                for cells in reader:
                    if cells:
                        found[_parse_key(cells)] = (ratios, cells[len(KEY_COLUMNS):])
            self._raw[hg] = found
        return found

    def __getitem__(self, key: InsuranceKey) -> FactorRow:
        parsed = self._parsed.get(key)
        if parsed is None:
            ratios, cells = self._group(key[0])[key]
            parsed = tuple((r, Decimal(c)) for r, c in zip(ratios, cells, strict=True) if c)
            self._parsed[key] = parsed
        return parsed

    def __iter__(self) -> Iterator[InsuranceKey]:
        for hg in HAZARD_GROUPS:
            yield from self._group(hg)

    def __len__(self) -> int:
        return sum(len(self._group(hg)) for hg in HAZARD_GROUPS)
