"""Retrospective rating (chapter 296-17B WAC): one participant, one coverage period, one adjustment.

The calculation contract (spec/calc-io.md): `parse_case(document)`, `calculate(case)`,
`render_text(result)`; results expose `as_dict()`.
"""

from retrodesk.rating.retro.inputs import (
    Claim,
    FactorOverrides,
    PlanElection,
    PremiumRow,
    RetroCase,
    parse_case,
)
from retrodesk.rating.retro.losses import ClaimResult
from retrodesk.rating.retro.paf import PafSolution, solve_paf
from retrodesk.rating.retro.plan_options import PlanCheck, PlanViolation, validate_plan
from retrodesk.rating.retro.premium import (
    calculate,
    compute_retro_premium,
    scheduled_valuation_date,
)
from retrodesk.rating.retro.result import MemberContribution, RetroResult
from retrodesk.rating.retro.text import render_text

__all__ = [
    "Claim",
    "ClaimResult",
    "FactorOverrides",
    "MemberContribution",
    "PafSolution",
    "PlanCheck",
    "PlanElection",
    "PlanViolation",
    "PremiumRow",
    "RetroCase",
    "RetroResult",
    "calculate",
    "compute_retro_premium",
    "parse_case",
    "render_text",
    "scheduled_valuation_date",
    "solve_paf",
    "validate_plan",
]
