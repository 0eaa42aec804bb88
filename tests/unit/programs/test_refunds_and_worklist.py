"""Refund distribution to members with statements, and the coordinator's worklist."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from retrodesk.kernel.errors import Conflict, InvalidInput, NotFound
from retrodesk.programs import adjustments, attendance, enrollment, refunds, removal
from retrodesk.programs.commands import (
    DiscloseTerms,
    DistributeRefund,
    FileApplication,
    RecordTraining,
    RemoveParticipant,
    RunAdjustments,
)
from retrodesk.programs.distribution import SAMPLE_CLAUSE, SAMPLE_TERMS, SharingTerms
from retrodesk.programs.documents import MemberRefundStatement
from retrodesk.programs.lifecycle import StandingState
from retrodesk.programs.workflow import ApplicationKind, Payout, Standing
from retrodesk.programs.worklist import worklist
from tests.unit.programs.test_adjustments import START, book, final_notice
from tests.unit.programs.world import RecordingRenderer


def test_a_group_refund_is_shared_exactly_with_a_statement_for_the_sponsor_and_each_member(
) -> None:
    renderer = RecordingRenderer()
    ports = book(date(2026, 4, 15), renderer)
    adjustments.run_adjustments(RunAdjustments(valuation_date=date(2026, 3, 31)), ports)
    cmd = DistributeRefund(group_id="G1", coverage_start=START, adjustment_number=1,
                           formula=SAMPLE_CLAUSE, actor="sponsor",
                           training={"E2": date(2025, 3, 1)})
    payout = refunds.distribute_refund(cmd, ports)
    notice = ports.uow.notices.get("group-G1-2024-07-01-1-r0")
    assert notice is not None
    net = (notice.result_amount * Decimal("0.75")).quantize(Decimal("0.01"))
    assert payout.distributed == (net * Decimal("0.40")).quantize(Decimal("0.01"))
    assert sum(payout.amounts.values(), Decimal(0)) == payout.distributed
    statements = renderer.of(MemberRefundStatement)
    assert [s.recipient.name for s in statements] == ["Builders Association",
                                                      "E1 Construction LLC", "E2 Construction LLC"]
    assert sum((s.amount for s in statements[0].shares), Decimal(0)) == payout.distributed
    assert {s.member.account_id for s in statements[2].shares} == {"E2"}
    with pytest.raises(Conflict):
        refunds.distribute_refund(cmd, ports)


def test_the_training_pool_reads_in_person_seminars_from_the_records() -> None:
    """programs.md §11 sample clause: 25 % to members at an in-person seminar within 3 years."""
    ports = book(date(2026, 4, 15), RecordingRenderer())
    adjustments.run_adjustments(RunAdjustments(valuation_date=date(2026, 3, 31)), ports)
    with pytest.raises(InvalidInput) as bad:
        attendance.record_training(RecordTraining(
            attendance_id="T0", account_id="E1", course=" ", attended_on=date(2026, 5, 1),
            actor="c"), ports)
    assert [(d.path, d.message) for d in bad.value.details] == [
        ("course", "is required"), ("attended_on", "2026-05-01 is after today")]
    with pytest.raises(NotFound):
        attendance.record_training(RecordTraining(
            attendance_id="T0", account_id="E77", course="Claims 101",
            attended_on=date(2026, 1, 5), actor="c"), ports)
    for attendance_id, account, day, in_person in (("T1", "E1", date(2025, 3, 1), True),
                                                   ("T2", "E2", date(2025, 9, 1), False),
                                                   ("T3", "E2", date(2022, 9, 1), True)):
        attendance.record_training(RecordTraining(
            attendance_id=attendance_id, account_id=account, course="Fall protection",
            attended_on=day, is_in_person=in_person, provider="L&I", actor="c"), ports)
    assert attendance.last_in_person(ports.uow, ["E1", "E2"], date(2026, 4, 15)) == {
        "E1": date(2025, 3, 1), "E2": date(2022, 9, 1)}
    payout = refunds.distribute_refund(DistributeRefund(
        group_id="G1", coverage_start=START, adjustment_number=1, formula=SAMPLE_CLAUSE,
        actor="sponsor"), ports)
    statement = next(s for s in ports.renderer.of(MemberRefundStatement)  # type: ignore[attr-defined]
                     if s.recipient.account_id == "S1")
    trained = {s.member.account_id for s in statement.shares if s.pool.startswith("Training")}
    assert trained == {"E1"}      # E2's in-person seminar is over 3 years old; online is not
    assert sum(payout.amounts.values(), Decimal(0)) == payout.distributed


def test_a_refund_is_shared_on_the_terms_disclosed_for_its_period() -> None:
    """WAC 296-17B-720(3), programs.md §11: the terms in force are those disclosed at enrollment."""
    ports = book(date(2026, 4, 15), RecordingRenderer())
    adjustments.run_adjustments(RunAdjustments(valuation_date=date(2026, 3, 31)), ports)
    share = DistributeRefund(group_id="G1", coverage_start=START, adjustment_number=1,
                             actor="sponsor")
    with pytest.raises(Conflict, match="no refund-sharing terms are on record"):
        refunds.distribute_refund(share, ports)
    everything_now = SharingTerms(holdback=Decimal(0), premium_share=Decimal(100),
                                  performance=Decimal(0), training=Decimal(0), training_years=3,
                                  cap_first=Decimal(100), cap_second=Decimal(100))
    with pytest.raises(NotFound, match="not enrolled for the period from 2023-07-01"):
        refunds.disclose_terms(DiscloseTerms(group_id="G1", coverage_start=date(2023, 7, 1),
                                             terms=everything_now, actor="s"), ports)
    with pytest.raises(InvalidInput) as bad:
        refunds.disclose_terms(DiscloseTerms(
            group_id="G1", coverage_start=START, actor="s",
            terms=replace(everything_now, holdback=Decimal(120), premium_share=Decimal(90))),
            ports)
    assert [d.path for d in bad.value.details] == ["holdback"]
    with pytest.raises(InvalidInput, match="weights must add up to 100 %"):
        refunds.disclose_terms(DiscloseTerms(
            group_id="G1", coverage_start=START, actor="s",
            terms=replace(everything_now, premium_share=Decimal(90))), ports)
    refunds.disclose_terms(DiscloseTerms(group_id="G1", coverage_start=START, actor="s",
                                         terms=SAMPLE_TERMS), ports)
    refunds.disclose_terms(DiscloseTerms(group_id="G1", coverage_start=START, actor="s",
                                         terms=everything_now), ports)      # a correction
    payout = refunds.distribute_refund(share, ports)
    notice = ports.uow.notices.get("group-G1-2024-07-01-1-r0")
    assert notice is not None
    assert payout.distributed == notice.result_amount       # no holdback, no cap: all of it
    with pytest.raises(Conflict, match="already shared"):
        refunds.disclose_terms(DiscloseTerms(group_id="G1", coverage_start=START, actor="s",
                                             terms=SAMPLE_TERMS), ports)


def _distribute_after_removal(removed_on: date) -> tuple[Payout, MemberRefundStatement]:
    """G1's first adjustment (issued 2026-04-15) shared after E2 was removed on `removed_on`."""
    renderer = RecordingRenderer()
    ports = book(date(2026, 4, 15), renderer)
    adjustments.run_adjustments(RunAdjustments(valuation_date=date(2026, 3, 31)), ports)
    ports.clock.set(removed_on)  # type: ignore[attr-defined]
    removal.remove_participant(RemoveParticipant(
        sanction_id="S-E2", participant_kind="employer", participant_id="E2",
        conduct="claims_suppression", findings="Told workers not to file.", actor="c"), ports)
    ports.clock.set(date(2026, 5, 1))  # type: ignore[attr-defined]
    payout = refunds.distribute_refund(DistributeRefund(
        group_id="G1", coverage_start=START, adjustment_number=1, formula=SAMPLE_CLAUSE,
        actor="sponsor", training={"E2": date(2025, 3, 1)}), ports)
    return payout, renderer.of(MemberRefundStatement)[0]


def test_a_member_removed_before_the_adjustment_forfeits_its_share() -> None:
    """WAC 296-17B-720: refunds from adjustments calculated after removal are forfeited."""
    removed_payout, statement = _distribute_after_removal(date(2026, 4, 15))
    kept = dict(removed_payout.amounts)
    assert set(kept) == {"E1"}
    assert [p.account_id for p in statement.forfeited_by] == ["E2"]
    assert sum(kept.values(), Decimal(0)) == statement.distributed
    paid_payout, later = _distribute_after_removal(date(2026, 4, 16))  # removed after the notice
    assert set(paid_payout.amounts) == {"E1", "E2"}
    assert paid_payout.payable == paid_payout.distributed
    assert later.forfeited_by == ()
    # E2's premium and performance shares go to E1; the training pool (25 %), where E2 was the
    # only member trained, has no one left and stays with the sponsor.
    training_pool = (later.distributed * Decimal("0.25")).quantize(Decimal("0.01"))
    assert later.distributed - statement.distributed == training_pool
    assert kept["E1"] == later.distributed - training_pool
    assert removed_payout.payable - removed_payout.distributed == training_pool   # the sponsor's


def test_the_worklist_gathers_what_is_due() -> None:
    ports = book(date(2026, 4, 1))
    enrollment.file_application(FileApplication(
        application_id="A9", kind=ApplicationKind.INDIVIDUAL, coverage_start=date(2026, 7, 1),
        received_on=date(2026, 4, 1), actor="c", account_id="E9"), ports)
    before = worklist(ports, date(2026, 4, 1))
    assert [i.subject for i in before.section("applications")] == ["A9"]
    assert [i.subject for i in before.section("runs")] == ["2024-07-01 adjustment 1"]
    assert before.section("deadlines") == []          # no enrollment deadline in April 2026
    june = worklist(ports, date(2026, 6, 1)).section("deadlines")
    assert [(i.subject, i.due) for i in june] == [
        ("group_renewal 2026-07-01", date(2026, 6, 1)),
        ("individual_application 2026-07-01", date(2026, 6, 15)),
        ("member_application 2026-07-01", date(2026, 6, 15)),
        ("member_removal 2026-07-01", date(2026, 6, 30))]
    adjustments.run_adjustments(RunAdjustments(valuation_date=date(2026, 3, 31)), ports)
    with ports.uow:
        ports.uow.standings.add(Standing(group_id="G1", sponsor_id="S1", industry_category="c",
                                         state=StandingState.PROBATION))
        ports.uow.commit()
    after = worklist(ports, date(2026, 4, 20))
    assert after.section("runs") == []
    assert len(after.section("protests")) == 2
    assert [i.subject for i in after.section("probation")] == ["G1"]
    assert set(after.as_dict()) == {"as_of", "applications", "deadlines", "runs", "protests",
                                    "appeals", "probation", "collections", "follow_ups"}


def test_a_group_assessed_so_far_shows_a_provisional_status_that_triggers_nothing() -> None:
    ports = book(date(2026, 5, 1))
    with ports.uow:
        ports.uow.notices.add(replace(final_notice(START, "100", "130"), adjustment_number=1,
                                      result_amount=Decimal("-30")))
        ports.uow.commit()
    items = worklist(ports, date(2026, 5, 1)).section("probation")
    assert [(i.subject, i.detail) for i in items] == [
        ("G1", "2024-07-01: provisional after adjustment 1: net assessment")]
    assert ports.uow.standings.get("G1") is None
