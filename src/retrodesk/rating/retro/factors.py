"""Where each factor of a retro calculation comes from: the case's what-if, else the rulebook.

Rule: WAC 296-17B-040 — rulebook parameters are those in force on the coverage-period start;
per-adjustment actuarial inputs (DLDF, ELR, PAF) are keyed by the start quarter and the adjustment
number (retro.md §1, §4.4). A value the case gives takes origin `case` (spec/calc-io.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TypeVar

from retrodesk.rating.retro.inputs import RetroCase
from retrodesk.rules.model import Lookup, Parameter, from_case
from retrodesk.rules.retro.book import FatalityValues, Fund, RetroRulebook
from retrodesk.rules.retro.catalog import load_retro_rulebook

__all__ = ["Factors", "default_rulebook"]

T = TypeVar("T")


def default_rulebook() -> RetroRulebook:
    """The packaged rulebook (loaded once; official tables supersede illustrative ones)."""
    return load_retro_rulebook()


@dataclass(slots=True)
class Factors:
    """Resolves, once per calculation, every factor the pipeline reads."""

    case: RetroCase
    rulebook: RetroRulebook
    _dldf: dict[tuple[str, Fund], Lookup[Decimal]] = field(default_factory=dict)

    @property
    def start(self) -> date:
        return self.case.coverage_period_start

    def _given_or_in_force(self, given: T | None, parameter: Parameter[T]) -> Lookup[T]:
        """The case's what-if when it gives one, else the version in force on the start."""
        if given is not None:
            return from_case(parameter.name, given, parameter.rule)
        return parameter.at(self.start)

    def premium_admin_expense(self) -> Lookup[Decimal]:
        """Rule: WAC 296-17B-420."""
        return self._given_or_in_force(self.case.factors.premium_admin_expense,
                                       self.rulebook.premium_admin_expense)

    def claims_admin_expense(self) -> Lookup[Decimal]:
        """Rule: WAC 296-17B-430."""
        return self._given_or_in_force(self.case.factors.claims_admin_expense,
                                       self.rulebook.claims_admin_expense)

    def fatality(self) -> Lookup[FatalityValues]:
        """Rule: WAC 296-17B-540(1)."""
        return self._given_or_in_force(self.case.factors.fatality, self.rulebook.fatality)

    def fatality_unconfirmed_year(self) -> int | None:
        """The start year when it is later than the newest loaded fatality row (retro.md §10)."""
        if self.case.factors.fatality is not None:
            return None
        newest = max((v.effective.start.year for v in self.rulebook.fatality.versions), default=0)
        return self.start.year if self.start.year > newest else None

    def paf(self) -> Lookup[Decimal]:
        """Rule: WAC 296-17B-610 (one PAF per start quarter and adjustment)."""
        table = self.rulebook.paf
        if self.case.factors.paf is not None:
            return from_case(table.name, self.case.factors.paf, table.rule)
        return table.at(self.case.adjustment, self.start,
                        what=f"performance adjustment factor for adjustment {self.case.adjustment}")

    def elr(self, fund: Fund) -> Lookup[Decimal]:
        """Rule: WAC 296-17B-540(3), -830."""
        table = self.rulebook.elr
        given = self.case.factors.elr.get(fund)
        if given is not None:
            return from_case(f"{table.name}.{fund.value}", given, table.rule)
        return table.at((self.case.adjustment, fund), self.start,
                        what=f"{fund.name} ELR factor for adjustment {self.case.adjustment}")

    def dldf(self, claim_type: str, fund: Fund) -> Lookup[Decimal]:
        """Rule: WAC 296-17B-540(1), -810 (by claim type, fund and enrollment period)."""
        key = (claim_type, fund)
        found = self._dldf.get(key)
        if found is None:
            found = self._resolve_dldf(claim_type, fund)
            self._dldf[key] = found
        return found

    def _resolve_dldf(self, claim_type: str, fund: Fund) -> Lookup[Decimal]:
        table = self.rulebook.dldf
        given = self.case.factors.dldf.get((claim_type, fund))
        if given is not None:
            return from_case(f"{table.name}.{claim_type}.{fund.value}", given, table.rule)
        return table.at((self.case.adjustment, claim_type, fund), self.start,
                        what=f"{fund.name} DLDF for {claim_type} claims, adjustment "
                             f"{self.case.adjustment}")

    def claim_types(self) -> tuple[str, ...]:
        """Rule: WAC 296-17B-810, -840 (claim types are a rulebook enumeration)."""
        return self.rulebook.claim_types.at(self.start).value
