"""Workflow records as plain values: applications, agreements, notices, protests, appeals, standing,
payouts, runs, issued documents and the trail of state transitions.

Each record has a string `key` (its identity) and a `version` bumped on every update, so that a
concurrent edit is caught (convention 6). Records are replaced, never mutated.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from retrodesk.programs.distribution import SharingTerms
from retrodesk.programs.documents import AdjustmentNotice
from retrodesk.programs.eligibility import CheckResult
from retrodesk.programs.lifecycle import (
    AdjustmentState,
    AppealState,
    ApplicationState,
    CollectionState,
    ProtestState,
    RecommendationState,
    StandingState,
)

__all__ = [
    "AppealCase",
    "Application",
    "ApplicationKind",
    "CollectionOrder",
    "DisclosedTerms",
    "IssuedDocument",
    "Notice",
    "NoticeHeader",
    "Payment",
    "Payout",
    "ProhibitedConduct",
    "Protest",
    "Recommendation",
    "RemovalRequest",
    "Run",
    "Sanction",
    "Standing",
    "TrainingAttendance",
    "Transition",
    "payout_key",
    "period_key",
]


class ApplicationKind(StrEnum):
    """Individual retro, a new group, a group's renewal, or an employer joining a group."""

    INDIVIDUAL = "individual"
    NEW_GROUP = "new_group"
    RENEWAL = "renewal"
    MEMBER = "member"


@dataclass(frozen=True, slots=True, kw_only=True)
class Application:
    """An application for a coverage period, its elections, its checks and its state."""

    application_id: str
    kind: ApplicationKind
    coverage_start: date
    first_quarter: date                      # a member may join at a later quarter (-280)
    account_id: str | None = None            # the employer (individual or member)
    group_id: str | None = None
    sponsor_id: str | None = None
    industry_category: str | None = None
    group_name: str | None = None
    plan_basis: str | None = None
    single_loss_limit: Decimal | None = None
    max_loss_ratio: Decimal | None = None
    min_loss_ratio: Decimal | None = None
    signer_name: str = ""
    signer_title: str = ""
    members: tuple[str, ...] = ()            # proposed members of a new group
    received_on: date | None = None
    state: ApplicationState = ApplicationState.DRAFT
    checks: tuple[CheckResult, ...] = ()
    refusal: str = ""
    agreement_document: str | None = None
    agreement_signed_on: date | None = None
    version: int = 1

    @property
    def key(self) -> str:
        return self.application_id

    @property
    def participant_id(self) -> str:
        """The participant the enrollment will be for: the employer, or the group."""
        if self.kind in (ApplicationKind.NEW_GROUP, ApplicationKind.RENEWAL):
            return self.group_id or ""
        return self.account_id or ""


@dataclass(frozen=True, slots=True, kw_only=True)
class RemovalRequest:
    """A written request to remove a member from its group at the end of a period (-280)."""

    request_id: str
    group_id: str
    account_id: str
    next_coverage_start: date
    received_on: date
    version: int = 1

    @property
    def key(self) -> str:
        return self.request_id


@dataclass(frozen=True, slots=True, kw_only=True)
class Notice:
    """An issued adjustment (refund or additional premium notice) and its lifecycle.

    `case` and `result` are the engine's JSON documents as issued: the snapshot an appeal uses
    to reproduce the figure (convention 6). `revision` 0 is the original order.
    """

    notice_id: str
    participant_kind: str
    participant_id: str
    coverage_start: date
    adjustment_number: int
    revision: int
    valuation_date: date
    notice_date: date
    standard_premium: Decimal
    retro_premium: Decimal
    compared_with: Decimal
    result_amount: Decimal                   # > 0 refund, < 0 assessment
    protest_deadline: date
    payment_due: date | None
    case: Mapping[str, Any]
    result: Mapping[str, Any]
    document_id: str
    run_id: str
    code_version: str = ""                   # retrodesk version that computed it
    forfeited_refund: Decimal = Decimal(0)   # kept: calculated after a removal (-720)
    state: AdjustmentState = AdjustmentState.ISSUED
    version: int = 1

    @property
    def key(self) -> str:
        return self.notice_id

    @property
    def is_illustrative(self) -> bool:
        provenance = self.result.get("provenance") or {}
        return bool(provenance.get("illustrative"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Protest:
    """A protest of an adjustment notice; where a claim decision is in dispute, the -700 path."""

    protest_id: str
    notice_id: str
    received_on: date
    grounds: str
    claim_number: str | None = None
    dispute: str = ""
    state: ProtestState = ProtestState.RECEIVED
    refusal: str = ""
    further_order_document: str | None = None
    resolution: str = ""
    resolution_notified_on: date | None = None
    resolved_claim: Mapping[str, str] = field(default_factory=dict)
    revised_notice_id: str | None = None
    decision_document: str | None = None
    decided_on: date | None = None
    decision: str = ""
    reasons: tuple[str, ...] = ()
    appeal_deadline: date | None = None
    version: int = 1

    @property
    def key(self) -> str:
        return self.protest_id


@dataclass(frozen=True, slots=True, kw_only=True)
class AppealCase:
    """An appeal to the Board of Industrial Insurance Appeals and, after it, superior court."""

    appeal_id: str
    notice_id: str                           # the order appealed (adjustment notice)
    protest_id: str | None
    filed_on: date
    appeal_deadline: date
    docket_number: str = ""
    hearing_dates: tuple[date, ...] = ()
    board_decided_on: date | None = None
    board_outcome: str = ""
    court_deadline: date | None = None
    court_filed_on: date | None = None
    closed_on: date | None = None
    outcome: str = ""
    state: AppealState = AppealState.BIIA_APPEAL
    version: int = 1

    @property
    def key(self) -> str:
        return self.appeal_id


@dataclass(frozen=True, slots=True, kw_only=True)
class Standing:
    """A group's standing (probation tracker), with the final results behind it."""

    group_id: str
    sponsor_id: str
    industry_category: str
    state: StandingState = StandingState.CLEAR
    finals: tuple[tuple[date, Decimal], ...] = ()     # (coverage start, SP − RP₃)
    bar_until: date | None = None
    version: int = 1

    @property
    def key(self) -> str:
        return self.group_id


def period_key(group_id: str, coverage_start: date) -> str:
    """The key of a group's coverage period: its disclosed terms are stored under it."""
    return f"{group_id}/{coverage_start.isoformat()}"


def payout_key(group_id: str, coverage_start: date, adjustment_number: int) -> str:
    """The key of what a period's members were paid at one adjustment."""
    return f"{period_key(group_id, coverage_start)}/{adjustment_number}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Payout:
    """What a group's members were paid from one adjustment's refund (programs.md §11)."""

    group_id: str
    coverage_start: date
    adjustment_number: int
    paid_on: date
    distributed: Decimal
    amounts: Mapping[str, Decimal]
    documents: tuple[str, ...] = ()
    version: int = 1
    payable: Decimal = Decimal(0)            # due to members now; the rest stays with the sponsor

    @property
    def key(self) -> str:
        return payout_key(self.group_id, self.coverage_start, self.adjustment_number)


@dataclass(frozen=True, slots=True, kw_only=True)
class Run:
    """An adjustment run for a valuation date; re-running it creates nothing new."""

    run_id: str
    valuation_date: date
    started_at: datetime
    finished_at: datetime | None = None
    computed_count: int = 0
    already_done_count: int = 0
    notices_issued_count: int = 0
    version: int = 1

    @property
    def key(self) -> str:
        return self.run_id


@dataclass(frozen=True, slots=True, kw_only=True)
class NoticeHeader:
    """A notice's identity, amounts and dates, without its case and worksheet (for lists)."""

    notice_id: str
    participant_kind: str
    participant_id: str
    coverage_start: date
    adjustment_number: int
    revision: int
    result_amount: Decimal
    protest_deadline: date
    state: AdjustmentState
    payment_due: date | None = None          # an additional premium's due date (-780)


@dataclass(frozen=True, slots=True, kw_only=True)
class IssuedDocument:
    """A document the program issued, kept as it went out.

    An adjustment notice is issued with `notice`, exactly what it shows, and `pdf` empty: the
    PDF is rendered on first download and then kept (it is stamped with the notice's own date,
    so it is the same whenever it is rendered).
    """

    document_id: str
    kind: str
    subject: str                             # the record it belongs to (e.g. a notice id)
    issued_on: date
    pdf: bytes
    version: int = 1
    notice: AdjustmentNotice | None = None   # the view-model of a notice not yet rendered

    @property
    def is_rendered(self) -> bool:
        return bool(self.pdf)

    @property
    def key(self) -> str:
        return self.document_id


@dataclass(frozen=True, slots=True, kw_only=True)
class Transition:
    """One state change of one record: from, to, who, when and the rule (the audit trail)."""

    entity: str
    entity_id: str
    from_state: str
    to_state: str
    actor: str
    occurred_at: datetime
    rule: str = ""
    note: str = ""
    sequence: int = 0
    version: int = 1

    @property
    def key(self) -> str:
        return f"{self.entity}/{self.entity_id}/{self.sequence}"



class ProhibitedConduct(StrEnum):
    """The conduct WAC 296-17B-720 prohibits (programs.md §12)."""

    CLAIMS_SUPPRESSION = "claims_suppression"              # as defined in RCW 51.28.010(4)
    PAYING_MEDICAL_PROVIDERS = "paying_medical_providers"  # for an industrial injury or disease
    UNDISCLOSED_REFUND_CONDITIONS = "undisclosed_refund_conditions"  # a sponsor's conditions


@dataclass(frozen=True, slots=True, kw_only=True)
class Sanction:
    """A participant removed from retro for prohibited conduct, effective on the notice date,
    and permanently barred; a group's removal bars its sponsor too (WAC 296-17B-720)."""

    sanction_id: str
    participant_kind: str                    # "employer" or "group"
    participant_id: str
    sponsor_id: str | None
    conduct: ProhibitedConduct
    findings: str
    notice_date: date                        # the removal is effective on this date
    removed_applications: tuple[str, ...] = ()
    document_id: str = ""
    version: int = 1

    @property
    def key(self) -> str:
        return self.sanction_id


@dataclass(frozen=True, slots=True, kw_only=True)
class CollectionOrder:
    """A notice and order of assessment for an additional premium left unpaid after its due date.

    Rule: RCW 51.48.120 (final 30 days after service unless reconsideration is requested or an
    appeal is filed); WAC 296-17B-780 (the additional premium is due by its due date).
    """

    order_id: str
    notice_id: str                           # the additional premium notice
    participant_kind: str
    participant_id: str
    amount: Decimal                          # the unpaid additional premium
    payment_due: date
    served_on: date                          # the order's date of service
    final_on: date                           # rolled 30 days after service
    document_id: str = ""
    contested_on: date | None = None
    state: CollectionState = CollectionState.SERVED
    version: int = 1

    @property
    def key(self) -> str:
        return self.order_id


@dataclass(frozen=True, slots=True, kw_only=True)
class Payment:
    """Money received against an additional premium notice (WAC 296-17B-780: the additional
    premium is due by the date on its notice). What is left unpaid after that date is what an
    order of assessment collects (RCW 51.48.120). A payment counts for its adjustment: when a
    recalculation revises the notice, what was paid is deducted from the revised amount."""

    payment_id: str
    notice_id: str                           # the notice (revision) it was received against
    participant_kind: str
    participant_id: str
    coverage_start: date
    adjustment_number: int
    amount: Decimal
    received_on: date
    reference: str = ""                      # check number, transfer id
    version: int = 1

    @property
    def key(self) -> str:
        return self.payment_id


@dataclass(frozen=True, slots=True, kw_only=True)
class TrainingAttendance:
    """An employer's attendance at a workers' compensation safety or claims-management seminar.

    Safety education is part of the coordinator's job (product.md), and a sponsor's terms may
    share part of a refund among members who attended an in-person seminar recently
    (programs.md §11, the sample clause: within the last 3 years).
    """

    attendance_id: str
    account_id: str
    course: str
    attended_on: date
    is_in_person: bool = True
    provider: str = ""
    version: int = 1

    @property
    def key(self) -> str:
        return self.attendance_id


@dataclass(frozen=True, slots=True, kw_only=True)
class DisclosedTerms:
    """The refund-sharing terms a sponsor disclosed to its members at enrollment for one coverage
    period; a refund of that period is shared on them and on nothing else.

    Rule: WAC 296-17B-720(3) (conditions on a member's share must be disclosed at enrollment);
    programs.md §11 (the terms in force are those disclosed at enrollment).
    """

    group_id: str
    coverage_start: date
    terms: SharingTerms
    recorded_on: date
    version: int = 1

    @property
    def key(self) -> str:
        return period_key(self.group_id, self.coverage_start)


@dataclass(frozen=True, slots=True, kw_only=True)
class Recommendation:
    """Loss-control advice given to a participant about a problem area, with the day the
    coordinator follows it up and what was found then (product.md: advise groups and employers
    on injury problem areas and loss control, recommendations with follow-up)."""

    recommendation_id: str
    participant_kind: str
    participant_id: str
    area: str                                # e.g. "cause 71", or "claims overall"
    advice: str
    given_on: date
    follow_up_on: date
    outcome: str = ""
    followed_up_on: date | None = None
    state: RecommendationState = RecommendationState.OPEN
    version: int = 1

    @property
    def key(self) -> str:
        return self.recommendation_id
