"""Payments of additional premiums, and what is left unpaid.

Rule: WAC 296-17B-780 (an additional premium is due by the date on its notice); RCW 51.48.120
(what is unpaid after that date is collected by a notice and order of assessment). A payment is
recorded against the notice it pays and never exceeds what that notice still owes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from retrodesk.kernel.errors import Conflict, ErrorDetail, InvalidInput, required
from retrodesk.programs.commands import ProgramPorts, RecordPayment
from retrodesk.programs.events import record_creation
from retrodesk.programs.ports import WorkflowUnitOfWork
from retrodesk.programs.workflow import Notice, NoticeHeader, Payment

__all__ = ["balance", "paid_by_notice", "payments_of", "record_payment", "unpaid_after_due"]

RULE = "WAC 296-17B-780"
ZERO = Decimal("0")
CENT = Decimal("0.01")


def paid_by_notice(payments: Iterable[Payment]) -> dict[str, Decimal]:
    """The total paid against each notice."""
    totals: dict[str, Decimal] = {}
    for payment in payments:
        totals[payment.notice_id] = totals.get(payment.notice_id, ZERO) + payment.amount
    return totals


def payments_of(uow: WorkflowUnitOfWork, notice_id: str) -> list[Payment]:
    """The payments against one notice, oldest first."""
    return sorted((p for p in uow.payments.list() if p.notice_id == notice_id),
                  key=lambda p: (p.received_on, p.payment_id))


def balance(notice: Notice, paid: Decimal) -> Decimal:
    """What the notice still owes: its additional premium less what was paid (zero for a
    refund notice)."""
    return max(-notice.result_amount - paid, ZERO)


def unpaid_after_due(headers: Iterable[NoticeHeader], payments: Iterable[Payment],
                     before: date) -> list[tuple[NoticeHeader, Decimal]]:
    """Additional premiums due before `before` that still owe something, with what they owe:
    each adjustment in its latest revision (a recalculation replaces the notice it revises)."""
    latest: dict[tuple[str, str, date, int], NoticeHeader] = {}
    for n in headers:
        key = (n.participant_kind, n.participant_id, n.coverage_start, n.adjustment_number)
        if key not in latest or n.revision > latest[key].revision:
            latest[key] = n
    paid = paid_by_notice(payments)
    found = []
    for n in latest.values():
        owed = -n.result_amount - paid.get(n.notice_id, ZERO)
        if n.payment_due is not None and n.payment_due < before and owed > 0:
            found.append((n, owed))
    return sorted(found, key=lambda pair: (pair[0].payment_due or before, pair[0].notice_id))


def record_payment(cmd: RecordPayment, ports: ProgramPorts) -> Payment:
    """Record money received against an additional premium notice.

    Raises:
        NotFound: no such notice. Conflict: a refund notice, the payment id exists, or nothing
            is owed. InvalidInput: an amount that is not positive cents, more than is owed, or a
            date in the future.
    """
    with ports.uow:
        uow, today = ports.uow, ports.clock.today()
        notice = required(uow.notices.get(cmd.notice_id), f"no adjustment notice {cmd.notice_id}")
        if notice.result_amount >= 0:
            raise Conflict(f"{notice.notice_id} is a refund notice; payments are recorded "
                           "against additional premiums")
        if uow.payments.get(cmd.payment_id) is not None:
            raise Conflict(f"payment {cmd.payment_id} already exists")
        owed = balance(notice, sum((p.amount for p in payments_of(uow, notice.notice_id)), ZERO))
        if owed <= 0:
            raise Conflict(f"{notice.notice_id} is paid in full")
        problems = []
        if cmd.amount <= 0 or cmd.amount != cmd.amount.quantize(CENT):
            problems.append(ErrorDetail("amount", "must be more than 0, in dollars and cents"))
        elif cmd.amount > owed:
            problems.append(ErrorDetail("amount", f"is more than the {owed} still owed"))
        if cmd.received_on > today:
            problems.append(ErrorDetail("received_on", f"{cmd.received_on} is after today"))
        if problems:
            raise InvalidInput.of(problems)
        payment = Payment(payment_id=cmd.payment_id, notice_id=notice.notice_id,
                          participant_kind=notice.participant_kind,
                          participant_id=notice.participant_id, amount=cmd.amount,
                          received_on=cmd.received_on, reference=cmd.reference)
        record_creation(uow, "payment", payment.payment_id, "received", actor=cmd.actor,
                        at=ports.clock.now(), rule=RULE, note=f"{cmd.amount} on {notice.notice_id}")
        uow.payments.add(payment)
        uow.commit()
    return payment
