"""Distribution of a group refund to its members on the terms disclosed at enrollment.

Rule: WAC 296-17B-200, -720(3); programs.md §11 (project decisions: caps apply to the cumulative
net refund less what was paid; default performance basis max(0, SP − developed losses); a pool
with no eligible member stays with the sponsor; largest-remainder cents, ties to the larger basis,
then the member id).

A member removed for prohibited conduct forfeits refunds from adjustments calculated on or after
its removal (WAC 296-17B-720): whatever the disclosed terms, it is eligible for no pool, so its
share goes to the eligible members by each pool's basis, or stays with the sponsor when a pool
has no one left (project decision: the group's refund is the sponsor's, -200; only the removed
member loses its share).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum

from retrodesk.kernel.errors import ErrorDetail, InvalidInput
from retrodesk.kernel.money import CENTS
from retrodesk.kernel.periods import add_months

__all__ = [
    "SAMPLE_CLAUSE",
    "Allocation",
    "Distribution",
    "DistributionFormula",
    "MemberBasis",
    "Pool",
    "PoolBasis",
    "distribute",
    "largest_remainder_cents",
]

ZERO = Decimal("0")
ONE = Decimal("1")
CENT = Decimal("0.01")


class PoolBasis(StrEnum):
    """What a pool is shared by."""

    PREMIUM_SHARE = "premium_share"      # member SP
    PERFORMANCE = "performance"          # max(0, SP − loss_weight × developed losses)
    TRAINING = "training"                # member SP, among members with recent training
    EQUAL = "equal"                      # one share per eligible member


@dataclass(frozen=True, slots=True)
class Pool:
    """A share of the distributable amount, its basis and its eligibility conditions."""

    name: str
    weight: Decimal
    basis: PoolBasis
    requires_good_standing: bool = True
    training_within_years: int = 3
    loss_weight: Decimal = ONE


@dataclass(frozen=True, slots=True)
class DistributionFormula:
    """Holdback, pools (weights summing to 1) and cumulative payout caps per adjustment."""

    holdback_rate: Decimal
    pools: tuple[Pool, ...]
    payout_caps: Mapping[int, Decimal]

    def __post_init__(self) -> None:
        problems = []
        if not ZERO <= self.holdback_rate < ONE:
            problems.append(ErrorDetail("holdback_rate", "must be at least 0 and below 1"))
        if sum((p.weight for p in self.pools), ZERO) != ONE:
            problems.append(ErrorDetail("pools", "weights must add up to 100 %"))
        if self.payout_caps.get(3) != ONE:
            problems.append(ErrorDetail("payout_caps",
                                        "the final adjustment pays the remainder (100 %)"))
        if problems:
            raise InvalidInput.of(problems)

    def cap(self, adjustment_number: int) -> Decimal:
        return self.payout_caps.get(adjustment_number, ZERO)


SAMPLE_CLAUSE = DistributionFormula(
    holdback_rate=Decimal("0.25"),
    pools=(Pool("Premium share", Decimal("0.25"), PoolBasis.PREMIUM_SHARE),
           Pool("Performance", Decimal("0.50"), PoolBasis.PERFORMANCE),
           Pool("Training", Decimal("0.25"), PoolBasis.TRAINING)),
    payout_caps={1: Decimal("0.40"), 2: Decimal("0.70"), 3: ONE},
)


@dataclass(frozen=True, slots=True)
class MemberBasis:
    """What the distribution reads about one member at the adjustment."""

    member_id: str
    standard_premium: Decimal
    developed_losses: Decimal
    is_good_standing: bool = True
    last_training: date | None = None
    is_removed: bool = False       # removed (-720) on or before the adjustment was calculated


@dataclass(frozen=True, slots=True)
class Allocation:
    """One member's amount from one pool, with the basis it was shared by."""

    member_id: str
    pool: str
    basis: Decimal
    amount: Decimal


@dataclass(frozen=True, slots=True)
class Distribution:
    """The outcome at one adjustment: holdback, payable amount and every member allocation."""

    adjustment_number: int
    cumulative_refund: Decimal
    net_refund: Decimal
    holdback: Decimal
    cap_rate: Decimal
    paid_before: Decimal
    payable: Decimal
    allocations: tuple[Allocation, ...]
    forfeited_by: tuple[str, ...] = ()   # members removed for prohibited conduct (-720)

    @property
    def distributed(self) -> Decimal:
        return sum((a.amount for a in self.allocations), ZERO)

    @property
    def kept_by_sponsor(self) -> Decimal:
        """Payable amount that no pool could place (added to the holdback)."""
        return self.payable - self.distributed

    def member_totals(self) -> dict[str, Decimal]:
        totals: dict[str, Decimal] = {}
        for a in self.allocations:
            totals[a.member_id] = totals.get(a.member_id, ZERO) + a.amount
        return totals


def _basis(pool: Pool, member: MemberBasis, as_of: date) -> Decimal | None:
    """The member's basis in the pool, or None when it is not eligible."""
    if member.is_removed:
        return None
    if pool.requires_good_standing and not member.is_good_standing:
        return None
    if pool.basis is PoolBasis.TRAINING:
        since = add_months(as_of, -12 * pool.training_within_years)
        if member.last_training is None or member.last_training < since:
            return None
    if pool.basis is PoolBasis.PERFORMANCE:
        return max(ZERO, member.standard_premium - pool.loss_weight * member.developed_losses)
    if pool.basis is PoolBasis.EQUAL:
        return ONE
    return member.standard_premium


Key = tuple[str, str]                    # (member id, pool name)


def largest_remainder_cents(shares: Mapping[Key, Decimal],
                            tie_basis: Mapping[Key, Decimal]) -> dict[Key, Decimal]:
    """Round shares to cents so they add up exactly to the rounded total of the shares.

    Rule: programs.md §11 (ties: larger basis first, then member id).
    """
    total = CENTS.apply(sum(shares.values(), ZERO))
    floors = {k: v.quantize(CENT, rounding=ROUND_DOWN) for k, v in shares.items()}
    leftover = int((total - sum(floors.values(), ZERO)) / CENT)
    order = sorted(shares, key=lambda k: (-(shares[k] - floors[k]), -tie_basis[k], k))
    for key in order[:leftover]:
        floors[key] += CENT
    return floors


def distribute(members: Sequence[MemberBasis], adjustment_number: int,
               cumulative_refund: Decimal, formula: DistributionFormula,
               paid_before: Decimal, as_of: date) -> Distribution:
    """Member amounts at adjustment `adjustment_number` of a group refund.

    Rule: programs.md §11 `distribute`.
    """
    net = CENTS.apply(max(cumulative_refund, ZERO) * (ONE - formula.holdback_rate))
    cap = formula.cap(adjustment_number)
    payable = max(ZERO, CENTS.apply(net * cap) - paid_before)
    shares: dict[tuple[str, str], Decimal] = {}
    bases: dict[tuple[str, str], Decimal] = {}
    for pool in formula.pools if payable > 0 else ():
        eligible = {m.member_id: b for m in members
                    if (b := _basis(pool, m, as_of)) is not None}
        pool_total = sum(eligible.values(), ZERO)
        if pool_total <= 0:
            continue                     # stays with the sponsor
        for member_id, basis in eligible.items():
            shares[(member_id, pool.name)] = payable * pool.weight * basis / pool_total
            bases[(member_id, pool.name)] = basis
    rounded = largest_remainder_cents(shares, bases)
    allocations = tuple(Allocation(m, p, bases[(m, p)], amount)
                        for (m, p), amount in rounded.items())
    return Distribution(adjustment_number, cumulative_refund, net,
                        CENTS.apply(max(cumulative_refund, ZERO)) - net, cap, paid_before,
                        payable, allocations,
                        tuple(sorted(m.member_id for m in members if m.is_removed)))

