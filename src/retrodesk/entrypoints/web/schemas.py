"""Pydantic models at the web edge: request bodies, pages of records, and the error body."""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import Path, Query
from pydantic import BaseModel, Field

__all__ = [
    "ERROR_RESPONSES", "AppealCreate", "CalcKind", "CaseDocument", "DecisionCreate", "ErrorBody",
    "ErrorItem", "ProtestCreate", "RatingYear", "RecordId", "RecordKey", "RecordPage",
    "ResolutionCreate", "plain",
]

CalcKind = Literal["retro", "experience", "premium"]

# Record ids: bounded so that no id reaches the database beyond its integer range.
RecordId = Annotated[int, Path(ge=1, le=2**62)]
RecordKey = Annotated[str, Path(min_length=1, max_length=40)]
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
