"""Commands of the workflows (imperative names) and the ports bundle every use case receives."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from retrodesk.programs.calendar import HolidayCalendar, washington_calendar
from retrodesk.programs.distribution import DistributionFormula, SharingTerms
from retrodesk.programs.documents import DocumentRenderer
from retrodesk.programs.ports import Clock, RetroEngine, WorkflowUnitOfWork
from retrodesk.programs.workflow import ApplicationKind

__all__ = [
    "ContestAssessmentOrder",
    "DecideProtest",
    "DistributeRefund",
    "EndorseApplication",
    "FileAppeal",
    "FileApplication",
    "FileProtest",
    "FileSuperiorCourtAppeal",
    "IssueAssessmentOrder",
    "ProgramPorts",
    "RecordBoardDecision",
    "RecordResolution",
    "RecordSignature",
    "RemoveParticipant",
    "RenewMembers",
    "RequestRemoval",
    "ReviewApplication",
    "RunAdjustments",
    "ScheduleHearing",
    "SendAgreement",
]


@dataclass(frozen=True, slots=True)
class ProgramPorts:
    """What the use cases need from outside: the transaction, the clock, the engine, documents."""

    uow: WorkflowUnitOfWork
    clock: Clock
    engine: RetroEngine
    renderer: DocumentRenderer
    calendar: HolidayCalendar = field(default_factory=washington_calendar)
    assessment_due_days: int = 30           # rulebook parameter (programs.md §10, -780)


@dataclass(frozen=True, slots=True, kw_only=True)
class FileApplication:
    """Receive an application (date stamped) for a coverage period, with its elections."""

    application_id: str
    kind: ApplicationKind
    coverage_start: date
    received_on: date
    actor: str
    first_quarter: date | None = None
    account_id: str | None = None
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
    members: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class EndorseApplication:
    """The sponsor endorses a member application, certifying dues-paying membership (-280)."""

    application_id: str
    actor: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ReviewApplication:
    """Run every qualification check; approve when all pass, refuse listing every failure.

    `related_classes`: the coordinator's H1 decisions (account → classes related to the category).
    `sponsor_evidence`: documents on file (safety_plan, claims_cooperation_plan, safety_improvement)
    and declarations (insurer_or_broker, insurance_purpose).
    """

    application_id: str
    actor: str
    related_classes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sponsor_evidence: frozenset[str] = frozenset()
    ownership_override: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SendAgreement:
    """Generate the Retrospective Rating Plan Agreement from an approved application."""

    application_id: str
    actor: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordSignature:
    """The agreement came back signed: the enrollment exists from now on."""

    application_id: str
    signed_on: date
    actor: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RenewMembers:
    """Re-enroll a group's members automatically into the next coverage period (-280)."""

    group_id: str
    next_coverage_start: date
    actor: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestRemoval:
    """A written request to remove a member at the end of the current coverage period."""

    request_id: str
    group_id: str
    account_id: str
    next_coverage_start: date
    received_on: date
    actor: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RunAdjustments:
    """Compute and issue every adjustment due on a valuation date."""

    valuation_date: date
    actor: str = "system"


@dataclass(frozen=True, slots=True, kw_only=True)
class FileProtest:
    """Receive a protest of an adjustment notice, naming the disputed claim where there is one."""

    protest_id: str
    notice_id: str
    received_on: date
    grounds: str
    actor: str
    claim_number: str | None = None
    dispute: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordResolution:
    """The participant reports the dispute's resolution and the claim's resolved values."""

    protest_id: str
    notified_on: date
    resolution: str
    resolved_claim: Mapping[str, str]        # contract claim fields, e.g. {"af_reserve": "0.00"}
    actor: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DecideProtest:
    """Issue the Notice of Decision (after recalculation where a claim was in dispute)."""

    protest_id: str
    decision: str
    reasons: tuple[str, ...]
    actor: str


@dataclass(frozen=True, slots=True, kw_only=True)
class FileAppeal:
    """An appeal to the Board of an adjustment notice or of a Notice of Decision."""

    appeal_id: str
    notice_id: str
    filed_on: date
    actor: str
    protest_id: str | None = None
    docket_number: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class ScheduleHearing:
    appeal_id: str
    hearing_on: date
    actor: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordBoardDecision:
    appeal_id: str
    decided_on: date
    outcome: str
    actor: str


@dataclass(frozen=True, slots=True, kw_only=True)
class FileSuperiorCourtAppeal:
    appeal_id: str
    filed_on: date
    actor: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DistributeRefund:
    """Share a group's refund at one adjustment among its members, on the disclosed terms."""

    group_id: str
    coverage_start: date
    adjustment_number: int
    actor: str
    formula: DistributionFormula | None = None   # None: the terms disclosed at enrollment
    training: Mapping[str, date] = field(default_factory=dict)   # seminars not yet recorded


@dataclass(frozen=True, slots=True, kw_only=True)
class DiscloseTerms:
    """Record the refund-sharing terms a sponsor disclosed at enrollment for one period."""

    group_id: str
    coverage_start: date
    terms: SharingTerms
    actor: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RemoveParticipant:
    """Remove an employer or a group for prohibited conduct (WAC 296-17B-720)."""

    sanction_id: str
    participant_kind: str                    # "employer" or "group"
    participant_id: str
    conduct: str                             # a ProhibitedConduct value
    findings: str
    actor: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Recommend:
    """Give a participant loss-control advice about a problem area, to follow up on a day."""

    recommendation_id: str
    participant_kind: str
    participant_id: str
    area: str
    advice: str
    follow_up_on: date
    actor: str


@dataclass(frozen=True, slots=True, kw_only=True)
class FollowUp:
    """What the coordinator found when following a recommendation up."""

    recommendation_id: str
    outcome: str
    actor: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordTraining:
    """An employer's attendance at a safety or claims-management seminar."""

    attendance_id: str
    account_id: str
    course: str
    attended_on: date
    actor: str
    is_in_person: bool = True
    provider: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordPayment:
    """Money received against an additional premium notice (WAC 296-17B-780)."""

    payment_id: str
    notice_id: str
    amount: Decimal
    received_on: date
    actor: str
    reference: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class IssueAssessmentOrder:
    """Serve a notice and order of assessment for an unpaid additional premium (RCW 51.48.120)."""

    order_id: str
    notice_id: str
    actor: str
    unpaid: Decimal | None = None            # None: the whole additional premium


@dataclass(frozen=True, slots=True, kw_only=True)
class ContestAssessmentOrder:
    """A request for reconsideration of, or an appeal from, an order of assessment."""

    order_id: str
    received_on: date
    appeal: bool                             # False: reconsideration by the department
    actor: str
