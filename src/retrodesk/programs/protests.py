"""Protests of adjustments: intake in the 60-day window, the further order for a disputed claim,
recalculation as of the adjustment, and the Notice of Decision.

Rule: RCW 51.52.050 (60 days to protest); WAC 296-17B-700 (claim in dispute: further order,
recalculation as though resolved at the adjustment, no interest); programs.md §14, §15.3.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from retrodesk import __version__
from retrodesk.kernel.errors import Conflict, NotFound, required
from retrodesk.programs import probation
from retrodesk.programs.adjustments import (
    illustrative_names,
    notice_id_for,
    participant_party,
    store_result,
    worksheet_rows_of,
)
from retrodesk.programs.commands import DecideProtest, FileProtest, ProgramPorts, RecordResolution
from retrodesk.programs.deadlines import DeadlineKind, deadline_for
from retrodesk.programs.documents import (
    FurtherOrder,
    NoticeOfDecision,
    RestatedAdjustment,
    compare_worksheets,
)
from retrodesk.programs.events import record_creation, record_transition
from retrodesk.programs.lifecycle import ADJUSTMENT, PROTEST, AdjustmentState, ProtestState
from retrodesk.programs.records import ParticipantKind
from retrodesk.programs.schedule import coverage_end
from retrodesk.programs.workflow import IssuedDocument, Notice, Protest

__all__ = [
    "decide_protest",
    "decision_document",
    "file_protest",
    "further_order_document",
    "get_notice",
    "get_protest",
    "move_notice",
    "record_resolution",
]

P = ProtestState
NO_INTEREST = "No interest is paid on the difference (WAC 296-17B-700)."


def get_notice(ports: ProgramPorts, notice_id: str) -> Notice:
    return required(ports.uow.notices.get(notice_id), f"no adjustment notice {notice_id}")


def get_protest(ports: ProgramPorts, protest_id: str) -> Protest:
    return required(ports.uow.protests.get(protest_id), f"no protest {protest_id}")


def move_notice(ports: ProgramPorts, notice: Notice, target: AdjustmentState, actor: str,
                rule: str) -> Notice:
    record_transition(ports.uow, ADJUSTMENT, "adjustment", notice.notice_id, notice.state, target,
                      actor=actor, at=ports.clock.now(), rule=rule)
    moved = replace(notice, state=target, version=notice.version + 1)
    ports.uow.notices.update(moved)
    return moved


def _move(ports: ProgramPorts, protest: Protest, target: ProtestState, actor: str, *,
          rule: str = "", note: str = "") -> Protest:
    record_transition(ports.uow, PROTEST, "protest", protest.protest_id, protest.state, target,
                      actor=actor, at=ports.clock.now(), rule=rule, note=note)
    return replace(protest, state=target)


def _save(ports: ProgramPorts, before: Protest, after: Protest) -> Protest:
    saved = replace(after, version=before.version + 1)
    ports.uow.protests.update(saved)
    return saved


def file_protest(cmd: FileProtest, ports: ProgramPorts) -> Protest:
    """Receive a protest; a late one is refused with the deadline it missed.

    Rule: RCW 51.52.050; WAC 296-17B-700 (a named claim in dispute brings a further order).
    """
    with ports.uow:
        notice = get_notice(ports, cmd.notice_id)
        if ports.uow.protests.get(cmd.protest_id) is not None:
            raise Conflict(f"protest {cmd.protest_id} already exists")
        protest = Protest(protest_id=cmd.protest_id, notice_id=cmd.notice_id,
                          received_on=cmd.received_on, grounds=cmd.grounds,
                          claim_number=cmd.claim_number, dispute=cmd.dispute)
        record_creation(ports.uow, "protest", cmd.protest_id, P.RECEIVED, actor=cmd.actor,
                        at=ports.clock.now())
        deadline = deadline_for(DeadlineKind.PROTEST, notice.notice_date, ports.calendar)
        if not deadline.is_timely(cmd.received_on):
            refusal = (f"received {cmd.received_on.isoformat()}, after the protest deadline "
                       f"{deadline.describe()}")
            protest = replace(_move(ports, protest, P.REFUSED, cmd.actor, rule=deadline.rule,
                                    note=refusal), refusal=refusal)
        else:
            move_notice(ports, notice, AdjustmentState.PROTESTED, cmd.actor, "RCW 51.52.050")
            protest = _accept(ports, protest, notice, cmd.actor)
        ports.uow.protests.add(protest)
        ports.uow.commit()
    return protest


def _accept(ports: ProgramPorts, protest: Protest, notice: Notice, actor: str) -> Protest:
    if not protest.claim_number:
        return _move(ports, protest, P.UNDER_REVIEW, actor, rule="RCW 51.52.050")
    moved = _move(ports, protest, P.FURTHER_ORDER_ISSUED, actor, rule="WAC 296-17B-700")
    document_id = f"further-order-{protest.protest_id}"
    moved = replace(moved, further_order_document=document_id)
    pdf = ports.renderer.further_order(further_order_document(ports, moved, notice))
    ports.uow.documents.add(IssuedDocument(document_id=document_id, kind="further_order",
                                           subject=protest.protest_id,
                                           issued_on=ports.clock.today(), pdf=pdf))
    return _move(ports, moved, P.DISPUTE_PENDING, actor, rule="WAC 296-17B-700")


def further_order_document(ports: ProgramPorts, protest: Protest, notice: Notice) -> FurtherOrder:
    """The further order that the adjustment may be revised once the dispute is resolved."""
    party, _ = participant_party(ports, notice.participant_kind, notice.participant_id)
    issued = ports.uow.documents.get(protest.further_order_document or "")
    return FurtherOrder(
        order_id=protest.further_order_document or "",
        order_date=issued.issued_on if issued else ports.clock.today(), participant=party,
        coverage_start=notice.coverage_start, coverage_end=coverage_end(notice.coverage_start),
        adjustment_number=notice.adjustment_number, valuation_date=notice.valuation_date,
        original_notice_id=notice.notice_id, original_notice_date=notice.notice_date,
        protest_received=protest.received_on, claim_number=protest.claim_number or "",
        dispute=protest.dispute, illustrative=illustrative_names(notice.result))


def record_resolution(cmd: RecordResolution, ports: ProgramPorts) -> Protest:
    """The participant reports the dispute's resolution and the claim's resolved values."""
    with ports.uow:
        protest = get_protest(ports, cmd.protest_id)
        moved = _move(ports, protest, P.RESOLUTION_NOTIFIED, cmd.actor, rule="WAC 296-17B-700",
                      note=cmd.resolution)
        saved = _save(ports, protest, replace(moved, resolution=cmd.resolution,
                                              resolution_notified_on=cmd.notified_on,
                                              resolved_claim=dict(cmd.resolved_claim)))
        ports.uow.commit()
    return saved


def _resolved_case(notice: Notice, protest: Protest) -> dict[str, Any]:
    """The case as issued, with the disputed claim's resolved values (same valuation date,
    same rulebook and factors): WAC 296-17B-700(4)."""
    claims = [dict(c, **protest.resolved_claim) if c["id"] == protest.claim_number else c
              for c in notice.case["claims"]]
    if not any(c["id"] == protest.claim_number for c in claims):
        raise NotFound(f"claim {protest.claim_number} is not in adjustment {notice.notice_id}")
    return dict(notice.case, claims=claims)


def _same_versions(original: Notice, result: Mapping[str, Any]) -> None:
    """The recalculation must use the rulebook versions the adjustment used (WAC 296-17B-700).

    Raises:
        Conflict: a table or parameter was reloaded for the period since the adjustment.
    """
    def versions(document: Mapping[str, Any]) -> dict[str, str]:
        return {s["name"]: s["version"] for s in document["provenance"]["sources"]}

    before, after = versions(original.result), versions(result)
    changed = sorted(n for n in before.keys() & after.keys() if before[n] != after[n])
    if changed:
        listed = "; ".join(f"{n}: {before[n]} → {after[n]}" for n in changed)
        raise Conflict(f"the rulebook changed since adjustment {original.notice_id} was made "
                       f"({listed}); it cannot be recalculated as of the adjustment")


def _revise(ports: ProgramPorts, protest: Protest, notice: Notice, actor: str) -> Notice:
    result = ports.engine.calculate(_resolved_case(notice, protest))
    _same_versions(notice, result)
    revision = notice.revision + 1
    kind = ParticipantKind(notice.participant_kind)
    outcome = result["result"]
    amount = Decimal(outcome["amount"]) * (-1 if outcome["kind"] == "assessment" else 1)
    revised = replace(notice, notice_id=notice_id_for(kind, notice.participant_id,
                                                      notice.coverage_start,
                                                      notice.adjustment_number, revision),
                      revision=revision, notice_date=ports.clock.today(),
                      retro_premium=Decimal(result["retro_premium"]),
                      standard_premium=Decimal(result["standard_premium"]),
                      result_amount=amount, case=_resolved_case(notice, protest), result=result,
                      # a refund stays forfeited when the adjustment was made after removal
                      forfeited_refund=max(amount, Decimal(0)) if notice.forfeited_refund
                      else Decimal(0),
                      document_id=f"decision-{protest.protest_id}", run_id=protest.protest_id,
                      state=AdjustmentState.DECIDED, code_version=__version__, version=1)
    record_creation(ports.uow, "adjustment", revised.notice_id, revised.state, actor=actor,
                    at=ports.clock.now(), rule="WAC 296-17B-700",
                    note=f"recalculated after protest {protest.protest_id}")
    store_result(ports, kind, revised)
    ports.uow.notices.add(revised)
    return revised


def decide_protest(cmd: DecideProtest, ports: ProgramPorts) -> Protest:
    """Issue the Notice of Decision; with a resolved claim dispute, recalculate first.

    Rule: WAC 296-17B-700; RCW 51.52.060 (60 days to appeal the decision).
    """
    with ports.uow:
        protest = get_protest(ports, cmd.protest_id)
        notice = get_notice(ports, protest.notice_id)
        revised = notice
        moved = protest
        if protest.state is P.RESOLUTION_NOTIFIED:
            revised = _revise(ports, protest, notice, cmd.actor)
            moved = replace(_move(ports, protest, P.RECALCULATED, cmd.actor,
                                  rule="WAC 296-17B-700"), revised_notice_id=revised.notice_id)
        today = ports.clock.today()
        moved = replace(_move(ports, moved, P.DECIDED, cmd.actor, rule="RCW 51.52.050",
                              note=cmd.decision),
                        decided_on=today, decision_document=f"decision-{protest.protest_id}",
                        decision=cmd.decision, reasons=(*cmd.reasons, NO_INTEREST),
                        appeal_deadline=deadline_for(DeadlineKind.BIIA_APPEAL, today,
                                                     ports.calendar).due)
        move_notice(ports, notice, AdjustmentState.DECIDED, cmd.actor, "RCW 51.52.050")
        document = decision_document(ports, moved, notice, revised)
        ports.uow.documents.add(IssuedDocument(
            document_id=document.decision_id, kind="notice_of_decision",
            subject=protest.protest_id, issued_on=today,
            pdf=ports.renderer.notice_of_decision(document)))
        if revised is not notice and notice.adjustment_number == 3 and \
                notice.participant_kind == ParticipantKind.GROUP.value:
            probation.record_final(ports, notice.participant_id, revised, cmd.actor)
        saved = _save(ports, protest, moved)
        ports.uow.commit()
    return saved


def _restated(ports: ProgramPorts, notice: Notice,
              revised: Notice) -> tuple[RestatedAdjustment, ...]:
    """The next adjustment's comparison base moves with the revised RP (programs.md §14)."""
    later = ports.uow.notices.get(notice_id_for(ParticipantKind(notice.participant_kind),
                                                notice.participant_id, notice.coverage_start,
                                                notice.adjustment_number + 1))
    if later is None or revised is notice:
        return ()
    return (RestatedAdjustment(adjustment_number=later.adjustment_number,
                               original_result=later.result_amount,
                               restated_result=revised.retro_premium - later.retro_premium),)


def decision_document(ports: ProgramPorts, protest: Protest, notice: Notice,
                      revised: Notice) -> NoticeOfDecision:
    """The Notice of Decision: what was protested, the decision, both worksheets, appeal rights."""
    party, _ = participant_party(ports, notice.participant_kind, notice.participant_id)
    protested = [protest.grounds] + ([f"Claim {protest.claim_number}: {protest.dispute}"]
                                     if protest.claim_number else [])
    return NoticeOfDecision(
        decision_id=protest.decision_document or "", decision_date=protest.decided_on or date.min,
        participant=party, coverage_start=notice.coverage_start,
        coverage_end=coverage_end(notice.coverage_start),
        adjustment_number=notice.adjustment_number, valuation_date=notice.valuation_date,
        original_notice_id=notice.notice_id, original_notice_date=notice.notice_date,
        protest_received=protest.received_on, protested=tuple(protested),
        decision=protest.decision, reasons=protest.reasons,
        comparison=compare_worksheets(worksheet_rows_of(notice.result),
                                      worksheet_rows_of(revised.result)),
        original_result=notice.result_amount, revised_result=revised.result_amount,
        appeal_deadline=protest.appeal_deadline or date.min,
        claim_in_dispute=protest.claim_number or "",
        restated=_restated(ports, notice, revised),
        illustrative=illustrative_names(revised.result))
