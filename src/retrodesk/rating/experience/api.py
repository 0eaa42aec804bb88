"""`calculate(case)`: one case's experience factor, against the packaged rulebook by default."""

from __future__ import annotations

from retrodesk.rating.experience.factor import rate_case
from retrodesk.rating.experience.inputs import ExperienceCase
from retrodesk.rating.experience.result import ExperienceResult
from retrodesk.rating.experience.sheet import experience_worksheet
from retrodesk.rules.experience import catalog
from retrodesk.rules.experience.book import ExperienceRulebook

__all__ = ["calculate", "rulebook_or_packaged"]


def rulebook_or_packaged(rulebook: ExperienceRulebook | None) -> ExperienceRulebook:
    """The rulebook given, else the packaged one."""
    return rulebook if rulebook is not None else catalog.packaged()


def calculate(
    case: ExperienceCase, *, rulebook: ExperienceRulebook | None = None
) -> ExperienceResult:
    """One employer's experience factor for one rating year, with worksheet and provenance.

    Rule: WAC 296-17-850 to -890 (experience.md §10).

    Raises:
        InvalidInput: an unknown class or an exclusion not in force.
        RuleNotInForce: a parameter the rating year lacks, named with the year.
    """
    rating = rate_case(case, rulebook_or_packaged(rulebook))
    worksheet = experience_worksheet(rating, case.valuation_date)
    return ExperienceResult(rating, worksheet, case.employer, case.valuation_date)
