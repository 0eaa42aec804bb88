"""Applications → checks → agreement → signature → enrollment (programs.md §2–§9, §15.1)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from retrodesk.kernel.errors import Conflict
from retrodesk.programs import enrollment as en
from retrodesk.programs.commands import (
    EndorseApplication,
    FileApplication,
    RecordSignature,
    RenewMembers,
    RequestRemoval,
    ReviewApplication,
    SendAgreement,
)
from retrodesk.programs.documents import PlanAgreement
from retrodesk.programs.events import history
from retrodesk.programs.lifecycle import ApplicationState
from retrodesk.programs.records import Group, ParticipantKind, QuarterlyReport
from retrodesk.programs.workflow import ApplicationKind
from tests.unit.programs.world import (
    RecordingRenderer,
    employer,
    make_ports,
    seed_employer,
    seed_sponsor,
)

START = date(2025, 7, 1)
PLAN = {"plan_basis": "premium", "single_loss_limit": Decimal("250000"),
        "max_loss_ratio": Decimal("1.20"), "min_loss_ratio": Decimal("0.40")}
EVIDENCE = frozenset({"safety_plan", "claims_cooperation_plan", "safety_improvement"})


def individual(received: date, **changes: object) -> FileApplication:
    fields = {"application_id": "A1", "kind": ApplicationKind.INDIVIDUAL, "coverage_start": START,
              "received_on": received, "actor": "coordinator", "account_id": "E1",
              "signer_name": "Pat Owner", "signer_title": "owner", **PLAN, **changes}
    return FileApplication(**fields)  # type: ignore[arg-type]


def test_a_late_individual_application_is_refused_with_the_date_it_missed() -> None:
    ports = make_ports(date(2025, 6, 17))
    app = en.file_application(individual(date(2025, 6, 17)), ports)
    assert app.state is ApplicationState.REFUSED
    assert app.refusal == ("received 2025-06-17, after the deadline 2025-06-15, rolled to "
                           "2025-06-16 (the 15th of the month before the coverage quarter, "
                           "WAC 296-17B-100(1)(c))")


def test_an_individual_is_enrolled_only_once_the_agreement_is_signed() -> None:
    renderer = RecordingRenderer()
    ports = make_ports(date(2025, 6, 2), renderer)
    seed_employer(ports, "E1", "300000")
    app = en.file_application(individual(date(2025, 6, 2)), ports)
    assert app.state is ApplicationState.UNDER_REVIEW
    reviewed = en.review_application(ReviewApplication(application_id="A1", actor="coord"), ports)
    assert [(c.check_id, c.passed) for c in reviewed.checks] == [
        ("I1", True), ("I2", True), ("I3", True), ("I4", True), ("I5", True), ("I6", True),
        ("I7", True), ("B2", True)]
    assert reviewed.state is ApplicationState.APPROVED
    sent = en.send_agreement(SendAgreement(application_id="A1", actor="coord"), ports)
    assert sent.state is ApplicationState.AGREEMENT_SENT
    assert ports.uow.enrollments.get(ParticipantKind.EMPLOYER, "E1", START) is None
    agreement = renderer.of(PlanAgreement)[0]
    assert (agreement.coverage_start, agreement.coverage_end) == (START, date(2026, 6, 30))
    en.record_signature(RecordSignature(application_id="A1", signed_on=date(2025, 6, 10),
                                        actor="coord"), ports)
    enrolled = ports.uow.enrollments.get(ParticipantKind.EMPLOYER, "E1", START)
    assert enrolled is not None
    assert enrolled.max_loss_ratio == Decimal("1.20")
    trail = history(ports.uow, "application", "A1")
    assert [t.to_state for t in trail] == ["received", "under_review", "approved",
                                           "agreement_sent", "enrolled"]
    assert {t.actor for t in trail} == {"coordinator", "coord"}


def test_the_premium_floor_reads_the_reports_known_on_the_day_of_review() -> None:
    """An audit known after the review does not change what the review saw (I2, -100(1)(b))."""
    def reviewed_on(day: date) -> str:
        ports = make_ports(day)
        seed_employer(ports, "E1", "1000")           # $4,000 in four quarters: under the floor
        for quarter in (date(2024, 4, 1), date(2024, 7, 1), date(2024, 10, 1), date(2025, 1, 1)):
            ports.uow.reports.add(QuarterlyReport(   # type: ignore[attr-defined]
                account_id="E1", quarter_start=quarter, risk_class="0510-00",
                known_from=date(2025, 6, 10), hours=Decimal(1000), accident_fund=Decimal(1000),
                medical_aid=Decimal(1000), stay_at_work=Decimal(0),
                supplemental_pension=Decimal(0)))     # the audit: $2,000 a quarter
        en.file_application(individual(date(2025, 6, 2)), ports)
        app = en.review_application(ReviewApplication(application_id="A1", actor="c"), ports)
        return next(c.message for c in app.checks if c.check_id == "I2")

    assert reviewed_on(date(2025, 6, 9)).startswith(
        "standard premium of the four prior quarters $4,000.00 is below")
    assert reviewed_on(date(2025, 6, 10)).startswith(
        "standard premium of the four prior quarters $8,000.00 meets")


def test_review_reports_every_failed_check() -> None:
    ports = make_ports(date(2025, 6, 2))
    ports.uow.employers.add(replace(employer("E1"), is_in_good_standing=False))
    en.file_application(individual(date(2025, 6, 2), signer_title="bookkeeper",
                                   max_loss_ratio=Decimal("1.70")), ports)
    app = en.review_application(ReviewApplication(application_id="A1", actor="c"), ports)
    assert app.state is ApplicationState.REFUSED
    assert [c.check_id for c in app.checks if not c.passed] == ["I1", "I2", "I4", "I5"]
    assert "I5: signed by bookkeeper" in app.refusal


def test_common_ownership_requires_the_whole_family_to_enroll() -> None:
    ports = make_ports(date(2025, 6, 2))
    seed_employer(ports, "E1", "300000")
    ports.uow.employers.add(employer("E2"))
    ports.uow.employers.link_ownership("E1", "E2")  # type: ignore[attr-defined]
    en.file_application(individual(date(2025, 6, 2)), ports)
    app = en.review_application(ReviewApplication(application_id="A1", actor="c"), ports)
    assert [c.check_id for c in app.checks if not c.passed] == ["I7"]
    assert next(c for c in app.checks if c.check_id == "I7").evidence["missing"] == "E2"


def test_an_invalid_move_is_refused_with_a_sentence() -> None:
    ports = make_ports(date(2025, 6, 2))
    seed_employer(ports, "E1", "300000")
    en.file_application(individual(date(2025, 6, 2)), ports)
    with pytest.raises(Conflict, match="under_review cannot become agreement_sent"):
        en.send_agreement(SendAgreement(application_id="A1", actor="c"), ports)


def new_group(received: date) -> FileApplication:
    return FileApplication(application_id="G-APP", kind=ApplicationKind.NEW_GROUP,
                           coverage_start=START, received_on=received, actor="coord",
                           group_id="G1", sponsor_id="S1", industry_category="c",
                           group_name="Builders Retro Group", signer_name="Sam Chair",
                           signer_title="corporate officer", members=("E1", "E2"), **PLAN)


def test_a_new_group_passes_every_sponsor_and_group_check_and_enrolls_its_members() -> None:
    ports = make_ports(date(2025, 5, 1))
    seed_employer(ports, "E1", "500000")
    seed_employer(ports, "E2", "300000")
    seed_sponsor(ports, ["E1", "E2"])
    en.file_application(new_group(date(2025, 5, 1)), ports)
    app = en.review_application(ReviewApplication(
        application_id="G-APP", actor="coord", sponsor_evidence=EVIDENCE,
        related_classes={"E1": ("0510-00",), "E2": ("0510-00",)}), ports)
    assert [c.check_id for c in app.checks if not c.passed] == []
    ids = {c.check_id for c in app.checks}
    assert ids >= {f"S{i}" for i in range(1, 11)} | {f"G{i}" for i in range(1, 10)} | {"B1"}
    assert next(c for c in app.checks if c.check_id == "G6").evidence["standard_premium"] == \
        "3200000"
    en.send_agreement(SendAgreement(application_id="G-APP", actor="coord"), ports)
    en.record_signature(RecordSignature(application_id="G-APP", signed_on=date(2025, 5, 20),
                                        actor="coord"), ports)
    assert ports.uow.groups.get("G1") is not None
    assert [e.participant_id for e in ports.uow.enrollments.members("G1", START)] == ["E1", "E2"]


def test_a_group_notice_after_the_two_month_deadline_is_refused() -> None:
    ports = make_ports(date(2025, 5, 2))
    app = en.file_application(new_group(date(2025, 5, 2)), ports)
    assert app.state is ApplicationState.REFUSED
    assert "2025-05-01" in app.refusal


def test_a_member_application_waits_for_the_sponsors_endorsement() -> None:
    ports = make_ports(date(2025, 9, 10))
    seed_employer(ports, "E3", "100000")
    seed_sponsor(ports, ["E3"])
    cmd = FileApplication(application_id="M1", kind=ApplicationKind.MEMBER, coverage_start=START,
                          first_quarter=date(2025, 10, 1), received_on=date(2025, 9, 15),
                          actor="coord", account_id="E3", group_id="G1", sponsor_id="S1",
                          industry_category="c", signer_name="Al", signer_title="partner")
    app = en.file_application(cmd, ports)
    assert app.state is ApplicationState.AWAITING_ENDORSEMENT
    en.endorse_application(EndorseApplication(application_id="M1", actor="sponsor"), ports)
    reviewed = en.review_application(ReviewApplication(
        application_id="M1", actor="coord", related_classes={"E3": ("0510-00",)}), ports)
    assert [(c.check_id, c.passed) for c in reviewed.checks] == [
        ("M1", True), ("M2", True), ("M3", True), ("M4", True), ("M5", True), ("M6", True),
        ("M7", True), ("B1", True), ("B2", True)]


def test_members_renew_automatically_unless_removed_or_not_in_good_standing() -> None:
    ports = make_ports(date(2025, 5, 1))
    for account in ("E1", "E2", "E4"):
        seed_employer(ports, account, "600000")
    seed_sponsor(ports, ["E1", "E2", "E4"])
    app = replace(new_group(date(2025, 5, 1)), members=("E1", "E2", "E4"))
    en.file_application(app, ports)
    en.review_application(ReviewApplication(
        application_id="G-APP", actor="c", sponsor_evidence=EVIDENCE,
        related_classes=dict.fromkeys(("E1", "E2", "E4"), ("0510-00",))), ports)
    en.send_agreement(SendAgreement(application_id="G-APP", actor="c"), ports)
    en.record_signature(RecordSignature(application_id="G-APP", signed_on=date(2025, 5, 2),
                                        actor="c"), ports)
    nxt = date(2026, 7, 1)
    en.request_removal(RequestRemoval(request_id="R1", group_id="G1", account_id="E2",
                                      next_coverage_start=nxt, received_on=date(2026, 6, 30),
                                      actor="c"), ports)
    ports.uow.employers.update(replace(employer("E4"), is_in_good_standing=False))
    renewed = en.renew_members(RenewMembers(group_id="G1", next_coverage_start=nxt, actor="c"),
                               ports)
    assert renewed == ["E1"]
    with pytest.raises(Conflict, match="2026-06-30"):
        en.request_removal(RequestRemoval(request_id="R2", group_id="G1", account_id="E1",
                                          next_coverage_start=nxt, received_on=date(2026, 7, 1),
                                          actor="c"), ports)


def test_a_renewal_is_checked_against_the_current_members_and_its_one_month_deadline() -> None:
    ports = make_ports(date(2025, 5, 1))
    seed_employer(ports, "E1", "500000")
    seed_employer(ports, "E2", "300000")
    seed_sponsor(ports, ["E1", "E2"])
    en.file_application(new_group(date(2025, 5, 1)), ports)
    en.review_application(ReviewApplication(
        application_id="G-APP", actor="c", sponsor_evidence=EVIDENCE,
        related_classes={"E1": ("0510-00",), "E2": ("0510-00",)}), ports)
    en.send_agreement(SendAgreement(application_id="G-APP", actor="c"), ports)
    en.record_signature(RecordSignature(application_id="G-APP", signed_on=date(2025, 5, 2),
                                        actor="c"), ports)
    renewal = replace(new_group(date(2026, 6, 1)), application_id="REN", members=(),
                      kind=ApplicationKind.RENEWAL, coverage_start=date(2026, 7, 1))
    ports.clock.set(date(2026, 6, 1))  # type: ignore[attr-defined]
    assert en.file_application(renewal, ports).state is ApplicationState.UNDER_REVIEW
    reviewed = en.review_application(ReviewApplication(
        application_id="REN", actor="c", sponsor_evidence=EVIDENCE,
        related_classes={"E1": ("0510-00",), "E2": ("0510-00",)}), ports)
    assert [c.check_id for c in reviewed.checks] == ["G1", "G2", "G3", "G4", "G7", "G8", "G9",
                                                     "B1", "B2"]
    assert reviewed.state is ApplicationState.APPROVED
    late = replace(renewal, application_id="REN-2", received_on=date(2026, 6, 2))
    assert en.file_application(late, ports).state is ApplicationState.REFUSED


def test_a_sponsor_cannot_open_a_new_category_before_its_last_group_finishes_two_periods(
) -> None:
    ports = make_ports(date(2025, 5, 1))
    seed_employer(ports, "E1", "500000")
    seed_employer(ports, "E2", "300000")
    seed_sponsor(ports, ["E1", "E2"])
    ports.uow.groups.add(Group(group_id="G0", sponsor_id="S1", name="Old", industry_category="a",
                               coverage_start=date(2024, 7, 1)))
    en.file_application(new_group(date(2025, 5, 1)), ports)
    app = en.review_application(ReviewApplication(
        application_id="G-APP", actor="c", sponsor_evidence=EVIDENCE,
        related_classes={"E1": ("0510-00",), "E2": ("0510-00",)}), ports)
    assert [c.check_id for c in app.checks if not c.passed] == ["S11"]
