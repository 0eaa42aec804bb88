"""Payments of additional premiums, and what is left unpaid.

Rule: WAC 296-17B-780 (an additional premium is due by the date on its notice); RCW 51.48.120
(what is unpaid after that date is collected by a notice and order of assessment). A payment is
recorded against the current notice of an adjustment and never exceeds what it still owes; it
counts for the adjustment, so a recalculation's revised notice owes its amount less what was
already paid.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from retrodesk.kernel.errors import Conflict, ErrorDetail, InvalidInput, required
from retrodesk.programs.commands import ProgramPorts, RecordPayment
from retrodesk.programs.events import record_creation
from retrodesk.programs.ports import WorkflowUnitOfWork
from retrodesk.programs.workflow import Notice, NoticeHeader, Payment

__all__ = ["adjustment_of", "balance", "outstanding", "payments_of", "record_payment",
           "unpaid_after_due"]

RULE = "WAC 296-17B-780"
ZERO = Decimal("0")
CENT = Decimal("0.01")


Adjustment = tuple[str, str, date, int]   # participant kind and id, coverage start, number


def adjustment_of(record: Notice | NoticeHeader | Payment) -> Adjustment:
    """The adjustment a notice (any revision) or a payment belongs to."""
    return (record.participant_kind, record.participant_id, record.coverage_start,
            record.adjustment_number)


def _paid_by_adjustment(payments: Iterable[Payment]) -> dict[Adjustment, Decimal]:
    totals: defaultdict[Adjustment, Decimal] = defaultdict(Decimal)
    for payment in payments:
        totals[adjustment_of(payment)] += payment.amount
    return totals


def payments_of(uow: WorkflowUnitOfWork, notice: Notice) -> list[Payment]:
    """The payments for a notice's adjustment (against any of its revisions), oldest first."""
    key = adjustment_of(notice)
    return sorted((p for p in uow.payments.list() if adjustment_of(p) == key),
                  key=lambda p: (p.received_on, p.payment_id))


def balance(notice: Notice | NoticeHeader, paid: Decimal) -> Decimal:
    """What the notice still owes: its additional premium less what was paid (zero for a
    refund notice)."""
    return max(-notice.result_amount - paid, ZERO)


def outstanding(uow: WorkflowUnitOfWork, notice: Notice) -> Decimal:
    """What the notice still owes after every payment recorded for its adjustment."""
    return balance(notice, sum((p.amount for p in payments_of(uow, notice)), ZERO))


def unpaid_after_due(headers: Iterable[NoticeHeader], payments: Iterable[Payment],
                     before: date) -> list[tuple[NoticeHeader, Decimal]]:
    """Additional premiums due before `before` that still owe something, with what they owe:
    each adjustment in its latest revision (a recalculation replaces the notice it revises)."""
    latest: dict[Adjustment, NoticeHeader] = {}
    for n in headers:
        key = adjustment_of(n)
        if key not in latest or n.revision > latest[key].revision:
            latest[key] = n
    paid = _paid_by_adjustment(payments)
    found = []
    for key, n in latest.items():
        owed = balance(n, paid.get(key, ZERO))
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
        revised = [n.notice_id for n in uow.notices.headers()
                   if adjustment_of(n) == adjustment_of(notice) and n.revision > notice.revision]
        if revised:
            raise Conflict(f"{notice.notice_id} was revised by {revised[-1]}; a payment is "
                           "recorded against the current notice")
        owed = outstanding(uow, notice)
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
                          participant_id=notice.participant_id,
                          coverage_start=notice.coverage_start,
                          adjustment_number=notice.adjustment_number, amount=cmd.amount,
                          received_on=cmd.received_on, reference=cmd.reference)
        record_creation(uow, "payment", payment.payment_id, "received", actor=cmd.actor,
                        at=ports.clock.now(), rule=RULE, note=f"{cmd.amount} on {notice.notice_id}")
        uow.payments.add(payment)
        uow.commit()
    return payment
