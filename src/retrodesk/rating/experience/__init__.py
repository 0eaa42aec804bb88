"""Experience rating (WAC 296-17-850 to -890): the factor of one employer for one rating year,
claim by claim, with the explanations an employer asks for.

Contract (spec/calc-io.md): `parse_case(document)`, `calculate(case, *, rulebook=None)`,
`render_text(result)`; results have `as_dict()`.
"""

from retrodesk.rating.experience.api import calculate
from retrodesk.rating.experience.inputs import (
    Claim,
    ExperienceCase,
    ExposureRow,
    Overrides,
    parse_case,
)
from retrodesk.rating.experience.result import ExperienceResult
from retrodesk.rating.experience.text import render_text

__all__ = [
    "Claim",
    "ExperienceCase",
    "ExperienceResult",
    "ExposureRow",
    "Overrides",
    "calculate",
    "parse_case",
    "render_text",
]
