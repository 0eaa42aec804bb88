"""Persistence records: one SQLAlchemy 2 typed declarative class per table (`…Record`).

Records are not domain objects; `mapping.py` converts them. Natural keys are primary keys
wherever the business has one (account id, claim number, sponsor and group ids), so imports
upsert by them. Every business table except the audit log is audited (`audit.py`).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from retrodesk.adapters.db.types import ExactDecimal, UtcDateTime

__all__ = [
    "AdjustmentResultRecord",
    "AuditEntryRecord",
    "Base",
    "ClaimRecord",
    "ClaimValuationRecord",
    "EmployerRecord",
    "EnrollmentRecord",
    "GroupRecord",
    "MembershipRecord",
    "OwnershipLinkRecord",
    "QuarterlyReportRecord",
    "RiskClassRecord",
    "SponsorRecord",
    "UserRecord",
]

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

MONEY = ExactDecimal(14, 2)
RATIO = ExactDecimal(6, 4)
# SQLite only auto-increments an INTEGER primary key; PostgreSQL gets a BIGINT.
BIG_ID = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    """Declarative base with stable constraint names."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {Decimal: MONEY, datetime: UtcDateTime()}


class Provenance:
    """Where an imported row came from: file name, its SHA-256 and the as-of date of the file."""

    source_file: Mapped[str | None] = mapped_column(String(255))
    source_hash: Mapped[str | None] = mapped_column(String(64))
    source_as_of: Mapped[date | None]


class RiskClassRecord(Base):
    __tablename__ = "risk_classes"
    risk_class: Mapped[str] = mapped_column(String(10), primary_key=True)
    description: Mapped[str] = mapped_column(String(200))
    industry_categories: Mapped[str] = mapped_column(String(40))
    hazard_group: Mapped[int]
    loss_cost_per_hour: Mapped[Decimal] = mapped_column(ExactDecimal(10, 4))
    primary_ratio: Mapped[Decimal] = mapped_column(ExactDecimal(6, 3))
    exposure_unit: Mapped[str] = mapped_column(String(20))
    book_weight: Mapped[int]


class EmployerRecord(Provenance, Base):
    __tablename__ = "employers"
    account_id: Mapped[str] = mapped_column(String(12), primary_key=True)
    legal_name: Mapped[str] = mapped_column(String(200))
    governing_class: Mapped[str] = mapped_column(ForeignKey("risk_classes.risk_class"))
    opened_on: Mapped[date]
    is_in_good_standing: Mapped[bool]
    standing_reason: Mapped[str | None] = mapped_column(String(200))
    standing_as_of: Mapped[date]
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - read once by the mapper


class OwnershipLinkRecord(Provenance, Base):
    """Common ownership (WAC 296-17B-770), stored once per pair with `account_id < related_id`."""

    __tablename__ = "ownership_links"
    account_id: Mapped[str] = mapped_column(ForeignKey("employers.account_id"), primary_key=True)
    related_id: Mapped[str] = mapped_column(ForeignKey("employers.account_id"), primary_key=True)


class QuarterlyReportRecord(Provenance, Base):
    """One version of one line of a quarterly report: hours and premium by fund for one risk
    class, as known from `known_from` on; a correction adds a version, never rewrites one."""

    __tablename__ = "quarterly_reports"
    account_id: Mapped[str] = mapped_column(ForeignKey("employers.account_id"), primary_key=True)
    quarter_start: Mapped[date] = mapped_column(primary_key=True)
    risk_class: Mapped[str] = mapped_column(
        ForeignKey("risk_classes.risk_class"), primary_key=True)
    known_from: Mapped[date] = mapped_column(primary_key=True)
    hours: Mapped[Decimal]
    accident_fund: Mapped[Decimal]
    medical_aid: Mapped[Decimal]
    stay_at_work: Mapped[Decimal]
    supplemental_pension: Mapped[Decimal]
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - read once by the mapper


class ClaimRecord(Provenance, Base):
    """A claim's lasting facts; its paid and reserve amounts are dated valuations."""

    __tablename__ = "claims"
    claim_number: Mapped[str] = mapped_column(String(20), primary_key=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("employers.account_id"), index=True)
    risk_class: Mapped[str] = mapped_column(ForeignKey("risk_classes.risk_class"))
    injury_kind: Mapped[str] = mapped_column(String(24))
    injury_date: Mapped[date]
    received_date: Mapped[date]
    occurrence: Mapped[str | None] = mapped_column(String(24))
    is_fatal: Mapped[bool]
    is_public_health_emergency: Mapped[bool]
    body_part_code: Mapped[str | None] = mapped_column(String(10))
    nature_code: Mapped[str | None] = mapped_column(String(10))
    cause_code: Mapped[str | None] = mapped_column(String(10))
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - read once by the mapper


class ClaimValuationRecord(Provenance, Base):
    """Paid and reserve per fund as valued on one date; never overwritten."""

    __tablename__ = "claim_valuations"
    claim_number: Mapped[str] = mapped_column(
        ForeignKey("claims.claim_number"), primary_key=True)
    valuation_date: Mapped[date] = mapped_column(primary_key=True)
    claim_type: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(8))
    af_paid: Mapped[Decimal]
    af_reserve: Mapped[Decimal]
    ma_paid: Mapped[Decimal]
    ma_reserve: Mapped[Decimal]


class SponsorRecord(Provenance, Base):
    __tablename__ = "sponsors"
    sponsor_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    founded_on: Mapped[date]
    purpose: Mapped[str] = mapped_column(String(500))
    industry_category: Mapped[str] = mapped_column(String(2))
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - read once by the mapper


class GroupRecord(Provenance, Base):
    __tablename__ = "groups"
    group_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    sponsor_id: Mapped[str] = mapped_column(ForeignKey("sponsors.sponsor_id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    industry_category: Mapped[str] = mapped_column(String(2))
    coverage_start: Mapped[date]
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - read once by the mapper


class MembershipRecord(Provenance, Base):
    __tablename__ = "memberships"
    sponsor_id: Mapped[str] = mapped_column(ForeignKey("sponsors.sponsor_id"), primary_key=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("employers.account_id"), primary_key=True)
    dues_paid_since: Mapped[date]
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - read once by the mapper


class EnrollmentRecord(Provenance, Base):
    """One participant's enrollment for one coverage period.

    `participant_kind` is `employer` (an individual or a group member) or `group` (the group's
    plan year, with the sponsor's elections). One retro enrollment per employer per coverage
    period (WAC 296-17B-250(3)) is the primary key.
    """

    __tablename__ = "enrollments"
    participant_kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    participant_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    coverage_start: Mapped[date] = mapped_column(primary_key=True)
    account_id: Mapped[str | None] = mapped_column(ForeignKey("employers.account_id"))
    group_id: Mapped[str | None] = mapped_column(ForeignKey("groups.group_id"), index=True)
    first_quarter: Mapped[date]
    last_quarter: Mapped[date]
    plan_basis: Mapped[str | None] = mapped_column(String(8))
    single_loss_limit: Mapped[Decimal | None]
    max_loss_ratio: Mapped[Decimal | None] = mapped_column(RATIO)
    min_loss_ratio: Mapped[Decimal | None] = mapped_column(RATIO)
    application_received: Mapped[date]
    signer_name: Mapped[str] = mapped_column(String(200))
    signer_title: Mapped[str] = mapped_column(String(100))
    is_endorsed: Mapped[bool]
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - read once by the mapper


class AdjustmentResultRecord(Base):
    """One issued adjustment with the full worksheet and the rulebook versions it used."""

    __tablename__ = "adjustment_results"
    __table_args__ = (UniqueConstraint(
        "participant_kind", "participant_id", "coverage_start", "adjustment_number",
        "valuation_date", "revision", name="uq_adjustment_results_issue"),)
    id: Mapped[int] = mapped_column(BIG_ID, primary_key=True, autoincrement=True)
    participant_kind: Mapped[str] = mapped_column(String(8))
    participant_id: Mapped[str] = mapped_column(String(20))
    coverage_start: Mapped[date]
    adjustment_number: Mapped[int]
    valuation_date: Mapped[date]
    revision: Mapped[int] = mapped_column(default=0)
    standard_premium: Mapped[Decimal]
    retro_premium: Mapped[Decimal]
    result_kind: Mapped[str] = mapped_column(String(12))
    result_amount: Mapped[Decimal]
    provenance: Mapped[str] = mapped_column(String(16))
    worksheet: Mapped[Any] = mapped_column(JSON)
    rule_versions: Mapped[Any] = mapped_column(JSON)
    computed_at: Mapped[datetime]


class UserRecord(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(BIG_ID, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    sponsor_id: Mapped[str | None] = mapped_column(ForeignKey("sponsors.sponsor_id"))
    employer_account_id: Mapped[str | None] = mapped_column(ForeignKey("employers.account_id"))
    api_token_hash: Mapped[str | None] = mapped_column(String(255), unique=True)
    failed_login_count: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    created_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - read once by the mapper


class AuditEntryRecord(Base):
    """Append-only: who changed which record when, with the values before and after."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_record", "table_name", "record_key"),)
    id: Mapped[int] = mapped_column(BIG_ID, primary_key=True, autoincrement=True)
    occurred_at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(8))
    table_name: Mapped[str] = mapped_column(String(50))
    record_key: Mapped[str] = mapped_column(String(200))
    before: Mapped[Any | None] = mapped_column(JSON)
    after: Mapped[Any | None] = mapped_column(JSON)
