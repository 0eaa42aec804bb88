"""A group's full life on a frozen clock, with real PDFs: it applies, is enrolled, has three
adjustments, protests the second over a disputed claim, receives a Notice of Decision with a
revised amount and appeals. Every document's text and every deadline is checked.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from retrodesk.adapters.documents.formatting import money
from retrodesk.adapters.documents.render import TypstDocumentRenderer
from retrodesk.programs import adjustments, appeals, protests, refunds
from retrodesk.programs import enrollment as en
from retrodesk.programs.commands import (
    DecideProtest,
    DistributeRefund,
    FileAppeal,
    FileApplication,
    FileProtest,
    ProgramPorts,
    RecordResolution,
    RecordSignature,
    ReviewApplication,
    RunAdjustments,
    SendAgreement,
)
from retrodesk.programs.distribution import SAMPLE_CLAUSE
from retrodesk.programs.issued import issued_pdf
from retrodesk.programs.lifecycle import (
    AdjustmentState,
    AppealState,
    ApplicationState,
    ProtestState,
    StandingState,
)
from retrodesk.programs.records import ParticipantKind
from retrodesk.programs.workflow import ApplicationKind
from tests.unit.programs.world import make_ports, seed_claim, seed_employer, seed_sponsor

START = date(2024, 7, 1)
NOTICE = "group-G1-2024-07-01-{}-r0"


def pdf_text(ports: ProgramPorts, document_id: str) -> str:
    pages = PdfReader(io.BytesIO(issued_pdf(ports, document_id).pdf)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def at(ports: ProgramPorts, day: date) -> None:
    ports.clock.set(day)  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def life() -> ProgramPorts:
    ports = make_ports(date(2024, 4, 10), TypstDocumentRenderer())
    seed_employer(ports, "E1", "250000")
    seed_employer(ports, "E2", "150000")
    seed_sponsor(ports, ["E1", "E2"])
    seed_claim(ports, "C1", "E1", date(2024, 9, 2), [(date(2025, 6, 30), "open", "150000"),
                                                      (date(2027, 3, 31), "open", "400000")])
    seed_claim(ports, "C2", "E2", date(2025, 2, 3), [(date(2025, 6, 30), "open", "20000"),
                                                      (date(2026, 3, 31), "closed", "0")])
    _enroll(ports)
    for run_day, valuation in ((date(2026, 4, 15), date(2026, 3, 31)),
                               (date(2027, 4, 15), date(2027, 3, 31))):
        at(ports, run_day)
        adjustments.run_adjustments(RunAdjustments(valuation_date=valuation), ports)
    at(ports, date(2027, 5, 20))
    protests.file_protest(FileProtest(
        protest_id="P-1", notice_id=NOTICE.format(2), received_on=date(2027, 5, 20),
        grounds="The reserve on claim C1 is disputed.", claim_number="C1",
        dispute="time-loss order of 2027-02-10 under appeal", actor="clerk"), ports)
    at(ports, date(2028, 4, 14))
    adjustments.run_adjustments(RunAdjustments(valuation_date=date(2028, 3, 31)), ports)
    at(ports, date(2028, 5, 1))
    protests.record_resolution(RecordResolution(
        protest_id="P-1", notified_on=date(2028, 5, 1), resolution="order reversed",
        resolved_claim={"af_reserve": "40000.00"}, actor="clerk"), ports)
    at(ports, date(2028, 5, 10))
    protests.decide_protest(DecideProtest(
        protest_id="P-1", decision="The adjustment is revised.",
        reasons=("The time-loss order was reversed; claim C1 is valued with its resolved "
                 "reserve.",), actor="coord"), ports)
    at(ports, date(2028, 6, 1))
    appeals.file_appeal(FileAppeal(appeal_id="AP-1", notice_id=NOTICE.format(2), protest_id="P-1",
                                   filed_on=date(2028, 6, 1), actor="clerk",
                                   docket_number="28 10001"), ports)
    appeals.build_case_file(ports, "AP-1")
    return ports


def _enroll(ports: ProgramPorts) -> None:
    en.file_application(FileApplication(
        application_id="APP-1", kind=ApplicationKind.NEW_GROUP, coverage_start=START,
        received_on=date(2024, 4, 10), actor="coord", group_id="G1", sponsor_id="S1",
        industry_category="c", group_name="Builders Retro Group", signer_name="Sam Chair",
        signer_title="corporate officer", members=("E1", "E2"), plan_basis="premium",
        single_loss_limit=Decimal("250000"), max_loss_ratio=Decimal("1.20"),
        min_loss_ratio=Decimal("0.05")), ports)
    en.review_application(ReviewApplication(
        application_id="APP-1", actor="coord",
        sponsor_evidence=frozenset({"safety_plan", "claims_cooperation_plan",
                                    "safety_improvement"}),
        related_classes={"E1": ("0510-00",), "E2": ("0510-00",)}), ports)
    at(ports, date(2024, 4, 20))
    en.send_agreement(SendAgreement(application_id="APP-1", actor="coord"), ports)
    at(ports, date(2024, 4, 25))
    en.record_signature(RecordSignature(application_id="APP-1", signed_on=date(2024, 4, 25),
                                        actor="coord"), ports)


def test_the_group_is_enrolled_from_a_signed_agreement(life: ProgramPorts) -> None:
    app = en.get_application(life, "APP-1")
    assert app.state is ApplicationState.ENROLLED
    deadline = next(c for c in app.checks if c.check_id == "G8")
    assert (deadline.evidence["nominal"], deadline.evidence["due"]) == ("2024-05-01",
                                                                        "2024-05-01")
    assert [e.participant_id for e in life.uow.enrollments.members("G1", START)] == ["E1", "E2"]
    text = pdf_text(life, "agreement-APP-1")
    for expected in ("Retrospective Rating Plan Agreement", "Date April 20, 2024",
                     "Group Builders Retro Group", "Industry category c",
                     "Coverage period July 1, 2024 – June 30, 2025",
                     "Single loss limit (SLOL) $250,000.00", "Maximum loss ratio 120%",
                     "Minimum loss ratio 5%", "Sam Chair, corporate officer"):
        assert expected in text, expected


@pytest.mark.parametrize(("number", "notice_date", "valuation", "protest_by"), [
    (1, "April 15, 2026", "March 31, 2026", "June 15, 2026"),     # June 14, 2026 is a Sunday
    (2, "April 15, 2027", "March 31, 2027", "June 14, 2027"),
    (3, "April 14, 2028", "March 31, 2028", "June 13, 2028"),
])
def test_each_adjustment_notice_states_its_dates_amounts_and_members(
        life: ProgramPorts, number: int, notice_date: str, valuation: str,
        protest_by: str) -> None:
    notice = protests.get_notice(life, NOTICE.format(number))
    text = pdf_text(life, notice.document_id)
    kind = "Refund to you" if notice.result_amount > 0 else "Additional premium"
    for expected in (f"Date {notice_date}", f"Valuation date {valuation}",
                     f"Protest by {protest_by}", "Group Builders Retro Group",
                     f"{kind} {money(abs(notice.result_amount))}",
                     f"Standard premium (SP) {money(notice.standard_premium)}",
                     f"Retrospective premium (RP) {money(notice.retro_premium)}",
                     "E1 Construction LLC E1 $1,000,000.00", "E2 Construction LLC E2 $600,000.00",
                     "ILLUSTRATIVE — not an L&I figure"):
        assert expected in text, expected


def test_the_comparison_bases_chain_and_the_period_feeds_the_tracker(life: ProgramPorts) -> None:
    first, second, third = (protests.get_notice(life, NOTICE.format(n)) for n in (1, 2, 3))
    assert first.compared_with == first.standard_premium == Decimal("1600000.00")
    assert (second.compared_with, third.compared_with) == (first.retro_premium,
                                                           second.retro_premium)
    standing = life.uow.standings.get("G1")
    assert standing is not None
    assert standing.state is StandingState.CLEAR
    assert standing.finals == ((START, third.standard_premium - third.retro_premium),)


def test_the_further_order_names_the_claim_and_the_dispute(life: ProgramPorts) -> None:
    text = pdf_text(life, "further-order-P-1")
    for expected in ("Further Order: Adjustment Subject to Revision", "Date May 20, 2027",
                     "Claim in dispute C1", "time-loss order of 2027-02-10 under appeal",
                     "Adjustment notice group-G1-2024-07-01-2-r0 of April 15, 2027",
                     "same valuation date (March 31, 2027)"):
        assert expected in text, expected


def test_the_notice_of_decision_revises_the_second_adjustment_as_of_its_date(
        life: ProgramPorts) -> None:
    protest = protests.get_protest(life, "P-1")
    assert protest.state is ProtestState.BIIA_APPEAL
    assert protest.appeal_deadline == date(2028, 7, 10)          # July 9, 2028 is a Sunday
    original = protests.get_notice(life, NOTICE.format(2))
    revised = life.uow.notices.get("group-G1-2024-07-01-2-r1")
    assert revised is not None
    assert revised.valuation_date == original.valuation_date == date(2027, 3, 31)
    assert revised.compared_with == original.compared_with
    assert revised.result_amount > original.result_amount
    claim = next(c for c in revised.case["claims"] if c["id"] == "C1")
    assert (claim["af_reserve"], claim["af_paid"]) == ("40000.00", "20000.00")
    third = protests.get_notice(life, NOTICE.format(3))
    text = pdf_text(life, "decision-P-1")
    for expected in ("Notice of Decision", "Date May 10, 2028", "Claim recalculated C1",
                     "The reserve on claim C1 is disputed.", "The adjustment is revised.",
                     f"Original result refund {money(original.result_amount)}",
                     f"Revised result refund {money(revised.result_amount)}",
                     f"Difference (paid to you, no interest) "
                     f"{money(revised.result_amount - original.result_amount)}",
                     f"Third (final) {money(third.result_amount)} "
                     f"{money(revised.retro_premium - third.retro_premium)}",
                     "Appeal deadline: July 10, 2028"):
        assert expected.replace("-$", "−$") in text, expected


def test_the_appeal_case_file_bundles_notices_worksheets_claims_and_timeline(
        life: ProgramPorts) -> None:
    appeal = life.uow.appeals.get("AP-1")
    assert appeal is not None
    assert (appeal.state, appeal.appeal_deadline) == (AppealState.BIIA_APPEAL, date(2028, 7, 10))
    assert protests.get_notice(life, NOTICE.format(2)).state is AdjustmentState.APPEALED
    text = pdf_text(life, "case-file-AP-1-2028-06-01")
    for expected in ("Appeal Case File", "BIIA docket 28 10001",
                     "Retrospective Rating Refund Notice — group-G1-2024-07-01-2-r0",
                     "Further Order: Adjustment Subject to Revision — further-order-P-1",
                     "Notice of Decision — decision-P-1", "Adjustment 2 as issued",
                     "Adjustment 2 recalculated", "Claim valuations as of March 31, 2027",
                     "June 14, 2027 protest deadline RCW 51.52.050",
                     "May 20, 2027 protest P-1: received → further_order_issued",
                     "July 10, 2028 appeal deadline RCW 51.52.060"):
        assert expected in text, expected
    stored = life.uow.adjustment_results.for_participant(ParticipantKind.GROUP, "G1")
    assert sorted((r.adjustment_number, r.revision) for r in stored) == [(1, 0), (2, 0), (2, 1),
                                                                         (3, 0)]


def test_the_first_refund_is_shared_with_members_on_the_sample_clause(life: ProgramPorts) -> None:
    at(life, date(2028, 6, 2))
    payout = refunds.distribute_refund(DistributeRefund(
        group_id="G1", coverage_start=START, adjustment_number=1, formula=SAMPLE_CLAUSE,
        actor="sponsor", training={"E1": date(2026, 1, 10)}), life)
    refund = protests.get_notice(life, NOTICE.format(1)).result_amount
    net = (refund * Decimal("0.75")).quantize(Decimal("0.01"))
    assert payout.distributed == (net * Decimal("0.40")).quantize(Decimal("0.01"))
    assert sum(payout.amounts.values(), Decimal(0)) == payout.distributed
    sponsor = pdf_text(life, "statement-G1-2024-07-01-1")
    for expected in ("Member Refund Statement", f"Group refund to date {money(refund)}",
                     f"Kept by the sponsor (holdback 25%) {money(refund - net)}",
                     "Payout cap at this adjustment 40%",
                     f"Distributed to members now {money(payout.distributed)}",
                     f"Total on this statement {money(payout.distributed)}"):
        assert expected in sponsor, expected
    member = pdf_text(life, "statement-G1-2024-07-01-1-E2")
    assert f"Total on this statement {money(payout.amounts['E2'])}" in member
    assert "Training" not in member                      # E2 attended no seminar
    assert "E1 Construction LLC" not in member
