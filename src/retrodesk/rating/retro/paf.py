"""The performance adjustment factor solver: an actuarial tool, its output `illustrative`.

Rule: WAC 296-17B-600…-620 — the PAF is set for each annual adjustment so that, after refunds and
assessments, retro participants as a whole pay the same share of their losses as non-retro
employers. L&I's own PAF is an input (retro.md §4.11); this solver proposes one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from retrodesk.kernel.errors import InvalidInput
from retrodesk.kernel.money import FOUR_PLACES
from retrodesk.rating.retro.factors import default_rulebook
from retrodesk.rating.retro.inputs import RetroCase
from retrodesk.rating.retro.premium import compute_retro_premium
from retrodesk.rules.model import Origin, Source
from retrodesk.rules.retro.book import RetroRulebook

__all__ = ["PAF_SOURCE", "PafSolution", "solve_paf"]

PAF_SOURCE = Source("performance adjustment factor", Origin.ILLUSTRATIVE,
                    "illustrative: paf-solver")


@dataclass(frozen=True, slots=True)
class PafSolution:
    """A proposed PAF (4 decimals), the premium target and the number of bisection steps."""

    paf: Decimal
    target_premium: Decimal
    iterations: int
    source: Source = PAF_SOURCE


def solve_paf(
    cohort: Sequence[RetroCase], *, loss_ratio_nonretro: Decimal, losses_retro_total: Decimal,
    low: Decimal = Decimal("0.5"), high: Decimal = Decimal("2.0"),
    tolerance: Decimal = Decimal("0.00005"),
    rulebook: RetroRulebook | None = None,
) -> PafSolution:
    """Bisect for the PAF at which the cohort's retro premium equals losses ÷ non-retro loss ratio.

    Rule: WAC 296-17B-600…-620 (retro.md §4.11). RP is non-decreasing in the PAF.

    Raises:
        InvalidInput: no PAF in [low, high] meets the target (e.g. every participant at a bound).
    """
    if not cohort or loss_ratio_nonretro <= 0 or low >= high:
        raise InvalidInput("the PAF solver needs a cohort, a positive non-retro loss ratio and "
                           "low < high")
    book = rulebook or default_rulebook()
    target = losses_retro_total / loss_ratio_nonretro

    def gap(paf: Decimal) -> Decimal:
        total = Decimal(0)
        for case in cohort:
            what_if = dataclasses.replace(case, factors=dataclasses.replace(case.factors, paf=paf))
            total += compute_retro_premium(what_if, rulebook=book).retro_premium
        return total - target

    if gap(low) > 0 or gap(high) < 0:
        raise InvalidInput(f"no PAF in [{low}, {high}] brings the cohort's retro premium to "
                           f"{target:.2f}")
    steps = 0
    while high - low >= tolerance:
        middle = (low + high) / 2
        if gap(middle) < 0:
            low = middle
        else:
            high = middle
        steps += 1
    return PafSolution(FOUR_PLACES.apply((low + high) / 2), target, steps)
