"""The claim-free cap (Table IV) and the annual limitation (WAC 296-17-860, -865, -890).

Rule: experience.md §8–§9 — a firm with no compensable claim gets `min(EF, Table IV maximum)`;
then the factor may move at most 25% from the prior factor, `round4(0.75·prior) ≤ EF ≤
round4(1.25·prior)`, except that a prior above 1.3333 with a factor below 1.0000 gives 1.0000.
No prior factor, no limitation.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from retrodesk.kernel.money import FOUR_PLACES
from retrodesk.rules.experience.book import LimitationRule

__all__ = ["CAP_DECREASE", "CAP_INCREASE", "EXCEPTION", "NONE", "Limited", "limit"]

NONE, CAP_INCREASE, CAP_DECREASE, EXCEPTION = (
    "none",
    "cap_increase",
    "cap_decrease",
    "exception_to_unity",
)
ONE = Decimal(1)


@dataclass(frozen=True, slots=True)
class Limited:
    """The factor after the limitation, which case applied, and the bounds (None: no prior)."""

    factor: Decimal
    applied: str
    low: Decimal | None = None
    high: Decimal | None = None


def limit(factor: Decimal, prior: Decimal | None, rule: LimitationRule) -> Limited:
    """Apply the annual limitation to a factor already capped for claim-free firms.

    Rule: WAC 296-17-865.
    """
    if prior is None:
        return Limited(factor, NONE)
    if prior > rule.exception_prior and factor < rule.exception_factor:
        return Limited(rule.exception_factor, EXCEPTION)
    low = FOUR_PLACES.apply((ONE - rule.max_change) * prior)
    high = FOUR_PLACES.apply((ONE + rule.max_change) * prior)
    if factor > high:
        return Limited(high, CAP_INCREASE, low, high)
    if factor < low:
        return Limited(low, CAP_DECREASE, low, high)
    return Limited(factor, NONE, low, high)
