"""Protests, the further order, recalculation, Notice of Decision and appeals (§14, §15.3)."""

from datetime import date
from decimal import Decimal

import pytest

from retrodesk.kernel.errors import Conflict
from retrodesk.programs import adjustments, appeals, protests
from retrodesk.programs.commands import (
    DecideProtest,
    FileAppeal,
    FileProtest,
    FileSuperiorCourtAppeal,
    ProgramPorts,
    RecordBoardDecision,
    RecordResolution,
    RunAdjustments,
    ScheduleHearing,
)
from retrodesk.programs.documents import AppealCaseFile, FurtherOrder, NoticeOfDecision
from retrodesk.programs.lifecycle import AdjustmentState, AppealState, ProtestState
from tests.unit.programs.test_adjustments import book
from tests.unit.programs.world import ENGINE, RecordingRenderer

NOTICE = "group-G1-2024-07-01-1-r0"


def issued(renderer: RecordingRenderer) -> ProgramPorts:
    ports = book(date(2026, 4, 15), renderer)
    adjustments.run_adjustments(RunAdjustments(valuation_date=date(2026, 3, 31)), ports)
    return ports


def test_a_protest_after_sixty_days_is_refused_with_the_deadline() -> None:
    ports = issued(RecordingRenderer())
    late = protests.file_protest(FileProtest(protest_id="P1", notice_id=NOTICE,
                                             received_on=date(2026, 6, 16), grounds="too high",
                                             actor="clerk"), ports)
    assert late.state is ProtestState.REFUSED
    assert late.refusal == ("received 2026-06-16, after the protest deadline 2026-06-14, rolled "
                            "to 2026-06-15 (60 days after the notice date, RCW 51.52.050)")
    assert protests.get_notice(ports, NOTICE).state is AdjustmentState.ISSUED


def test_a_disputed_claim_is_recalculated_as_of_the_adjustment_and_decided() -> None:
    renderer = RecordingRenderer()
    ports = issued(renderer)
    filed = protests.file_protest(FileProtest(
        protest_id="P1", notice_id=NOTICE, received_on=date(2026, 6, 15), grounds="C1 reserve",
        claim_number="C1", dispute="time-loss order under appeal", actor="clerk"), ports)
    assert filed.state is ProtestState.DISPUTE_PENDING
    order = renderer.of(FurtherOrder)[0]
    assert (order.claim_number, order.adjustment_number) == ("C1", 1)
    protests.record_resolution(RecordResolution(
        protest_id="P1", notified_on=date(2026, 9, 1), resolution="order reversed",
        resolved_claim={"af_reserve": "0.00", "status": "closed"}, actor="clerk"), ports)
    ports.clock.set(date(2026, 9, 10))  # type: ignore[attr-defined]
    decided = protests.decide_protest(DecideProtest(protest_id="P1", decision="The adjustment "
                                                    "is revised.", reasons=("C1 closed.",),
                                                    actor="coord"), ports)
    assert decided.state is ProtestState.DECIDED
    assert decided.appeal_deadline == date(2026, 11, 9)
    nod = renderer.of(NoticeOfDecision)[0]
    assert nod.revised_result > nod.original_result
    assert nod.reasons[-1] == "No interest is paid on the difference (WAC 296-17B-700)."
    assert any(row.original != row.revised for row in nod.comparison)
    revised = ports.uow.notices.get("group-G1-2024-07-01-1-r1")
    assert revised is not None
    assert revised.valuation_date == date(2026, 3, 31)
    assert protests.get_notice(ports, NOTICE).state is AdjustmentState.DECIDED


def test_an_appeal_runs_through_the_board_and_superior_court_with_a_case_file() -> None:
    renderer = RecordingRenderer()
    ports = issued(renderer)
    protests.file_protest(FileProtest(protest_id="P1", notice_id=NOTICE, grounds="too high",
                                      received_on=date(2026, 5, 1), actor="clerk"), ports)
    ports.clock.set(date(2026, 7, 1))  # type: ignore[attr-defined]
    protests.decide_protest(DecideProtest(protest_id="P1", decision="Affirmed.", reasons=(),
                                          actor="coord"), ports)
    with pytest.raises(Conflict, match="2026-08-31"):
        appeals.file_appeal(FileAppeal(appeal_id="AP1", notice_id=NOTICE, protest_id="P1",
                                       filed_on=date(2026, 9, 1), actor="clerk"), ports)
    appeal = appeals.file_appeal(FileAppeal(appeal_id="AP1", notice_id=NOTICE, protest_id="P1",
                                            filed_on=date(2026, 8, 31), actor="clerk",
                                            docket_number="26 12345"), ports)
    assert appeal.appeal_deadline == date(2026, 8, 31)
    appeals.schedule_hearing(ScheduleHearing(appeal_id="AP1", hearing_on=date(2027, 1, 12),
                                             actor="clerk"), ports)
    decided = appeals.record_board_decision(RecordBoardDecision(
        appeal_id="AP1", decided_on=date(2027, 3, 1), outcome="affirmed", actor="clerk"), ports)
    assert decided.court_deadline == date(2027, 3, 31)
    court = appeals.file_superior_court_appeal(FileSuperiorCourtAppeal(
        appeal_id="AP1", filed_on=date(2027, 3, 31), actor="clerk"), ports)
    assert court.state is AppealState.SUPERIOR_COURT
    document = appeals.build_case_file(ports, "AP1")
    case_file = renderer.of(AppealCaseFile)[0]
    assert document.pdf == b"%PDF AppealCaseFile"
    assert [type(n).__name__ for n in case_file.notices] == ["AdjustmentNotice",
                                                             "NoticeOfDecision"]
    assert [c.claim_number for c in case_file.claims] == ["C1", "C2"]
    assert case_file.claims[0].case_incurred_af == Decimal("320000.00")   # as of 2026-03-31
    events = [e.event for e in case_file.timeline]
    assert "protest P1: created → received" in events
    assert "superior court deadline" in events
    closed = appeals.close_appeal(ports, "AP1", date(2027, 9, 1), "judgment for L&I", "clerk")
    assert closed.state is AppealState.CLOSED
    assert protests.get_notice(ports, NOTICE).state is AdjustmentState.FINAL
    assert protests.get_protest(ports, "P1").state is ProtestState.CLOSED


class ReloadedEngine:
    """The engine after an administrator loaded a new version of a table for the period."""

    def calculate(self, case: dict) -> dict:
        result = ENGINE.calculate(case)
        for source in result["provenance"]["sources"]:
            if source["name"] == "dldf":
                source["version"] = "official: WSR 99-99-999"
        return result

    plan_violations = ENGINE.plan_violations
    size_groups = ENGINE.size_groups


def test_a_recalculation_is_refused_when_the_rulebook_changed_since_the_adjustment() -> None:
    ports = issued(RecordingRenderer())
    protests.file_protest(FileProtest(protest_id="P1", notice_id=NOTICE, grounds="C1",
                                      received_on=date(2026, 5, 1), claim_number="C1",
                                      dispute="order under appeal", actor="c"), ports)
    protests.record_resolution(RecordResolution(protest_id="P1", notified_on=date(2026, 5, 2),
                                                resolution="reversed",
                                                resolved_claim={"af_reserve": "0.00"},
                                                actor="c"), ports)
    reloaded = ProgramPorts(uow=ports.uow, clock=ports.clock, engine=ReloadedEngine(),
                            renderer=ports.renderer)
    with pytest.raises(Conflict, match=r"dldf: illustrative: .* → official: WSR 99-99-999"):
        protests.decide_protest(DecideProtest(protest_id="P1", decision="Revised.", reasons=(),
                                              actor="c"), reloaded)
    assert protests.get_protest(ports, "P1").state is ProtestState.RESOLUTION_NOTIFIED
