"""`compute_retro_premium`: the whole retro pipeline of retro.md §3, with its worksheet.

Rule: chapter 296-17B WAC — standard premium (-500), hazard and size group (-560, -900), losses
(-510…-540), corridor (-300(2), -550), charges (-420, -430, -440), retro premium (-410) and the
adjustment result (-400).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from retrodesk.kernel.errors import ErrorDetail, InvalidInput
from retrodesk.kernel.money import CENTS, FOUR_PLACES, money_text
from retrodesk.kernel.periods import add_months
from retrodesk.rating.retro.charges import (
    RULE_NIC,
    Corridor,
    InsuranceFactor,
    compute_corridor,
    lookup_insurance_factor,
    net_insurance_charge,
)
from retrodesk.rating.retro.claim_lines import claim_sources
from retrodesk.rating.retro.factors import Factors, default_rulebook
from retrodesk.rating.retro.hazard import (
    compute_hazard_group,
    compute_size_group,
    compute_standard_premium,
)
from retrodesk.rating.retro.inputs import RetroCase, parse_case
from retrodesk.rating.retro.losses import INCLUDED, Losses, compute_losses
from retrodesk.rating.retro.plan_options import (
    PlanViolation,
    can_compute_highest,
    check_highest,
    check_plan,
    highest_possible_premium,
)
from retrodesk.rating.retro.result import (
    MemberContribution,
    RetroResult,
    illustrative_notice,
    outcome_kind,
)
from retrodesk.rating.worksheet import Worksheet
from retrodesk.rules.model import Lookup, Origin
from retrodesk.rules.retro.book import Basis, Kind, RetroRulebook

__all__ = ["calculate", "compute_retro_premium", "scheduled_valuation_date"]

RULE_CORRIDOR = "WAC 296-17B-300(2), -550"


def calculate(
    case: RetroCase | Mapping[str, object], *, rulebook: RetroRulebook | None = None,
) -> RetroResult:
    """Retro premium and adjustment result for one case (parsed, or its JSON mapping).

    Rule: chapter 296-17B WAC. Without `rulebook`, the packaged rulebook (with any loaded official
    tables) is used.

    Raises:
        InvalidInput: the case is bad (every problem, with its path).
        RuleNotInForce: the rulebook lacks a parameter for the coverage-period start.
    """
    return compute_retro_premium(parse_case(case), rulebook=rulebook or default_rulebook())


def source_note(lookup: Lookup[Decimal]) -> str:
    """Where a factor came from, for its worksheet line."""
    if lookup.source.origin is Origin.CASE:
        return "given by the case (what-if)"
    return f"{lookup.source.origin.value}: {lookup.source.version}"


def scheduled_valuation_date(start: date, adjustment: int) -> date:
    """Day before start + 21, 33 or 45 months (retro.md §8). Rule: WAC 296-17B-400."""
    return add_months(start, 9 + 12 * adjustment) - timedelta(days=1)


@dataclass(frozen=True, slots=True)
class _Charges:
    paec: Decimal
    ilec: Decimal
    charge: InsuranceFactor
    savings: InsuranceFactor
    nic: Decimal
    highest: Decimal | None


def compute_retro_premium(case: RetroCase, *, rulebook: RetroRulebook) -> RetroResult:
    """The retro premium of one participant for one coverage period and adjustment.

    Rule: WAC 296-17B-400, -410 (RP = PAEC + ILEC + NIC; result = SP or prior RP − RP).
    """
    factors = Factors(case, rulebook)
    ws = Worksheet()
    start, plan = case.coverage_period_start, case.plan
    valuation = _valuation(ws, case)
    sp = _standard_premium(case, ws)
    hazard = compute_hazard_group(case.standard_premium, start=start, rulebook=rulebook,
                                  given=case.factors.hazard_group, ws=ws)
    size = compute_size_group(sp, start=start, rulebook=rulebook, given=case.factors.size_group,
                              ws=ws)
    losses = compute_losses(case, factors)
    head = len(ws.lines)
    for source in claim_sources(losses):
        ws.provenance.use(source)
    corridor = compute_corridor(losses.losses_incurred, sp, plan, factors.paf())
    _corridor_lines(ws, corridor, sp, case)
    charges = _charges(ws, factors, corridor, sp, hazard.hazard_group, size)
    retro_premium = charges.paec + charges.ilec + charges.nic
    compared = sp if case.adjustment == 1 else (case.prior_retro_premium or Decimal(0))
    _result_lines(ws, case, charges, retro_premium, compared)
    violations = _violations(case, factors, charges.highest)
    _illustrative_line(ws)
    return RetroResult(
        coverage_period_start=start, adjustment=case.adjustment, valuation_date=valuation,
        basis=plan.basis, standard_premium=sp, hazard_group=hazard.hazard_group,
        average_hazard_index=hazard.average_hazard_index, size_group=size, losses=losses,
        losses_incurred=losses.losses_incurred, performance_adjustment_factor=corridor.paf.value,
        loss_ratio=corridor.loss_ratio, adjusted_losses=corridor.adjusted,
        losses_capped=corridor.capped, loss_ratio_limit_applied=corridor.limit_applied,
        premium_admin_expense_charge=charges.paec, incurred_loss_expense_charge=charges.ilec,
        insurance_charge_factor=charges.charge.value,
        insurance_savings_factor=charges.savings.value, net_insurance_charge=charges.nic,
        retro_premium=retro_premium, compared_with=compared,
        highest_possible_premium=charges.highest,
        plan_violations=tuple(violations), members=_members(case, losses),
        warnings=tuple(_warnings(factors, losses, violations)), provenance=ws.provenance,
        worksheet_head=tuple(ws.lines[:head]), worksheet_tail=tuple(ws.lines[head:]),
    )


def _standard_premium(case: RetroCase, ws: Worksheet) -> Decimal:
    """The case's standard premium, refused unless positive.

    Rule: WAC 296-17B-500.
    """
    sp = compute_standard_premium(case.standard_premium, ws)
    if sp <= 0:
        raise InvalidInput("standard premium must be > 0 (WAC 296-17B-500)",
                           [ErrorDetail("standard_premium", "total must be > 0")])
    return sp


def _violations(case: RetroCase, factors: Factors, highest: Decimal | None) -> list[PlanViolation]:
    """V1–V6 on the election, then V7 when the highest possible premium could be computed.

    Rule: WAC 296-17B-300.
    """
    violations = check_plan(case, factors, require_premium_test=False)
    if highest is not None and can_compute_highest(violations):
        violations += check_highest(highest, case, factors.rulebook)
    return violations


def _valuation(ws: Worksheet, case: RetroCase) -> date:
    """Rule: WAC 296-17B-400 (claims valued about 9 months after the period, then yearly)."""
    valuation = case.valuation_date or scheduled_valuation_date(case.coverage_period_start,
                                                                case.adjustment)
    ws.add("valuation", f"Valuation date, adjustment {case.adjustment}", valuation.isoformat(),
           rule="WAC 296-17B-400", formula="given by the case" if case.valuation_date else
           "day before coverage start + 21 / 33 / 45 months")
    return valuation


def _illustrative_line(ws: Worksheet) -> None:
    """The notice of retro.md §12 as the worksheet's last line when any input is illustrative."""
    notice = illustrative_notice(ws.provenance)
    if notice:
        ws.add("illustrative", "ILLUSTRATIVE", "not an L&I figure", formula=notice,
               rule="retro.md §12 (values L&I does not publish as text)")


def _corridor_lines(ws: Worksheet, corridor: Corridor, sp: Decimal, case: RetroCase) -> None:
    """Rule: WAC 296-17B-300(2), -520, -550 (retro.md §4.6)."""
    plan, paf = case.plan, corridor.paf
    ws.add("corridor.losses", "Losses incurred (L)", corridor.losses_incurred,
           formula=f"Σ loss incurred of {len(case.claims)} listed claims (exact)",
           rule="WAC 296-17B-520")
    ws.looked_up("corridor.paf", "Performance adjustment factor (PAF)", paf,
                 formula=source_note(paf))
    ws.add("corridor.product", "L × PAF", corridor.product, rule=RULE_CORRIDOR,
           formula=f"{corridor.losses_incurred} × {paf.value}")
    ws.add("corridor.loss_ratio", "Loss ratio (L × PAF) ÷ SP",
           FOUR_PLACES.apply(corridor.loss_ratio),
           formula=f"{corridor.product} ÷ {sp}", rule=RULE_CORRIDOR,
           rounding=f"{FOUR_PLACES.name}, display only")
    low, high = plan.min_loss_ratio * sp, plan.max_loss_ratio * sp
    ws.add("corridor.bound", "Loss-ratio bound applied", corridor.limit_applied, rule=RULE_CORRIDOR,
           formula=f"minLR {plan.min_loss_ratio} × SP = {low}; "
                   f"maxLR {plan.max_loss_ratio} × SP = {high}")
    ws.add("corridor.adjusted", "Adjusted losses A", CENTS.apply(corridor.adjusted),
           rule=RULE_CORRIDOR,
           formula=f"clamp({corridor.product}, {low}, {high}) = {corridor.adjusted}",
           rounding=f"{CENTS.name} for display; the charges use the unrounded A")
    ws.add("corridor.capped", "Losses after the corridor A ÷ PAF", CENTS.apply(corridor.capped),
           formula=f"{corridor.adjusted} ÷ {paf.value}", rule=RULE_CORRIDOR,
           rounding=f"{CENTS.name}, display only")


def _charges(
    ws: Worksheet, factors: Factors, corridor: Corridor, sp: Decimal, hazard_group: int, size: int,
) -> _Charges:
    """PAEC, ILEC, the insurance factors and the NIC (R6–R8). Rule: WAC 296-17B-420…-440."""
    plan = factors.case.plan
    pae, cae = factors.premium_admin_expense(), factors.claims_admin_expense()
    ws.looked_up("charges.pae", "Premium administration expense factor (PAE)", pae,
                 formula=source_note(pae))
    paec = CENTS.apply(sp * pae.value)
    ws.add("charges.paec", "Premium administration expense charge (PAEC)", paec, rule=pae.rule,
           formula=f"{sp} × {pae.value}", rounding=CENTS.name)
    ws.looked_up("charges.cae", "Claims administration expense factor (CAE)", cae,
                 formula=source_note(cae))
    ilec = CENTS.apply(corridor.adjusted * (1 + cae.value))
    ws.add("charges.ilec", "Incurred loss and expense charge (ILEC)", ilec, rule=cae.rule,
           formula=f"A {corridor.adjusted} × (1 + {cae.value})", rounding=CENTS.name)
    found = {kind: lookup_insurance_factor(kind, plan=plan, hazard_group=hazard_group,
                                           size_group=size, factors=factors) for kind in Kind}
    limit = "Unlimited" if plan.single_loss_limit is None else f"{plan.single_loss_limit:f}"
    for kind, factor in found.items():
        ws.add(f"charges.{kind.value}_factor", f"Insurance {kind.value} factor ({plan.basis.value} "
               f"basis, HG {hazard_group}, SG {size}, SLOL {limit})", factor.value,
               formula=factor.formula(), rule="WAC 296-17B-440, -910…-990",
               rounding=FOUR_PLACES.name if factor.neighbours else "", sources=[factor.source])
    charge, savings = found[Kind.CHARGE], found[Kind.SAVINGS]
    nic = net_insurance_charge(plan.basis, charge=charge.value, savings=savings.value,
                               standard_premium=sp, ilec=ilec)
    k = charge.value - savings.value
    ws.add("charges.nic", "Net insurance charge (NIC)", nic, rule=RULE_NIC, rounding=CENTS.name,
           formula=f"({charge.value} − {savings.value}) × SP {sp}" if plan.basis is Basis.PREMIUM
           else f"k × ILEC ÷ (1 − k), k = {charge.value} − {savings.value} = {k}: "
                f"{k} × {ilec} ÷ {1 - k}")
    highest = (highest_possible_premium(plan.basis, max_loss_ratio=plan.max_loss_ratio,
                                        pae=pae.value, cae=cae.value, charge=charge.value,
                                        savings=savings.value) if k < 1 else None)
    return _Charges(paec, ilec, charge, savings, nic, highest)


def _result_lines(
    ws: Worksheet, case: RetroCase, charges: _Charges, retro_premium: Decimal, compared: Decimal,
) -> None:
    """Rule: WAC 296-17B-410 (RP), -400 (comparison and result)."""
    ws.add("rp", "Retrospective premium (RP)", retro_premium, rule="WAC 296-17B-410",
           formula=f"PAEC {charges.paec} + ILEC {charges.ilec} + NIC {charges.nic}")
    base = "standard premium" if case.adjustment == 1 else f"retro premium of adjustment " \
                                                           f"{case.adjustment - 1}"
    ws.add("rp.compared_with", f"Compared with the {base}", compared, rule="WAC 296-17B-400")
    amount = compared - retro_premium
    kind = outcome_kind(amount)
    ws.add("rp.result", f"Result of adjustment {case.adjustment}: {kind}", money_text(abs(amount)),
           formula=f"{compared} − {retro_premium} = {amount}", rule="WAC 296-17B-400")
    if charges.highest is not None:
        ws.add("plan.highest", "Highest possible premium ÷ SP (PAF 1.0)",
               FOUR_PLACES.apply(charges.highest), rule="WAC 296-17B-300(3)(d)",
               formula="PAE + maxLR × (1 + CAE) + (ICF − ISF)" if case.plan.basis is Basis.PREMIUM
               else "PAE + maxLR × (1 + CAE) ÷ (1 − k)",
               rounding=f"{FOUR_PLACES.name}, display only")


def _members(case: RetroCase, losses: Losses) -> tuple[MemberContribution, ...]:
    """A group's members: standard premium and their claims' loss incurred (WAC 296-17B-200)."""
    names = {r.member for r in case.standard_premium} | {c.member for c in losses.claims}
    names.discard(None)
    found: list[MemberContribution] = []
    for member in sorted(n for n in names if n is not None):
        premium = sum((r.total for r in case.standard_premium if r.member == member), Decimal(0))
        claims = [c for c in losses.claims if c.member == member and c.status == INCLUDED]
        found.append(MemberContribution(member, premium, sum((c.loss_incurred for c in claims),
                                                             Decimal(0)), len(claims)))
    return tuple(found)


def _warnings(factors: Factors, losses: Losses, violations: list[PlanViolation]) -> list[str]:
    """Warnings of retro.md §10 (fatality year) and of a plan election outside -300."""
    found: list[str] = []
    year = factors.fatality_unconfirmed_year() if losses.fatality is not None else None
    if year is not None:
        found.append(f"fatality value not confirmed for {year} (WAC 296-17B-540(1)): the newest "
                     f"loaded fatality values were used")
    found.extend(f"plan election breaks {v.check} ({v.rule}): {v.path} {v.message}"
                 for v in violations)
    return found
