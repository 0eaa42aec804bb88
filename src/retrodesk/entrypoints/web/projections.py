"""The projected result of a group's next adjustment: the adjustment not yet issued, computed
now by the programs' own case builder and engine with the claims as valued today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from retrodesk.adapters.db.tables import EnrollmentRecord
from retrodesk.entrypoints.bootstrap import Services
from retrodesk.entrypoints.web.access import Principal
from retrodesk.kernel.errors import InvalidInput
from retrodesk.programs import adjustments
from retrodesk.programs.cases import build_case
from retrodesk.programs.commands import ProgramPorts
from retrodesk.programs.records import Enrollment, ParticipantKind
from retrodesk.programs.schedule import ADJUSTMENT_NUMBERS, ScheduledAdjustment, coverage_end
from retrodesk.programs.schedule import valuation_date as scheduled_valuation

__all__ = ["Projection", "next_adjustment"]


@dataclass(frozen=True, slots=True)
class Projection:
    """Adjustment `number` of the period from `coverage_start`, as it would come out today."""

    coverage_start: date
    number: int
    valuation_date: date
    result: dict[str, Any]


def _next_due(ports: ProgramPorts, group_id: str, starts: list[date],
              today: date) -> tuple[Enrollment, ScheduledAdjustment] | None:
    """The earliest adjustment not yet issued of a coverage period that has ended."""
    kind = ParticipantKind.GROUP
    for start in sorted(starts):
        enrollment = ports.uow.enrollments.get(kind, group_id, start)
        if enrollment is None or coverage_end(start) >= today:
            continue
        for number in ADJUSTMENT_NUMBERS:
            notice = adjustments.notice_id_for(kind, group_id, start, number)
            if ports.uow.notices.get(notice) is None:
                return enrollment, ScheduledAdjustment(start, number,
                                                       scheduled_valuation(start, number))
    return None


def next_adjustment(services: Services, db: Session, user: Principal,
                    group_id: str) -> Projection | None:
    """Call after the group was read within the caller's scope (records.group)."""
    starts = list(db.scalars(select(EnrollmentRecord.coverage_start).where(
        EnrollmentRecord.participant_kind == "group",
        EnrollmentRecord.participant_id == group_id)))
    ports = services.program_ports(user.username)
    with ports.uow:
        found = _next_due(ports, group_id, starts, services.clock.today())
        if found is None:
            return None
        enrollment, scheduled = found
        try:
            # The comparison base is the programs' own rule (the latest revision's RP).
            prior = adjustments._prior_retro_premium(ports, enrollment, scheduled.number)
            case = build_case(ports.uow, enrollment, scheduled, prior)
            result = ports.engine.calculate(case)
        except InvalidInput:
            return None
    return Projection(scheduled.coverage_start, scheduled.number, scheduled.valuation_date,
                      result)
