"""Rating years in sequence: the retroactive correction window and the cascade through priors.

Rule: experience.md §5.5 — when the status of a claim used in past ratings changes, every factor
that included it is recalculated, going back no more than 10 years before the change; because the
limitation uses the prior factor, each later year is then recalculated in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from retrodesk.kernel.errors import ErrorDetail, InvalidInput
from retrodesk.rating.experience.api import calculate, rulebook_or_packaged
from retrodesk.rating.experience.inputs import ExperienceCase
from retrodesk.rating.experience.result import ExperienceResult
from retrodesk.rules.experience.book import ExperienceRulebook

__all__ = ["CORRECTION_YEARS", "correction_years", "rate_years"]

CORRECTION_YEARS = 10


def correction_years(status_changed_on: date, rating_years: Iterable[int],
                     through: int | None = None) -> tuple[int, ...]:
    """The rating years to recalculate after a claim's status changed on `status_changed_on`.

    Rule: experience.md §5.5. Project decision: year Y is recalculated when January 1 of Y is no
    earlier than the change date minus 10 years; from the first such year that included the
    claim, every later year up to `through` follows (its prior factor changed).
    """
    limit = status_changed_on.replace(year=status_changed_on.year - CORRECTION_YEARS)
    included = sorted(y for y in rating_years if date(y, 1, 1) >= limit)
    if not included:
        return ()
    last = max(included[-1], through if through is not None else included[-1])
    return tuple(range(included[0], last + 1))


def rate_years(cases: Sequence[ExperienceCase], *, rulebook: ExperienceRulebook | None = None,
               ) -> tuple[ExperienceResult, ...]:
    """Consecutive rating years, each year's prior factor being the previous year's result.

    The first case keeps its own prior factor. Rule: WAC 296-17-865 (the limitation reads the
    prior factor); experience.md §5.5.

    Raises:
        InvalidInput: the cases are not consecutive rating years in order.
    """
    problems = [ErrorDetail(f"[{i}].rating_year", f"must be {cases[i - 1].rating_year + 1}")
                for i in range(1, len(cases))
                if cases[i].rating_year != cases[i - 1].rating_year + 1]
    if problems:
        raise InvalidInput.of(problems)
    book = rulebook_or_packaged(rulebook)
    results: list[ExperienceResult] = []
    for case in cases:
        prior = results[-1].experience_factor if results else case.prior_factor
        results.append(calculate(replace(case, prior_factor=prior), rulebook=book))
    return tuple(results)
