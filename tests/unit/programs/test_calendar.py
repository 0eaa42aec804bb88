"""Washington legal holidays (RCW 1.16.050) and the roll to the next business day (RCW 1.12.040)."""

from datetime import date

import pytest

from retrodesk.programs.calendar import washington_calendar

WA = washington_calendar()


def test_the_2026_washington_holidays_are_the_eleven_of_rcw_1_16_050() -> None:
    assert WA.holidays(2026) == {
        date(2026, 1, 1): "New Year's Day",
        date(2026, 1, 19): "Martin Luther King Jr. Day",
        date(2026, 2, 16): "Presidents' Day",
        date(2026, 5, 25): "Memorial Day",
        date(2026, 6, 19): "Juneteenth",
        date(2026, 7, 3): "Independence Day",          # July 4 is a Saturday: kept Friday
        date(2026, 9, 7): "Labor Day",
        date(2026, 11, 11): "Veterans Day",
        date(2026, 11, 26): "Thanksgiving Day",
        date(2026, 11, 27): "Native American Heritage Day",
        date(2026, 12, 25): "Christmas Day",
    }


def test_juneteenth_is_not_a_holiday_before_2022() -> None:
    assert date(2021, 6, 18) not in WA.holidays(2021)
    assert date(2021, 6, 19) not in WA.holidays(2021)


def test_a_sunday_holiday_is_kept_the_following_monday() -> None:
    assert WA.holiday_name(date(2023, 1, 2)) == "New Year's Day"


def test_new_years_day_on_a_saturday_is_kept_on_the_previous_december_31() -> None:
    assert WA.holiday_name(date(2021, 12, 31)) == "New Year's Day"
    assert WA.roll_forward(date(2021, 12, 31)) == date(2022, 1, 3)


@pytest.mark.parametrize(("nominal", "due"), [
    (date(2025, 3, 15), date(2025, 3, 17)),      # Saturday → Monday
    (date(2026, 11, 26), date(2026, 11, 30)),    # Thanksgiving, Heritage Day, weekend
    (date(2026, 5, 25), date(2026, 5, 26)),      # Memorial Day → Tuesday
    (date(2026, 3, 16), date(2026, 3, 16)),      # an ordinary Monday stays
])
def test_a_deadline_rolls_to_the_next_business_day(nominal: date, due: date) -> None:
    assert WA.roll_forward(nominal) == due


def test_an_administrator_can_add_a_closure_day() -> None:
    closed = WA.with_extra([date(2026, 3, 16)])
    assert closed.roll_forward(date(2026, 3, 16)) == date(2026, 3, 17)
