"""Adjustment runs: compute every adjustment due on a valuation date and issue its notice.

Rule: WAC 296-17B-400, -410, -750, -780; programs.md §10. A run is idempotent: each adjustment
(participant, coverage period, number) is computed and issued once, in its own transaction, so a
run started again after an interruption completes without duplicates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from retrodesk import __version__
from retrodesk.kernel.errors import ErrorDetail, InvalidInput
from retrodesk.kernel.periods import add_months
from retrodesk.programs import probation
from retrodesk.programs.cases import build_case
from retrodesk.programs.commands import ProgramPorts, RunAdjustments
from retrodesk.programs.deadlines import DeadlineKind, deadline_for
from retrodesk.programs.documents import AdjustmentNotice, MemberContribution, Party, WorksheetRow
from retrodesk.programs.events import record_transition
from retrodesk.programs.lifecycle import ADJUSTMENT, AdjustmentState
from retrodesk.programs.ports import ProgressCallback
from retrodesk.programs.records import AdjustmentResult, Enrollment, ParticipantKind
from retrodesk.programs.sanctions import forfeited_refund
from retrodesk.programs.schedule import ScheduledAdjustment, coverage_end, due_adjustments
from retrodesk.programs.workflow import IssuedDocument, Notice, Run
from retrodesk.rating.retro import calculate, validate_plan
from retrodesk.rating.retro.factors import default_rulebook
from retrodesk.rules.model import Lookup
from retrodesk.rules.retro.book import EARLIEST_SUPPORTED_START, RetroRulebook, SizeGroupRow

__all__ = [
    "BuiltinRetroEngine",
    "RunSummary",
    "employer_party",
    "illustrative_names",
    "issue_notice",
    "notice_document",
    "notice_id_for",
    "participant_party",
    "participants",
    "prior_retro_premium",
    "run_adjustments",
    "store_result",
    "worksheet_rows_of",
]

J = AdjustmentState


class BuiltinRetroEngine:
    """The RetroEngine port over the pure retro engine (rating.retro)."""

    def __init__(self, rulebook: RetroRulebook | None = None) -> None:
        self.rulebook = rulebook or default_rulebook()

    def calculate(self, case: Mapping[str, Any]) -> dict[str, Any]:
        return calculate(case, rulebook=self.rulebook).as_dict()

    def plan_violations(self, case: Mapping[str, Any]) -> list[ErrorDetail]:
        try:
            check = validate_plan(case, rulebook=self.rulebook)
        except InvalidInput as exc:
            return list(exc.details)
        return [ErrorDetail(v.path, f"{v.check}: {v.message} ({v.rule})") for v in check.violations]

    def size_groups(self, coverage_start: date) -> Lookup[tuple[SizeGroupRow, ...]]:
        return self.rulebook.size_groups.at(coverage_start)


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What one run did: adjustments computed now, found already done, notices issued."""

    run_id: str
    valuation_date: date
    computed_count: int
    already_done_count: int
    notices_issued_count: int

    def as_dict(self) -> dict[str, object]:
        return {"run_id": self.run_id, "valuation_date": self.valuation_date.isoformat(),
                "computed": self.computed_count, "already_done": self.already_done_count,
                "notices_issued": self.notices_issued_count}


def notice_id_for(kind: ParticipantKind, participant_id: str, start: date, number: int,
                  revision: int = 0) -> str:
    return f"{kind.value}-{participant_id}-{start.isoformat()}-{number}-r{revision}"


def participants(ports: ProgramPorts, run_date: date) -> list[Enrollment]:
    """Groups and individual employers of every period that may have an adjustment due."""
    found, start = [], EARLIEST_SUPPORTED_START
    while add_months(start, 21) <= add_months(run_date, 1):
        found += ports.uow.enrollments.for_period(start, members=False)
        start = add_months(start, 3)
    return found


def run_adjustments(cmd: RunAdjustments, ports: ProgramPorts,
                    progress: ProgressCallback | None = None) -> RunSummary:
    """Compute and issue every adjustment due on `cmd.valuation_date`, each exactly once.

    `progress("adjustments", done, total)` is called as the run advances.
    """
    run_id = f"run-{cmd.valuation_date.isoformat()}"
    with ports.uow:
        found = participants(ports, cmd.valuation_date)
        if ports.uow.runs.get(run_id) is None:
            ports.uow.runs.add(Run(run_id=run_id, valuation_date=cmd.valuation_date,
                                   started_at=ports.clock.now()))
            ports.uow.commit()
    by_start: dict[date, list[Enrollment]] = {}
    for enrollment in found:
        by_start.setdefault(enrollment.coverage_start, []).append(enrollment)
    computed = already = 0
    work = [(scheduled, enrollment)
            for scheduled in due_adjustments(by_start, cmd.valuation_date)
            for enrollment in by_start[scheduled.coverage_start]]
    for done, (scheduled, enrollment) in enumerate(work, start=1):
        if _issue_once(ports, enrollment, scheduled, run_id, cmd.actor):
            computed += 1
        else:
            already += 1
        if progress is not None:
            progress("adjustments", done, len(work))
    return _finish(ports, run_id, cmd.valuation_date, computed, already)


def _finish(ports: ProgramPorts, run_id: str, valuation: date, computed: int,
            already: int) -> RunSummary:
    with ports.uow:
        run = ports.uow.runs.get(run_id)
        if run is not None:
            ports.uow.runs.update(replace(run, version=run.version + 1,
                                          finished_at=ports.clock.now(),
                                          computed_count=run.computed_count + computed,
                                          already_done_count=already,
                                          notices_issued_count=run.notices_issued_count + computed))
            ports.uow.commit()
    return RunSummary(run_id, valuation, computed, already, computed)


def prior_retro_premium(ports: ProgramPorts, enrollment: Enrollment,
                        number: int) -> Decimal | None:
    """RP of the previous adjustment, in its latest revision (the comparison base, -400)."""
    if number == 1:
        return None
    latest = None
    revision = 0
    while (found := ports.uow.notices.get(notice_id_for(
            enrollment.participant_kind, enrollment.participant_id, enrollment.coverage_start,
            number - 1, revision))) is not None:
        latest, revision = found, revision + 1
    if latest is None:
        raise InvalidInput(f"adjustment {number - 1} of {enrollment.participant_id} for "
                           f"{enrollment.coverage_start} has not been issued")
    return latest.retro_premium


def _issue_once(ports: ProgramPorts, enrollment: Enrollment, scheduled: ScheduledAdjustment,
                run_id: str, actor: str) -> bool:
    """Compute, store and issue one adjustment in one transaction; False if it already exists."""
    kind = enrollment.participant_kind
    notice_id = notice_id_for(kind, enrollment.participant_id, scheduled.coverage_start,
                              scheduled.number)
    with ports.uow:
        if ports.uow.notices.get(notice_id) is not None:
            return False
        prior = prior_retro_premium(ports, enrollment, scheduled.number)
        case = build_case(ports.uow, enrollment, scheduled, prior)
        result = ports.engine.calculate(case)
        notice = issue_notice(ports, notice_id, enrollment, case, result, run_id=run_id,
                              revision=0, actor=actor)
        if scheduled.is_final and kind is ParticipantKind.GROUP:
            probation.record_final(ports, enrollment.participant_id, notice, actor)
        ports.uow.commit()
    return True


def _signed_result(result: Mapping[str, Any]) -> Decimal:
    outcome = result["result"]
    amount = Decimal(outcome["amount"])
    return -amount if outcome["kind"] == "assessment" else amount


def issue_notice(ports: ProgramPorts, notice_id: str, enrollment: Enrollment,
                 case: Mapping[str, Any], result: Mapping[str, Any], *, run_id: str,
                 revision: int, actor: str) -> Notice:
    """Store the result snapshot and issue its refund or additional premium notice.

    Rule: WAC 296-17B-750 (notice with amounts, worksheet, protest deadline and appeal rights),
    -780 (assessment due date); RCW 51.52.050 (60 days to protest).
    """
    today = ports.clock.today()
    amount = _signed_result(result)
    due = (deadline_for(DeadlineKind.ASSESSMENT_DUE, today, ports.calendar,
                        days=ports.assessment_due_days).due if amount < 0 else None)
    notice = Notice(
        notice_id=notice_id, participant_kind=enrollment.participant_kind.value,
        participant_id=enrollment.participant_id, coverage_start=enrollment.coverage_start,
        adjustment_number=int(case["adjustment"]), revision=revision,
        valuation_date=date.fromisoformat(str(case["valuation_date"])), notice_date=today,
        standard_premium=Decimal(result["standard_premium"]),
        retro_premium=Decimal(result["retro_premium"]),
        compared_with=Decimal(result["compared_with"]), result_amount=amount,
        protest_deadline=deadline_for(DeadlineKind.PROTEST, today, ports.calendar).due,
        payment_due=due, case=dict(case), result=dict(result), document_id=f"notice-{notice_id}",
        run_id=run_id, code_version=__version__,
        forfeited_refund=forfeited_refund(ports.uow, enrollment.participant_kind.value,
                                          enrollment.participant_id, amount, today))
    store_result(ports, enrollment.participant_kind, notice)
    for current, target in ((J.SCHEDULED, J.VALUED), (J.VALUED, J.CALCULATED),
                            (J.CALCULATED, J.ISSUED)):
        record_transition(ports.uow, ADJUSTMENT, "adjustment", notice_id, current, target,
                          actor=actor, at=ports.clock.now(), rule="WAC 296-17B-400")
    # The notice keeps what it shows; its PDF is rendered on first download (programs.issued).
    ports.uow.documents.add(IssuedDocument(document_id=notice.document_id, kind="adjustment_notice",
                                           subject=notice_id, issued_on=today, pdf=b"",
                                           notice=notice_document(ports, notice)))
    ports.uow.notices.add(notice)
    return notice


def store_result(ports: ProgramPorts, kind: ParticipantKind, notice: Notice) -> None:
    result = notice.result
    ports.uow.adjustment_results.add(AdjustmentResult(
        participant_kind=kind, participant_id=notice.participant_id,
        coverage_start=notice.coverage_start, adjustment_number=notice.adjustment_number,
        valuation_date=notice.valuation_date, revision=notice.revision,
        standard_premium=notice.standard_premium, retro_premium=notice.retro_premium,
        result_kind=result["result"]["kind"], result_amount=Decimal(result["result"]["amount"]),
        provenance="illustrative" if notice.is_illustrative else "official",
        worksheet=result["worksheet"], rule_versions=result["provenance"]["sources"],
        computed_at=ports.clock.now()))


def illustrative_names(result: Mapping[str, Any]) -> tuple[str, ...]:
    sources = (result.get("provenance") or {}).get("sources") or []
    return tuple(s["name"] for s in sources if s.get("origin") == "illustrative")


def participant_party(ports: ProgramPorts, kind: str, participant_id: str) -> tuple[Party, str]:
    """The participant of record (the employer, or the group's sponsor) and the group's name."""
    if kind == ParticipantKind.GROUP.value:
        group = ports.uow.groups.get(participant_id)
        sponsor = ports.uow.sponsors.get(group.sponsor_id) if group else None
        return (Party(name=sponsor.name if sponsor else participant_id,
                      account_id=sponsor.sponsor_id if sponsor else ""),
                group.name if group else participant_id)
    return employer_party(ports, participant_id), ""


def employer_party(ports: ProgramPorts, account_id: str) -> Party:
    """An employer as documents name it: its legal name and account."""
    employer = ports.uow.employers.get(account_id)
    return Party(name=employer.legal_name if employer else account_id, account_id=account_id)


def worksheet_rows_of(result: Mapping[str, Any]) -> tuple[WorksheetRow, ...]:
    return tuple(WorksheetRow(str(r["step"]), str(r["label"]), str(r["value"]),
                              str(r.get("formula", "")), str(r.get("rule", "")))
                 for r in result["worksheet"])


def notice_document(ports: ProgramPorts, notice: Notice) -> AdjustmentNotice:
    """The refund or additional premium notice as the document prints it."""
    party, group_name = participant_party(ports, notice.participant_kind, notice.participant_id)
    number = notice.adjustment_number
    rows = notice.result.get("members", [])
    names = ports.uow.employers.legal_names([m["member"] for m in rows])  # one read, not one each
    members = tuple(MemberContribution(member=Party(name=names.get(m["member"], m["member"]),
                                                    account_id=m["member"]),
                                       standard_premium=Decimal(m["standard_premium"]),
                                       loss_incurred=Decimal(m["loss_incurred"]))
                    for m in rows)
    sources = notice.result["provenance"]["sources"]
    return AdjustmentNotice(
        notice_id=notice.notice_id, notice_date=notice.notice_date, participant=party,
        coverage_start=notice.coverage_start, coverage_end=coverage_end(notice.coverage_start),
        adjustment_number=number, valuation_date=notice.valuation_date,
        plan_basis=str(notice.result.get("plan_basis", notice.case["plan"]["basis"])),
        standard_premium=notice.standard_premium, retro_premium=notice.retro_premium,
        comparison_base=notice.compared_with,
        comparison_base_label=("standard premium" if number == 1 else
                               f"retrospective premium of adjustment {number - 1}"),
        result=notice.result_amount, protest_deadline=notice.protest_deadline,
        worksheet=worksheet_rows_of(notice.result), worksheet_reference=notice.notice_id,
        payment_due=notice.payment_due, forfeited=notice.forfeited_refund,
        group_name=group_name, members=members,
        rulebook="; ".join(f"{s['name']}: {s['version']}" for s in sources[:6]),
        illustrative=illustrative_names(notice.result))
