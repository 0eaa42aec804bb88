"""Ownership changes and commonly owned entities (WAC 296-17-873, -87305, -87306; §11).

Rule: after an acquisition the acquirer's factor is the expected-loss-weighted average of its own
and the acquired factor; a separable partial acquisition scales both portions' factors so that
their weighted average is the seller's; entities with the same majority ownership are rated as
one. Project decisions: weights are each party's E for the rating year, results `round4`, no
annual limitation on the recalculation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from retrodesk.kernel.errors import ErrorDetail, InvalidInput
from retrodesk.kernel.money import FOUR_PLACES, factor_text, money_text
from retrodesk.rating.experience.api import calculate, rulebook_or_packaged
from retrodesk.rating.experience.factor import UNITY, rate_case
from retrodesk.rating.experience.inputs import ExperienceCase
from retrodesk.rating.experience.result import ExperienceResult
from retrodesk.rating.worksheet import Worksheet
from retrodesk.rules.experience.book import ExperienceRulebook

__all__ = [
    "CombinedExperience",
    "Portion",
    "Recalculated",
    "choose_combination",
    "combine_commonly_owned",
    "ownership_change_factor",
    "partial_acquisition_factors",
]

R87305, R87306 = "WAC 296-17-87305", "WAC 296-17-87306"
ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Portion:
    """A factor and the expected losses it weighs with."""

    factor: Decimal
    expected: Decimal


@dataclass(frozen=True, slots=True)
class Recalculated:
    """Recalculated factors (one after an acquisition; one per portion after a partial one)."""

    factors: tuple[Decimal, ...]
    worksheet: Worksheet

    def as_dict(self) -> dict[str, object]:
        return {
            "factors": [factor_text(f) for f in self.factors],
            "worksheet": self.worksheet.as_list(),
        }


def _check(portions: Sequence[Portion], path: str) -> None:
    problems = [
        ErrorDetail(f"{path}[{i}]", "factor and expected losses must be >= 0")
        for i, p in enumerate(portions)
        if p.factor < 0 or p.expected < 0
    ]
    if problems:
        raise InvalidInput.of(problems)


def ownership_change_factor(acquired: Portion, acquirer: Portion | None = None) -> Recalculated:
    """The acquirer's factor after taking over a business's experience.

    Rule: WAC 296-17-87305(2): `round4((EF_acq·E_acq + EF_bought·E_bought) / (E_acq + E_bought))`;
    an acquirer with no factor of its own takes the acquired factor.
    """
    parties = [acquired] if acquirer is None else [acquirer, acquired]
    _check(parties, "portions")
    ws = Worksheet()
    weight = sum((p.expected for p in parties), ZERO)
    if acquirer is None or weight == 0:
        factor = acquired.factor if acquirer is None else UNITY
        ws.add(
            "factor",
            "Acquirer's factor",
            factor,
            rule=R87305,
            formula="no factor of its own: the acquired factor"
            if acquirer is None
            else "no expected losses on either side: 1.0000",
        )
        return Recalculated((factor,), ws)
    weighted = sum((p.factor * p.expected for p in parties), ZERO)
    factor = FOUR_PLACES.apply(weighted / weight)
    ws.add(
        "factor",
        "Acquirer's factor (expected-loss weighted)",
        factor,
        rule=R87305,
        formula=f"round4(({acquirer.factor} × {acquirer.expected} + {acquired.factor} × "
        f"{acquired.expected}) / ({acquirer.expected} + {acquired.expected}))",
        rounding=FOUR_PLACES.name,
    )
    return Recalculated((factor,), ws)


def partial_acquisition_factors(original: Decimal, portions: Sequence[Portion]) -> Recalculated:
    """Factors of separable portions scaled so their weighted average is the seller's factor.

    Rule: WAC 296-17-87305(3)(b): `k = EF_orig·ΣE / Σ(EF·E)`, each `round4(k·EF)`.
    """
    _check(portions, "portions")
    weighted = sum((p.factor * p.expected for p in portions), ZERO)
    if weighted == 0:
        raise InvalidInput("the portions have no expected losses or no factors to scale")
    k = original * sum((p.expected for p in portions), ZERO) / weighted
    ws = Worksheet()
    ws.add(
        "scale",
        "Scale k",
        k,
        rule=R87305,
        formula=f"{original} × Σ E / Σ (EF × E) = {original} × "
        f"{sum((p.expected for p in portions), ZERO)} / {weighted}",
    )
    factors = tuple(FOUR_PLACES.apply(k * p.factor) for p in portions)
    for index, (portion, factor) in enumerate(zip(portions, factors, strict=True)):
        ws.add(
            f"portion[{index}]",
            f"Portion {index + 1} factor",
            factor,
            rule=R87305,
            formula=f"round4(k × {portion.factor})",
            rounding=FOUR_PLACES.name,
        )
    return Recalculated(factors, ws)


@dataclass(frozen=True, slots=True)
class CombinedExperience:
    """Commonly owned entities rated as one: each entity's own E and factor, and the combination."""

    names: tuple[str, ...]
    own: tuple[ExperienceResult, ...]
    combined: ExperienceResult
    worksheet: Worksheet

    def as_dict(self) -> dict[str, object]:
        return {
            "entities": [
                {
                    "name": n,
                    "expected_losses": money_text(r.rating.expected.total),
                    "experience_factor": factor_text(r.rating.factor),
                }
                for n, r in zip(self.names, self.own, strict=True)
            ],
            "combined": self.combined.as_dict(),
            "worksheet": self.worksheet.as_list(),
        }


def _merged(
    cases: Sequence[ExperienceCase],
    names: Sequence[str],
    prior: Decimal | None,
) -> ExperienceCase:
    claims = tuple(
        replace(c, id=f"{name}/{c.id}")
        for case, name in zip(cases, names, strict=True)
        for c in case.claims
    )
    exposure = tuple(row for case in cases for row in case.exposure)
    return replace(
        cases[0], exposure=exposure, claims=claims, prior_factor=prior, employer=" + ".join(names)
    )


def _combined_prior(cases: Sequence[ExperienceCase], expected: Sequence[Decimal]) -> Decimal | None:
    """Expected-loss-weighted prior of the entities that have one (None: no limitation)."""
    pairs = [
        (c.prior_factor, e)
        for c, e in zip(cases, expected, strict=True)
        if c.prior_factor is not None
    ]
    weight = sum((e for _, e in pairs), ZERO)
    if not pairs or weight == 0:
        return None
    return FOUR_PLACES.apply(sum((p * e for p, e in pairs), ZERO) / weight)


def _check_entities(cases: Sequence[ExperienceCase]) -> None:
    if not cases:
        raise InvalidInput("combine at least one entity")
    first = cases[0]
    problems = [ErrorDetail(f"[{i}].rating_year", f"must be {first.rating_year} like the first")
                for i, c in enumerate(cases) if c.rating_year != first.rating_year]
    problems += [ErrorDetail(f"[{i}].parameters", "what-if parameters must be the same for all")
                 for i, c in enumerate(cases) if c.parameters != first.parameters]
    if problems:
        raise InvalidInput.of(problems)


def combine_commonly_owned(cases: Sequence[ExperienceCase], *,
                           rulebook: ExperienceRulebook | None = None) -> CombinedExperience:
    """Rate entities with the same majority ownership as one firm (exposure and claims pooled).

    Rule: WAC 296-17-87306. Project decision: the combined prior factor is the expected-loss-
    weighted average of the entities' prior factors (those that have one).

    Raises:
        InvalidInput: no case, or cases of different rating years or with different parameters.
    """
    _check_entities(cases)
    book = rulebook_or_packaged(rulebook)
    names = tuple(c.employer or f"entity {i + 1}" for i, c in enumerate(cases))
    own = tuple(calculate(c, rulebook=book) for c in cases)
    prior = _combined_prior(cases, [r.rating.expected.total for r in own])
    combined = calculate(_merged(cases, names, prior), rulebook=book)
    ws = Worksheet()
    for name, result in zip(names, own, strict=True):
        ws.add(f"entity[{name}]", f"{name}: expected losses", result.rating.expected.total,
               rule=R87306, inputs={"experience_factor": result.rating.factor,
                                    "prior_factor": result.rating.prior})
    ws.add("combined_prior", "Combined prior factor (expected-loss weighted)", prior, rule=R87306)
    ws.add("combined_factor", "Combined experience factor", combined.rating.factor, rule=R87306,
           formula="the entities' exposure and claims rated as one firm")
    return CombinedExperience(names, own, combined, ws)


def choose_combination(
    candidates: Sequence[Sequence[ExperienceCase]], *, rulebook: ExperienceRulebook | None = None
) -> tuple[int, CombinedExperience]:
    """Of several possible combinations, the one with the greatest expected losses.

    Rule: WAC 296-17-87306.

    Returns the index of the chosen combination and its rating.
    """
    book = rulebook_or_packaged(rulebook)
    totals = [sum((rate_case(c, book).expected.total for c in group), ZERO) for group in candidates]
    if not totals:
        raise InvalidInput("give at least one combination")
    best = max(range(len(totals)), key=lambda i: (totals[i], -i))
    return best, combine_commonly_owned(candidates[best], rulebook=book)
