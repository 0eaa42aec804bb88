"""Orders become final when their windows pass; enrollments start and end (programs.md §15)."""

from datetime import date

from retrodesk.programs import adjustments, appeals, protests
from retrodesk.programs import enrollment as en
from retrodesk.programs.commands import (
    DecideProtest,
    FileAppeal,
    FileProtest,
    RecordBoardDecision,
    RecordSignature,
    ReviewApplication,
    RunAdjustments,
    SendAgreement,
)
from retrodesk.programs.finality import close_expired
from retrodesk.programs.lifecycle import (
    AdjustmentState,
    AppealState,
    ApplicationState,
    ProtestState,
)
from tests.unit.programs.test_adjustments import book
from tests.unit.programs.test_enrollment import individual
from tests.unit.programs.world import make_ports, seed_employer

NOTICE = "group-G1-2024-07-01-1-r0"
INDIVIDUAL = "employer-E9-2024-07-01-1-r0"


def test_an_unprotested_notice_is_final_the_day_after_its_protest_deadline() -> None:
    ports = book(date(2026, 4, 15))
    adjustments.run_adjustments(RunAdjustments(valuation_date=date(2026, 3, 31)), ports)
    assert close_expired(ports, date(2026, 6, 15)).notices_final == 0     # deadline day
    done = close_expired(ports, date(2026, 6, 16))
    assert done.notices_final == 2
    assert protests.get_notice(ports, NOTICE).state is AdjustmentState.FINAL


def test_a_decision_not_appealed_closes_and_a_board_decision_not_taken_further_ends() -> None:
    ports = book(date(2026, 4, 15))
    adjustments.run_adjustments(RunAdjustments(valuation_date=date(2026, 3, 31)), ports)
    for protest_id, notice_id in (("P1", NOTICE), ("P2", INDIVIDUAL)):
        protests.file_protest(FileProtest(protest_id=protest_id, notice_id=notice_id,
                                          received_on=date(2026, 5, 1), grounds="x", actor="c"),
                              ports)
        protests.decide_protest(DecideProtest(protest_id=protest_id, decision="Affirmed.",
                                              reasons=(), actor="c"), ports)
    appeals.file_appeal(FileAppeal(appeal_id="A1", notice_id=INDIVIDUAL, protest_id="P2",
                                   filed_on=date(2026, 5, 2), actor="c"), ports)
    appeals.record_board_decision(RecordBoardDecision(appeal_id="A1", decided_on=date(2026, 9, 1),
                                                      outcome="affirmed", actor="c"), ports)
    done = close_expired(ports, date(2026, 10, 2))          # both windows have passed
    assert (done.protests_closed, done.appeals_closed) == (1, 1)
    assert protests.get_protest(ports, "P1").state is ProtestState.CLOSED
    assert protests.get_protest(ports, "P2").state is ProtestState.CLOSED
    assert protests.get_notice(ports, NOTICE).state is AdjustmentState.FINAL
    assert protests.get_notice(ports, INDIVIDUAL).state is AdjustmentState.FINAL
    appeal = ports.uow.appeals.get("A1")
    assert appeal is not None
    assert appeal.state is AppealState.CLOSED


def test_an_enrollment_is_active_from_its_first_quarter_and_completed_after_its_period() -> None:
    ports = make_ports(date(2025, 6, 2))
    seed_employer(ports, "E1", "300000")
    en.file_application(individual(date(2025, 6, 2)), ports)
    en.review_application(ReviewApplication(application_id="A1", actor="c"), ports)
    en.send_agreement(SendAgreement(application_id="A1", actor="c"), ports)
    en.record_signature(RecordSignature(application_id="A1", signed_on=date(2025, 6, 3),
                                        actor="c"), ports)
    assert close_expired(ports, date(2025, 6, 30)).enrollments_moved == 0
    assert close_expired(ports, date(2025, 7, 1)).enrollments_moved == 1
    assert en.get_application(ports, "A1").state is ApplicationState.ACTIVE
    close_expired(ports, date(2026, 7, 1))
    assert en.get_application(ports, "A1").state is ApplicationState.COMPLETED
