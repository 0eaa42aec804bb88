"""What the retro rulebook holds, version by version, with provenance — for people to review.

Rule: retro.md §12 — values that are illustrative must say so wherever they are shown.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from retrodesk.kernel.errors import RuleNotInForce
from retrodesk.kernel.periods import Effective
from retrodesk.rules.model import Origin, Parameter, Table, Version
from retrodesk.rules.retro.book import (
    AhiBand,
    FatalityValues,
    InsuranceTables,
    RatioRange,
    RetroRulebook,
)

__all__ = ["VersionLine", "describe"]


@dataclass(frozen=True, slots=True)
class VersionLine:
    """One version of one parameter (or a group of a keyed table's versions)."""

    name: str
    label: str
    rule: str
    effective: Effective             # for a keyed table: the span of the grouped versions
    origin: Origin
    version: str
    value: str

    @property
    def is_illustrative(self) -> bool:
        return self.origin is Origin.ILLUSTRATIVE


def _text(value: object) -> str:
    if isinstance(value, FatalityValues):
        return f"AF {value.af:,} / MA {value.ma:,} (total {value.total:,})"
    if isinstance(value, RatioRange):
        return f"{value.low}–{value.high}"
    if isinstance(value, InsuranceTables):
        return "tables by hazard group, basis, family, kind, size group, loss limit"
    if isinstance(value, tuple) and value and isinstance(value[0], AhiBand):
        return ", ".join(f"HG {b.hazard_group} {b.low}–{b.high}" for b in value)
    if isinstance(value, Mapping):
        return f"{len(value)} entries"
    if isinstance(value, tuple | frozenset) and len(value) > 10:
        return f"{len(value)} rows"
    if isinstance(value, tuple | frozenset):
        return ", ".join(str(v) for v in value) or "(none)"
    return str(value)


def _parameter_lines(parameter: Parameter[object], as_of: date | None) -> Iterator[VersionLine]:
    chosen: list[Version[object]]
    if as_of is None:
        chosen = sorted(parameter.versions, key=lambda v: (v.effective.start, v.origin.value))
    else:
        try:
            chosen = [parameter.version_at(as_of)]
        except RuleNotInForce:
            chosen = []
    for v in chosen:
        yield VersionLine(parameter.name, parameter.label, parameter.rule, v.effective, v.origin,
                          v.version, _text(v.value))


def _table_lines(table: Table[object, Decimal | int], as_of: date | None) -> Iterator[VersionLine]:
    """Keyed tables: one line per (origin, version), with the span and number of its values."""
    counts: dict[tuple[Origin, str], list[Effective]] = {}
    for parameter in table.entries.values():
        versions = parameter.versions
        if as_of is not None:
            try:
                versions = (parameter.version_at(as_of),)
            except RuleNotInForce:
                versions = ()
        for v in versions:
            counts.setdefault((v.origin, v.version), []).append(v.effective)
    for (origin, version), windows in sorted(counts.items()):
        ends = [w.end for w in windows]
        span = Effective(min(w.start for w in windows),
                         None if None in ends else max(e for e in ends if e is not None))
        yield VersionLine(table.name, table.label, table.rule, span, origin, version,
                          f"{len(windows)} values")


def describe(book: RetroRulebook, as_of: date | None = None) -> list[VersionLine]:
    """Every version, or with `as_of` those in force for a coverage period starting that day."""
    lines: list[VersionLine] = []
    for field in fields(book):
        value = getattr(book, field.name)
        if isinstance(value, Parameter):
            lines.extend(_parameter_lines(value, as_of))
        elif isinstance(value, Table):
            lines.extend(_table_lines(value, as_of))
    return lines
