"""Program deadlines: the nominal date each rule names and the business day it rolls to.

Rule: programs.md §9 (WAC 296-17B-100, -230, -240, -280), §14 (RCW 51.52.050, .060, .110,
RCW 51.48.120); RCW 1.12.040 for the roll to the next business day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from retrodesk.kernel.errors import Conflict, ErrorDetail
from retrodesk.kernel.periods import add_months, quarter_start
from retrodesk.programs.calendar import HolidayCalendar

__all__ = [
    "Deadline",
    "DeadlineKind",
    "deadline_for",
    "ensure_timely",
    "fifteenth_before_quarter",
]


class DeadlineKind(StrEnum):
    """Every deadline the programs compute, with the rule that sets it."""

    INDIVIDUAL_APPLICATION = "individual_application"
    NEW_GROUP_NOTICE = "new_group_notice"
    GROUP_RENEWAL = "group_renewal"
    MEMBER_APPLICATION = "member_application"
    MEMBER_REMOVAL = "member_removal"
    PROTEST = "protest"
    BIIA_APPEAL = "biia_appeal"
    CROSS_APPEAL = "cross_appeal"
    SUPERIOR_COURT = "superior_court"
    ASSESSMENT_DUE = "assessment_due"
    COLLECTION_ORDER = "collection_order"


RULES: dict[DeadlineKind, tuple[str, str]] = {
    DeadlineKind.INDIVIDUAL_APPLICATION: (
        "WAC 296-17B-100(1)(c)", "the 15th of the month before the coverage quarter"),
    DeadlineKind.NEW_GROUP_NOTICE: (
        "WAC 296-17B-240", "two months before the coverage period begins"),
    DeadlineKind.GROUP_RENEWAL: ("WAC 296-17B-230", "one month before the plan year starts"),
    DeadlineKind.MEMBER_APPLICATION: (
        "WAC 296-17B-280", "the 15th of the month before the member's first quarter"),
    DeadlineKind.MEMBER_REMOVAL: (
        "WAC 296-17B-280", "the last day of the prior coverage period"),
    DeadlineKind.PROTEST: ("RCW 51.52.050", "60 days after the notice date"),
    DeadlineKind.BIIA_APPEAL: ("RCW 51.52.060", "60 days after the notice date"),
    DeadlineKind.CROSS_APPEAL: ("RCW 51.52.060", "20 days after the BIIA's notice of the appeal"),
    DeadlineKind.SUPERIOR_COURT: ("RCW 51.52.110", "30 days after the BIIA decision"),
    DeadlineKind.ASSESSMENT_DUE: ("WAC 296-17B-780", "30 days after the notice date"),
    DeadlineKind.COLLECTION_ORDER: ("RCW 51.48.120", "30 days after service"),
}

DAYS_AFTER: dict[DeadlineKind, int] = {
    DeadlineKind.PROTEST: 60,
    DeadlineKind.BIIA_APPEAL: 60,
    DeadlineKind.CROSS_APPEAL: 20,
    DeadlineKind.SUPERIOR_COURT: 30,
    DeadlineKind.ASSESSMENT_DUE: 30,
    DeadlineKind.COLLECTION_ORDER: 30,
}


@dataclass(frozen=True, slots=True)
class Deadline:
    """A deadline: its kind, the date the rule names, and the business day it rolls to."""

    kind: DeadlineKind
    nominal: date
    due: date
    rule: str
    description: str

    def is_timely(self, received_on: date) -> bool:
        """Project decision (programs.md §9): received on or before the rolled date."""
        return received_on <= self.due

    def describe(self) -> str:
        rolled = "" if self.due == self.nominal else f", rolled to {self.due.isoformat()}"
        return f"{self.nominal.isoformat()}{rolled} ({self.description}, {self.rule})"

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind.value, "nominal": self.nominal.isoformat(),
                "due": self.due.isoformat(), "rule": self.rule}


def fifteenth_before_quarter(start: date) -> date:
    """The 15th of the month before the calendar quarter that contains `start`."""
    return add_months(quarter_start(start), -1).replace(day=15)


def _nominal(kind: DeadlineKind, anchor: date) -> date:
    if kind in DAYS_AFTER:
        return anchor + timedelta(days=DAYS_AFTER[kind])
    if kind in (DeadlineKind.INDIVIDUAL_APPLICATION, DeadlineKind.MEMBER_APPLICATION):
        return fifteenth_before_quarter(anchor)
    if kind is DeadlineKind.NEW_GROUP_NOTICE:
        return add_months(anchor, -2)
    if kind is DeadlineKind.GROUP_RENEWAL:
        return add_months(anchor, -1)
    return anchor - timedelta(days=1)          # member removal: last day of the prior period


def deadline_for(kind: DeadlineKind, anchor: date, calendar: HolidayCalendar, *,
                 days: int | None = None) -> Deadline:
    """The deadline of `kind` for `anchor` (a coverage or quarter start, or a notice date).

    Rule: programs.md §9 and §14; `days` overrides the rulebook's day count (e.g. assessment due).
    """
    nominal = anchor + timedelta(days=days) if days is not None else _nominal(kind, anchor)
    rule, description = RULES[kind]
    return Deadline(kind, nominal, calendar.roll_forward(nominal), rule, description)


def ensure_timely(deadline: Deadline, received_on: date, what: str) -> None:
    """Refuse a late filing with the nominal and rolled deadline it missed.

    Raises:
        Conflict: received after the deadline.
    """
    if deadline.is_timely(received_on):
        return
    message = (f"{what} received on {received_on.isoformat()} is late: the deadline was "
               f"{deadline.describe()}")
    raise Conflict(message, [ErrorDetail("received_on", message)])
