"""Retro cases built from the records: standard premium by member, quarter and class, and claims,
both as known on the adjustment's valuation date, in the calculation contract's JSON shape.

Rule: WAC 296-17B-200 (a group is rated as one employer; members count for the quarters they
were enrolled), -500 (SP = AF + MA), -510 (claims assigned by injury date), -520/-530 (losses as
of the valuation date); spec/calc-io.md (case shape).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from retrodesk.kernel.periods import add_months
from retrodesk.programs.ports import WorkflowUnitOfWork
from retrodesk.programs.records import ClaimAsOf, Enrollment, ParticipantKind, QuarterlyReport
from retrodesk.programs.schedule import ScheduledAdjustment, coverage_end

__all__ = ["build_case", "claim_document", "enrolled_quarters", "participant_accounts"]

FATAL_TYPE = "fatal"
OCCUPATIONAL_DISEASE = "occupational_disease"


def enrolled_quarters(enrollment: Enrollment) -> list[date]:
    """Quarter starts from the enrollment's first to its last quarter (-280 mid-period joins)."""
    quarters, day = [], enrollment.first_quarter
    while day <= enrollment.last_quarter:
        quarters.append(day)
        day = add_months(day, 3)
    return quarters


def participant_accounts(uow: WorkflowUnitOfWork, enrollment: Enrollment) -> dict[str, list[date]]:
    """Employer accounts rated in the participant, each with its enrolled quarters."""
    if enrollment.participant_kind is ParticipantKind.GROUP:
        members = uow.enrollments.members(enrollment.participant_id, enrollment.coverage_start)
        return {m.participant_id: enrolled_quarters(m) for m in members}
    return {enrollment.participant_id: enrolled_quarters(enrollment)}


def _premium_rows(reports: Sequence[QuarterlyReport], quarters: dict[str, list[date]],
                  is_group: bool) -> list[dict[str, Any]]:
    totals: dict[tuple[str, str], tuple[Decimal, Decimal]] = {}
    for report in reports:
        if report.quarter_start not in quarters.get(report.account_id, ()):
            continue                      # a member counts only for its enrolled quarters
        key = (report.account_id, report.risk_class)
        af, ma = totals.get(key, (Decimal(0), Decimal(0)))
        totals[key] = (af + report.accident_fund, ma + report.medical_aid)
    return [{"risk_class": risk_class, "accident_fund": str(af), "medical_aid": str(ma),
             **({"member": account} if is_group else {})}
            for (account, risk_class), (af, ma) in sorted(totals.items())]


def claim_document(found: ClaimAsOf, *, is_group: bool) -> dict[str, Any]:
    """A claim as valued on its as-of date, as the contract's claim object."""
    claim, value = found.claim, found.valuation
    document: dict[str, Any] = {
        "id": claim.claim_number, "occurrence": claim.occurrence,
        "type": FATAL_TYPE if claim.is_fatal else value.claim_type,
        "injury_date": claim.injury_date.isoformat(), "status": value.status,
        "af_paid": str(value.af_paid), "af_reserve": str(value.af_reserve),
        "ma_paid": str(value.ma_paid), "ma_reserve": str(value.ma_reserve),
        "recovery_factor": None,
        "excluded": "public_health_emergency" if claim.is_public_health_emergency else None,
    }
    if claim.injury_kind == OCCUPATIONAL_DISEASE:
        document |= {"kind": OCCUPATIONAL_DISEASE,
                     "last_exposure_date": claim.injury_date.isoformat()}
    if is_group:
        document["member"] = claim.account_id
    return document


def _plan(enrollment: Enrollment) -> dict[str, Any]:
    limit = enrollment.single_loss_limit
    return {"basis": enrollment.plan_basis,
            "single_loss_limit": None if limit is None else str(limit),
            "max_loss_ratio": str(enrollment.max_loss_ratio),
            "min_loss_ratio": str(enrollment.min_loss_ratio)}


def build_case(uow: WorkflowUnitOfWork, enrollment: Enrollment, scheduled: ScheduledAdjustment,
               prior_retro_premium: Decimal | None) -> dict[str, Any]:
    """The case for one participant's adjustment, with claims as of its valuation date."""
    start = scheduled.coverage_start
    is_group = enrollment.participant_kind is ParticipantKind.GROUP
    quarters = participant_accounts(uow, enrollment)
    accounts = sorted(quarters)
    # Standard premium as known on the valuation date, like the losses (retro.md §4.1).
    reports = uow.reports.for_accounts(accounts, start, add_months(start, 9),
                                       as_of=scheduled.valuation_date)
    claims = uow.claims.losses_as_of(accounts, start, coverage_end(start),
                                     scheduled.valuation_date)
    enrolled: object = ({a: [q.isoformat() for q in qs] for a, qs in quarters.items()} if is_group
                        else [q.isoformat() for q in quarters[enrollment.participant_id]])
    return {
        "coverage_period_start": start.isoformat(),
        "adjustment": scheduled.number,
        "valuation_date": scheduled.valuation_date.isoformat(),
        "plan": _plan(enrollment),
        "standard_premium": _premium_rows(reports, quarters, is_group),
        "claims": [claim_document(c, is_group=is_group) for c in claims],
        "prior_retro_premium": None if prior_retro_premium is None else str(prior_retro_premium),
        "enrolled_quarters": enrolled,
    }
