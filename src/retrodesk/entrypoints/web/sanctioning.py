"""Removals for prohibited conduct and orders of assessment, for the pages and the API: reading
one within the caller's scope, and the staff's writes through the programs' use cases.

Rule: WAC 296-17B-720 (removal, permanent bar, forfeiture); RCW 51.48.120 (notice and order of
assessment, final 30 days after service unless contested). A participant sees its own removal
and orders (they are orders it may appeal); only program staff remove or collect.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy.orm import Session

from retrodesk.entrypoints.bootstrap import Services
from retrodesk.entrypoints.web.access import Action, Principal
from retrodesk.entrypoints.web.workflows import changed, check_notice, documents_of, history, new_id
from retrodesk.entrypoints.web.workviews import collection_visible, sanction_visible
from retrodesk.kernel.errors import ErrorDetail, InvalidInput, required
from retrodesk.programs import collection, removal
from retrodesk.programs.commands import (
    ContestAssessmentOrder,
    IssueAssessmentOrder,
    RemoveParticipant,
)
from retrodesk.programs.records import ParticipantKind
from retrodesk.programs.sanctions import CONDUCT
from retrodesk.programs.workflow import CollectionOrder, ProhibitedConduct, Sanction

__all__ = ["CONDUCT_CHOICES", "REMOVAL_FIELDS", "assessment_order", "contest_order",
           "remove_participant", "sanction", "serve_order", "unpaid_amount"]

REMOVAL_FIELDS = ("participant_kind", "participant_id", "conduct", "findings")
CONDUCT_CHOICES = tuple((c.value, CONDUCT[c]) for c in ProhibitedConduct)


def sanction(services: Services, db: Session, user: Principal, sanction_id: str) -> dict[str, Any]:
    """A removal with its notice and history, if the caller may see its participant."""
    sanction_visible(db, user.scope, sanction_id)
    with services.program_ports(user.username).uow as uow:
        found = required(uow.sanctions.get(sanction_id), f"removal {sanction_id} not found")
    return {"sanction": found, "conduct": CONDUCT[found.conduct],
            "documents": documents_of(db, [sanction_id]),
            "history": history(db, "sanction", sanction_id)}


def remove_participant(services: Services, user: Principal, fields: dict[str, str]) -> Sanction:
    """Remove an employer or a group for prohibited conduct, effective today, and issue the
    removal notice. The fields are the form's or the API body's, by `REMOVAL_FIELDS`."""
    user.require(Action.REMOVE_PARTICIPANT)
    problems = [ErrorDetail(name, "is required") for name in REMOVAL_FIELDS
                if not fields.get(name, "").strip()]
    if fields.get("participant_kind") and fields["participant_kind"] not in {
            k.value for k in ParticipantKind}:
        problems.append(ErrorDetail("participant_kind", "must be employer or group"))
    if fields.get("conduct") and fields["conduct"] not in {c.value for c in ProhibitedConduct}:
        problems.append(ErrorDetail("conduct", "is not one of the kinds of prohibited conduct "
                                               "in WAC 296-17B-720"))
    if problems:
        raise InvalidInput.of(problems)
    changed(services)
    return removal.remove_participant(RemoveParticipant(
        sanction_id=new_id(services, "RM"), participant_kind=fields["participant_kind"],
        participant_id=fields["participant_id"].strip(), conduct=fields["conduct"],
        findings=fields["findings"].strip(), actor=user.username),
        services.program_ports(user.username))


def assessment_order(services: Services, db: Session, user: Principal,
                     order_id: str) -> dict[str, Any]:
    """An order of assessment with its document and history, within the caller's scope."""
    collection_visible(db, user.scope, order_id)
    with services.program_ports(user.username).uow as uow:
        found = required(uow.collections.get(order_id),
                         f"order of assessment {order_id} not found")
    return {"order": found, "documents": documents_of(db, [order_id]),
            "history": history(db, "collection_order", order_id)}


def unpaid_amount(text: str) -> Decimal | None:
    """The unpaid amount typed on the form: empty for the whole additional premium."""
    cleaned = text.replace(",", "").replace("$", "").strip()
    if not cleaned:
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise InvalidInput.of([ErrorDetail("unpaid", f"{text!r} is not an amount of money")]
                              ) from None


def serve_order(services: Services, db: Session, user: Principal, notice_id: str,
                unpaid: Decimal | None) -> CollectionOrder:
    """Serve a notice and order of assessment today for a notice's unpaid additional premium."""
    user.require(Action.COLLECT)
    check_notice(db, user, notice_id)
    changed(services)
    return collection.issue_assessment_order(IssueAssessmentOrder(
        order_id=new_id(services, "OA"), notice_id=notice_id, unpaid=unpaid,
        actor=user.username), services.program_ports(user.username))


def contest_order(services: Services, db: Session, user: Principal, order_id: str, *,
                  received_on: date | None, appeal: bool) -> CollectionOrder:
    """Record a request for reconsideration of, or an appeal from, an order (received on time)."""
    user.require(Action.COLLECT)
    collection_visible(db, user.scope, order_id)
    changed(services)
    return collection.contest_assessment_order(ContestAssessmentOrder(
        order_id=order_id, received_on=received_on or services.clock.today(), appeal=appeal,
        actor=user.username), services.program_ports(user.username))
