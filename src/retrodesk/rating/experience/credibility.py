"""Credibility weighting and the computed factor (WAC 296-17-855, -880; experience.md §7).

Rule: `EF = round4((Zp·Ap + (1−Zp)·Ep + Ze·Ae + (1−Ze)·Ee) / E)`; the credible primary and excess
losses are carried unrounded.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from retrodesk.kernel.money import FOUR_PLACES

__all__ = ["Credible", "credible_factor"]

ONE = Decimal(1)


@dataclass(frozen=True, slots=True)
class Credible:
    """The credibility-weighted losses and the factor they give."""

    primary: Decimal
    excess: Decimal
    factor: Decimal

    @property
    def total(self) -> Decimal:
        return self.primary + self.excess


def credible_factor(
    expected: Decimal,
    expected_primary: Decimal,
    actual_primary: Decimal,
    actual_excess: Decimal,
    zp: Decimal,
    ze: Decimal,
) -> Credible:
    """Credible primary and excess losses and `round4` of their sum over E (E > 0).

    Rule: WAC 296-17-855; Table II credibilities from WAC 296-17-880.
    """
    primary = zp * actual_primary + (ONE - zp) * expected_primary
    excess = ze * actual_excess + (ONE - ze) * (expected - expected_primary)
    return Credible(primary, excess, FOUR_PLACES.apply((primary + excess) / expected))
