"""Refund distribution use case: members' shares of a group refund and their statements.

Rule: WAC 296-17B-200 (refunds belong to the sponsor), -720(3) (terms disclosed at enrollment);
programs.md §11. The arithmetic is in distribution.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from retrodesk.kernel.errors import Conflict, NotFound, required
from retrodesk.programs.adjustments import employer_party
from retrodesk.programs.attendance import last_in_person
from retrodesk.programs.commands import DiscloseTerms, DistributeRefund, ProgramPorts
from retrodesk.programs.distribution import (
    Distribution,
    DistributionFormula,
    MemberBasis,
    distribute,
)
from retrodesk.programs.documents import MemberRefundStatement, MemberShare, Party
from retrodesk.programs.events import record_creation
from retrodesk.programs.ports import WorkflowUnitOfWork
from retrodesk.programs.records import ParticipantKind
from retrodesk.programs.sanctions import removal_of
from retrodesk.programs.schedule import coverage_end
from retrodesk.programs.workflow import (
    DisclosedTerms,
    IssuedDocument,
    Notice,
    Payout,
    period_key,
)

__all__ = ["disclose_terms", "distribute_refund", "issue_statements"]

ZERO = Decimal("0")


def _cumulative_refund(notices: list[Notice], number: int) -> Decimal:
    """Σ of the group's results for adjustments 1…n, each in its latest revision, less refunds
    forfeited after a removal for prohibited conduct (WAC 296-17B-720)."""
    latest: dict[int, Notice] = {}
    for notice in notices:
        if notice.adjustment_number <= number and (
                notice.adjustment_number not in latest
                or notice.revision > latest[notice.adjustment_number].revision):
            latest[notice.adjustment_number] = notice
    return sum((n.result_amount - n.forfeited_refund for n in latest.values()), ZERO)


def _members(ports: ProgramPorts, notice: Notice,
             training: Mapping[str, date]) -> list[MemberBasis]:
    """Each member's basis at the adjustment; a member removed for prohibited conduct on or
    before the adjustment's notice date is marked removed (WAC 296-17B-720)."""
    found = []
    for row in notice.result.get("members", []):
        employer = ports.uow.employers.get(row["member"])
        removal = removal_of(ports.uow, ParticipantKind.EMPLOYER.value, row["member"])
        found.append(MemberBasis(row["member"], Decimal(row["standard_premium"]),
                                 Decimal(row["loss_incurred"]),
                                 employer is not None and employer.is_in_good_standing,
                                 training.get(row["member"]),
                                 removal is not None and removal.notice_date <= notice.notice_date))
    return found


def _training(ports: ProgramPorts, notice: Notice,
              given: Mapping[str, date]) -> dict[str, date]:
    """Each member's latest in-person seminar: from the training records up to today, or a
    later date given with the command (attendance not yet recorded)."""
    members = [row["member"] for row in notice.result.get("members", [])]
    found = last_in_person(ports.uow, members, ports.clock.today())
    for member, day in given.items():
        found[member] = max(day, found.get(member, day))
    return found


def disclose_terms(cmd: DiscloseTerms, ports: ProgramPorts) -> DisclosedTerms:
    """Record (or correct) the refund-sharing terms a sponsor disclosed at enrollment for one of
    its group's coverage periods.

    Rule: WAC 296-17B-720(3); programs.md §11.

    Raises:
        NotFound: no such group, or the group is not enrolled for that period.
        InvalidInput: a percentage outside 0–100, or pools that do not add up to 100 %.
        Conflict: a refund of the period was already shared on the terms on record.
    """
    cmd.terms.formula()
    with ports.uow:
        uow = ports.uow
        required(uow.groups.get(cmd.group_id), f"no group {cmd.group_id}")
        required(uow.enrollments.get(ParticipantKind.GROUP, cmd.group_id, cmd.coverage_start),
                 f"group {cmd.group_id} is not enrolled for the period from "
                 f"{cmd.coverage_start.isoformat()}")
        if any(p.group_id == cmd.group_id and p.coverage_start == cmd.coverage_start
               for p in uow.payouts.list()):
            raise Conflict(f"a refund of group {cmd.group_id}'s period from "
                           f"{cmd.coverage_start.isoformat()} was already shared on the terms "
                           "on record; they can no longer change")
        key = period_key(cmd.group_id, cmd.coverage_start)
        old = uow.terms.get(key)
        terms = DisclosedTerms(group_id=cmd.group_id, coverage_start=cmd.coverage_start,
                               terms=cmd.terms, recorded_on=ports.clock.today(),
                               version=old.version + 1 if old else 1)
        if old is None:
            record_creation(uow, "terms", key, "recorded", actor=cmd.actor,
                            at=ports.clock.now(), rule="WAC 296-17B-720(3)")
            uow.terms.add(terms)
        else:                   # a correction before any share: the audit log keeps the old
            uow.terms.update(terms)
        uow.commit()
    return terms


def _formula(uow: WorkflowUnitOfWork, cmd: DistributeRefund) -> DistributionFormula:
    """The formula given with the command, or the terms disclosed for the period."""
    if cmd.formula is not None:
        return cmd.formula
    disclosed = uow.terms.get(period_key(cmd.group_id, cmd.coverage_start))
    if disclosed is None:
        raise Conflict(f"no refund-sharing terms are on record for group {cmd.group_id}'s "
                       f"period from {cmd.coverage_start.isoformat()}: record the terms the "
                       "sponsor disclosed at enrollment first (WAC 296-17B-720(3))")
    return disclosed.terms.formula()


def distribute_refund(cmd: DistributeRefund, ports: ProgramPorts) -> Payout:
    """Share a group refund among members and issue a statement to the sponsor and each member.

    Rule: WAC 296-17B-200, -720(3); programs.md §11.
    """
    with ports.uow:
        uow = ports.uow
        notices = [n for n in uow.notices.list() if n.participant_kind == "group"
                   and n.participant_id == cmd.group_id and n.coverage_start == cmd.coverage_start]
        current = [n for n in notices if n.adjustment_number == cmd.adjustment_number]
        if not current:
            raise NotFound(f"adjustment {cmd.adjustment_number} of group {cmd.group_id} for "
                           f"{cmd.coverage_start} has not been issued")
        paid = sum((p.distributed for p in uow.payouts.list() if p.group_id == cmd.group_id
                    and p.coverage_start == cmd.coverage_start), ZERO)
        latest = max(current, key=lambda n: n.revision)
        formula = _formula(uow, cmd)
        result = distribute(_members(ports, latest, _training(ports, latest, cmd.training)),
                            cmd.adjustment_number,
                            _cumulative_refund(notices, cmd.adjustment_number), formula,
                            paid, ports.clock.today())
        documents = issue_statements(ports, cmd.group_id, cmd.coverage_start, result, formula)
        payout = Payout(group_id=cmd.group_id, coverage_start=cmd.coverage_start,
                        adjustment_number=cmd.adjustment_number, paid_on=ports.clock.today(),
                        distributed=result.distributed, amounts=result.member_totals(),
                        documents=documents, payable=result.payable)
        uow.payouts.add(payout)
        uow.commit()
    return payout


def issue_statements(ports: ProgramPorts, group_id: str, start: date, result: Distribution,
                     formula: DistributionFormula) -> tuple[str, ...]:
    """The sponsor's statement (every share) and one per member (only its own shares)."""
    group = ports.uow.groups.get(group_id)
    sponsor = ports.uow.sponsors.get(group.sponsor_id if group else "")
    sponsor_party = Party(name=sponsor.name if sponsor else group_id,
                          account_id=sponsor.sponsor_id if sponsor else "")
    weights = {p.name: p.weight for p in formula.pools}
    parties = {m: employer_party(ports, m) for m in result.member_totals()}
    shares = tuple(MemberShare(member=parties[a.member_id],
                               pool=f"{a.pool} ({weights[a.pool] * 100:.0f} %)",
                               basis=f"{a.basis:,.2f}", amount=a.amount)
                   for a in result.allocations)
    today = ports.clock.today()
    stem = f"statement-{group_id}-{start.isoformat()}-{result.adjustment_number}"
    recipients = [(sponsor_party, stem, shares)] + [
        (parties[m], f"{stem}-{m}",
         tuple(s for s in shares if s.member.account_id == m)) for m in result.member_totals()]
    ids = []
    for recipient, document_id, own in recipients:
        statement = MemberRefundStatement(
            statement_id=document_id, statement_date=today, recipient=recipient,
            sponsor=sponsor_party, group_name=group.name if group else group_id,
            coverage_start=start, coverage_end=coverage_end(start),
            adjustment_number=result.adjustment_number, group_refund=result.cumulative_refund,
            holdback_rate=formula.holdback_rate, holdback=result.holdback,
            payout_cap_rate=result.cap_rate, paid_before=result.paid_before,
            distributed=result.distributed, shares=own,
            forfeited_by=tuple(employer_party(ports, m) for m in result.forfeited_by))
        ports.uow.documents.add(IssuedDocument(
            document_id=document_id, kind="member_refund_statement", subject=group_id,
            issued_on=today, pdf=ports.renderer.member_refund_statement(statement)))
        ids.append(document_id)
    return tuple(ids)
