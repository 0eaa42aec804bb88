"""What the removal notice and the notice and order of assessment show, and their renderer port.

Plain values only, like programs/documents.py (whose `DocumentRenderer` includes this port);
amounts are Decimal dollars.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:                              # documents.py imports this module
    from retrodesk.programs.documents import Party

__all__ = ["AssessmentOrder", "OwedAssessment", "RemovalNotice", "SanctionRenderer"]


@dataclass(frozen=True, slots=True)
class OwedAssessment:
    """An additional premium from participation before the removal, still owed."""

    notice_id: str
    coverage_start: date
    adjustment_number: int
    amount: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class RemovalNotice:
    """Removal from retrospective rating for prohibited conduct, with the permanent bar.

    Rule: WAC 296-17B-720 (removal effective on the notice date, permanent bar, liability for
    earlier assessments, forfeiture of refunds from adjustments calculated after removal).
    """

    notice_id: str
    notice_date: date                         # the removal is effective on this date
    participant: Party                        # the employer, or the sponsor for a group
    group_name: str
    conduct: str                              # the prohibited conduct, as a sentence
    findings: str
    removed_periods: tuple[tuple[date, date], ...]   # enrolled coverage periods (start, end)
    owed: tuple[OwedAssessment, ...]
    appeal_deadline: date
    illustrative: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class AssessmentOrder:
    """Notice and order of assessment for an additional premium left unpaid.

    Rule: RCW 51.48.120 (final 30 days after service unless reconsideration is requested or an
    appeal is filed); WAC 296-17B-780.
    """

    order_id: str
    served_on: date
    participant: Party
    group_name: str
    notice_id: str                            # the additional premium notice
    notice_date: date
    coverage_start: date
    coverage_end: date
    adjustment_number: int
    amount: Decimal
    payment_due: date
    final_on: date
    illustrative: tuple[str, ...] = ()


class SanctionRenderer(Protocol):
    """Renders the removal notice and the order of assessment to PDF bytes."""

    def removal_notice(self, doc: RemovalNotice) -> bytes: ...
    def assessment_order(self, doc: AssessmentOrder) -> bytes: ...
