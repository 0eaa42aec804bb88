"""Probation tracker: consecutive net assessments → probation → denial and the sponsor's bar.

Rule: WAC 296-17B-730; RCW 51.18.050; programs.md §13 (project decisions: a period is a net
assessment when SP − RP₃ < 0 at its final adjustment; a period not enrolled breaks the run; the
bar ends five years after the last day of the third period).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from retrodesk.kernel.errors import required
from retrodesk.kernel.periods import add_months
from retrodesk.programs.commands import ProgramPorts
from retrodesk.programs.deadlines import DeadlineKind, deadline_for
from retrodesk.programs.documents import DenialNotice, Party, PeriodResult, ProbationNotice
from retrodesk.programs.events import record_transition
from retrodesk.programs.lifecycle import STANDING, StandingState
from retrodesk.programs.schedule import coverage_end
from retrodesk.programs.workflow import IssuedDocument, Notice, Standing

__all__ = [
    "BAR_YEARS",
    "FinalResult",
    "TrackerStanding",
    "compute_standing",
    "provisional_status",
    "record_final",
]

BAR_YEARS = 5
PROBATION_STREAK = 2
DENIAL_STREAK = 3


@dataclass(frozen=True, slots=True, order=True)
class FinalResult:
    """A coverage period's cumulative result (SP − RP₃) at its final adjustment."""

    coverage_start: date
    net_result: Decimal

    @property
    def is_net_assessment(self) -> bool:
        return self.net_result < 0


@dataclass(frozen=True, slots=True)
class TrackerStanding:
    """A group's standing, the run of net assessments behind it, and any bar it caused."""

    state: StandingState
    streak: tuple[FinalResult, ...]
    bar_until: date | None = None

    @property
    def streak_count(self) -> int:
        return len(self.streak)


def compute_standing(results: Iterable[FinalResult]) -> TrackerStanding:
    """The standing after the given final results, taken in coverage-period order.

    Recomputing from the whole history lets a revised result (decided protest or appeal) update
    the tracker (programs.md §15.2). Once denied, later results change nothing.
    """
    streak: list[FinalResult] = []
    for result in sorted(results):
        is_next = bool(streak) and (add_months(streak[-1].coverage_start, 12)
                                    == result.coverage_start)
        if not result.is_net_assessment:
            streak = []
            continue
        streak = [*streak, result] if is_next else [result]
        if len(streak) >= DENIAL_STREAK:
            bar = add_months(coverage_end(result.coverage_start), 12 * BAR_YEARS)
            return TrackerStanding(StandingState.DENIED, tuple(streak), bar)
    state = {0: StandingState.CLEAR, 1: StandingState.ONE_NET_ASSESSMENT}.get(
        len(streak), StandingState.PROBATION)
    return TrackerStanding(state, tuple(streak))


def provisional_status(cumulative_to_date: Decimal, adjustment_number: int) -> str:
    """After adjustments 1 and 2 the tracker only shows a provisional status; it triggers nothing.

    Rule: programs.md §13 (project decision).
    """
    kind = "net assessment" if cumulative_to_date < 0 else "no net assessment"
    return f"provisional after adjustment {adjustment_number}: {kind}"


CORRECTIVE_STEPS = (
    "Update the group's written workplace safety and accident-prevention plan and send it to L&I.",
    "Meet L&I claims management to review open claims and return-to-work practices.",
    "Report the corrective steps taken within 60 days of this notice.",
)


def record_final(ports: ProgramPorts, group_id: str, notice: Notice, actor: str) -> Standing:
    """Feed a group's final result (SP − RP₃) to the tracker; issue probation or denial notices.

    Rule: WAC 296-17B-730; RCW 51.18.050. Runs inside the caller's transaction.
    """
    uow = ports.uow
    group = required(uow.groups.get(group_id), f"no group {group_id}")
    before = uow.standings.get(group_id) or Standing(
        group_id=group_id, sponsor_id=group.sponsor_id, industry_category=group.industry_category,
        version=0)
    finals = dict(before.finals) | {notice.coverage_start: notice.standard_premium
                                    - notice.retro_premium}
    computed = compute_standing(FinalResult(s, n) for s, n in finals.items())
    after = replace(before, finals=tuple(sorted(finals.items())), version=before.version + 1,
                    state=before.state if before.state is StandingState.DENIED else computed.state,
                    bar_until=before.bar_until or computed.bar_until)
    if after.state != before.state:
        record_transition(uow, STANDING, "standing", group_id, before.state, after.state,
                          actor=actor, at=ports.clock.now(), rule="WAC 296-17B-730",
                          note=f"final result of {notice.coverage_start}: "
                               f"{finals[notice.coverage_start]}")
        _issue_standing_notice(ports, after, computed, notice)
    if before.version == 0:
        uow.standings.add(after)
    else:
        uow.standings.update(after)
    return after


def _issue_standing_notice(ports: ProgramPorts, standing: Standing, computed: TrackerStanding,
                           notice: Notice) -> None:
    if standing.state not in (StandingState.PROBATION, StandingState.DENIED):
        return
    today = ports.clock.today()
    sponsor = ports.uow.sponsors.get(standing.sponsor_id)
    group = ports.uow.groups.get(standing.group_id)
    document_id = f"{standing.state.value}-{standing.group_id}-{notice.coverage_start.isoformat()}"
    fields: dict[str, Any] = {
        "notice_id": document_id, "notice_date": today,
        "sponsor": Party(name=sponsor.name if sponsor else standing.sponsor_id,
                         account_id=standing.sponsor_id),
        "group_name": group.name if group else standing.group_id,
        "industry_category": standing.industry_category,
        "periods": tuple(PeriodResult(coverage_start=r.coverage_start,
                                      coverage_end=coverage_end(r.coverage_start),
                                      net_result=r.net_result) for r in computed.streak),
        "appeal_deadline": deadline_for(DeadlineKind.BIIA_APPEAL, today, ports.calendar).due,
    }
    if standing.state is StandingState.PROBATION:
        pdf = ports.renderer.probation_notice(ProbationNotice(**fields,
                                                              corrective_steps=CORRECTIVE_STEPS))
    else:
        pdf = ports.renderer.denial_notice(DenialNotice(**fields,
                                                        bar_ends=standing.bar_until or today))
    ports.uow.documents.add(IssuedDocument(document_id=document_id,
                                           kind=f"{standing.state.value}_notice",
                                           subject=standing.group_id, issued_on=today, pdf=pdf))
