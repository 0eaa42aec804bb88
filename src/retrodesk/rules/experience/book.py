"""The experience-rating and premium rulebook: every parameter and table, keyed by rating year.

Rule: chapter 296-17 WAC — Tables I to IV (WAC 296-17-875 to -890) and the base rates
(WAC 296-17-895) are re-adopted for every rating year (experience.md §12). Each value is a
`rules.model` Parameter/Table whose versions cover one rating year (January 1 to December 31),
with its provenance (an official version wins over an illustrative one). `RatingYear` reads
them and refuses, naming the parameter and the rating year, when one is missing
(experience.md §1.3); it never borrows another year's value.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from retrodesk.kernel.errors import ErrorDetail, RuleNotInForce
from retrodesk.rules.model import Lookup, Parameter, Table

__all__ = [
    "BandTable",
    "ExperienceRulebook",
    "Fund",
    "LimitationRule",
    "RatingYear",
    "YearTables",
    "year_start",
]

T = TypeVar("T")


class Fund(StrEnum):
    """The four rate components (experience.md §2.2)."""

    AF = "accident_fund"
    MA = "medical_aid"
    SAW = "stay_at_work"
    SP = "supplemental_pension"


def year_start(rating_year: int) -> date:
    """The day a rating year's parameters are read at: January 1 of that year."""
    return date(rating_year, 1, 1)


@dataclass(frozen=True, slots=True)
class BandTable:
    """A table banded by expected losses: each row's values apply from its lower bound up.

    Rule: read at the row with the greatest lower bound not exceeding E (experience.md §7.1).
    """

    lowers: tuple[Decimal, ...]
    values: tuple[tuple[Decimal, ...], ...]

    def __post_init__(self) -> None:
        if not self.lowers or list(self.lowers) != sorted(set(self.lowers)):
            raise ValueError("band lower bounds must be distinct and ascending")
        if self.lowers[0] != 0:
            raise ValueError("the first band must start at expected losses of 0")

    def at(self, expected: Decimal) -> tuple[Decimal, ...]:
        """The values of the band containing expected losses E (experience.md §7.1)."""
        return self.values[bisect_right(self.lowers, expected) - 1]

    def band(self, expected: Decimal) -> tuple[Decimal, Decimal | None]:
        """The band containing `expected`: its lower bound and the next band's (None: open)."""
        index = bisect_right(self.lowers, expected) - 1
        upper = self.lowers[index + 1] if index + 1 < len(self.lowers) else None
        return self.lowers[index], upper


@dataclass(frozen=True, slots=True)
class LimitationRule:
    """The annual limitation (WAC 296-17-865): at most ±max_change from the prior factor,
    except that a prior above `exception_prior` with a new factor below `exception_factor`
    gives `exception_factor`."""

    max_change: Decimal
    exception_prior: Decimal
    exception_factor: Decimal


@dataclass(frozen=True, slots=True)
class YearTables:
    """Everything the experience and premium engines read for one rating year, with provenance."""

    split_point: Parameter[Decimal]  # Table I, WAC 296-17-875
    max_claim_value: Parameter[Decimal]  # Table I, WAC 296-17-875
    medical_only_deduction: Parameter[Decimal]  # WAC 296-17-870
    average_death_value: Parameter[Decimal]  # WAC 296-17-870
    credibility: Parameter[BandTable]  # Table II, WAC 296-17-880: (Zp, Ze)
    claim_free_max: Parameter[BandTable]  # Table IV, WAC 296-17-890: (maximum,)
    expected_loss_rates: Table[tuple[str, int], Decimal]  # Table III, WAC 296-17-885
    primary_ratios: Table[str, Decimal]  # Table III, WAC 296-17-885
    base_rates: Table[tuple[str, Fund], Decimal]  # WAC 296-17-895, -89502
    exclusions: Parameter[frozenset[str]]  # WAC 296-17-870 (experience.md §5.4)
    limitation: Parameter[LimitationRule]  # WAC 296-17-865


class ExperienceRulebook:
    """The rulebook by rating year; each year's tables are built on first use from `load(year)`.

    A statewide run reads one or two rating years, so only those are read and built.
    """

    __slots__ = ("_build", "_years")

    def __init__(self, build: Callable[[int], YearTables]) -> None:
        self._build = build
        self._years: dict[int, RatingYear] = {}

    def year(self, rating_year: int) -> RatingYear:
        """The rulebook read at one rating year (cached: each value is looked up once)."""
        found = self._years.get(rating_year)
        if found is None:
            found = self._years[rating_year] = RatingYear(rating_year, self._build(rating_year))
        return found


class RatingYear:
    """The rulebook at one rating year; a missing value is refused with its name and the year."""

    __slots__ = ("_cache", "_day", "rating_year", "tables")

    def __init__(self, rating_year: int, tables: YearTables) -> None:
        self.rating_year = rating_year
        self.tables = tables
        self._day = year_start(rating_year)
        self._cache: dict[object, Lookup[Any]] = {}

    def _in_force(self, parameter: Parameter[Any] | None) -> bool:
        """A version covers the first day of the year; none is borrowed (experience.md §1.3)."""
        return parameter is not None and any(
            v.effective.covers(self._day) for v in parameter.versions
        )

    def refuse(self, what: str, rule: str, path: str) -> RuleNotInForce:
        """The refusal naming what is missing, its rule and the rating year."""
        message = f"rating year {self.rating_year} has no {what} ({rule})"
        return RuleNotInForce(message, [ErrorDetail(path, message)])

    def value(self, parameter: Parameter[T], path: str) -> Lookup[T]:
        """The parameter's value for the rating year; refused (at `path`) when none is in force."""
        key = (parameter.name,)
        found = self._cache.get(key)
        if found is None:
            if not self._in_force(parameter):
                raise self.refuse(parameter.label, parameter.rule, path)
            found = self._cache[key] = parameter.at(self._day)
        return found

    def keyed(self, table: Table[Any, T], key: object, what: str, path: str) -> Lookup[T]:
        """The table's value for `key` in the rating year; refused (naming `what`) when none."""
        cache_key = (table.name, key)
        found = self._cache.get(cache_key)
        if found is None:
            entry = table.entries.get(key)
            if entry is None or not self._in_force(entry):
                raise self.refuse(what, table.rule, path)
            found = self._cache[cache_key] = entry.at(self._day)
        return found

    def has(self, table: Table[Any, Any], key: object) -> bool:
        """The table has a value for `key` in force in the rating year."""
        return self._in_force(table.entries.get(key))

    def has_table(self, table: Table[Any, Any]) -> bool:
        """The rulebook has some entry of this table for the year (else the table is missing)."""
        return bool(table.entries)
