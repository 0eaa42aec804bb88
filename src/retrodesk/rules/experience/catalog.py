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
from importlib import resources
from typing import Any, cast

from retrodesk.kernel.errors import InvalidInput
from retrodesk.kernel.periods import Effective
from retrodesk.rules.experience.book import (
    BandTable,
    ExperienceRulebook,
    LimitationRule,
    year_start,
)
from retrodesk.rules.experience.layouts import KINDS, PARAMETER_NAMES, Entry, Row, read_rows
from retrodesk.rules.model import Origin, Parameter, Table, Version

__all__ = ["build", "packaged", "packaged_entries", "with_official"]

DATA_PACKAGE = "retrodesk.rules"


@functools.cache
def _effective(year: int) -> Effective:
    return Effective(year_start(year), year_start(year + 1))


def _group(entry: Entry) -> str:
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


def build(entries: Iterable[Entry]) -> ExperienceRulebook:
    """The rulebook holding every entry (several versions of one year: official ones win)."""
    groups: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        groups[_group(entry)].append(entry)

    def scalar(name: str, label: str) -> Parameter[Decimal]:
        return _parameter(name, label, PARAMETER_NAMES[name], groups[name])

    return ExperienceRulebook(
        split_point=scalar("split_point", "split point"),
        max_claim_value=scalar("max_claim_value", "maximum claim value"),
        medical_only_deduction=scalar("medical_only_deduction", "medical-only deduction"),
        average_death_value=scalar("average_death_value", "average death value"),
        credibility=_yearly(
            "credibility", "Table II credibility", "WAC 296-17-880", groups["credibility"], _bands
        ),
        claim_free_max=_yearly(
            "claim_free_max",
            "Table IV claim-free maximum",
            "WAC 296-17-890",
            groups["claim_free_max"],
            _bands,
        ),
        expected_loss_rates=_table(
            "expected_loss_rates",
            "Table III expected loss rate",
            "WAC 296-17-885",
            groups["expected_loss_rates"],
        ),
        primary_ratios=_table(
            "primary_ratios", "Table III primary ratio", "WAC 296-17-885", groups["primary_ratios"]
        ),
        base_rates=_table("base_rates", "base rate", "WAC 296-17-895", groups["base_rates"]),
        exclusions=_yearly(
            "exclusions",
            "claim exclusions",
            "WAC 296-17-870",
            groups["exclusions"],
            lambda found: frozenset(e.value for e in found),
        ),
        limitation=_yearly(
            "limitation", "limitation rule", "WAC 296-17-865", groups["limitation"], _limitation
        ),
    )


def _read_packaged(kind: str) -> list[Entry]:
    source = resources.files(DATA_PACKAGE) / "data" / "experience" / f"{kind}.csv"
    with source.open("r", encoding="utf-8") as handle:
        rows = [
            Row(f"experience/{kind}.csv:{number}", cells)
            for number, cells in enumerate(csv.DictReader(handle), start=2)
        ]
    return read_rows(kind, rows)


@functools.cache
def packaged_entries() -> tuple[Entry, ...]:
    """Every entry of the packaged tables (official published values and illustrative ones)."""
    return tuple(entry for kind in KINDS for entry in _read_packaged(kind))


@functools.cache
def packaged() -> ExperienceRulebook:
    """The packaged rulebook, read once per process."""
    return build(packaged_entries())


def with_official(
    imported: Iterable[Entry], base: Iterable[Entry] | None = None
) -> ExperienceRulebook:
    """The rulebook with imported official tables replacing the packaged ones of the same kind
    for each rating year they cover (an import is the whole table for its year)."""
    added = list(imported)
    replaced = {(_group(e), e.rating_year) for e in added}
    kept = [
        e
        for e in (packaged_entries() if base is None else base)
        if (_group(e), e.rating_year) not in replaced
    ]
    return build([*kept, *added])
