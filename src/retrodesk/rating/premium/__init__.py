"""Premium (WAC 296-17-895): one employer's quarterly premium by class, with the worker share.

Contract (spec/calc-io.md): `parse_case(document)`, `calculate(case, *, rulebook=None)`,
`render_text(result)`; results have `as_dict()`.
"""

from __future__ import annotations

from retrodesk.rating.premium.compute import ClassPremium, Premium, compute_premium
from retrodesk.rating.premium.inputs import ClassHours, PremiumCase, parse_case
from retrodesk.rating.premium.result import PremiumResult, premium_worksheet, render_text
from retrodesk.rules.experience import catalog
from retrodesk.rules.experience.book import ExperienceRulebook

__all__ = [
    "ClassHours",
    "ClassPremium",
    "Premium",
    "PremiumCase",
    "PremiumResult",
    "calculate",
    "parse_case",
    "render_text",
]


def calculate(case: PremiumCase, *, rulebook: ExperienceRulebook | None = None) -> PremiumResult:
    """The quarter's premium, worker share and employer share, with worksheet and provenance.

    Rule: WAC 296-17-895; RCW 51.16.140 (worker share of medical aid); RCW 51.32.073 (SP).
    """
    premium = compute_premium(case, rulebook if rulebook is not None else catalog.packaged())
    return PremiumResult(premium, premium_worksheet(premium), case.employer, case.quarter)
