"""Appeals: a case per appeal to the Board (60 days), its hearings and decision, the superior
court step (30 days), and the case file that bundles everything in one PDF.

Rule: RCW 51.52.060 (appeal to the BIIA), RCW 51.52.110 (superior court); programs.md §14, §15.3.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from retrodesk.kernel.errors import Conflict, required
from retrodesk.programs.adjustments import (
    illustrative_names,
    notice_document,
    participant_party,
    worksheet_rows_of,
)
from retrodesk.programs.commands import (
    FileAppeal,
    FileSuperiorCourtAppeal,
    ProgramPorts,
    RecordBoardDecision,
    ScheduleHearing,
)
from retrodesk.programs.deadlines import DeadlineKind, deadline_for, ensure_timely
from retrodesk.programs.documents import (
    AdjustmentNotice,
    AppealCaseFile,
    CaseWorksheet,
    ClaimValuation,
    FurtherOrder,
    NoticeOfDecision,
    TimelineEvent,
)
from retrodesk.programs.events import history, record_creation, record_transition
from retrodesk.programs.lifecycle import (
    APPEAL,
    PROTEST,
    AdjustmentState,
    AppealState,
    ProtestState,
)
from retrodesk.programs.protests import (
    decision_document,
    further_order_document,
    get_notice,
    move_notice,
)
from retrodesk.programs.schedule import coverage_end
from retrodesk.programs.workflow import AppealCase, IssuedDocument, Notice, Protest

__all__ = [
    "build_case_file",
    "close_appeal",
    "file_appeal",
    "file_superior_court_appeal",
    "record_board_decision",
    "schedule_hearing",
]

V = AppealState


def _get(ports: ProgramPorts, appeal_id: str) -> AppealCase:
    return required(ports.uow.appeals.get(appeal_id), f"no appeal {appeal_id}")


def _move(ports: ProgramPorts, appeal: AppealCase, target: AppealState, actor: str, rule: str,
          note: str = "") -> AppealCase:
    record_transition(ports.uow, APPEAL, "appeal", appeal.appeal_id, appeal.state, target,
                      actor=actor, at=ports.clock.now(), rule=rule, note=note)
    return replace(appeal, state=target, version=appeal.version + 1)


def _move_protest(ports: ProgramPorts, protest_id: str | None, target: ProtestState,
                  actor: str, rule: str) -> None:
    protest = ports.uow.protests.get(protest_id or "")
    if protest is None:
        return
    record_transition(ports.uow, PROTEST, "protest", protest.protest_id, protest.state, target,
                      actor=actor, at=ports.clock.now(), rule=rule)
    ports.uow.protests.update(replace(protest, state=target, version=protest.version + 1))


def _appeal_deadline(ports: ProgramPorts, notice: Notice, protest: Protest | None) -> date:
    """60 days from the order appealed: the Notice of Decision, or the adjustment notice."""
    if protest is not None:
        if protest.appeal_deadline is None:
            raise Conflict(f"protest {protest.protest_id} has no Notice of Decision to appeal")
        return protest.appeal_deadline
    return deadline_for(DeadlineKind.BIIA_APPEAL, notice.notice_date, ports.calendar).due


def file_appeal(cmd: FileAppeal, ports: ProgramPorts) -> AppealCase:
    """Open an appeal case; a late appeal is refused with its deadline. Rule: RCW 51.52.060."""
    with ports.uow:
        notice = get_notice(ports, cmd.notice_id)
        protest = ports.uow.protests.get(cmd.protest_id or "")
        due = _appeal_deadline(ports, notice, protest)
        nominal = deadline_for(DeadlineKind.BIIA_APPEAL,
                               protest.decided_on if protest and protest.decided_on
                               else notice.notice_date, ports.calendar)
        ensure_timely(replace(nominal, due=due), cmd.filed_on, "the appeal")
        appeal = AppealCase(appeal_id=cmd.appeal_id, notice_id=cmd.notice_id,
                            protest_id=cmd.protest_id, filed_on=cmd.filed_on,
                            appeal_deadline=due, docket_number=cmd.docket_number)
        record_creation(ports.uow, "appeal", cmd.appeal_id, V.BIIA_APPEAL, actor=cmd.actor,
                        at=ports.clock.now(), rule="RCW 51.52.060")
        move_notice(ports, notice, AdjustmentState.APPEALED, cmd.actor, "RCW 51.52.060")
        _move_protest(ports, cmd.protest_id, ProtestState.BIIA_APPEAL, cmd.actor, "RCW 51.52.060")
        ports.uow.appeals.add(appeal)
        ports.uow.commit()
    return appeal


def schedule_hearing(cmd: ScheduleHearing, ports: ProgramPorts) -> AppealCase:
    with ports.uow:
        appeal = _get(ports, cmd.appeal_id)
        if appeal.state is not V.BIIA_APPEAL:
            raise Conflict(f"an appeal in state {appeal.state} has no Board hearings to schedule")
        saved = replace(appeal, version=appeal.version + 1,
                        hearing_dates=tuple(sorted({*appeal.hearing_dates, cmd.hearing_on})))
        ports.uow.appeals.update(saved)
        ports.uow.commit()
    return saved


def record_board_decision(cmd: RecordBoardDecision, ports: ProgramPorts) -> AppealCase:
    """The Board's decision (or denial of review) opens the 30-day superior court window."""
    with ports.uow:
        appeal = _get(ports, cmd.appeal_id)
        moved = _move(ports, appeal, V.BIIA_DECIDED, cmd.actor, "RCW 51.52.110", cmd.outcome)
        court = deadline_for(DeadlineKind.SUPERIOR_COURT, cmd.decided_on, ports.calendar).due
        saved = replace(moved, board_decided_on=cmd.decided_on, board_outcome=cmd.outcome,
                        court_deadline=court)
        _move_protest(ports, appeal.protest_id, ProtestState.BIIA_DECIDED, cmd.actor,
                      "RCW 51.52.060")
        ports.uow.appeals.update(saved)
        ports.uow.commit()
    return saved


def file_superior_court_appeal(cmd: FileSuperiorCourtAppeal, ports: ProgramPorts) -> AppealCase:
    """Rule: RCW 51.52.110 — within 30 days of the Board's decision."""
    with ports.uow:
        appeal = _get(ports, cmd.appeal_id)
        if appeal.board_decided_on is None:
            raise Conflict(f"appeal {appeal.appeal_id} has no Board decision yet")
        ensure_timely(deadline_for(DeadlineKind.SUPERIOR_COURT, appeal.board_decided_on,
                                   ports.calendar), cmd.filed_on, "the superior court appeal")
        saved = replace(_move(ports, appeal, V.SUPERIOR_COURT, cmd.actor, "RCW 51.52.110"),
                        court_filed_on=cmd.filed_on)
        _move_protest(ports, appeal.protest_id, ProtestState.SUPERIOR_COURT, cmd.actor,
                      "RCW 51.52.110")
        ports.uow.appeals.update(saved)
        ports.uow.commit()
    return saved


def close_appeal(ports: ProgramPorts, appeal_id: str, closed_on: date, outcome: str,
                 actor: str) -> AppealCase:
    """The appeal process ends: the adjustment becomes final."""
    with ports.uow:
        appeal = _get(ports, appeal_id)
        saved = replace(_move(ports, appeal, V.CLOSED, actor, "RCW 51.52.110", outcome),
                        closed_on=closed_on, outcome=outcome)
        move_notice(ports, get_notice(ports, appeal.notice_id), AdjustmentState.FINAL, actor,
                    "RCW 51.52.110")
        _move_protest(ports, appeal.protest_id, ProtestState.CLOSED, actor, "RCW 51.52.110")
        ports.uow.appeals.update(saved)
        ports.uow.commit()
    return saved


def _claims(notice: Notice) -> tuple[ClaimValuation, ...]:
    """The claims as valued on the adjustment's valuation date, with their loss incurred."""
    incurred = {c["id"]: Decimal(c["loss_incurred"]) for c in notice.result.get("claims", [])}
    return tuple(ClaimValuation(
        claim_number=c["id"], injury_date=date.fromisoformat(c["injury_date"]),
        claim_type=c["type"], status=c["status"],
        case_incurred_af=Decimal(c["af_paid"]) + (Decimal(0) if c["status"] == "closed"
                                                  else Decimal(c["af_reserve"])),
        case_incurred_ma=Decimal(c["ma_paid"]) + (Decimal(0) if c["status"] == "closed"
                                                  else Decimal(c["ma_reserve"])),
        loss_incurred=incurred.get(c["id"], Decimal(0))) for c in notice.case["claims"])


def _timeline(ports: ProgramPorts, appeal: AppealCase, notice: Notice,
              protest: Protest | None) -> tuple[TimelineEvent, ...]:
    events = [TimelineEvent(on=t.occurred_at.date(), event=f"{t.entity} {t.entity_id}: "
                            f"{t.from_state or 'created'} → {t.to_state}", rule=t.rule)
              for entity, key in (("adjustment", notice.notice_id),
                                  ("protest", protest.protest_id if protest else ""),
                                  ("appeal", appeal.appeal_id))
              for t in history(ports.uow, entity, key)]
    events += [TimelineEvent(on=notice.protest_deadline, event="protest deadline",
                             rule="RCW 51.52.050"),
               TimelineEvent(on=appeal.appeal_deadline, event="appeal deadline",
                             rule="RCW 51.52.060")]
    events += [TimelineEvent(on=d, event="Board hearing") for d in appeal.hearing_dates]
    if appeal.court_deadline:
        events.append(TimelineEvent(on=appeal.court_deadline, event="superior court deadline",
                                    rule="RCW 51.52.110"))
    return tuple(sorted(events, key=lambda e: e.on))


def build_case_file(ports: ProgramPorts, appeal_id: str) -> IssuedDocument:
    """One PDF bundling the notices, worksheets, claim valuations and the timeline."""
    with ports.uow:
        appeal = _get(ports, appeal_id)
        notice = get_notice(ports, appeal.notice_id)
        protest = ports.uow.protests.get(appeal.protest_id or "")
        issued = ports.uow.documents.get(notice.document_id)
        notices: list[AdjustmentNotice | FurtherOrder | NoticeOfDecision] = [
            issued.notice if issued and issued.notice else notice_document(ports, notice)]
        worksheets = [CaseWorksheet(title=f"Adjustment {notice.adjustment_number} as issued",
                                    rows=worksheet_rows_of(notice.result))]
        if protest is not None:
            notices += _protest_documents(ports, protest, notice, worksheets)
        party, _ = participant_party(ports, notice.participant_kind, notice.participant_id)
        today = ports.clock.today()
        case_file = AppealCaseFile(
            case_id=appeal.appeal_id, prepared_on=today, participant=party,
            coverage_start=notice.coverage_start, coverage_end=coverage_end(notice.coverage_start),
            adjustment_number=notice.adjustment_number, valuation_date=notice.valuation_date,
            notices=tuple(notices), worksheets=tuple(worksheets), claims=_claims(notice),
            timeline=_timeline(ports, appeal, notice, protest), docket_number=appeal.docket_number,
            illustrative=illustrative_names(notice.result))
        document = IssuedDocument(document_id=f"case-file-{appeal_id}-{today.isoformat()}",
                                  kind="appeal_case_file", subject=appeal_id, issued_on=today,
                                  pdf=ports.renderer.appeal_case_file(case_file))
        if ports.uow.documents.get(document.document_id) is None:
            ports.uow.documents.add(document)
        ports.uow.commit()
    return document


def _protest_documents(ports: ProgramPorts, protest: Protest, notice: Notice,
                       worksheets: list[CaseWorksheet]) -> list[FurtherOrder | NoticeOfDecision]:
    found: list[FurtherOrder | NoticeOfDecision] = []
    if protest.further_order_document:
        found.append(further_order_document(ports, protest, notice))
    revised = ports.uow.notices.get(protest.revised_notice_id or "") or notice
    if revised is not notice:
        worksheets.append(CaseWorksheet(title=f"Adjustment {notice.adjustment_number} recalculated",
                                        rows=worksheet_rows_of(revised.result)))
    if protest.decided_on is not None:
        found.append(decision_document(ports, protest, notice, revised))
    return found
