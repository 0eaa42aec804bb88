"""The coordinator's worklist: what is due, in one query.

Applications waiting, deadlines this month, adjustment runs due, protests in their window, appeals
with upcoming dates, groups on probation, additional premiums left unpaid after their due
date with no order of assessment served (programs.md §9, §10, §13, §14; RCW 51.48.120), and
loss-control recommendations to follow up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from retrodesk.kernel.periods import add_months, quarter_start
from retrodesk.programs.adjustments import notice_id_for, participants
from retrodesk.programs.commands import ProgramPorts
from retrodesk.programs.deadlines import DeadlineKind, deadline_for
from retrodesk.programs.lifecycle import (
    AdjustmentState,
    AppealState,
    ApplicationState,
    ProtestState,
    RecommendationState,
    StandingState,
)
from retrodesk.programs.payments import adjustment_of, unpaid_after_due
from retrodesk.programs.probation import provisional_status
from retrodesk.programs.records import ParticipantKind
from retrodesk.programs.schedule import FINAL_ADJUSTMENT, due_adjustments
from retrodesk.programs.workflow import NoticeHeader

__all__ = ["SECTIONS", "WorkItem", "Worklist", "worklist"]

SECTIONS = ("applications", "deadlines", "runs", "protests", "appeals", "probation",
            "collections", "follow_ups")
FOLLOW_UP_DAYS = 14
WAITING = {ApplicationState.RECEIVED, ApplicationState.AWAITING_ENDORSEMENT,
           ApplicationState.UNDER_REVIEW, ApplicationState.APPROVED,
           ApplicationState.AGREEMENT_SENT}
PROTESTS_PENDING = set(ProtestState) - {
    ProtestState.REFUSED, ProtestState.CLOSED, ProtestState.DECIDED, ProtestState.BIIA_APPEAL,
    ProtestState.BIIA_DECIDED, ProtestState.SUPERIOR_COURT}
ENROLLMENT_DEADLINES = (DeadlineKind.INDIVIDUAL_APPLICATION, DeadlineKind.NEW_GROUP_NOTICE,
                        DeadlineKind.GROUP_RENEWAL, DeadlineKind.MEMBER_APPLICATION,
                        DeadlineKind.MEMBER_REMOVAL)


@dataclass(frozen=True, slots=True)
class WorkItem:
    """One thing to do: its section, what it is about, when it is due and a sentence."""

    section: str
    subject: str
    due: date | None
    detail: str

    def as_dict(self) -> dict[str, str | None]:
        return {"section": self.section, "subject": self.subject,
                "due": self.due.isoformat() if self.due else None, "detail": self.detail}


@dataclass(frozen=True, slots=True)
class Worklist:
    as_of: date
    items: tuple[WorkItem, ...]

    def section(self, name: str) -> list[WorkItem]:
        return [i for i in self.items if i.section == name]

    def as_dict(self) -> dict[str, object]:
        return {"as_of": self.as_of.isoformat(),
                **{name: [i.as_dict() for i in self.section(name)] for name in SECTIONS}}


def _applications(ports: ProgramPorts) -> list[WorkItem]:
    return [WorkItem("applications", a.application_id, a.received_on,
                     f"{a.kind.value} application for {a.participant_id or a.group_id} "
                     f"({a.coverage_start}) is {a.state.value}")
            for a in ports.uow.applications.in_state(WAITING)]


def _deadlines(ports: ProgramPorts, as_of: date) -> list[WorkItem]:
    """Enrollment deadlines whose (rolled) date falls in the month of `as_of`."""
    month = (as_of.year, as_of.month)
    found = []
    for offset in range(0, 15, 3):
        start = add_months(quarter_start(as_of), offset)
        for kind in ENROLLMENT_DEADLINES:
            deadline = deadline_for(kind, start, ports.calendar)
            if (deadline.due.year, deadline.due.month) == month:
                found.append(WorkItem("deadlines", f"{kind.value} {start.isoformat()}",
                                      deadline.due, f"{deadline.description} for periods "
                                      f"starting {start.isoformat()} ({deadline.rule})"))
    return sorted(found, key=lambda i: (i.due or as_of, i.subject))


def _runs(ports: ProgramPorts, as_of: date, issued: set[str]) -> list[WorkItem]:
    by_start: dict[date, list[str]] = {}
    kinds = {}
    for enrollment in participants(ports, as_of):
        by_start.setdefault(enrollment.coverage_start, []).append(enrollment.participant_id)
        kinds[enrollment.participant_id] = enrollment.participant_kind
    found = []
    for scheduled in due_adjustments(by_start, as_of):
        waiting = [p for p in by_start[scheduled.coverage_start]
                   if notice_id_for(kinds[p], p, scheduled.coverage_start,
                                    scheduled.number) not in issued]
        if waiting:
            found.append(WorkItem("runs", f"{scheduled.coverage_start} adjustment "
                                  f"{scheduled.number}", scheduled.valuation_date,
                                  f"{len(waiting)} participant(s) not yet adjusted"))
    return found


def _protests(ports: ProgramPorts, as_of: date,
              headers: list[NoticeHeader]) -> list[WorkItem]:
    open_window = [WorkItem("protests", n.notice_id, n.protest_deadline,
                            "protest window open for the adjustment notice")
                   for n in headers
                   if n.state is AdjustmentState.ISSUED and n.protest_deadline >= as_of]
    pending = [WorkItem("protests", p.protest_id, None, f"protest is {p.state.value}")
               for p in ports.uow.protests.in_state(PROTESTS_PENDING)]
    return open_window + pending


def _appeals(ports: ProgramPorts, as_of: date) -> list[WorkItem]:
    horizon = as_of + timedelta(days=90)
    found = [WorkItem("appeals", p.protest_id, p.appeal_deadline,
                      "Notice of Decision: appeal window open")
             for p in ports.uow.protests.in_state({ProtestState.DECIDED})
             if p.appeal_deadline and p.appeal_deadline >= as_of]
    for appeal in ports.uow.appeals.in_state(set(AppealState) - {AppealState.CLOSED}):
        dates = [(d, "Board hearing") for d in appeal.hearing_dates]
        if appeal.court_deadline and appeal.state is AppealState.BIIA_DECIDED:
            dates.append((appeal.court_deadline, "superior court deadline"))
        found += [WorkItem("appeals", appeal.appeal_id, d, what) for d, what in dates
                  if as_of <= d <= horizon]
    return found


def _probation(ports: ProgramPorts, headers: list[NoticeHeader]) -> list[WorkItem]:
    standing = [WorkItem("probation", s.group_id, s.bar_until,
                         f"group is {s.state.value.replace('_', ' ')} (category "
                         f"{s.industry_category})")
                for s in ports.uow.standings.in_state({StandingState.PROBATION,
                                                       StandingState.DENIED})]
    return standing + _provisional(headers)


def _provisional(headers: list[NoticeHeader]) -> list[WorkItem]:
    """Groups whose period is a net assessment so far, before its final adjustment (§13)."""
    latest: dict[tuple[str, date], dict[int, NoticeHeader]] = {}
    for notice in headers:
        if notice.participant_kind == ParticipantKind.GROUP.value:
            period = latest.setdefault((notice.participant_id, notice.coverage_start), {})
            known = period.get(notice.adjustment_number)
            if known is None or notice.revision > known.revision:
                period[notice.adjustment_number] = notice
    found = []
    for (group_id, start), by_number in sorted(latest.items()):
        number = max(by_number)
        cumulative = sum((n.result_amount for n in by_number.values()), Decimal(0))
        if number < FINAL_ADJUSTMENT and cumulative < 0:
            found.append(WorkItem("probation", group_id, None,
                                  f"{start}: {provisional_status(cumulative, number)}"))
    return found


def _collections(ports: ProgramPorts, as_of: date,
                 headers: list[NoticeHeader]) -> list[WorkItem]:
    """Additional premiums past their due date with a balance and no order of assessment
    (WAC 296-17B-780; RCW 51.48.120)."""
    by_id = {n.notice_id: n for n in headers}
    ordered = {adjustment_of(by_id[o.notice_id]) for o in ports.uow.collections.list()
               if o.notice_id in by_id}
    return [WorkItem("collections", n.notice_id, n.payment_due,
                     f"additional premium of {n.participant_kind} {n.participant_id}: {owed} "
                     "unpaid after its due date; serve a notice and order of assessment "
                     "(RCW 51.48.120)")
            for n, owed in unpaid_after_due(headers, ports.uow.payments.list(), as_of)
            if adjustment_of(n) not in ordered]


def _follow_ups(ports: ProgramPorts, as_of: date) -> list[WorkItem]:
    """Open loss-control recommendations to follow up within two weeks (or overdue)."""
    horizon = as_of + timedelta(days=FOLLOW_UP_DAYS)
    found = [WorkItem("follow_ups", r.recommendation_id, r.follow_up_on,
                      f"follow up the advice on {r.area} given to {r.participant_kind} "
                      f"{r.participant_id} on {r.given_on}")
             for r in ports.uow.recommendations.in_state({RecommendationState.OPEN})
             if r.follow_up_on <= horizon]
    return sorted(found, key=lambda i: (i.due or as_of, i.subject))


def worklist(ports: ProgramPorts, as_of: date) -> Worklist:
    """Everything due for a coordinator as of a day."""
    with ports.uow:
        headers = ports.uow.notices.headers()  # every notice, without its case and worksheet
        items = (_applications(ports) + _deadlines(ports, as_of)
                 + _runs(ports, as_of, {n.notice_id for n in headers})
                 + _protests(ports, as_of, headers) + _appeals(ports, as_of)
                 + _probation(ports, headers) + _collections(ports, as_of, headers)
                 + _follow_ups(ports, as_of))
    return Worklist(as_of, tuple(items))
