"""Read-side views of one employer, group, claim or adjustment, within the caller's scope.

Each reader applies the scope in its WHERE clause and raises `NotFound` for a record the caller
may not see, exactly as for one that does not exist.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, true
from sqlalchemy.orm import Session

from retrodesk.adapters.db.tables import (
    AdjustmentResultRecord,
    ClaimRecord,
    ClaimValuationRecord,
    EmployerRecord,
    EnrollmentRecord,
    GroupRecord,
    QuarterlyReportRecord,
    SponsorRecord,
)
from retrodesk.entrypoints.web.access import Scope
from retrodesk.entrypoints.web.views import employer_visible, group_visible
from retrodesk.kernel.errors import required

__all__ = [
    "EmployerView",
    "GroupView",
    "adjustment",
    "adjustments_for",
    "claim",
    "employer",
    "group",
]


def _row(record: object, columns: tuple[str, ...] | None = None) -> dict[str, Any]:
    table = getattr(record, "__table__")  # noqa: B009 - mapped classes expose it untyped
    names = columns or tuple(c.key for c in table.columns if c.key not in {"version"})
    return {name: getattr(record, name) for name in names}


@dataclass(frozen=True, slots=True)
class EmployerView:
    account: dict[str, Any]
    hours: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    enrollments: list[dict[str, Any]]
    adjustments: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class GroupView:
    """A group with its member count per coverage period and one page of one period's members."""

    group: dict[str, Any]
    sponsor: dict[str, Any]
    periods: dict[date, int]
    period: date | None
    page: int
    members: list[dict[str, Any]]
    adjustments: list[dict[str, Any]]

    @property
    def pages(self) -> int:
        return max(1, -(-self.periods.get(self.period, 0) // MEMBERS_PAGE)) if self.period else 1


def employer(db: Session, scope: Scope, account_id: str) -> EmployerView:
    record = required(
        db.scalar(select(EmployerRecord).where(
            EmployerRecord.account_id == account_id, employer_visible(scope))),
        f"employer {account_id} not found")
    return EmployerView(
        account=_row(record), hours=_hours(db, account_id), claims=_claims(db, account_id),
        enrollments=[_row(e) for e in db.scalars(select(EnrollmentRecord).where(
            EnrollmentRecord.account_id == account_id).order_by(EnrollmentRecord.coverage_start))],
        adjustments=adjustments_for(db, "employer", account_id))


def _hours(db: Session, account_id: str) -> list[dict[str, Any]]:
    """Hours and premium by risk class and calendar year, summed exactly from quarterly reports."""
    totals: dict[tuple[int, str], dict[str, Decimal]] = defaultdict(
        lambda: {"hours": Decimal(0), "premium": Decimal(0)})
    for report in db.scalars(select(QuarterlyReportRecord).where(
            QuarterlyReportRecord.account_id == account_id)):
        cell = totals[(report.quarter_start.year, report.risk_class)]
        cell["hours"] += report.hours
        cell["premium"] += report.accident_fund + report.medical_aid + report.stay_at_work
    return [{"year": year, "risk_class": risk_class, **cell}
            for (year, risk_class), cell in sorted(totals.items(), reverse=True)]


def _claims(db: Session, account_id: str) -> list[dict[str, Any]]:
    claims = db.scalars(select(ClaimRecord).where(ClaimRecord.account_id == account_id)
                        .order_by(ClaimRecord.injury_date.desc())).all()
    history: dict[str, list[dict[str, Any]]] = defaultdict(list)
    numbers = [c.claim_number for c in claims]
    for valuation in db.scalars(select(ClaimValuationRecord).where(
            ClaimValuationRecord.claim_number.in_(numbers))
            .order_by(ClaimValuationRecord.valuation_date)):
        history[valuation.claim_number].append(_valuation(valuation))
    return [{**_row(c), "valuations": history[c.claim_number]} for c in claims]


def _valuation(record: ClaimValuationRecord) -> dict[str, Any]:
    row = _row(record)
    row["incurred"] = record.af_paid + record.af_reserve + record.ma_paid + record.ma_reserve
    return row


def claim(db: Session, scope: Scope, claim_number: str) -> dict[str, Any]:
    record = required(
        db.scalar(select(ClaimRecord).join(
            EmployerRecord, EmployerRecord.account_id == ClaimRecord.account_id).where(
            ClaimRecord.claim_number == claim_number, employer_visible(scope))),
        f"claim {claim_number} not found")
    valuations = db.scalars(select(ClaimValuationRecord).where(
        ClaimValuationRecord.claim_number == claim_number)
        .order_by(ClaimValuationRecord.valuation_date))
    return {**_row(record), "valuations": [_valuation(v) for v in valuations]}


MEMBERS_PAGE = 100


def group(db: Session, scope: Scope, group_id: str, *, period: date | None = None,
          page: int = 1) -> GroupView:
    """A group, its sponsor and adjustments, and one page of one period's members (the latest
    period unless `period` names another)."""
    found = required(
        db.execute(select(GroupRecord, SponsorRecord).join(
            SponsorRecord, SponsorRecord.sponsor_id == GroupRecord.sponsor_id).where(
            GroupRecord.group_id == group_id, group_visible(scope))).first(),
        f"group {group_id} not found")
    record, sponsor = found
    members_of = and_(EnrollmentRecord.group_id == group_id,
                      EnrollmentRecord.participant_kind == "employer")
    periods = dict(db.execute(select(EnrollmentRecord.coverage_start, func.count())
                              .where(members_of).group_by(EnrollmentRecord.coverage_start)
                              .order_by(EnrollmentRecord.coverage_start.desc())).tuples().all())
    shown = period if period in periods else next(iter(periods), None)
    rows = db.execute(select(EnrollmentRecord, EmployerRecord.legal_name).join(
        EmployerRecord, EmployerRecord.account_id == EnrollmentRecord.account_id).where(
        members_of, EnrollmentRecord.coverage_start == shown).order_by(EmployerRecord.legal_name)
        .offset((max(page, 1) - 1) * MEMBERS_PAGE).limit(MEMBERS_PAGE))
    return GroupView(group=_row(record), sponsor=_row(sponsor), periods=periods, period=shown,
                     page=max(page, 1),
                     members=[{**_row(e), "legal_name": name} for e, name in rows],
                     adjustments=adjustments_for(db, "group", group_id))


def adjustments_for(db: Session, kind: str, participant_id: str) -> list[dict[str, Any]]:
    """Issued adjustments of a participant, newest first, without their worksheets (the
    adjustment page shows those)."""
    a = AdjustmentResultRecord
    rows = db.execute(select(a.id, a.coverage_start, a.adjustment_number, a.valuation_date,
                             a.revision, a.standard_premium, a.retro_premium, a.result_kind,
                             a.result_amount, a.provenance)
                      .where(a.participant_kind == kind, a.participant_id == participant_id)
                      .order_by(a.coverage_start.desc(), a.adjustment_number.desc(),
                                a.revision.desc()))
    return [dict(r) for r in rows.mappings()]


def _adjustment_visible(scope: Scope) -> ColumnElement[bool]:
    if scope.unrestricted:
        return true()
    employers = select(EmployerRecord.account_id).where(employer_visible(scope))
    groups = select(GroupRecord.group_id).where(group_visible(scope))
    return or_(
        and_(AdjustmentResultRecord.participant_kind == "employer",
             AdjustmentResultRecord.participant_id.in_(employers)),
        and_(AdjustmentResultRecord.participant_kind == "group",
             AdjustmentResultRecord.participant_id.in_(groups)))


def adjustment(db: Session, scope: Scope, adjustment_id: int) -> dict[str, Any]:
    record = required(
        db.scalar(select(AdjustmentResultRecord).where(
            AdjustmentResultRecord.id == adjustment_id, _adjustment_visible(scope))),
        f"adjustment {adjustment_id} not found")
    return _row(record)
