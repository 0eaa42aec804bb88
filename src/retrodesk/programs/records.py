"""Records as plain values: employers, reports, claims, sponsors, groups, enrollments, users.

These are what use cases and the web layer see; persistence records live in adapters/db and
`mapping.py` converts. Field names follow the rule text and the calculation contract.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

__all__ = [
    "AdjustmentResult",
    "AuditEntry",
    "Claim",
    "ClaimAsOf",
    "ClaimValuation",
    "Employer",
    "Enrollment",
    "Group",
    "Membership",
    "ParticipantKind",
    "QuarterlyReport",
    "RecordKind",
    "Role",
    "Sponsor",
    "User",
]


class RecordKind(StrEnum):
    """The kinds of records a file can hold (one documented column layout each, docs/imports.md)."""

    EMPLOYERS = "employers"
    REPORTS = "reports"
    CLAIMS = "claims"
    SPONSORS = "sponsors"
    GROUPS = "groups"
    MEMBERSHIPS = "memberships"
    ENROLLMENTS = "enrollments"
    ADJUSTMENTS = "adjustments"  # export only: adjustment results are computed, never imported
    NOTICES = "notices"  # export only: the refund and additional premium notices issued


class ParticipantKind(StrEnum):
    """A retro participant is one employer (individual or group member) or one sponsored group."""

    EMPLOYER = "employer"
    GROUP = "group"


class Role(StrEnum):
    COORDINATOR = "coordinator"
    DISTRICT_STAFF = "district_staff"
    ACTUARY = "actuary"
    ADMINISTRATOR = "administrator"
    SPONSOR = "sponsor"
    EMPLOYER = "employer"


@dataclass(frozen=True, slots=True, kw_only=True)
class Employer:
    """An industrial insurance account, with its good standing as of a date (WAC 296-17B-710)."""

    account_id: str
    legal_name: str
    governing_class: str
    opened_on: date
    is_in_good_standing: bool
    standing_reason: str | None
    standing_as_of: date


@dataclass(frozen=True, slots=True, kw_only=True)
class QuarterlyReport:
    """Hours and premium by fund for one employer, quarter and risk class (experience.md §2.5),
    as known from `known_from` on (an audit or a late report adds a later version)."""

    account_id: str
    quarter_start: date
    risk_class: str
    known_from: date
    hours: Decimal
    accident_fund: Decimal
    medical_aid: Decimal
    stay_at_work: Decimal
    supplemental_pension: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """A claim's lasting facts. For occupational disease `injury_date` is the date of last
    injurious exposure (WAC 296-17B-510) and `received_date` the date L&I received the claim."""

    claim_number: str
    account_id: str
    risk_class: str
    injury_kind: str
    injury_date: date
    received_date: date
    occurrence: str | None
    is_fatal: bool
    is_public_health_emergency: bool
    body_part_code: str | None
    nature_code: str | None
    cause_code: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class CodeCount:
    """How many claims of one risk class carry one combination of loss-control codes (cause,
    body part, nature): the book-wide baseline a participant's claims are compared with."""

    risk_class: str
    cause_code: str | None
    body_part_code: str | None
    nature_code: str | None
    claims: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimValuation:
    """Paid to date and reserve per fund as valued on one date; valuations are never rewritten."""

    claim_number: str
    valuation_date: date
    claim_type: str
    status: str
    af_paid: Decimal
    af_reserve: Decimal
    ma_paid: Decimal
    ma_reserve: Decimal

    @property
    def incurred(self) -> Decimal:
        """Case incurred: paid to date plus reserve, both funds."""
        return self.af_paid + self.af_reserve + self.ma_paid + self.ma_reserve


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimAsOf:
    """A claim as known on `as_of`: its facts and its latest valuation on or before that day."""

    claim: Claim
    valuation: ClaimValuation
    as_of: date


@dataclass(frozen=True, slots=True, kw_only=True)
class Sponsor:
    """A sponsoring organization (RCW 51.18.020)."""

    sponsor_id: str
    name: str
    founded_on: date
    purpose: str
    industry_category: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Group:
    """A sponsor's retro group: one industry category, coverage periods from a start quarter."""

    group_id: str
    sponsor_id: str
    name: str
    industry_category: str
    coverage_start: date


@dataclass(frozen=True, slots=True, kw_only=True)
class Membership:
    """An employer's dues-paying membership in a sponsor (WAC 296-17B-250)."""

    sponsor_id: str
    account_id: str
    dues_paid_since: date


@dataclass(frozen=True, slots=True, kw_only=True)
class Enrollment:
    """One participant enrolled for one coverage period.

    An employer row is an individual enrollment (`group_id` None, with its elections) or a
    group membership (`group_id` set, elections None: the group's plan applies). A group row
    carries the sponsor's elections for the plan year. Elections: `single_loss_limit` None is
    Unlimited. Enrolled quarters run from `first_quarter` to `last_quarter` (quarter starts).
    """

    participant_kind: ParticipantKind
    participant_id: str
    coverage_start: date
    account_id: str | None
    group_id: str | None
    first_quarter: date
    last_quarter: date
    plan_basis: str | None
    single_loss_limit: Decimal | None
    max_loss_ratio: Decimal | None
    min_loss_ratio: Decimal | None
    application_received: date
    signer_name: str
    signer_title: str
    is_endorsed: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class AdjustmentResult:
    """An issued adjustment: figures, the full worksheet and the rulebook versions used."""

    participant_kind: ParticipantKind
    participant_id: str
    coverage_start: date
    adjustment_number: int
    valuation_date: date
    revision: int
    standard_premium: Decimal
    retro_premium: Decimal
    result_kind: str
    result_amount: Decimal
    provenance: str
    worksheet: Any
    rule_versions: Any
    computed_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class User:
    """A person or API client; the password and token hashes are made by the web layer."""

    id: int | None
    username: str
    password_hash: str
    role: Role
    sponsor_id: str | None
    employer_account_id: str | None
    api_token_hash: str | None
    failed_login_count: int
    locked_until: datetime | None
    created_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditEntry:
    """One change to one record: who, when, what, and the values before and after."""

    occurred_at: datetime
    actor: str
    action: str
    table_name: str
    record_key: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
