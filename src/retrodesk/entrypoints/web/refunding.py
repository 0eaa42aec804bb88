"""Sharing a group refund with its members, for the pages and the API: the refund-sharing terms
a sponsor disclosed at enrollment are recorded per coverage period (from the group page), and a
refund of that period is shared on them (from its notice) by the sponsor, for its own groups,
or by program staff; members' training comes from the attendance records.

Rule: WAC 296-17B-200 (refunds belong to the sponsor), -720(3) (terms disclosed at
enrollment); programs.md §11.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date

from sqlalchemy.orm import Session

from retrodesk.entrypoints.bootstrap import Services
from retrodesk.entrypoints.web import records
from retrodesk.entrypoints.web.access import Action, Principal
from retrodesk.entrypoints.web.workflows import check_notice
from retrodesk.kernel.errors import Conflict, ErrorDetail, InvalidInput, required
from retrodesk.kernel.money import to_decimal
from retrodesk.programs import refunds
from retrodesk.programs.commands import DiscloseTerms, DistributeRefund
from retrodesk.programs.distribution import SharingTerms
from retrodesk.programs.records import ParticipantKind
from retrodesk.programs.workflow import DisclosedTerms, Notice, Payout, payout_key, period_key

__all__ = ["TERM_FIELDS", "disclose", "disclosed", "distribute", "payout_for", "typed_terms"]

TERM_FIELDS = tuple(f.name for f in fields(SharingTerms))


def typed_terms(typed: dict[str, str]) -> SharingTerms:
    """Terms typed on the form, in percent; every unreadable field is named."""
    problems, numbers = [], {}
    for name in TERM_FIELDS:
        try:
            numbers[name] = to_decimal(typed.get(name, "").strip().rstrip("%") or "0")
        except ValueError:
            problems.append(ErrorDetail(name, f"{typed.get(name)!r} is not a number"))
    if problems:
        raise InvalidInput.of(problems)
    years = numbers.pop("training_years")
    if years != years.to_integral_value():
        raise InvalidInput.of([ErrorDetail("training_years", "must be whole years")])
    return SharingTerms(**numbers, training_years=int(years))


def disclosed(services: Services, user: Principal, group_id: str,
              coverage_start: date | None) -> DisclosedTerms | None:
    """A period's disclosed terms (call after the group was read within scope)."""
    if coverage_start is None:
        return None
    with services.program_ports(user.username).uow as uow:
        return uow.terms.get(period_key(group_id, coverage_start))


def disclose(services: Services, db: Session, user: Principal, group_id: str,
             coverage_start: date, terms: SharingTerms) -> DisclosedTerms:
    """Record the terms the sponsor disclosed at enrollment for one of its group's periods."""
    user.require(Action.DISTRIBUTE)
    records.group(db, user.scope, group_id)
    return refunds.disclose_terms(DiscloseTerms(
        group_id=group_id, coverage_start=coverage_start, terms=terms, actor=user.username),
        services.program_ports(user.username))


def _group_refund(services: Services, db: Session, user: Principal, notice_id: str) -> Notice:
    check_notice(db, user, notice_id)
    with services.program_ports(user.username).uow as uow:
        notice = required(uow.notices.get(notice_id), f"notice {notice_id} not found")
    if notice.participant_kind != ParticipantKind.GROUP.value or notice.result_amount <= 0:
        raise Conflict(f"{notice_id} is not a group refund; only a group's refund is shared "
                       "with its members")
    return notice


def payout_for(services: Services, user: Principal, notice: Notice) -> Payout | None:
    """What the members were paid from this notice's adjustment, if it was shared."""
    with services.program_ports(user.username).uow as uow:
        return uow.payouts.get(payout_key(notice.participant_id, notice.coverage_start,
                                          notice.adjustment_number))


def distribute(services: Services, db: Session, user: Principal, notice_id: str) -> Payout:
    """Share a group refund among its members on the period's disclosed terms and issue the
    statements."""
    user.require(Action.DISTRIBUTE)
    notice = _group_refund(services, db, user, notice_id)
    return refunds.distribute_refund(DistributeRefund(
        group_id=notice.participant_id, coverage_start=notice.coverage_start,
        adjustment_number=notice.adjustment_number, actor=user.username),
        services.program_ports(user.username))
