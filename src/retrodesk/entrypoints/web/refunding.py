"""Sharing a group refund with its members from the notice page and over the API: the sponsor
(for its own groups) or program staff choose the terms disclosed at enrollment, starting from
the published sample clause; members' training comes from the attendance records.

Rule: WAC 296-17B-200 (refunds belong to the sponsor), -720(3); programs.md §11.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation

from sqlalchemy.orm import Session

from retrodesk.entrypoints.bootstrap import Services
from retrodesk.entrypoints.web.access import Action, Principal
from retrodesk.entrypoints.web.workflows import check_notice
from retrodesk.kernel.errors import Conflict, ErrorDetail, InvalidInput, required
from retrodesk.programs import refunds
from retrodesk.programs.commands import DistributeRefund
from retrodesk.programs.distribution import SAMPLE_CLAUSE, DistributionFormula, Pool, PoolBasis
from retrodesk.programs.records import ParticipantKind
from retrodesk.programs.workflow import Notice, Payout

__all__ = ["TERMS", "TERM_FIELDS", "Terms", "distribute", "payout_for"]

HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Terms:
    """The distribution terms as a form or an API body gives them, in percent."""

    holdback: Decimal
    premium_share: Decimal
    performance: Decimal
    training: Decimal
    training_years: int
    cap_first: Decimal
    cap_second: Decimal

    def formula(self) -> DistributionFormula:
        """The formula; refuses weights that do not add up to 100 % (names the fields)."""
        pools = tuple(Pool(name, weight / HUNDRED, basis, training_within_years=self.training_years)
                      for name, weight, basis in (
                          ("Premium share", self.premium_share, PoolBasis.PREMIUM_SHARE),
                          ("Performance", self.performance, PoolBasis.PERFORMANCE),
                          ("Training", self.training, PoolBasis.TRAINING)) if weight)
        return DistributionFormula(holdback_rate=self.holdback / HUNDRED, pools=pools,
                                   payout_caps={1: self.cap_first / HUNDRED,
                                                2: self.cap_second / HUNDRED, 3: Decimal(1)})

    @classmethod
    def of(cls, typed: dict[str, str]) -> Terms:
        """Terms typed on the form; every unreadable field is named."""
        problems, numbers = [], {}
        for name in TERM_FIELDS:
            try:
                numbers[name] = Decimal(typed.get(name, "").strip().rstrip("%") or "0")
            except InvalidOperation:
                problems.append(ErrorDetail(name, f"{typed.get(name)!r} is not a number"))
                continue
            if not 0 <= numbers[name] <= HUNDRED:
                problems.append(ErrorDetail(name, "must be from 0 to 100"))
        if problems:
            raise InvalidInput.of(problems)
        years = numbers.pop("training_years")
        return cls(**numbers, training_years=int(years))


def _percent(rate: Decimal) -> Decimal:
    return Decimal(f"{(rate * HUNDRED).normalize():f}")


TERM_FIELDS = tuple(f.name for f in fields(Terms))
TERMS = Terms(  # the published sample clause (programs.md §11), the form's starting point
    holdback=_percent(SAMPLE_CLAUSE.holdback_rate),
    **{field: _percent(p.weight) for field, p in zip(
        ("premium_share", "performance", "training"), SAMPLE_CLAUSE.pools, strict=True)},
    training_years=SAMPLE_CLAUSE.pools[2].training_within_years,
    cap_first=_percent(SAMPLE_CLAUSE.cap(1)), cap_second=_percent(SAMPLE_CLAUSE.cap(2)))


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
        return uow.payouts.get(f"{notice.participant_id}/{notice.coverage_start.isoformat()}/"
                               f"{notice.adjustment_number}")


def distribute(services: Services, db: Session, user: Principal, notice_id: str,
               terms: Terms) -> Payout:
    """Share a group refund among its members on `terms` and issue the statements."""
    user.require(Action.DISTRIBUTE)
    notice = _group_refund(services, db, user, notice_id)
    return refunds.distribute_refund(DistributeRefund(
        group_id=notice.participant_id, coverage_start=notice.coverage_start,
        adjustment_number=notice.adjustment_number, formula=terms.formula(),
        actor=user.username), services.program_ports(user.username))
