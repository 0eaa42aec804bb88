"""A small, fixed book for the web tests: two sponsors with one group each, members, an individual
participant, claims with valuations, issued adjustments and one user per role.

Sponsor S1 / group G1 / member E1 is the "own" side of every scoping test; S2 / G2 / E2 and the
individual E3 are what the sponsor and employer users must never reach.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

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
from retrodesk.entrypoints.credentials import hash_password, hash_token
from retrodesk.rating import retro

PASSWORD = "correct horse battery"  # noqa: S105 - the test users' password
NOW = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
START = date(2024, 1, 1)
ROLES = ("coordinator", "district_staff", "actuary", "administrator", "sponsor", "employer")
EXAMPLE = Path(__file__).parents[3] / "src/retrodesk/entrypoints/web/static/examples/retro.json"


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


def _example_result() -> dict:
    return retro.calculate(retro.parse_case(json.loads(EXAMPLE.read_text()))).as_dict()


def _employer(db: Session, account_id: str, risk_class: str) -> None:
    put(db, EmployerRecord(account_id=account_id, legal_name=f"Employer {account_id} LLC",
                          governing_class=risk_class, opened_on=date(2010, 1, 1),
                          is_in_good_standing=True, standing_reason=None, standing_as_of=START))
    put(db, QuarterlyReportRecord(account_id=account_id, quarter_start=START, risk_class=risk_class,
                                 hours=Decimal("1000.00"), accident_fund=Decimal("1200.00"),
                                 medical_aid=Decimal("800.00"), stay_at_work=Decimal("10.00"),
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


def _adjustment(db: Session, kind: str, participant: str, result: dict) -> int:
    record = AdjustmentResultRecord(
        participant_kind=kind, participant_id=participant, coverage_start=START,
        adjustment_number=1, valuation_date=date(2025, 9, 30), revision=0,
        standard_premium=Decimal(result["standard_premium"]),
        retro_premium=Decimal(result["retro_premium"]), result_kind=result["result"]["kind"],
        result_amount=Decimal(result["result"]["amount"]), provenance="illustrative",
        worksheet=result["worksheet"], rule_versions={"insurance_tables": "illustrative v1"},
        computed_at=NOW)
    put(db, record)
    return record.id


def build_world(session_factory: sessionmaker[Session], clock: object) -> World:
    result = _example_result()
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
        for account in ("E1", "E2", "E3"):
            _employer(db, account, risk_class)
        db.flush()
        for n in (1, 2):
            put(db, MembershipRecord(sponsor_id=f"S{n}", account_id=f"E{n}",
                                    dues_paid_since=date(2020, 1, 1)))
            _enroll(db, "group", f"G{n}", account=None, group=None)
            _enroll(db, "employer", f"E{n}", account=f"E{n}", group=f"G{n}")
        _enroll(db, "employer", "E3", account="E3", group=None)
        own_adj = _adjustment(db, "group", "G1", result)
        other_adj = _adjustment(db, "group", "G2", result)
        individual_adj = _adjustment(db, "employer", "E3", result)
        for role in ROLES:
            tokens[role] = f"token-for-{role}"
            put(db, UserRecord(username=role, password_hash=hash_password(PASSWORD), role=role,
                              sponsor_id="S1" if role == "sponsor" else None,
                              employer_account_id="E1" if role == "employer" else None,
                              api_token_hash=hash_token(tokens[role]), failed_login_count=0,
                              locked_until=None, created_at=NOW))
        db.commit()
    return World(
        own={"group_id": "G1", "account_id": "E1", "claim_number": "K-E1",
             "adjustment_id": str(own_adj), "sponsor_id": "S1"},
        other={"group_id": "G2", "account_id": "E2", "claim_number": "K-E2",
               "adjustment_id": str(other_adj), "individual_adjustment_id": str(individual_adj),
               "sponsor_id": "S2"},
        tokens=tokens)
