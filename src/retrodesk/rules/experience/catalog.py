"""Assembling the experience rulebook from table entries: packaged tables and official overlays.

An official table an administrator imports replaces the illustrative table of the same kind for
each rating year it covers (experience.md §12.3); other years and other tables are unchanged.
"""

from __future__ import annotations

import csv
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any, cast

from retrodesk.kernel.errors import InvalidInput
from retrodesk.kernel.periods import Effective
from retrodesk.rules.experience.book import (
    BandTable,
    ExperienceRulebook,
    LimitationRule,
    YearTables,
    year_start,
)
from retrodesk.rules.experience.layouts import KINDS, Entry, Row, read_rows
from retrodesk.rules.model import Origin, Parameter, Table, Version
from retrodesk.rules.packaged import packaged_folder

__all__ = [
    "build_year",
    "group_of",
    "packaged",
    "packaged_year_entries",
    "packaged_years",
    "with_official",
]

DATA = packaged_folder("experience")


@functools.cache
def _effective(year: int) -> Effective:
    return Effective(year_start(year), year_start(year + 1))


def group_of(entry: Entry) -> str:
    """What an official import replaces: one scalar parameter, the limitation rule, or a table."""
    if entry.target != "parameter":
        return entry.target
    name = str(entry.key)
    return "limitation" if name.startswith("limitation_") else name


def _combined(entries: Sequence[Entry]) -> tuple[Origin, str]:
    origin = (
        Origin.OFFICIAL
        if all(e.origin is Origin.OFFICIAL for e in entries)
        else Origin.ILLUSTRATIVE
    )
    return origin, "; ".join(dict.fromkeys(e.version for e in entries))


def _by_year(entries: Iterable[Entry]) -> dict[int, list[Entry]]:
    years: dict[int, list[Entry]] = defaultdict(list)
    for entry in entries:
        years[entry.rating_year].append(entry)
    return years


def _parameter(name: str, label: str, rule: str, entries: Iterable[Entry]) -> Parameter[Any]:
    versions = [Version(_effective(e.rating_year), e.value, e.origin, e.version) for e in entries]
    return Parameter(name, label, rule, tuple(versions))


def _yearly(
    name: str,
    label: str,
    rule: str,
    entries: Iterable[Entry],
    make: Callable[[list[Entry]], object],
) -> Parameter[Any]:
    """One version per rating year, its value made from all that year's entries."""
    versions = []
    for year, found in sorted(_by_year(entries).items()):
        origin, version = _combined(found)
        try:
            value = make(found)
        except (ValueError, KeyError) as exc:
            raise InvalidInput(f"{label}, rating year {year}: {exc}") from exc
        versions.append(Version(_effective(year), value, origin, version))
    return Parameter(name, label, rule, tuple(versions))


def _table(name: str, label: str, rule: str, entries: Iterable[Entry]) -> Table[Any, Any]:
    keyed: dict[object, list[Entry]] = defaultdict(list)
    for entry in entries:
        keyed[entry.key].append(entry)
    return Table(
        name,
        label,
        rule,
        {key: _parameter(name, label, rule, found) for key, found in keyed.items()},
    )


def _bands(entries: list[Entry]) -> BandTable:
    rows = sorted(
        (cast(tuple[Decimal, tuple[Decimal, ...]], e.value) for e in entries),
        key=lambda band: band[0],
    )
    return BandTable(tuple(r[0] for r in rows), tuple(r[1] for r in rows))


def _limitation(entries: list[Entry]) -> LimitationRule:
    values = {str(e.key): Decimal(str(e.value)) for e in entries}
    return LimitationRule(
        values["limitation_max_change"],
        values["limitation_exception_prior"],
        values["limitation_exception_factor"],
    )


def _exclusions(found: list[Entry]) -> frozenset[str]:
    return frozenset(str(e.value) for e in found)


# Field → (label used in refusals, rule, how a year's entries become the value: None for a
# scalar parameter, "table" for a keyed table, else a builder of the year's one value).
FIELDS: dict[str, tuple[str, str, Callable[[list[Entry]], object] | str | None]] = {
    "split_point": ("split point", "WAC 296-17-875", None),
    "max_claim_value": ("maximum claim value", "WAC 296-17-875", None),
    "medical_only_deduction": ("medical-only deduction", "WAC 296-17-870", None),
    "average_death_value": ("average death value", "WAC 296-17-870", None),
    "credibility": ("Table II credibility", "WAC 296-17-880", _bands),
    "claim_free_max": ("Table IV claim-free maximum", "WAC 296-17-890", _bands),
    "expected_loss_rates": ("Table III expected loss rate", "WAC 296-17-885", "table"),
    "primary_ratios": ("Table III primary ratio", "WAC 296-17-885", "table"),
    "base_rates": ("base rate", "WAC 296-17-895", "table"),
    "exclusions": ("claim exclusions", "WAC 296-17-870", _exclusions),
    "limitation": ("limitation rule", "WAC 296-17-865", _limitation),
}


def build_year(entries: Iterable[Entry]) -> YearTables:
    """One rating year's tables from its entries (official versions win over illustrative ones)."""
    groups: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        groups[group_of(entry)].append(entry)
    fields: dict[str, object] = {}
    for name, (label, rule, make) in FIELDS.items():
        if make is None:
            fields[name] = _parameter(name, label, rule, groups[name])
        elif make == "table":
            fields[name] = _table(name, label, rule, groups[name])
        else:
            fields[name] = _yearly(name, label, rule, groups[name], cast(Any, make))
    return YearTables(**fields)  # type: ignore[arg-type]


def _read_packaged(year: int, kind: str) -> list[Entry]:
    source = DATA / str(year) / f"{kind}.csv"
    if not source.is_file():
        return []
    with source.open("r", encoding="utf-8") as handle:
        rows = [
            Row(f"experience/{year}/{kind}.csv:row {number}", cells)
            for number, cells in enumerate(csv.DictReader(handle), start=2)
        ]
    return read_rows(kind, rows)


def packaged_years() -> tuple[int, ...]:
    """The rating years the packaged rulebook has tables for."""
    return tuple(sorted(int(p.name) for p in DATA.iterdir() if p.name.isdigit()))


@functools.cache
def packaged_year_entries(year: int) -> tuple[Entry, ...]:
    """Every packaged entry of one rating year (official published values and illustrative ones)."""
    return tuple(entry for kind in KINDS for entry in _read_packaged(year, kind))


def _replaced(packaged: Iterable[Entry], imported: list[Entry]) -> list[Entry]:
    """An imported official table is the whole table of its kind for its year: it replaces the
    packaged entries of that kind and year."""
    replaced = {group_of(e) for e in imported}
    return [e for e in packaged if group_of(e) not in replaced] + imported


@functools.cache
def packaged() -> ExperienceRulebook:
    """The packaged rulebook (each rating year read on first use, once per process)."""
    return ExperienceRulebook(lambda year: build_year(packaged_year_entries(year)))


def with_official(imported: Iterable[Entry]) -> ExperienceRulebook:
    """The packaged rulebook with imported official tables replacing the packaged ones of the
    same kind for each rating year they cover."""
    by_year = _by_year(imported)
    return ExperienceRulebook(
        lambda year: build_year(_replaced(packaged_year_entries(year), by_year.get(year, [])))
    )
