"""Experience rating (WAC 296-17-850 to -890): one employer's factor for one rating year, claim by
claim, with the explanations an employer asks for.

Contract (spec/calc-io.md): `parse_case(document)`, `calculate(case, *, rulebook=None)`,
`render_text(result)`; results have `as_dict()`. Explanations: `minimum_factor`, `claim_impacts`,
`attribute_change`; ownership: `ownership_change_factor`, `partial_acquisition_factors`,
`combine_commonly_owned`, `choose_combination`; rating years in sequence: `rate_years`,
`correction_years`; safety measures: `incidence_rates`.
"""

from retrodesk.rating.experience.api import calculate
from retrodesk.rating.experience.attribution import Attribution, Part, attribute_change
from retrodesk.rating.experience.explain import (
    ClaimImpact,
    ClaimImpacts,
    MinimumFactor,
    claim_impacts,
    minimum_factor,
)
from retrodesk.rating.experience.history import correction_years, rate_years
from retrodesk.rating.experience.incidence import IncidenceRates, incidence_rates
from retrodesk.rating.experience.inputs import (
    Claim,
    ExperienceCase,
    ExposureRow,
    Overrides,
    parse_case,
)
from retrodesk.rating.experience.ownership import (
    CombinedExperience,
    Portion,
    Recalculated,
    choose_combination,
    combine_commonly_owned,
    ownership_change_factor,
    partial_acquisition_factors,
)
from retrodesk.rating.experience.result import ExperienceResult
from retrodesk.rating.experience.text import render_text

__all__ = [
    "Attribution",
    "Claim",
    "ClaimImpact",
    "ClaimImpacts",
    "CombinedExperience",
    "ExperienceCase",
    "ExperienceResult",
    "ExposureRow",
    "IncidenceRates",
    "MinimumFactor",
    "Overrides",
    "Part",
    "Portion",
    "Recalculated",
    "attribute_change",
    "calculate",
    "choose_combination",
    "claim_impacts",
    "combine_commonly_owned",
    "correction_years",
    "incidence_rates",
    "minimum_factor",
    "ownership_change_factor",
    "parse_case",
    "partial_acquisition_factors",
    "rate_years",
    "render_text",
]
