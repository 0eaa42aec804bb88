"""Effective-dated rule parameters with provenance: what a value is, since when, and who says so.

Rule: a coverage period is governed by the rules in force on its first day (WAC 296-17B-040); an
experience rating by its rating year (WAC 296-17-855). Every value carries its provenance —
`official` (with the adopting rule, e.g. a WSR number) or `illustrative` (with the method that
produced it) — and a lookup for a day no version covers raises `RuleNotInForce`; it never falls
back to a neighbouring version.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Generic, TypeVar

from retrodesk.kernel.errors import ErrorDetail, RuleNotInForce
from retrodesk.kernel.periods import Effective

__all__ = [
    "Lookup",
    "Origin",
    "Parameter",
    "Source",
    "Table",
    "Version",
    "case_source",
    "from_case",
]

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


class Origin(StrEnum):
    """Where a value comes from."""

    OFFICIAL = "official"
    ILLUSTRATIVE = "illustrative"
    CASE = "case"


@dataclass(frozen=True, slots=True)
class Source:
    """One table or parameter a result used: its name, origin and version.

    `version` is the adopting citation for official values (e.g. "WSR 23-17-146, eff. 2023-10-01"),
    the method for illustrative ones (e.g. "illustrative: table-m-lognormal v1"), or "case".
    """

    name: str
    origin: Origin
    version: str

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "origin": self.origin.value, "version": self.version}


@dataclass(frozen=True, slots=True)
class Lookup(Generic[T]):
    """A value with the source it came from and the rule that uses it."""

    value: T
    source: Source
    rule: str


def case_source(name: str) -> Source:
    """The source of a value the case itself gives, origin `case`.

    Rule: spec/calc-io.md — a value given in the case replaces the rulebook's for that calculation.
    """
    return Source(name, Origin.CASE, "case")


def from_case(name: str, value: T, rule: str) -> Lookup[T]:
    """A value the case gives, as a lookup citing the rule that uses it (origin `case`)."""
    return Lookup(value, case_source(name), rule)


@dataclass(frozen=True, slots=True)
class Version(Generic[T]):
    """One adopted (or illustrative) value and the range of dates it governs."""

    effective: Effective
    value: T
    origin: Origin
    version: str


@dataclass(frozen=True, slots=True)
class Parameter(Generic[T]):
    """A named rule parameter with its effective-dated versions.

    When an official and an illustrative version both cover a day, the official one is used: an
    administrator's loaded table supersedes the shipped illustrative one for its dates.
    """

    name: str
    label: str
    rule: str
    versions: tuple[Version[T], ...] = ()

    def at(self, day: date, *, what: str | None = None) -> Lookup[T]:
        """The value in force on `day`.

        Raises:
            RuleNotInForce: no version covers `day`; the message names the parameter and date.
        """
        chosen = self.version_at(day, what=what)
        return Lookup(chosen.value, Source(self.name, chosen.origin, chosen.version), self.rule)

    def version_at(self, day: date, *, what: str | None = None) -> Version[T]:
        """The version in force on `day` (with its effective range), chosen as `at` chooses.

        Official beats illustrative; among equals the latest start wins, so an open-ended row stays
        in force until the next adopted row.

        Raises:
            RuleNotInForce: no version covers `day`; the message names the parameter and date.
        """
        covering = [v for v in self.versions if v.effective.covers(day)]
        if not covering:
            subject = what or self.label
            message = f"the rulebook has no {subject} in force on {day} ({self.rule})"
            raise RuleNotInForce(message, [ErrorDetail(self.name, message)])
        return min(covering,
                   key=lambda v: (v.origin is not Origin.OFFICIAL, -v.effective.start.toordinal()))


@dataclass(frozen=True, slots=True)
class Table(Generic[K, T]):
    """A family of parameters keyed by something other than the date (a class, a claim type…)."""

    name: str
    label: str
    rule: str
    entries: Mapping[K, Parameter[T]] = field(default_factory=dict)

    def at(self, key: K, day: date, *, what: str | None = None) -> Lookup[T]:
        """The value for `key` in force on `day`; a missing key or date raises `RuleNotInForce`."""
        parameter = self.entries.get(key)
        subject = what or f"{self.label} for {key}"
        if parameter is None:
            message = f"the rulebook has no {subject} ({self.rule})"
            raise RuleNotInForce(message, [ErrorDetail(self.name, message)])
        return parameter.at(day, what=subject)

    def has(self, key: K) -> bool:
        """Whether the table has any version for `key`."""
        return key in self.entries
