"""The projected result of a group's next adjustment: the earliest adjustment not yet issued of a
coverage period that has ended, computed now by the programs' case builder and engine with the
claims as valued on its own valuation date (or today's values, if that date is still ahead).

Rule: WAC 296-17B-400 (adjustment schedule, comparison with the previous retro premium); retro.md
§8. A projection is never stored or issued.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from retrodesk.kernel.errors import InvalidInput, required
from retrodesk.kernel.periods import add_months
from retrodesk.programs.adjustments import notice_id_for, prior_retro_premium
from retrodesk.programs.cases import build_case
from retrodesk.programs.commands import ProgramPorts
from retrodesk.programs.records import Enrollment, Group, ParticipantKind
from retrodesk.programs.schedule import ADJUSTMENT_NUMBERS, ScheduledAdjustment, coverage_end
from retrodesk.programs.schedule import valuation_date as scheduled_valuation

__all__ = ["Projection", "project_next_adjustment"]

GROUP = ParticipantKind.GROUP


@dataclass(frozen=True, slots=True)
class Projection:
    """Adjustment `number` of the period from `coverage_start`, as it would come out now."""

    coverage_start: date
    number: int
    valuation_date: date
    result: dict[str, Any]


def _ended_periods(ports: ProgramPorts, group: Group, today: date) -> list[Enrollment]:
    """The group's enrollments of coverage periods that have ended, oldest first; periods run
    a year from each anniversary of its first coverage start."""
    found, start = [], group.coverage_start
    while coverage_end(start) < today:
        enrollment = ports.uow.enrollments.get(GROUP, group.group_id, start)
        if enrollment is not None:
            found.append(enrollment)
        start = add_months(start, 12)
    return found


def _next_due(ports: ProgramPorts, group: Group,
              today: date) -> tuple[Enrollment, ScheduledAdjustment] | None:
    """The earliest adjustment not yet issued of a coverage period that has ended."""
    for enrollment in _ended_periods(ports, group, today):
        start = enrollment.coverage_start
        for number in ADJUSTMENT_NUMBERS:
            if ports.uow.notices.get(notice_id_for(GROUP, group.group_id, start, number)) is None:
                return enrollment, ScheduledAdjustment(start, number,
                                                       scheduled_valuation(start, number))
    return None


def project_next_adjustment(ports: ProgramPorts, group_id: str) -> Projection | None:
    """The group's next adjustment as it would come out now; None when every adjustment of its
    ended periods is issued, or the records cannot be rated yet (e.g. a previous adjustment
    not issued, a rule not in force).

    Raises:
        NotFound: no such group.
    """
    with ports.uow:
        group = required(ports.uow.groups.get(group_id), f"group {group_id} not found")
        found = _next_due(ports, group, ports.clock.today())
        if found is None:
            return None
        enrollment, scheduled = found
        try:
            prior = prior_retro_premium(ports, enrollment, scheduled.number)
            result = ports.engine.calculate(build_case(ports.uow, enrollment, scheduled, prior))
        except InvalidInput:
            return None
    return Projection(scheduled.coverage_start, scheduled.number, scheduled.valuation_date,
                      result)
