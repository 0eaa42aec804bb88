"""Valuation dates (retro.md §8) and what a run date makes due."""

from datetime import date

import pytest

from retrodesk.kernel.errors import InvalidInput
from retrodesk.programs.schedule import (
    ScheduledAdjustment,
    coverage_end,
    due_adjustments,
    valuation_date,
)


@pytest.mark.parametrize(("start", "dates"), [
    (date(2024, 1, 1), (date(2025, 9, 30), date(2026, 9, 30), date(2027, 9, 30))),
    (date(2024, 4, 1), (date(2025, 12, 31), date(2026, 12, 31), date(2027, 12, 31))),
    (date(2024, 7, 1), (date(2026, 3, 31), date(2027, 3, 31), date(2028, 3, 31))),
    (date(2024, 10, 1), (date(2026, 6, 30), date(2027, 6, 30), date(2028, 6, 30))),
])
def test_valuation_dates_match_the_table(start: date, dates: tuple[date, ...]) -> None:
    assert tuple(valuation_date(start, n) for n in (1, 2, 3)) == dates


def test_coverage_period_ends_after_twelve_months() -> None:
    assert coverage_end(date(2024, 4, 1)) == date(2025, 3, 31)


def test_a_fourth_adjustment_does_not_exist() -> None:
    with pytest.raises(InvalidInput, match="1, 2 or 3"):
        valuation_date(date(2024, 1, 1), 4)


def test_a_run_makes_due_every_adjustment_valued_on_or_before_its_date() -> None:
    due = due_adjustments([date(2024, 1, 1), date(2024, 4, 1)], date(2026, 9, 30))
    assert due == [ScheduledAdjustment(date(2024, 1, 1), 1, date(2025, 9, 30)),
                   ScheduledAdjustment(date(2024, 1, 1), 2, date(2026, 9, 30)),
                   ScheduledAdjustment(date(2024, 4, 1), 1, date(2025, 12, 31))]


def test_an_overridden_valuation_date_is_used() -> None:
    due = due_adjustments([date(2024, 1, 1)], date(2025, 9, 29),
                          {(date(2024, 1, 1), 1): date(2025, 9, 29)})
    assert due == [ScheduledAdjustment(date(2024, 1, 1), 1, date(2025, 9, 29))]
