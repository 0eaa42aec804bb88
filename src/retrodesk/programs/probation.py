"""Probation tracker: consecutive net assessments → probation → denial and the sponsor's bar.

Rule: WAC 296-17B-730; RCW 51.18.050; programs.md §13 (project decisions: a period is a net
assessment when SP − RP₃ < 0 at its final adjustment; a period not enrolled breaks the run; the
bar ends five years after the last day of the third period).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from retrodesk.kernel.periods import add_months
from retrodesk.programs.lifecycle import StandingState
from retrodesk.programs.schedule import coverage_end

__all__ = ["BAR_YEARS", "FinalResult", "Standing", "compute_standing", "provisional_status"]

BAR_YEARS = 5
PROBATION_STREAK = 2
DENIAL_STREAK = 3


@dataclass(frozen=True, slots=True, order=True)
class FinalResult:
    """A coverage period's cumulative result (SP − RP₃) at its final adjustment."""

    coverage_start: date
    net_result: Decimal

    @property
    def is_net_assessment(self) -> bool:
        return self.net_result < 0


@dataclass(frozen=True, slots=True)
class Standing:
    """A group's standing, the run of net assessments behind it, and any bar it caused."""

    state: StandingState
    streak: tuple[FinalResult, ...]
    bar_until: date | None = None

    @property
    def streak_count(self) -> int:
        return len(self.streak)


def compute_standing(results: Iterable[FinalResult]) -> Standing:
    """The standing after the given final results, taken in coverage-period order.

    Recomputing from the whole history lets a revised result (decided protest or appeal) update
    the tracker (programs.md §15.2). Once denied, later results change nothing.
    """
    streak: list[FinalResult] = []
    for result in sorted(results):
        is_next = bool(streak) and (add_months(streak[-1].coverage_start, 12)
                                    == result.coverage_start)
        if not result.is_net_assessment:
            streak = []
            continue
        streak = [*streak, result] if is_next else [result]
        if len(streak) >= DENIAL_STREAK:
            bar = add_months(coverage_end(result.coverage_start), 12 * BAR_YEARS)
            return Standing(StandingState.DENIED, tuple(streak), bar)
    state = {0: StandingState.CLEAR, 1: StandingState.ONE_NET_ASSESSMENT}.get(
        len(streak), StandingState.PROBATION)
    return Standing(state, tuple(streak))


def provisional_status(cumulative_to_date: Decimal, adjustment_number: int) -> str:
    """After adjustments 1 and 2 the tracker only shows a provisional status; it triggers nothing.

    Rule: programs.md §13 (project decision).
    """
    kind = "net assessment" if cumulative_to_date < 0 else "no net assessment"
    return f"provisional after adjustment {adjustment_number}: {kind}"
