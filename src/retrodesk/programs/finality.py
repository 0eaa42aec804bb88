"""Time-driven moves: orders become final when their windows pass, enrollments start and end.

Rule: RCW 51.52.050 (an order is final 60 days after it is communicated unless protested or
appealed), RCW 51.52.060, .110; programs.md §15 (Issued → Final, Decided → Final/Closed,
BIIADecided → Closed, Enrolled → Active → Completed).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from retrodesk.programs.commands import ProgramPorts
from retrodesk.programs.events import record_transition
from retrodesk.programs.lifecycle import (
    APPEAL,
    APPLICATION,
    PROTEST,
    AdjustmentState,
    AppealState,
    ApplicationState,
    ProtestState,
)
from retrodesk.programs.protests import move_notice
from retrodesk.programs.schedule import coverage_end
from retrodesk.programs.workflow import Protest

__all__ = ["Finalized", "close_expired"]


@dataclass(frozen=True, slots=True)
class Finalized:
    """How many records each kind of time-driven move touched."""

    notices_final: int
    protests_closed: int
    appeals_closed: int
    enrollments_moved: int


def close_expired(ports: ProgramPorts, as_of: date, actor: str = "system") -> Finalized:
    """Apply every move whose window ended before `as_of` (the deadline day itself still counts)."""
    with ports.uow:
        notices = _unprotested_notices(ports, as_of, actor)
        protests_closed, decided_final = _decided_protests(ports, as_of, actor)
        appeals_closed = _decided_appeals(ports, as_of, actor)
        moved = _enrollments(ports, as_of, actor)
        ports.uow.commit()
    return Finalized(notices + decided_final, protests_closed, appeals_closed, moved)


def _unprotested_notices(ports: ProgramPorts, as_of: date, actor: str) -> int:
    count = 0
    for notice in ports.uow.notices.list():
        if notice.state is AdjustmentState.ISSUED and notice.protest_deadline < as_of:
            move_notice(ports, notice, AdjustmentState.FINAL, actor, "RCW 51.52.050")
            count += 1
    return count


def _move_protest(ports: ProgramPorts, protest: Protest, target: ProtestState, actor: str,
                  rule: str) -> None:
    record_transition(ports.uow, PROTEST, "protest", protest.protest_id, protest.state, target,
                      actor=actor, at=ports.clock.now(), rule=rule)
    ports.uow.protests.update(replace(protest, state=target, version=protest.version + 1))


def _decided_protests(ports: ProgramPorts, as_of: date, actor: str) -> tuple[int, int]:
    """A Notice of Decision not appealed in 60 days: the protest closes, the order is final."""
    closed = final = 0
    for protest in ports.uow.protests.list():
        deadline = protest.appeal_deadline
        if protest.state is not ProtestState.DECIDED or deadline is None or deadline >= as_of:
            continue
        _move_protest(ports, protest, ProtestState.CLOSED, actor, "RCW 51.52.060")
        closed += 1
        for notice_id in (protest.notice_id, protest.revised_notice_id):
            notice = ports.uow.notices.get(notice_id or "")
            if notice is not None and notice.state is AdjustmentState.DECIDED:
                move_notice(ports, notice, AdjustmentState.FINAL, actor, "RCW 51.52.060")
                final += 1
    return closed, final


def _decided_appeals(ports: ProgramPorts, as_of: date, actor: str) -> int:
    """A Board decision not taken to superior court in 30 days ends the appeal."""
    closed = 0
    for appeal in ports.uow.appeals.list():
        deadline = appeal.court_deadline
        if appeal.state is not AppealState.BIIA_DECIDED or deadline is None or deadline >= as_of:
            continue
        record_transition(ports.uow, APPEAL, "appeal", appeal.appeal_id, appeal.state,
                          AppealState.CLOSED, actor=actor, at=ports.clock.now(),
                          rule="RCW 51.52.110")
        ports.uow.appeals.update(replace(appeal, state=AppealState.CLOSED, closed_on=as_of,
                                         outcome=appeal.board_outcome,
                                         version=appeal.version + 1))
        notice = ports.uow.notices.get(appeal.notice_id)
        if notice is not None and notice.state is AdjustmentState.APPEALED:
            move_notice(ports, notice, AdjustmentState.FINAL, actor, "RCW 51.52.110")
        protest = ports.uow.protests.get(appeal.protest_id or "")
        if protest is not None and protest.state is ProtestState.BIIA_DECIDED:
            _move_protest(ports, protest, ProtestState.CLOSED, actor, "RCW 51.52.110")
        closed += 1
    return closed


def _enrollments(ports: ProgramPorts, as_of: date, actor: str) -> int:
    """Enrolled → Active when the coverage quarter begins; Active → Completed after the period."""
    moved = 0
    for app in ports.uow.applications.list():
        steps = []
        if app.state is ApplicationState.ENROLLED and app.first_quarter <= as_of:
            steps.append(ApplicationState.ACTIVE)
        if app.state in (ApplicationState.ENROLLED, ApplicationState.ACTIVE) and \
                app.first_quarter <= as_of and coverage_end(app.coverage_start) < as_of:
            steps.append(ApplicationState.COMPLETED)
        current = app
        for target in steps:
            record_transition(ports.uow, APPLICATION, "application", app.application_id,
                              current.state, target, actor=actor, at=ports.clock.now())
            current = replace(current, state=target)
        if steps:
            ports.uow.applications.update(replace(current, version=app.version + 1))
            moved += 1
    return moved
