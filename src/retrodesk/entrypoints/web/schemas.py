"""Pydantic models at the web edge: request bodies, pages of records, and the error body."""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import Path, Query
from pydantic import BaseModel, Field

from retrodesk.programs.distribution import SAMPLE_TERMS as TERMS
from retrodesk.programs.records import ParticipantKind
from retrodesk.programs.workflow import ProhibitedConduct

__all__ = [
    "ERROR_RESPONSES", "AppealCreate", "ApplicationCreate", "CalcKind", "CaseDocument",
    "DecisionCreate", "ErrorBody", "ErrorItem", "ProtestCreate", "RatingYear", "RecordId",
    "RecordKey", "RecordPage", "RemovalCreate", "ResolutionCreate", "plain",
]

CalcKind = Literal["retro", "experience", "premium"]

# Record ids: bounded so that no id reaches the database beyond its integer range.
RecordId = Annotated[int, Path(ge=1, le=2**62)]
RecordKey = Annotated[str, Path(min_length=1, max_length=80)]  # e.g. notice-employer-<account>-…
# A rating year the packaged rulebook could hold (experience factors from 2007 on); None: this year.
RatingYear = Annotated[int | None, Query(ge=2007, le=2100)]

# One case or a list of cases (spec/calc-io.md); the calculator's own reader checks the fields so
# that every problem is reported with its contract path, not pydantic's.
CaseDocument = dict[str, Any] | list[dict[str, Any]]


class ErrorItem(BaseModel):
    path: str = Field(description="where the problem is, e.g. claims[3].af_reserve")
    message: str


class ErrorBody(BaseModel):
    """The contract's error body: every problem found, not only the first."""

    errors: list[ErrorItem]


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "not signed in / no valid token"},
    403: {"model": ErrorBody, "description": "not permitted"},
    404: {"model": ErrorBody, "description": "not found (or outside what the caller may see)"},
    422: {"model": ErrorBody, "description": "bad input; nothing computed or changed"},
}


class RecordPage(BaseModel):
    """One page of a list: its rows and the total number of rows matching."""

    items: list[dict[str, Any]]
    total: int
    page: int
    size: int


def plain(value: object) -> object:
    """A value as contract JSON: decimals and dates as strings (never floats), containers walked."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return plain(asdict(value))
    return value


Short = Annotated[str | None, Field(default=None, max_length=200)]


class ApplicationCreate(BaseModel):
    """An application with its elections: individual, new_group, renewal or member (-100,
    -220…-280). Dates are ISO, amounts and ratios decimal strings; checked field by field."""

    kind: Literal["individual", "new_group", "renewal", "member"]
    coverage_start: Short
    first_quarter: Short
    account_id: Short
    group_id: Short
    sponsor_id: Short
    group_name: Short
    industry_category: Short
    plan_basis: Short
    single_loss_limit: Short
    max_loss_ratio: Short
    min_loss_ratio: Short
    signer_name: Short
    signer_title: Short
    members: list[Annotated[str, Field(max_length=20)]] = Field(default=[], max_length=500)

    def fields(self) -> dict[str, str]:
        """The body as the form's text fields (the same parsing and checks as the page)."""
        values = self.model_dump(exclude={"members"}, exclude_none=True)
        return {**values, "members": " ".join(self.members)}


class RemovalCreate(BaseModel):
    """A written request that a member leave its group when the next period starts (-280)."""

    group_id: str = Field(max_length=40)
    account_id: str = Field(max_length=20)
    next_coverage_start: date


class ProtestCreate(BaseModel):
    """A protest of an adjustment notice (RCW 51.52.050), naming a disputed claim if any."""

    grounds: str = Field(min_length=1, max_length=4000)
    claim_number: str | None = Field(default=None, max_length=20)
    dispute: str = Field(default="", max_length=4000)


class ResolutionCreate(BaseModel):
    """The resolution of a disputed claim decision and the claim's resolved values."""

    resolution: str = Field(min_length=1, max_length=4000)
    resolved_claim: dict[str, Annotated[str, Field(max_length=40)]] = Field(
        default_factory=dict, description='contract claim fields, e.g. {"af_reserve": "0.00"}')


class DecisionCreate(BaseModel):
    """The Notice of Decision on a protest."""

    decision: str = Field(min_length=1, max_length=4000)
    reasons: list[Annotated[str, Field(max_length=4000)]] = Field(default_factory=list,
                                                                 max_length=50)


class AppealCreate(BaseModel):
    """An appeal to the Board of an adjustment notice or of its Notice of Decision."""

    protest_id: str | None = Field(default=None, max_length=40)
    docket_number: str = Field(default="", max_length=40)
    filed_on: date | None = None


class SanctionCreate(BaseModel):
    """A removal for prohibited conduct (WAC 296-17B-720), effective on today's notice."""

    participant_kind: ParticipantKind
    participant_id: str = Field(min_length=1, max_length=40)
    conduct: ProhibitedConduct
    findings: str = Field(min_length=1, max_length=4000)


class AssessmentOrderCreate(BaseModel):
    """A notice and order of assessment for an unpaid additional premium (RCW 51.48.120)."""

    unpaid: Decimal | None = Field(default=None, gt=0, max_digits=14, decimal_places=2,
                                   description="the unpaid amount; none: the whole premium")


class AssessmentContestCreate(BaseModel):
    """A request for reconsideration of, or an appeal from, an order of assessment."""

    contest: Literal["reconsideration", "appeal"]
    received_on: date | None = Field(default=None, description="none: today")


class PaymentCreate(BaseModel):
    """Money received against an additional premium notice (WAC 296-17B-780)."""

    amount: Decimal = Field(gt=0, max_digits=14, decimal_places=2)
    received_on: date | None = Field(default=None, description="none: today")
    reference: str = Field(default="", max_length=100, description="check number, transfer id")


class TrainingCreate(BaseModel):
    """An employer's attendance at a safety or claims-management seminar."""

    course: str = Field(min_length=1, max_length=200)
    attended_on: date | None = Field(default=None, description="none: today")
    is_in_person: bool = True
    provider: str = Field(default="", max_length=200)


Percent = Annotated[Decimal, Field(ge=0, le=100, max_digits=6, decimal_places=2)]


class TermsCreate(BaseModel):
    """The refund-sharing terms a sponsor disclosed at enrollment for one coverage period, in
    percent (defaults: the published sample clause, programs.md §11; WAC 296-17B-720(3))."""

    coverage_start: date
    holdback: Percent = TERMS.holdback
    premium_share: Percent = TERMS.premium_share
    performance: Percent = TERMS.performance
    training: Percent = TERMS.training
    training_years: int = Field(default=TERMS.training_years, ge=0, le=100)
    cap_first: Percent = TERMS.cap_first
    cap_second: Percent = TERMS.cap_second


class RecommendationCreate(BaseModel):
    """Loss-control advice to an employer or a group about a problem area."""

    participant_kind: ParticipantKind
    participant_id: str = Field(min_length=1, max_length=40)
    area: str = Field(min_length=1, max_length=200, description='e.g. "cause 71"')
    advice: str = Field(min_length=1, max_length=4000)
    follow_up_on: date


class FollowUpCreate(BaseModel):
    """What a follow-up of a recommendation found."""

    outcome: str = Field(min_length=1, max_length=4000)
