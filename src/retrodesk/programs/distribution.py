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
from dataclasses import dataclass, fields
from datetime import date
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum

from retrodesk.kernel.errors import ErrorDetail, InvalidInput
from retrodesk.kernel.money import CENTS
from retrodesk.kernel.periods import add_months

__all__ = [
    "SAMPLE_CLAUSE",
    "SAMPLE_TERMS",
    "Allocation",
    "Distribution",
    "DistributionFormula",
    "MemberBasis",
    "Pool",
    "PoolBasis",
    "SharingTerms",
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


HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class SharingTerms:
    """A sponsor's refund-sharing terms in the shape the published sample clause uses, in percent:
    a holdback, pools by premium share, performance and in-person training (within a number of
    years), and payout caps at the first two adjustments (the final one pays the rest).

    Rule: WAC 296-17B-720(3) (terms disclosed at enrollment); programs.md §11.
    """

    holdback: Decimal
    premium_share: Decimal
    performance: Decimal
    training: Decimal
    training_years: int
    cap_first: Decimal
    cap_second: Decimal

    def formula(self) -> DistributionFormula:
        """The formula; refuses a percentage outside 0–100 or pools that do not add up to 100 %
        (each problem names its field)."""
        problems = [ErrorDetail(f.name, "must be from 0 to 100") for f in fields(self)
                    if not 0 <= getattr(self, f.name) <= HUNDRED]
        if problems:
            raise InvalidInput.of(problems)
        pools = tuple(Pool(name, weight / HUNDRED, basis,
                           training_within_years=self.training_years)
                      for name, weight, basis in (
                          ("Premium share", self.premium_share, PoolBasis.PREMIUM_SHARE),
                          ("Performance", self.performance, PoolBasis.PERFORMANCE),
                          ("Training", self.training, PoolBasis.TRAINING)) if weight)
        return DistributionFormula(holdback_rate=self.holdback / HUNDRED, pools=pools,
                                   payout_caps={1: self.cap_first / HUNDRED,
                                                2: self.cap_second / HUNDRED, 3: ONE})


def _percent(rate: Decimal) -> Decimal:
    return Decimal(f"{(rate * HUNDRED).normalize():f}")


SAMPLE_TERMS = SharingTerms(  # the sample clause above, as terms
    holdback=_percent(SAMPLE_CLAUSE.holdback_rate),
    premium_share=_percent(SAMPLE_CLAUSE.pools[0].weight),
    performance=_percent(SAMPLE_CLAUSE.pools[1].weight),
    training=_percent(SAMPLE_CLAUSE.pools[2].weight),
    training_years=SAMPLE_CLAUSE.pools[2].training_within_years,
    cap_first=_percent(SAMPLE_CLAUSE.cap(1)), cap_second=_percent(SAMPLE_CLAUSE.cap(2)))


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

