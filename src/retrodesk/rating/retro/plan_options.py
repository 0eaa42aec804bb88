"""Plan-option validation: single loss limit, loss ratios and the highest possible premium.

Rule: WAC 296-17B-300 (version effective 2017-06-30), checks V1–V7 of retro.md §7. Every violation
is returned with its rule, not only the first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from retrodesk.kernel.money import FOUR_PLACES, factor_text
from retrodesk.rating.retro.charges import lookup_insurance_factor
from retrodesk.rating.retro.factors import Factors, default_rulebook
from retrodesk.rating.retro.hazard import compute_hazard_group, compute_size_group
from retrodesk.rating.retro.inputs import PlanElection, RetroCase, parse_case
from retrodesk.rating.worksheet import Provenance, Worksheet
from retrodesk.rules.retro.book import Basis, Kind, RetroRulebook

__all__ = [
    "PlanCheck",
    "PlanViolation",
    "can_compute_highest",
    "check_highest",
    "check_plan",
    "highest_possible_premium",
    "validate_plan",
]


@dataclass(frozen=True, slots=True)
class PlanViolation:
    """One broken plan-option rule: check id (V1–V7), rule cite, JSON path and explanation."""

    check: str
    rule: str
    path: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"check": self.check, "rule": self.rule, "path": self.path, "message": self.message}


@dataclass(frozen=True, slots=True)
class PlanCheck:
    """Result of validating a plan election: violations, the V7 ratio and whether it is official."""

    violations: tuple[PlanViolation, ...]
    highest_possible_premium: Decimal | None
    provenance: Provenance = field(default_factory=Provenance)

    @property
    def is_valid(self) -> bool:
        return not self.violations

    def as_dict(self) -> dict[str, object]:
        highest = self.highest_possible_premium
        return {
            "valid": self.is_valid,
            "violations": [v.as_dict() for v in self.violations],
            "highest_possible_premium": None if highest is None
            else factor_text(highest),
            "provenance": self.provenance.as_dict(),
        }


def highest_possible_premium(
    basis: Basis, *, max_loss_ratio: Decimal, pae: Decimal, cae: Decimal, charge: Decimal,
    savings: Decimal,
) -> Decimal:
    """Highest possible RP ÷ SP with PAF = 1 (unrounded).

    Rule: WAC 296-17B-300(3)(d). Premium basis PAE + maxLR(1 + CAE) + (PICF − PISF); loss basis
    PAE + maxLR(1 + CAE) ÷ (1 − k), k = LICF − LISF.
    """
    losses = max_loss_ratio * (1 + cae)
    if basis is Basis.PREMIUM:
        return pae + losses + (charge - savings)
    return pae + losses / (1 - (charge - savings))


def check_plan(
    case: RetroCase, factors: Factors, *, require_premium_test: bool,
) -> list[PlanViolation]:
    """Checks V1–V6 on the case's election (V7 needs table factors: `check_highest`).

    Rule: WAC 296-17B-300(1), (3)(a)–(c).
    """
    plan, start, rb = case.plan, case.coverage_period_start, factors.rulebook
    found: list[PlanViolation] = []
    limit = plan.single_loss_limit
    options = rb.single_loss_limits.at(start).value
    if limit is not None and limit not in options:
        listed = ", ".join(f"{o:,.0f}" for o in options)
        found.append(PlanViolation("V1", "WAC 296-17B-300(1)", "plan.single_loss_limit",
                                   f"{limit} is not an option ({listed} or Unlimited)"))
    found.extend(_premium_test(case, rb, require=require_premium_test))
    found.extend(_ratio_checks(plan, rb, case))
    return found


def check_highest(
    highest: Decimal, case: RetroCase, rulebook: RetroRulebook,
) -> list[PlanViolation]:
    """V7: the highest possible premium must lie in the range (105 %–200 % of SP).

    Rule: WAC 296-17B-300(3)(d).
    """
    span = rulebook.highest_premium_range.at(case.coverage_period_start).value
    if span.contains(highest):
        return []
    return [PlanViolation("V7", "WAC 296-17B-300(3)(d)", "plan",
                          f"highest possible premium {FOUR_PLACES.apply(highest)} × SP is outside "
                          f"{span.low}–{span.high} × SP (PAF 1.0)")]


def can_compute_highest(violations: list[PlanViolation]) -> bool:
    """V7 needs table factors, which exist only for a listed limit and ratios in range."""
    return not any(v.check in ("V1", "V3", "V4") for v in violations)


def _premium_test(case: RetroCase, rb: RetroRulebook, *, require: bool) -> list[PlanViolation]:
    limit = case.plan.single_loss_limit
    if limit is None:
        return []
    multiple = rb.premium_test_multiple.at(case.coverage_period_start).value
    premium = case.four_quarter_premium
    rule = "WAC 296-17B-300(3)(a)"
    if premium is None:
        return ([PlanViolation("V2", rule, "four_quarter_premium", "is required to test a single "
                               f"loss limit of {limit} (needs {multiple} × the limit)")]
                if require else [])
    if premium < multiple * limit:
        return [PlanViolation("V2", rule, "four_quarter_premium",
                              f"{premium} is below {multiple} × single loss limit {limit} "
                              f"= {multiple * limit}")]
    return []


def _ratio_checks(plan: PlanElection, rb: RetroRulebook, case: RetroCase) -> list[PlanViolation]:
    start, rule_c = case.coverage_period_start, "WAC 296-17B-300(3)(c)"
    found: list[PlanViolation] = []
    ranges = {"max_loss_ratio": rb.max_loss_ratio_range.at(start).value,
              "min_loss_ratio": rb.min_loss_ratio_range.at(start).value}
    decimals = rb.loss_ratio_decimals.at(start).value
    quantum = Decimal(1).scaleb(-decimals)
    for name, check in (("max_loss_ratio", "V3"), ("min_loss_ratio", "V4")):
        value, span = getattr(plan, name), ranges[name]
        if not span.contains(value):
            found.append(PlanViolation(check, rule_c, f"plan.{name}",
                                       f"{value} is outside {span.low}–{span.high}"))
        if value != value.quantize(quantum):
            found.append(PlanViolation("V5", rule_c, f"plan.{name}", f"{value} has more than "
                                       f"{decimals - 2} decimals of a percent"))
    gap = rb.loss_ratio_gap.at(start).value
    if plan.min_loss_ratio > plan.max_loss_ratio - gap:
        found.append(PlanViolation(
            "V6", "WAC 296-17B-300(3)(b)", "plan.min_loss_ratio",
            f"{plan.min_loss_ratio} must be at most max_loss_ratio − {gap} = "
            f"{plan.max_loss_ratio - gap}"))
    return found


def validate_plan(
    case: RetroCase | Mapping[str, object], *, rulebook: RetroRulebook | None = None,
) -> PlanCheck:
    """Every violation of the plan-option rules by the case's election, with the V7 ratio.

    Rule: WAC 296-17B-300. V7 uses PAF 1.0, the hazard group of the case's standard premium by
    class and the size group of `four_quarter_premium` (else the standard premium) — the project
    decision of retro.md §7 for a participant without a previous coverage period.
    """
    parsed = parse_case(case)
    factors = Factors(parsed, rulebook or default_rulebook())
    found = check_plan(parsed, factors, require_premium_test=True)
    if not can_compute_highest(found):
        return PlanCheck(tuple(found), None)
    scratch = Worksheet()
    start = parsed.coverage_period_start
    hazard = compute_hazard_group(parsed.standard_premium, start=start, rulebook=factors.rulebook,
                                  given=parsed.factors.hazard_group, ws=scratch)
    premium = parsed.four_quarter_premium or sum((r.total for r in parsed.standard_premium),
                                                 Decimal(0))
    size = compute_size_group(premium, start=start, rulebook=factors.rulebook,
                              given=parsed.factors.size_group, ws=scratch)
    charge, savings = (lookup_insurance_factor(kind, plan=parsed.plan, size_group=size,
                                               hazard_group=hazard.hazard_group, factors=factors)
                       for kind in (Kind.CHARGE, Kind.SAVINGS))
    pae, cae = factors.premium_admin_expense(), factors.claims_admin_expense()
    highest = highest_possible_premium(parsed.plan.basis, max_loss_ratio=parsed.plan.max_loss_ratio,
                                       pae=pae.value, cae=cae.value, charge=charge.value,
                                       savings=savings.value)
    found.extend(check_highest(highest, parsed, factors.rulebook))
    for source in (pae.source, cae.source, charge.source, savings.source):
        scratch.provenance.use(source)
    return PlanCheck(tuple(found), highest, scratch.provenance)

