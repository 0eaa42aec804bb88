"""Collecting additional premiums, for the pages and the API: payments received, notices and
orders of assessment, and their contests; each read within the caller's scope.

Rule: WAC 296-17B-780 (an additional premium is due by the date on its notice); RCW 51.48.120
(notice and order of assessment for what is unpaid, final 30 days after service unless
contested). A participant sees its own orders and payments; only program staff record payments
and serve orders.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from retrodesk.entrypoints.bootstrap import Services
from retrodesk.entrypoints.web.access import Action, Principal
from retrodesk.entrypoints.web.workflows import (
    check_notice,
    documents_of,
    history,
    new_id,
    read_record,
)
from retrodesk.entrypoints.web.workviews import collection_visible
from retrodesk.kernel.errors import ErrorDetail, InvalidInput
from retrodesk.kernel.money import to_decimal
from retrodesk.programs import collection, payments
from retrodesk.programs.commands import (
    ContestAssessmentOrder,
    IssueAssessmentOrder,
    RecordPayment,
)
from retrodesk.programs.workflow import CollectionOrder, Payment

__all__ = ["amount_typed", "assessment_order", "contest_order", "record_payment",
           "serve_order"]


def amount_typed(field: str, text: str) -> Decimal | None:
    """An amount of money typed on a form ("$1,250.00"); None when left empty."""
    if not text.strip():
        return None
    try:
        return to_decimal(text)
    except ValueError:
        raise InvalidInput.of([ErrorDetail(field, f"{text!r} is not an amount of money")]
                              ) from None


def record_payment(services: Services, db: Session, user: Principal, notice_id: str, *,
                   amount: Decimal | None, received_on: date | None,
                   reference: str) -> Payment:
    """Record money received against a notice's additional premium (received today unless
    another day is given)."""
    user.require(Action.COLLECT)
    check_notice(db, user, notice_id)
    if amount is None:
        raise InvalidInput.of([ErrorDetail("amount", "is required")])
    return payments.record_payment(RecordPayment(
        payment_id=new_id(services, "PM"), notice_id=notice_id, amount=amount,
        received_on=received_on or services.clock.today(), reference=reference,
        actor=user.username), services.program_ports(user.username))


def assessment_order(services: Services, db: Session, user: Principal,
                     order_id: str) -> dict[str, Any]:
    """An order of assessment with its document and history, within the caller's scope."""
    collection_visible(db, user.scope, order_id)
    found = read_record(services, user, lambda uow: uow.collections.get(order_id),
                        f"order of assessment {order_id} not found")
    return {"order": found, "documents": documents_of(db, [order_id]),
            "history": history(db, "collection_order", order_id)}


def serve_order(services: Services, db: Session, user: Principal, notice_id: str,
                unpaid: Decimal | None) -> CollectionOrder:
    """Serve a notice and order of assessment today for a notice's unpaid additional premium."""
    user.require(Action.COLLECT)
    check_notice(db, user, notice_id)
    return collection.issue_assessment_order(IssueAssessmentOrder(
        order_id=new_id(services, "OA"), notice_id=notice_id, unpaid=unpaid,
        actor=user.username), services.program_ports(user.username))


def contest_order(services: Services, db: Session, user: Principal, order_id: str, *,
                  received_on: date | None, appeal: bool) -> CollectionOrder:
    """Record a request for reconsideration of, or an appeal from, an order (received on time)."""
    user.require(Action.COLLECT)
    collection_visible(db, user.scope, order_id)
    return collection.contest_assessment_order(ContestAssessmentOrder(
        order_id=order_id, received_on=received_on or services.clock.today(), appeal=appeal,
        actor=user.username), services.program_ports(user.username))
