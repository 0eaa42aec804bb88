"""Business days: Washington State legal holidays and the next-business-day roll of deadlines.

Rule: RCW 1.16.050 (legal holidays; a holiday on a Sunday is kept the following Monday, one on a
Saturday the preceding Friday); RCW 1.12.040 (a deadline on a Saturday, Sunday or legal holiday
moves to the next business day). Project decision (programs.md §9): the calendar is configurable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

__all__ = [
    "HolidayCalendar",
    "HolidayRule",
    "fixed",
    "last_weekday",
    "nth_weekday",
    "washington_calendar",
]

MONDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = 0, 3, 4, 5, 6


@dataclass(frozen=True, slots=True)
class HolidayRule:
    """One named holiday: how to find its date in a year, and the first year it is kept."""

    name: str
    date_in: Callable[[int], date]
    since: int = 1900
    is_observed_on_weekday: bool = True


def fixed(month: int, day: int) -> Callable[[int], date]:
    """A holiday on the same calendar date every year."""
    return lambda year: date(year, month, day)


def nth_weekday(month: int, weekday: int, n: int) -> Callable[[int], date]:
    """The n-th given weekday of a month (e.g. third Monday of January)."""
    def find(year: int) -> date:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    return find


def last_weekday(month: int, weekday: int) -> Callable[[int], date]:
    """The last given weekday of a month (e.g. last Monday of May)."""
    def find(year: int) -> date:
        after = date(year + (month == 12), month % 12 + 1, 1)
        last = after - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    return find


def _day_after(rule: Callable[[int], date]) -> Callable[[int], date]:
    return lambda year: rule(year) + timedelta(days=1)


@dataclass(frozen=True, slots=True)
class HolidayCalendar:
    """A set of holiday rules plus dates an administrator added (e.g. a proclaimed closure)."""

    rules: tuple[HolidayRule, ...]
    extra_dates: frozenset[date] = field(default_factory=frozenset)

    def holidays(self, year: int) -> dict[date, str]:
        """Every legal holiday kept in `year` by name (weekend dates moved per RCW 1.16.050)."""
        kept: dict[date, str] = {day: "declared closure" for day in self.extra_dates
                                 if day.year == year}
        for rule in self.rules:
            if year < rule.since:
                continue
            day = rule.date_in(year)
            if rule.is_observed_on_weekday:
                day = _observed(day)
            kept[day] = rule.name
        return kept

    def holiday_name(self, day: date) -> str | None:
        # New Year's Day of the next year can be kept on Dec 31 of this one.
        return self.holidays(day.year).get(day) or self.holidays(day.year + 1).get(day)

    def is_business_day(self, day: date) -> bool:
        return day.weekday() < SATURDAY and self.holiday_name(day) is None

    def roll_forward(self, day: date) -> date:
        """`day` itself if it is a business day, else the next business day.

        Rule: RCW 1.12.040.
        """
        while not self.is_business_day(day):
            day += timedelta(days=1)
        return day

    def with_extra(self, days: Iterable[date]) -> HolidayCalendar:
        return HolidayCalendar(self.rules, self.extra_dates | frozenset(days))


def _observed(day: date) -> date:
    if day.weekday() == SUNDAY:
        return day + timedelta(days=1)
    if day.weekday() == SATURDAY:
        return day - timedelta(days=1)
    return day


def washington_calendar() -> HolidayCalendar:
    """Washington State legal holidays.

    Rule: RCW 1.16.050 (Juneteenth from 2022, laws of 2021 c 295).
    """
    thanksgiving = nth_weekday(11, THURSDAY, 4)
    return HolidayCalendar((
        HolidayRule("New Year's Day", fixed(1, 1)),
        HolidayRule("Martin Luther King Jr. Day", nth_weekday(1, MONDAY, 3)),
        HolidayRule("Presidents' Day", nth_weekday(2, MONDAY, 3)),
        HolidayRule("Memorial Day", last_weekday(5, MONDAY)),
        HolidayRule("Juneteenth", fixed(6, 19), since=2022),
        HolidayRule("Independence Day", fixed(7, 4)),
        HolidayRule("Labor Day", nth_weekday(9, MONDAY, 1)),
        HolidayRule("Veterans Day", fixed(11, 11)),
        HolidayRule("Thanksgiving Day", thanksgiving),
        HolidayRule("Native American Heritage Day", _day_after(thanksgiving)),
        HolidayRule("Christmas Day", fixed(12, 25)),
    ))
