"""Removal for prohibited conduct (WAC 296-17B-720) and the notice and order of assessment for
collection (RCW 51.48.120): programs.md §12, §14, §15.1."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from retrodesk.kernel.errors import Conflict, InvalidInput
from retrodesk.programs import adjustments, collection, enrollment, payments, removal
from retrodesk.programs.commands import (
    ContestAssessmentOrder,
    FileApplication,
    IssueAssessmentOrder,
    ProgramPorts,
    RecordPayment,
    RemoveParticipant,
    ReviewApplication,
    RunAdjustments,
)
from retrodesk.programs.events import history
from retrodesk.programs.lifecycle import ApplicationState, CollectionState
from retrodesk.programs.records import ClaimValuation
from retrodesk.programs.sanction_documents import AssessmentOrder, OwedAssessment, RemovalNotice
from retrodesk.programs.workflow import Application, ApplicationKind
from retrodesk.programs.worklist import worklist
from tests.unit.programs.test_adjustments import START, book
from tests.unit.programs.world import RecordingRenderer, seed_claim

E9_NOTICE, G1_NOTICE_2 = "employer-E9-2024-07-01-1-r0", "group-G1-2024-07-01-2-r0"


def heavy(renderer: RecordingRenderer) -> ProgramPorts:
    """E9 (individual) owes an additional premium at adjustment 1; both participants enrolled."""
    ports = book(date(2026, 4, 15), renderer)
    for i in range(8):
        seed_claim(ports, f"C9{i}", "E9", date(2024, 10, 1 + i),
                   [(date(2025, 6, 30), "open", "400000")])
    for app_id, kind, account, group in (("A-E9", ApplicationKind.INDIVIDUAL, "E9", None),
                                         ("A-G1", ApplicationKind.NEW_GROUP, None, "G1")):
        ports.uow.applications.add(Application(
            application_id=app_id, kind=kind, coverage_start=START, first_quarter=START,
            account_id=account, group_id=group, sponsor_id="S1" if group else None,
            state=ApplicationState.ACTIVE))
    adjustments.run_adjustments(RunAdjustments(valuation_date=date(2026, 3, 31)), ports)
    return ports


def remove(ports: ProgramPorts, kind: str, participant: str, on: date) -> None:
    ports.clock.set(on)  # type: ignore[attr-defined]
    removal.remove_participant(RemoveParticipant(
        sanction_id=f"S-{participant}", participant_kind=kind, participant_id=participant,
        conduct="claims_suppression", findings="Workers were told not to file claims.",
        actor="coord"), ports)


def test_removal_is_effective_on_the_notice_date_and_lists_what_stays_owed() -> None:
    renderer = RecordingRenderer()
    ports = heavy(renderer)
    remove(ports, "employer", "E9", date(2026, 6, 1))
    app = ports.uow.applications.get("A-E9")
    assert app is not None
    assert app.state is ApplicationState.REMOVED
    step = history(ports.uow, "application", "A-E9")[-1]
    assert (step.from_state, step.to_state, step.rule) == ("active", "removed", "WAC 296-17B-720")
    [notice] = renderer.of(RemovalNotice)
    assert notice.notice_date == date(2026, 6, 1)
    assert notice.conduct == "claims suppression, as defined in RCW 51.28.010(4)"
    assert notice.removed_periods == ((START, date(2025, 6, 30)),)
    assert notice.owed == (OwedAssessment(E9_NOTICE, START, 1, Decimal("514800.00")),)
    assert notice.appeal_deadline == date(2026, 7, 31)
    stored = ports.uow.documents.get("removal-S-E9")
    assert stored is not None
    assert (stored.kind, stored.pdf) == ("removal_notice", b"%PDF RemovalNotice")
    with pytest.raises(Conflict, match="already exists"):
        remove(ports, "employer", "E9", date(2026, 6, 2))


def test_refunds_of_adjustments_calculated_after_removal_are_forfeited() -> None:
    ports = heavy(RecordingRenderer())
    first = ports.uow.notices.get("group-G1-2024-07-01-1-r0")
    assert first is not None
    assert (first.result_amount > 0, first.forfeited_refund) == (True, Decimal(0))
    ports.uow.claims.add_valuation(ClaimValuation(  # type: ignore[attr-defined]
        claim_number="C1", valuation_date=date(2027, 3, 31), claim_type="time_loss",
        status="closed", af_paid=Decimal("20000.00"), af_reserve=Decimal(0),
        ma_paid=Decimal("10000.00"), ma_reserve=Decimal(0)))
    remove(ports, "group", "G1", date(2026, 6, 1))
    ports.clock.set(date(2027, 4, 15))  # type: ignore[attr-defined]
    adjustments.run_adjustments(RunAdjustments(valuation_date=date(2027, 3, 31)), ports)
    second = ports.uow.notices.get(G1_NOTICE_2)
    assert second is not None
    assert second.result_amount > 0
    assert second.forfeited_refund == second.result_amount
    assert adjustments.notice_document(ports, second).forfeited == second.result_amount
    untouched = ports.uow.notices.get("employer-E9-2024-07-01-2-r0")
    assert untouched is not None
    assert untouched.forfeited_refund == Decimal(0)


def test_a_removed_participant_is_permanently_barred_at_review() -> None:
    ports = heavy(RecordingRenderer())
    remove(ports, "employer", "E9", date(2026, 6, 1))
    remove(ports, "group", "G1", date(2026, 6, 1))
    ports.clock.set(date(2030, 5, 1))  # type: ignore[attr-defined]
    enrollment.file_application(FileApplication(
        application_id="A2", kind=ApplicationKind.INDIVIDUAL, coverage_start=date(2030, 7, 1),
        received_on=date(2030, 5, 1), actor="coord", account_id="E9", plan_basis="premium",
        single_loss_limit=Decimal("250000"), max_loss_ratio=Decimal("1.20"),
        min_loss_ratio=Decimal("0.40"), signer_name="Pat", signer_title="owner"), ports)
    app = enrollment.review_application(ReviewApplication(application_id="A2", actor="c"), ports)
    bar = next(c for c in app.checks if c.check_id == "B2")
    assert app.state is ApplicationState.REFUSED
    assert (bar.passed, bar.rule) == (False, "WAC 296-17B-720")
    assert bar.message == ("employer E9 was removed on 2026-06-01 for claims suppression, as "
                           "defined in RCW 51.28.010(4) and is permanently barred from "
                           "retrospective rating")
    enrollment.file_application(FileApplication(
        application_id="M3", kind=ApplicationKind.MEMBER, coverage_start=date(2030, 7, 1),
        first_quarter=date(2030, 7, 1), received_on=date(2030, 5, 1), actor="coord",
        account_id="E1", group_id="G7", sponsor_id="S1", industry_category="c",
        signer_name="Al", signer_title="partner"), ports)
    member = ports.uow.applications.get("M3")
    assert member is not None
    checks = enrollment.run_checks(ports, member, ReviewApplication(application_id="M3",
                                                                    actor="c"))
    assert not next(c for c in checks if c.check_id == "B2").passed      # the sponsor's bar


def _order(ports: ProgramPorts, order_id: str, notice_id: str = E9_NOTICE) -> None:
    collection.issue_assessment_order(IssueAssessmentOrder(
        order_id=order_id, notice_id=notice_id, actor="collector"), ports)


def test_an_unpaid_additional_premium_gets_an_order_final_30_days_after_service() -> None:
    renderer = RecordingRenderer()
    ports = heavy(renderer)
    ports.clock.set(date(2026, 5, 15))  # type: ignore[attr-defined]
    with pytest.raises(Conflict, match="is due 2026-05-15"):
        _order(ports, "O1")
    ports.clock.set(date(2026, 5, 20))  # type: ignore[attr-defined]
    with pytest.raises(Conflict, match="refund notice"):
        _order(ports, "O1", "group-G1-2024-07-01-1-r0")
    _order(ports, "O1")
    order = ports.uow.collections.get("O1")
    assert order is not None
    assert (order.amount, order.payment_due, order.served_on, order.final_on, order.state) == (
        Decimal("514800.00"), date(2026, 5, 15), date(2026, 5, 20), date(2026, 6, 22),
        CollectionState.SERVED)                  # June 19 (Juneteenth) rolls to Monday the 22nd
    [printed] = renderer.of(AssessmentOrder)
    assert (printed.notice_id, printed.amount, printed.final_on) == (
        E9_NOTICE, Decimal("514800.00"), date(2026, 6, 22))
    with pytest.raises(Conflict, match="already served"):
        _order(ports, "O2")
    revised = replace(ports.uow.notices.get(E9_NOTICE), notice_id=E9_NOTICE[:-1] + "1",
                      revision=1, result_amount=Decimal("-400000.00"))
    with ports.uow:
        ports.uow.notices.add(revised)
        ports.uow.commit()
    with pytest.raises(Conflict, match=f"for {E9_NOTICE} was already served"):
        _order(ports, "O3", revised.notice_id)             # the adjustment has its order
    with pytest.raises(Conflict, match="late"):
        collection.contest_assessment_order(ContestAssessmentOrder(
            order_id="O1", received_on=date(2026, 6, 23), appeal=False, actor="c"), ports)
    contested = collection.contest_assessment_order(ContestAssessmentOrder(
        order_id="O1", received_on=date(2026, 6, 22), appeal=False, actor="c"), ports)
    assert contested.state is CollectionState.RECONSIDERATION_REQUESTED
    ports.clock.set(date(2026, 7, 1))  # type: ignore[attr-defined]
    assert collection.finalize_assessment_orders(ports, "system") == []


def _pay(ports: ProgramPorts, payment_id: str, amount: str, on: date) -> None:
    payments.record_payment(RecordPayment(payment_id=payment_id, notice_id=E9_NOTICE,
                                          amount=Decimal(amount), received_on=on,
                                          reference="check 1001", actor="clerk"), ports)


def test_payments_reduce_what_an_order_collects_and_a_paid_notice_leaves_the_worklist() -> None:
    """WAC 296-17B-780, RCW 51.48.120: the order collects only what is unpaid after the date."""
    ports = heavy(RecordingRenderer())
    ports.clock.set(date(2026, 5, 10))  # type: ignore[attr-defined]
    with pytest.raises(InvalidInput) as bad:
        _pay(ports, "P0", "600000.00", date(2026, 5, 11))
    assert [(d.path, d.message) for d in bad.value.details] == [
        ("amount", "is more than the 514800.00 still owed"),
        ("received_on", "2026-05-11 is after today")]
    with pytest.raises(Conflict, match="refund notice"):
        payments.record_payment(RecordPayment(
            payment_id="P9", notice_id="group-G1-2024-07-01-1-r0", amount=Decimal("1.00"),
            received_on=date(2026, 5, 10), actor="clerk"), ports)
    _pay(ports, "P1", "14800.00", date(2026, 5, 10))
    with pytest.raises(Conflict, match="already exists"):
        _pay(ports, "P1", "1.00", date(2026, 5, 10))
    due = worklist(ports, date(2026, 5, 16)).section("collections")
    assert [(i.subject, i.due) for i in due] == [(E9_NOTICE, date(2026, 5, 15))]
    assert "500000.00 unpaid after its due date" in due[0].detail
    assert worklist(ports, date(2026, 5, 15)).section("collections") == []   # not yet late
    ports.clock.set(date(2026, 5, 20))  # type: ignore[attr-defined]
    _order(ports, "O1")
    order = ports.uow.collections.get("O1")
    assert order is not None
    assert order.amount == Decimal("500000.00")
    assert worklist(ports, date(2026, 5, 20)).section("collections") == []   # order served
    _pay(ports, "P2", "500000.00", date(2026, 5, 20))
    with pytest.raises(Conflict, match="paid in full"):
        _pay(ports, "P3", "1.00", date(2026, 5, 20))
    assert [t.to_state for t in history(ports.uow, "payment", "P2")] == ["received"]


def test_a_paid_additional_premium_gets_no_order() -> None:
    ports = heavy(RecordingRenderer())
    ports.clock.set(date(2026, 5, 12))  # type: ignore[attr-defined]
    _pay(ports, "P1", "514800.00", date(2026, 5, 12))
    ports.clock.set(date(2026, 5, 20))  # type: ignore[attr-defined]
    with pytest.raises(Conflict, match="paid in full"):
        _order(ports, "O1")
    assert worklist(ports, date(2026, 5, 20)).section("collections") == []


def test_an_uncontested_order_becomes_final_after_its_date() -> None:
    ports = heavy(RecordingRenderer())
    ports.clock.set(date(2026, 5, 20))  # type: ignore[attr-defined]
    _order(ports, "O1")
    ports.clock.set(date(2026, 6, 22))  # type: ignore[attr-defined]
    assert collection.finalize_assessment_orders(ports, "system") == []
    ports.clock.set(date(2026, 6, 23))  # type: ignore[attr-defined]
    assert collection.finalize_assessment_orders(ports, "system") == ["O1"]
    final = ports.uow.collections.get("O1")
    assert final is not None
    assert final.state is CollectionState.FINAL
    assert [t.to_state for t in history(ports.uow, "collection_order", "O1")] == [
        "served", "final"]
