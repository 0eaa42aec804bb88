"""Actual losses: each claim's value, adjustments and primary/excess split.

Rule: WAC 296-17-870 (actual losses) and -875 (Table I); experience.md §5.3 — fatal claims at the
average death value, then the medical-only deduction, then the maximum claim value, then the
apportionment, then `round0`, then the split:
`primary = L` if `L ≤ T`, else `round0(2.5·T·L / (L + 1.5·T))`; `excess = L − primary`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from retrodesk.kernel.errors import ErrorDetail, InvalidInput
from retrodesk.kernel.money import DOLLARS
from retrodesk.kernel.periods import fiscal_year
from retrodesk.rating.experience.inputs import Claim
from retrodesk.rating.experience.terms import Terms
from retrodesk.rules.model import Source

__all__ = [
    "EXCLUDED",
    "OUTSIDE",
    "RATED",
    "ClaimValue",
    "check_exclusions",
    "in_period",
    "split",
    "value_claims",
]

RATED, EXCLUDED, OUTSIDE = "rated", "excluded", "outside_period"
PREFERRED_WORKER_CLASS = "7204-00"
ZERO = Decimal(0)
ONE = Decimal(1)
PRIMARY_MULTIPLE = Decimal("2.5")
SPLIT_OFFSET = Decimal("1.5")


@dataclass(frozen=True, slots=True)
class ClaimValue:
    """One claim as rated: its value, each adjustment, the adjusted value L and its split."""

    claim: Claim
    status: str
    value: Decimal
    adjusted: Decimal = ZERO
    primary: Decimal = ZERO
    excess: Decimal = ZERO
    reason: str = ""
    split_point: Decimal = ZERO
    steps: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()

    @property
    def counts_as_compensable(self) -> bool:
        """A rated compensable or fatal claim ends claim-free status (WAC 296-17-860)."""
        return self.status == RATED and (self.claim.compensable or self.claim.fatal)


def split(adjusted: Decimal, split_point: Decimal) -> Decimal:
    """Primary part of an adjusted claim value (Table I, WAC 296-17-875)."""
    if adjusted <= split_point:
        return adjusted
    return DOLLARS.apply(
        PRIMARY_MULTIPLE * split_point * adjusted / (adjusted + SPLIT_OFFSET * split_point)
    )


def in_period(claim: Claim, fiscal_years: tuple[int, int, int]) -> bool:
    """The claim's rating date falls in the experience period (experience.md §3.1)."""
    fiscal = fiscal_year(claim.rating_date)
    return fiscal_years[0] <= fiscal <= fiscal_years[2]


def exclusion_reason(claim: Claim) -> str | None:
    """The claim's exclusion reason; a claim charged to class 7204 is a preferred worker's."""
    if claim.excluded is not None:
        return claim.excluded
    return "preferred_worker" if claim.risk_class == PREFERRED_WORKER_CLASS else None


def check_exclusions(claims: tuple[Claim, ...], terms: Terms) -> Source | None:
    """Every exclusion reason given must be in force for the rating year (experience.md §5.4).

    Raises:
        InvalidInput: a reason not in force, naming the claim, the reason and the year.
    """
    reasons = [(i, r) for i, c in enumerate(claims) if (r := exclusion_reason(c)) is not None]
    if not reasons:
        return None
    in_force = terms.exclusions()
    problems = [
        ErrorDetail(
            f"claims[{i}].excluded",
            f"{reason!r} is not an exclusion in force "
            f"for rating year {terms.rating_year} (in force: "
            f"{', '.join(sorted(in_force.value)) or 'none'})",
        )
        for i, reason in reasons
        if reason not in in_force.value
    ]
    if problems:
        raise InvalidInput.of(problems)
    return in_force.source


def _adjust(claim: Claim, terms: Terms) -> tuple[Decimal, list[str], list[Source]]:
    """The claim value through steps 1–4 of experience.md §5.3 (before rounding)."""
    value = claim.value
    steps: list[str] = []
    sources: list[Source] = []
    if claim.fatal:
        death = terms.average_death_value()
        value = death.value
        steps.append(f"fatal: average death value {death.value}")
        sources.append(death.source)
    elif not claim.compensable:
        deduction = terms.medical_only_deduction()
        taken = min(deduction.value, value)
        value -= taken
        steps.append(f"medical-only: − min({deduction.value}, {claim.value}) = − {taken}")
        sources.append(deduction.source)
    cap = terms.max_claim_value()
    sources.append(cap.source)
    if value > cap.value:
        steps.append(f"capped at the maximum claim value {cap.value}")
        value = cap.value
    if claim.apportionment is not None and claim.apportionment != ONE:
        value *= claim.apportionment
        steps.append(f"apportionment × {claim.apportionment}")
    return value, steps, sources


def value_claim(
    claim: Claim, terms: Terms, fiscal_years: tuple[int, int, int], exclusions: Source | None = None
) -> ClaimValue:
    """One claim rated for the year: excluded, outside the period, or valued and split."""
    raw = claim.value
    reason = exclusion_reason(claim)
    if reason is not None:
        return ClaimValue(
            claim,
            EXCLUDED,
            raw,
            reason=reason,
            sources=(exclusions,) if exclusions is not None else (),
        )
    if not in_period(claim, fiscal_years):
        return ClaimValue(claim, OUTSIDE, raw, reason="outside the experience period")
    value, steps, sources = _adjust(claim, terms)
    adjusted = DOLLARS.apply(value)
    split_point = terms.split_point()
    primary = split(adjusted, split_point.value)
    return ClaimValue(
        claim,
        RATED,
        raw,
        adjusted,
        primary,
        adjusted - primary,
        "",
        split_point.value,
        tuple(steps),
        (*sources, split_point.source),
    )


def value_claims(
    claims: tuple[Claim, ...],
    terms: Terms,
    fiscal_years: tuple[int, int, int],
) -> tuple[ClaimValue, ...]:
    """Every claim, in id order (so the factor and worksheet do not depend on input order)."""
    exclusions = check_exclusions(claims, terms)
    return tuple(
        value_claim(c, terms, fiscal_years, exclusions) for c in sorted(claims, key=lambda c: c.id)
    )
