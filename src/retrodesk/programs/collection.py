"""Collection of an unpaid additional premium: the notice and order of assessment.

Rule: RCW 51.48.120 (the order becomes final 30 days after service unless reconsideration is
requested or an appeal is filed; programs.md §14, project decision: 30 days from the notice
date, rolled per §9); WAC 296-17B-780 (the additional premium is due by its due date).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from retrodesk.kernel.errors import Conflict, ErrorDetail, InvalidInput, required
from retrodesk.programs.adjustments import illustrative_names, participant_party
from retrodesk.programs.commands import ContestAssessmentOrder, IssueAssessmentOrder, ProgramPorts
from retrodesk.programs.deadlines import DeadlineKind, deadline_for, ensure_timely
from retrodesk.programs.events import record_creation, record_transition
from retrodesk.programs.lifecycle import COLLECTION, CollectionState
from retrodesk.programs.payments import adjustment_of, outstanding
from retrodesk.programs.sanction_documents import AssessmentOrder
from retrodesk.programs.schedule import coverage_end
from retrodesk.programs.workflow import CollectionOrder, IssuedDocument, Notice

__all__ = ["contest_assessment_order", "finalize_assessment_orders", "issue_assessment_order"]

RULE = "RCW 51.48.120"
K = CollectionState


def _unpaid(notice: Notice, owed: Decimal, unpaid: Decimal | None, today: date) -> Decimal:
    """The amount to collect: by default what is left after the payments recorded; refuses a
    refund notice, an additional premium not yet due, or one paid in full."""
    if notice.result_amount >= 0 or notice.payment_due is None:
        raise Conflict(f"{notice.notice_id} is a refund notice; only an additional premium is "
                       "collected by an order of assessment")
    if today <= notice.payment_due:
        raise Conflict(f"the additional premium of {notice.notice_id} is due "
                       f"{notice.payment_due.isoformat()}; it is not unpaid before then")
    if owed <= 0:
        raise Conflict(f"the additional premium of {notice.notice_id} is paid in full")
    amount = owed if unpaid is None else unpaid
    if not Decimal(0) < amount <= owed:
        raise InvalidInput.of([ErrorDetail(
            "unpaid", f"the unpaid amount must be more than 0 and at most {owed}")])
    return amount


def _document(ports: ProgramPorts, order: CollectionOrder, notice: Notice) -> AssessmentOrder:
    party, group_name = participant_party(ports, notice.participant_kind, notice.participant_id)
    return AssessmentOrder(
        order_id=order.order_id, served_on=order.served_on, participant=party,
        group_name=group_name, notice_id=notice.notice_id, notice_date=notice.notice_date,
        coverage_start=notice.coverage_start, coverage_end=coverage_end(notice.coverage_start),
        adjustment_number=notice.adjustment_number, amount=order.amount,
        payment_due=order.payment_due, final_on=order.final_on,
        illustrative=illustrative_names(notice.result))


def issue_assessment_order(cmd: IssueAssessmentOrder, ports: ProgramPorts) -> CollectionOrder:
    """Serve a notice and order of assessment (PDF) for an additional premium past its due date.

    Rule: RCW 51.48.120; WAC 296-17B-780.

    Raises:
        NotFound: no such notice. Conflict: a refund notice, not yet due, or already ordered.
    """
    with ports.uow:
        uow, today = ports.uow, ports.clock.today()
        notice = required(uow.notices.get(cmd.notice_id), f"no adjustment notice {cmd.notice_id}")
        amount = _unpaid(notice, outstanding(uow, notice), cmd.unpaid, today)
        served = [o.notice_id for o in uow.collections.list()
                  if (n := uow.notices.get(o.notice_id)) is not None
                  and adjustment_of(n) == adjustment_of(notice)]
        if uow.collections.get(cmd.order_id) is not None or served:
            raise Conflict(f"an order of assessment for {served[0] if served else notice.notice_id}"
                           " was already served")
        order = CollectionOrder(
            order_id=cmd.order_id, notice_id=notice.notice_id,
            participant_kind=notice.participant_kind, participant_id=notice.participant_id,
            amount=amount, payment_due=notice.payment_due or today, served_on=today,
            final_on=deadline_for(DeadlineKind.COLLECTION_ORDER, today, ports.calendar).due,
            document_id=f"assessment-order-{cmd.order_id}")
        record_creation(uow, "collection_order", order.order_id, order.state, actor=cmd.actor,
                        at=ports.clock.now(), rule=RULE)
        uow.documents.add(IssuedDocument(
            document_id=order.document_id, kind="assessment_order", subject=order.order_id,
            issued_on=today, pdf=ports.renderer.assessment_order(_document(ports, order, notice))))
        uow.collections.add(order)
        uow.commit()
    return order


def _move(ports: ProgramPorts, order: CollectionOrder, target: CollectionState, actor: str,
          **changes: object) -> CollectionOrder:
    record_transition(ports.uow, COLLECTION, "collection_order", order.order_id, order.state,
                      target, actor=actor, at=ports.clock.now(), rule=RULE)
    moved = replace(order, state=target, version=order.version + 1, **changes)  # type: ignore[arg-type]
    ports.uow.collections.update(moved)
    return moved


def contest_assessment_order(cmd: ContestAssessmentOrder, ports: ProgramPorts) -> CollectionOrder:
    """Reconsideration requested, or an appeal filed, within 30 days of service.

    Raises:
        NotFound: no such order. Conflict: received after the order became final, or a move
            its lifecycle does not allow.
    """
    with ports.uow:
        order = required(ports.uow.collections.get(cmd.order_id),
                         f"no order of assessment {cmd.order_id}")
        ensure_timely(deadline_for(DeadlineKind.COLLECTION_ORDER, order.served_on,
                                   ports.calendar), cmd.received_on,
                      "an appeal" if cmd.appeal else "a request for reconsideration")
        target = K.APPEALED if cmd.appeal else K.RECONSIDERATION_REQUESTED
        moved = _move(ports, order, target, cmd.actor, contested_on=cmd.received_on)
        ports.uow.commit()
    return moved


def finalize_assessment_orders(ports: ProgramPorts, actor: str) -> list[str]:
    """Orders served more than 30 days ago (rolled) and not contested become final."""
    with ports.uow:
        today = ports.clock.today()
        final = [_move(ports, o, K.FINAL, actor).order_id for o in ports.uow.collections.list()
                 if o.state is K.SERVED and o.final_on < today]
        ports.uow.commit()
    return final
