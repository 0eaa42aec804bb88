"""Program deadlines (programs.md §9, §14) with the roll to the next business day."""

from datetime import date

import pytest

from retrodesk.kernel.errors import Conflict
from retrodesk.programs.calendar import washington_calendar
from retrodesk.programs.deadlines import DeadlineKind, deadline_for, ensure_timely

WA = washington_calendar()
K = DeadlineKind


@pytest.mark.parametrize(("kind", "start", "nominal"), [
    (K.INDIVIDUAL_APPLICATION, date(2027, 1, 1), date(2026, 12, 15)),
    (K.NEW_GROUP_NOTICE, date(2027, 4, 1), date(2027, 2, 1)),
    (K.GROUP_RENEWAL, date(2027, 7, 1), date(2027, 6, 1)),
    (K.MEMBER_APPLICATION, date(2027, 10, 1), date(2027, 9, 15)),
    (K.MEMBER_REMOVAL, date(2027, 1, 1), date(2026, 12, 31)),
    (K.MEMBER_APPLICATION, date(2027, 11, 1), date(2027, 9, 15)),   # any day of the quarter
])
def test_the_nominal_deadlines_match_the_calendar_table(kind: DeadlineKind, start: date,
                                                        nominal: date) -> None:
    assert deadline_for(kind, start, WA).nominal == nominal


def test_the_15th_on_a_saturday_rolls_to_monday_and_a_tuesday_filing_is_late() -> None:
    deadline = deadline_for(K.INDIVIDUAL_APPLICATION, date(2025, 4, 1), WA)
    assert (deadline.nominal, deadline.due) == (date(2025, 3, 15), date(2025, 3, 17))
    assert deadline.is_timely(date(2025, 3, 17))
    assert not deadline.is_timely(date(2025, 3, 18))


def test_a_new_group_notice_due_on_a_sunday_rolls_to_monday() -> None:
    deadline = deadline_for(K.NEW_GROUP_NOTICE, date(2027, 1, 1), WA)
    assert (deadline.nominal, deadline.due) == (date(2026, 11, 1), date(2026, 11, 2))


def test_the_protest_deadline_is_sixty_days_after_the_notice_rolled_past_thanksgiving() -> None:
    deadline = deadline_for(K.PROTEST, date(2026, 9, 27), WA)
    assert (deadline.nominal, deadline.due) == (date(2026, 11, 26), date(2026, 11, 30))
    assert deadline.rule == "RCW 51.52.050"


@pytest.mark.parametrize(("kind", "days"), [
    (K.BIIA_APPEAL, 60), (K.CROSS_APPEAL, 20), (K.SUPERIOR_COURT, 30), (K.ASSESSMENT_DUE, 30),
])
def test_clock_lengths(kind: DeadlineKind, days: int) -> None:
    assert (deadline_for(kind, date(2026, 1, 5), WA).nominal - date(2026, 1, 5)).days == days


def test_a_late_filing_is_refused_with_the_nominal_and_rolled_dates_it_missed() -> None:
    deadline = deadline_for(K.INDIVIDUAL_APPLICATION, date(2025, 4, 1), WA)
    with pytest.raises(Conflict) as caught:
        ensure_timely(deadline, date(2025, 3, 18), "the application")
    assert "2025-03-15, rolled to 2025-03-17" in caught.value.message
    assert "received on 2025-03-18 is late" in caught.value.message
