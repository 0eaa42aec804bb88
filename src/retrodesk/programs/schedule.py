"""The adjustment schedule: three valuation dates per coverage period; what a run makes due.

Rule: WAC 296-17B-400; retro.md §8 (project decision: valuation n is the day before the coverage
start + 21, 33, 45 months; every date is stored per run and can be overridden).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from retrodesk.kernel.errors import InvalidInput
from retrodesk.kernel.periods import add_months

__all__ = [
    "ADJUSTMENT_NUMBERS",
    "FINAL_ADJUSTMENT",
    "ScheduledAdjustment",
    "coverage_end",
    "due_adjustments",
    "schedule_for",
    "valuation_date",
]

ADJUSTMENT_NUMBERS = (1, 2, 3)
FINAL_ADJUSTMENT = 3
FIRST_VALUATION_MONTHS = 21          # coverage end (12 months) + 9 months
INTERVAL_MONTHS = 12


@dataclass(frozen=True, slots=True, order=True)
class ScheduledAdjustment:
    """Adjustment `number` of the coverage period starting `coverage_start`, valued on a date."""

    coverage_start: date
    number: int
    valuation_date: date

    @property
    def is_final(self) -> bool:
        return self.number == FINAL_ADJUSTMENT


def coverage_end(coverage_start: date) -> date:
    """Last day of the 12-month coverage period (RCW 51.18.010)."""
    return add_months(coverage_start, 12) - timedelta(days=1)


def valuation_date(coverage_start: date, number: int) -> date:
    """The valuation date of adjustment `number` (1, 2 or 3).

    Rule: WAC 296-17B-400; retro.md §8.
    """
    if number not in ADJUSTMENT_NUMBERS:
        raise InvalidInput(f"adjustment number must be 1, 2 or 3, not {number}")
    months = FIRST_VALUATION_MONTHS + INTERVAL_MONTHS * (number - 1)
    return add_months(coverage_start, months) - timedelta(days=1)


def schedule_for(coverage_start: date,
                 overrides: Mapping[int, date] | None = None) -> tuple[ScheduledAdjustment, ...]:
    """The three scheduled adjustments of a coverage period, with any overridden dates."""
    chosen = overrides or {}
    return tuple(ScheduledAdjustment(coverage_start, n,
                                     chosen.get(n) or valuation_date(coverage_start, n))
                 for n in ADJUSTMENT_NUMBERS)


def due_adjustments(coverage_starts: Iterable[date], run_date: date,
                    overrides: Mapping[tuple[date, int], date] | None = None
                    ) -> list[ScheduledAdjustment]:
    """Every adjustment whose valuation date is on or before `run_date`, oldest first.

    Each is computed as of its own valuation date, whatever the run date.
    """
    chosen = overrides or {}
    due: list[ScheduledAdjustment] = []
    for start in set(coverage_starts):
        own = {n: d for (s, n), d in chosen.items() if s == start}
        due.extend(a for a in schedule_for(start, own) if a.valuation_date <= run_date)
    return sorted(due)
