"""The loss-ratio corridor and the three charges of the retro premium: PAEC, ILEC and NIC.

Rule: WAC 296-17B-300(2), -550 (corridor), -420 (PAEC), -430 (ILEC), -440 (NIC, version effective
2014-07-01) with insurance factors from -910…-990. Rounding points R5–R8 of retro.md §9.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from retrodesk.kernel.errors import ErrorDetail, InvalidInput, RuleNotInForce
from retrodesk.kernel.money import CENTS, FOUR_PLACES
from retrodesk.rating.retro.factors import Factors
from retrodesk.rating.retro.inputs import PlanElection
from retrodesk.rules.model import Lookup, Source, case_source
from retrodesk.rules.retro.book import Basis, Family, Kind

__all__ = [
    "RULE_NIC",
    "Corridor",
    "InsuranceFactor",
    "compute_corridor",
    "interpolate",
    "lookup_insurance_factor",
    "net_insurance_charge",
]

RULE_CORRIDOR = "WAC 296-17B-300(2), -550"
RULE_NIC = "WAC 296-17B-440"
RULE_TABLES = "WAC 296-17B-440, -910…-990"
NONE, MINIMUM, MAXIMUM = "none", "minimum", "maximum"


@dataclass(frozen=True, slots=True)
class Corridor:
    """Adjusted losses A = clamp(L × PAF, minLR × SP, maxLR × SP), unrounded (retro.md §4.6)."""

    losses_incurred: Decimal
    paf: Lookup[Decimal]
    product: Decimal
    loss_ratio: Decimal
    limit_applied: str
    adjusted: Decimal

    @property
    def capped(self) -> Decimal:
        """L_capped = A / PAF: the losses incurred after the corridor."""
        return self.adjusted / self.paf.value


def compute_corridor(
    losses_incurred: Decimal, standard_premium: Decimal, plan: PlanElection, paf: Lookup[Decimal],
) -> Corridor:
    """Apply the elected maximum and minimum loss ratios to L × PAF.

    Rule: WAC 296-17B-300(2), -520, -550.
    """
    product = losses_incurred * paf.value
    low = plan.min_loss_ratio * standard_premium
    high = plan.max_loss_ratio * standard_premium
    if product < low:
        limit, adjusted = MINIMUM, low
    elif product > high:
        limit, adjusted = MAXIMUM, high
    else:
        limit, adjusted = NONE, product
    return Corridor(losses_incurred, paf, product, product / standard_premium, limit, adjusted)


@dataclass(frozen=True, slots=True)
class InsuranceFactor:
    """A charge or savings factor and how it was found (tabulated, interpolated or given)."""

    kind: Kind
    ratio: Decimal
    value: Decimal
    source: Source
    neighbours: tuple[tuple[Decimal, Decimal], ...] = ()

    def formula(self) -> str:
        """How the factor was found: given by the case, tabulated, or interpolated."""
        what = "maximum" if self.kind is Kind.CHARGE else "minimum"
        if self.source.origin.value == "case":
            return f"given by the case (at {what} loss ratio {self.ratio})"
        if not self.neighbours:
            return f"tabulated at {what} loss ratio {self.ratio}"
        (a, fa), (b, fb) = self.neighbours
        return (f"interpolated at {what} loss ratio {self.ratio}: {fa} + ({fb} − {fa}) × "
                f"({self.ratio} − {a}) ÷ ({b} − {a})")


def lookup_insurance_factor(
    kind: Kind, *, plan: PlanElection, hazard_group: int, size_group: int, factors: Factors,
) -> InsuranceFactor:
    """The charge factor at maxLR or the savings factor at minLR, interpolated per retro.md §4.9.

    Rule: WAC 296-17B-440, -910…-990 ("no single loss limit" table when the SLOL is Unlimited).

    Raises:
        RuleNotInForce: no table row for the groups and limit, or the ratio is outside its span.
    """
    ratio = plan.max_loss_ratio if kind is Kind.CHARGE else plan.min_loss_ratio
    given = (factors.case.factors.insurance_charge if kind is Kind.CHARGE
             else factors.case.factors.insurance_savings)
    name = f"insurance {kind.value} factor"
    if given is not None:
        return InsuranceFactor(kind, ratio, given, case_source(name))
    tables = factors.rulebook.insurance_tables.at(factors.start)
    limit = plan.single_loss_limit
    family = Family.UNLIMITED if limit is None else Family.LIMITED
    key = (hazard_group, plan.basis, family, kind, size_group, limit)
    row = tables.value.rows.get(key)
    if row is None:
        message = (f"the rulebook has no {plan.basis.value}-basis {name} table for hazard group "
                   f"{hazard_group}, size group {size_group}, single loss limit "
                   f"{limit or 'Unlimited'} in force on {factors.start} ({RULE_TABLES})")
        raise RuleNotInForce(message, [ErrorDetail(tables.source.name, message)])
    value, neighbours = interpolate(row, ratio, what=name)
    return InsuranceFactor(kind, ratio, value, tables.source, neighbours)


def interpolate(
    row: tuple[tuple[Decimal, Decimal], ...], ratio: Decimal, *, what: str = "factor",
) -> tuple[Decimal, tuple[tuple[Decimal, Decimal], ...]]:
    """Linear in the loss ratio between the nearest tabulated ratios, half-up to 4 decimals (R7).

    Rule: WAC 296-17B-440 ("L&I interpolates"); retro.md §4.9.

    Raises:
        InvalidInput: the ratio is outside the tabulated span.
    """
    below = [(r, f) for r, f in row if r <= ratio]
    above = [(r, f) for r, f in row if r > ratio]
    if below and below[-1][0] == ratio:
        return below[-1][1], ()
    if not below or not above:
        span = f"{row[0][0]}–{row[-1][0]}" if row else "empty"
        path = "plan.max_loss_ratio" if "charge" in what else "plan.min_loss_ratio"
        raise InvalidInput(f"loss ratio {ratio} is outside the tabulated span {span} of the {what}",
                           [ErrorDetail(path, f"{ratio} is outside the tabulated span {span} "
                                              f"({RULE_TABLES})")])
    (a, fa), (b, fb) = below[-1], above[0]
    value = FOUR_PLACES.apply(fa + (fb - fa) * (ratio - a) / (b - a))
    return value, ((a, fa), (b, fb))


def net_insurance_charge(
    basis: Basis, *, charge: Decimal, savings: Decimal, standard_premium: Decimal, ilec: Decimal,
) -> Decimal:
    """Premium basis round2((ICF − ISF) × SP); loss basis round2(k ÷ (1 − k) × ILEC), k = ICF − ISF.

    Rule: WAC 296-17B-440 (version effective 2014-07-01: no PAF in the premium-based charge).

    Raises:
        InvalidInput: loss basis with k ≥ 1.
    """
    k = charge - savings
    if basis is Basis.PREMIUM:
        return CENTS.apply(k * standard_premium)
    if k >= 1:
        raise InvalidInput(f"loss-basis k = {charge} − {savings} = {k} must be < 1 ({RULE_NIC})")
    # Multiply before dividing: the only inexact operation is then the last one.
    return CENTS.apply(k * ilec / (1 - k))
