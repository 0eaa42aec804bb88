"""Safety-training attendance: recorded per employer, read by refund distribution.

The coordinator coordinates safety education and training (product.md); a sponsor's disclosed
terms may share part of a group refund among members who attended an in-person seminar within
a number of years (programs.md §11), so the distribution reads each member's latest in-person
seminar from these records.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from retrodesk.kernel.errors import Conflict, ErrorDetail, InvalidInput, required
from retrodesk.programs.commands import ProgramPorts, RecordTraining
from retrodesk.programs.events import record_creation
from retrodesk.programs.ports import WorkflowUnitOfWork
from retrodesk.programs.workflow import TrainingAttendance

__all__ = ["attendance_of", "last_in_person", "record_training"]


def attendance_of(uow: WorkflowUnitOfWork, account_id: str) -> list[TrainingAttendance]:
    """An employer's seminars, newest first."""
    return sorted((a for a in uow.training.list() if a.account_id == account_id),
                  key=lambda a: (a.attended_on, a.attendance_id), reverse=True)


def last_in_person(uow: WorkflowUnitOfWork, accounts: Collection[str],
                   on_or_before: date) -> dict[str, date]:
    """Each account's latest in-person seminar up to a day (accounts without one are left out)."""
    wanted = set(accounts)
    latest: dict[str, date] = {}
    for a in uow.training.list():
        if a.account_id in wanted and a.is_in_person and a.attended_on <= on_or_before:
            latest[a.account_id] = max(a.attended_on, latest.get(a.account_id, a.attended_on))
    return latest


def record_training(cmd: RecordTraining, ports: ProgramPorts) -> TrainingAttendance:
    """Record an employer's attendance at a seminar.

    Raises:
        NotFound: no such employer. Conflict: the attendance id exists.
        InvalidInput: no course, or a date in the future.
    """
    with ports.uow:
        uow, today = ports.uow, ports.clock.today()
        required(uow.employers.get(cmd.account_id), f"no employer {cmd.account_id}")
        if uow.training.get(cmd.attendance_id) is not None:
            raise Conflict(f"attendance {cmd.attendance_id} already exists")
        problems = []
        if not cmd.course.strip():
            problems.append(ErrorDetail("course", "is required"))
        if cmd.attended_on > today:
            problems.append(ErrorDetail("attended_on", f"{cmd.attended_on} is after today"))
        if problems:
            raise InvalidInput.of(problems)
        attendance = TrainingAttendance(
            attendance_id=cmd.attendance_id, account_id=cmd.account_id,
            course=cmd.course.strip(), attended_on=cmd.attended_on,
            is_in_person=cmd.is_in_person, provider=cmd.provider.strip())
        record_creation(uow, "training", attendance.attendance_id, "attended", actor=cmd.actor,
                        at=ports.clock.now(), note=attendance.course)
        uow.training.add(attendance)
        uow.commit()
    return attendance
