"""Safety-training attendance on the employer page and over the API: read within the caller's
scope (the employer's page is), recorded by program staff. Attendance feeds the training pool of
refund distribution (programs.md §11)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from retrodesk.entrypoints.bootstrap import Services
from retrodesk.entrypoints.web import records
from retrodesk.entrypoints.web.access import Action, Principal
from retrodesk.entrypoints.web.workflows import new_id
from retrodesk.programs import attendance
from retrodesk.programs.commands import RecordTraining
from retrodesk.programs.workflow import TrainingAttendance

__all__ = ["attendance_of", "record_training"]


def attendance_of(services: Services, user: Principal,
                  account_id: str) -> list[TrainingAttendance]:
    """An employer's seminars, newest first (call after the employer was read within scope)."""
    with services.program_ports(user.username).uow as uow:
        return attendance.attendance_of(uow, account_id)


def record_training(services: Services, db: Session, user: Principal, account_id: str, *,
                    course: str, attended_on: date | None, is_in_person: bool,
                    provider: str) -> TrainingAttendance:
    """Record an employer's attendance at a seminar (today unless another day is given)."""
    user.require(Action.RECORD_TRAINING)
    records.employer(db, user.scope, account_id)
    return attendance.record_training(RecordTraining(
        attendance_id=new_id(services, "TR"), account_id=account_id, course=course,
        attended_on=attended_on or services.clock.today(), is_in_person=is_in_person,
        provider=provider, actor=user.username), services.program_ports(user.username))
