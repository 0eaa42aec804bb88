"""Dates: half-open effective ranges, calendar quarters, month arithmetic and L&I fiscal years."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

__all__ = ["Effective", "add_months", "fiscal_year", "quarter_start"]


@dataclass(frozen=True, slots=True, order=True)
class Effective:
    """A half-open validity range `start <= day < end`; `end=None` is open-ended."""

    start: date
    end: date | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end <= self.start:
            raise ValueError(
                f"effective range ends ({self.end}) on or before it starts ({self.start})"
            )

    def covers(self, day: date) -> bool:
        """Whether `day` falls in the range (the start counts, the end does not)."""
        return self.start <= day and (self.end is None or day < self.end)

    def __str__(self) -> str:
        return f"{self.start} → {self.end or 'open'}"


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later (clamped to the month's last day)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def quarter_start(day: date) -> date:
    """First day of the calendar quarter containing `day` (Jan 1, Apr 1, Jul 1, Oct 1)."""
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def fiscal_year(day: date) -> int:
    """L&I fiscal year: FYn runs July 1 of n−1 to June 30 of n (experience.md §3.1)."""
    return day.year + 1 if day.month >= 7 else day.year
