"""Prohibited conduct: who is removed and permanently barred, and which refunds are forfeited.

Rule: WAC 296-17B-720 (programs.md §12). A removal is effective on the date of its notice and
bars the participant from retro for good: an employer by its account; a group by its id and,
because the sponsor is the group's participant of record (WAC 296-17B-200), by its sponsor.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from retrodesk.programs.eligibility import CheckResult
from retrodesk.programs.ports import WorkflowUnitOfWork
from retrodesk.programs.records import ParticipantKind
from retrodesk.programs.workflow import ProhibitedConduct, Sanction

__all__ = ["CONDUCT", "barring_sanction", "check_permanent_bar", "forfeited_refund", "removal_of"]

RULE = "WAC 296-17B-720"
CONDUCT = {
    ProhibitedConduct.CLAIMS_SUPPRESSION: "claims suppression, as defined in RCW 51.28.010(4)",
    ProhibitedConduct.PAYING_MEDICAL_PROVIDERS:
        "paying medical providers for services related to an industrial injury or occupational "
        "disease",
    ProhibitedConduct.UNDISCLOSED_REFUND_CONDITIONS:
        "requiring, without disclosure at enrollment, dues, fees or continued retrospective "
        "rating participation past the coverage year as a condition of a member's refund share",
}


def removal_of(uow: WorkflowUnitOfWork, kind: str, participant_id: str) -> Sanction | None:
    """The participant's removal for prohibited conduct, if it was removed (the earliest)."""
    found = [s for s in uow.sanctions.list()
             if s.participant_kind == kind and s.participant_id == participant_id]
    return min(found, key=lambda s: s.notice_date, default=None)


def barring_sanction(uow: WorkflowUnitOfWork, *, accounts: Iterable[str] = (),
                     group_id: str | None = None,
                     sponsor_id: str | None = None) -> Sanction | None:
    """The removal that bars any of these accounts, this group or this sponsor, if any."""
    wanted = {a for a in accounts if a}
    for sanction in uow.sanctions.list():
        if sanction.participant_kind == ParticipantKind.EMPLOYER.value:
            if sanction.participant_id in wanted:
                return sanction
        elif (group_id and sanction.participant_id == group_id) or (
                sponsor_id and sanction.sponsor_id == sponsor_id):
            return sanction
    return None


def check_permanent_bar(check_id: str, sanction: Sanction | None) -> CheckResult:
    """No participant of the application was removed for prohibited conduct. Rule: -720."""
    if sanction is None:
        return CheckResult(check_id, True, RULE, "no participant is barred for prohibited conduct")
    who = ("employer" if sanction.participant_kind == ParticipantKind.EMPLOYER.value
           else "group")
    return CheckResult(
        check_id, False, RULE,
        f"{who} {sanction.participant_id} was removed on {sanction.notice_date.isoformat()} for "
        f"{CONDUCT[sanction.conduct]} and is permanently barred from retrospective rating",
        {"sanction_id": sanction.sanction_id, "removed_on": sanction.notice_date.isoformat()})


def forfeited_refund(uow: WorkflowUnitOfWork, kind: str, participant_id: str, result: Decimal,
                     calculated_on: date) -> Decimal:
    """The refund kept because the adjustment is calculated on or after the removal date.

    Rule: WAC 296-17B-720 (refunds from adjustments calculated after removal are forfeited;
    assessments stay owed).
    """
    removal = removal_of(uow, kind, participant_id)
    if result <= 0 or removal is None or calculated_on < removal.notice_date:
        return Decimal(0)
    return result
