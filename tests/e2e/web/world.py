"""A small, fixed book for the web tests: two sponsors with one group each, members, an individual
participant, claims with valuations, issued adjustments and one user per role.

Sponsor S1 / group G1 / member E1 is the "own" side of every scoping test; S2 / G2 / E2 and the
individual E3 are what the sponsor and employer users must never reach. E2 was removed for
prohibited conduct, and E3 owes an additional premium past its due date, with an order of
assessment served for it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from retrodesk.adapters.db.tables import (
    AdjustmentResultRecord,
    ClaimRecord,
    ClaimValuationRecord,
    EmployerRecord,
    EnrollmentRecord,
    GroupRecord,
    MembershipRecord,
    QuarterlyReportRecord,
    RiskClassRecord,
    SponsorRecord,
    UserRecord,
)
from retrodesk.entrypoints.bootstrap import Services
from retrodesk.entrypoints.credentials import hash_password, hash_token
from retrodesk.programs import appeals, collection, losscontrol, protests, removal
from retrodesk.programs.adjustments import notice_id_for, run_adjustments
from retrodesk.programs.commands import (
    DecideProtest,
    FileAppeal,
    FileProtest,
    IssueAssessmentOrder,
    Recommend,
    RemoveParticipant,
    RunAdjustments,
)
from retrodesk.programs.records import ParticipantKind

PASSWORD = "correct horse battery"  # noqa: S105 - the test users' password
NOW = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
START = date(2024, 1, 1)
ROLES = ("coordinator", "district_staff", "actuary", "administrator", "sponsor", "employer")


@dataclass(frozen=True)
class World:
    """The ids the tests use: what S1's sponsor and E1's employer may see, and what they may not."""

    own: dict[str, str]
    other: dict[str, str]
    tokens: dict[str, str]


def put(db: Session, record: object) -> None:
    # No ORM relationships between the records: flushing each one keeps parents before children.
    db.add(record)
    db.flush()


def _employer(db: Session, account_id: str, risk_class: str) -> None:
    put(db, EmployerRecord(account_id=account_id, legal_name=f"Employer {account_id} LLC",
                          governing_class=risk_class, opened_on=date(2010, 1, 1),
                          is_in_good_standing=True, standing_reason=None, standing_as_of=START))
    # A report's version is dated by when it became known (added to the schema in steps).
    known = ({"known_from": date(2024, 4, 30)} if hasattr(QuarterlyReportRecord, "known_from")
             else {})
    put(db, QuarterlyReportRecord(**known, account_id=account_id, quarter_start=START,
                                  risk_class=risk_class, hours=Decimal("1000.00"),
                                  accident_fund=Decimal("1200.00"), medical_aid=Decimal("800.00"),
                                  stay_at_work=Decimal("10.00"),
                                  supplemental_pension=Decimal("50.00")))
    put(db, ClaimRecord(claim_number=f"K-{account_id}", account_id=account_id,
                        risk_class=risk_class, injury_kind="time_loss",
                        injury_date=date(2024, 3, 2), received_date=date(2024, 3, 9),
                        occurrence=None, is_fatal=False, is_public_health_emergency=False,
                        body_part_code=None, nature_code=None, cause_code=None))
    put(db, ClaimValuationRecord(claim_number=f"K-{account_id}", valuation_date=date(2025, 9, 30),
                                claim_type="time_loss", status="open", af_paid=Decimal("100.00"),
                                af_reserve=Decimal("50.00"), ma_paid=Decimal("25.00"),
                                ma_reserve=Decimal("0.00")))


def _enroll(db: Session, kind: str, participant: str, *, account: str | None,
            group: str | None) -> None:
    elections = kind == "group" or group is None
    put(db, EnrollmentRecord(
        participant_kind=kind, participant_id=participant, coverage_start=START,
        account_id=account, group_id=group, first_quarter=START, last_quarter=date(2024, 10, 1),
        plan_basis="premium" if elections else None,
        single_loss_limit=Decimal("250000") if elections else None,
        max_loss_ratio=Decimal("1.2000") if elections else None,
        min_loss_ratio=Decimal("0.4000") if elections else None,
        application_received=date(2023, 11, 1), signer_name="Pat Signer", signer_title="Owner",
        is_endorsed=True))


def build_world(services: Services) -> World:
    """The records, then the adjustments due (notices and their PDFs, by the programs)."""
    tokens = _records(services.session_factory, services.clock)
    run_adjustments(RunAdjustments(valuation_date=NOW.date(), actor="test-setup"),
                    services.program_ports("test-setup"))
    with services.session_factory() as db:
        issued = {(r.participant_kind, r.participant_id): r.id
                  for r in db.scalars(select(AdjustmentResultRecord))}
    notice = {p: notice_id_for(ParticipantKind(k), p, START, 1) for k, p in issued}
    other = {"group_id": "G2", "account_id": "E2", "claim_number": "K-E2", "sponsor_id": "S2",
             "adjustment_id": str(issued[("group", "G2")]), "notice_id": notice["G2"],
             "individual_adjustment_id": str(issued[("employer", "E3")]),
             "individual_notice_id": notice["E3"], "second_individual_notice_id": notice["E4"],
             **_protest_and_appeal(services, notice["G2"], "G2"),
             **_sanction_and_order(services, notice["E3"])}
    # G1's notice stays as issued, for the tests that protest it; the walk of anonymous
    # requests borrows G2's protest and appeal ids (they are refused before any read).
    own = {"group_id": "G1", "account_id": "E1", "claim_number": "K-E1", "sponsor_id": "S1",
           "adjustment_id": str(issued[("group", "G1")]), "notice_id": notice["G1"],
           **{k: other[k] for k in ("protest_id", "appeal_id", "document_id", "application_id",
                                    "sanction_id", "order_id", "recommendation_id")}}
    return World(own=own, other=other, tokens=tokens)


def _protest_and_appeal(services: Services, notice_id: str, suffix: str) -> dict[str, str]:
    """A decided protest (with its Notice of Decision) and an appeal of one notice."""
    ports = services.program_ports("test-setup")
    protest_id, appeal_id = f"PR-{suffix}", f"AP-{suffix}"
    protests.file_protest(FileProtest(protest_id=protest_id, notice_id=notice_id,
                                      received_on=NOW.date(), grounds="Reserve too high",
                                      actor="test-setup"), ports)
    protests.decide_protest(DecideProtest(protest_id=protest_id, decision="Affirmed",
                                          reasons=("The reserve is supported.",),
                                          actor="test-setup"), ports)
    appeals.file_appeal(FileAppeal(appeal_id=appeal_id, notice_id=notice_id,
                                   protest_id=protest_id, filed_on=NOW.date(),
                                   actor="test-setup"), ports)
    return {"protest_id": protest_id, "appeal_id": appeal_id,
            "document_id": f"decision-{protest_id}", "application_id": f"APP-{suffix}"}


def past_due_notice(services: Services, notice_id: str, number: int, amount: str,
                    due: date) -> str:
    """An additional premium notice of E3 past its due date: a copy of its first notice as
    adjustment `number` that came out an assessment of `amount`."""
    ports = services.program_ports("test-setup")
    with ports.uow as uow:
        first = uow.notices.get(notice_id)
        assert first is not None
        owed = notice_id_for(ParticipantKind.EMPLOYER, "E3", START, number)
        uow.notices.add(replace(first, notice_id=owed, adjustment_number=number,
                                result_amount=-Decimal(amount), payment_due=due,
                                document_id=f"notice-{owed}"))
        uow.commit()
    return owed


def _sanction_and_order(services: Services, notice_id: str) -> dict[str, str]:
    """E2 removed for claims suppression; E3's second adjustment an additional premium that was
    due on 2026-03-31, and its order of assessment; loss-control advice to E3."""
    ports = services.program_ports("test-setup")
    removal.remove_participant(RemoveParticipant(
        sanction_id="RM-2", participant_kind="employer", participant_id="E2",
        conduct="claims_suppression", findings="Workers were told not to file claims.",
        actor="test-setup"), ports)
    owed = past_due_notice(services, notice_id, 2, "1234.56", date(2026, 3, 31))
    collection.issue_assessment_order(IssueAssessmentOrder(
        order_id="OA-2", notice_id=owed, actor="test-setup"), ports)
    losscontrol.recommend(Recommend(
        recommendation_id="LC-2", participant_kind="employer", participant_id="E3",
        area="cause 71", advice="Fall protection training for the roofing crews.",
        follow_up_on=date(2099, 1, 1), actor="test-setup"), ports)
    return {"sanction_id": "RM-2", "order_id": "OA-2", "owed_notice_id": owed,
            "recommendation_id": "LC-2"}


def _records(session_factory: sessionmaker[Session], clock: object) -> dict[str, str]:
    tokens: dict[str, str] = {}
    with session_factory() as db:
        db.info.update(actor="test-setup", clock=clock)  # as a unit of work does, for the audit
        risk_class = db.scalars(select(RiskClassRecord.risk_class)).first()
        assert risk_class is not None, "the migration seeds the class list"
        for n in (1, 2):
            put(db, SponsorRecord(sponsor_id=f"S{n}", name=f"Sponsor {n} Association",
                                 founded_on=date(2000, 1, 1), purpose="trade association",
                                 industry_category="01"))
            put(db, GroupRecord(group_id=f"G{n}", sponsor_id=f"S{n}", name=f"Group {n} Retro",
                               industry_category="01", coverage_start=START))
        for account in ("E1", "E2", "E3", "E4"):
            _employer(db, account, risk_class)
        db.flush()
        for n in (1, 2):
            put(db, MembershipRecord(sponsor_id=f"S{n}", account_id=f"E{n}",
                                    dues_paid_since=date(2020, 1, 1)))
            _enroll(db, "group", f"G{n}", account=None, group=None)
            _enroll(db, "employer", f"E{n}", account=f"E{n}", group=f"G{n}")
        for individual in ("E3", "E4"):
            _enroll(db, "employer", individual, account=individual, group=None)
        for role in ROLES:
            tokens[role] = f"token-for-{role}"
            put(db, UserRecord(username=role, password_hash=hash_password(PASSWORD), role=role,
                              sponsor_id="S1" if role == "sponsor" else None,
                              employer_account_id="E1" if role == "employer" else None,
                              api_token_hash=hash_token(tokens[role]), failed_login_count=0,
                              locked_until=None, created_at=NOW))
        db.commit()
    return tokens
