"""The experience factor from expected losses and rated claims (experience.md §10).

`rate_case` runs the whole calculation; `combine` is the part after the losses are known, which
the explanations (minimum factor, claim impacts, year-over-year attribution) re-run with other
inputs. Neither builds a worksheet: `sheet.py` writes it from the `Rating`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from retrodesk.rating.experience.claims import RATED, ClaimValue, value_claims
from retrodesk.rating.experience.credibility import Credible, credible_factor
from retrodesk.rating.experience.expected import Expected, compute_expected
from retrodesk.rating.experience.inputs import ExperienceCase
from retrodesk.rating.experience.limitation import NONE, Limited, limit
from retrodesk.rating.experience.terms import Terms
from retrodesk.rules.experience.book import ExperienceRulebook
from retrodesk.rules.model import Source

__all__ = ["NO_EXPERIENCE", "UNITY", "Credibility", "Rating", "combine", "rate_case", "terms_for"]

UNITY = Decimal("1.0000")
NO_LIMITATION = Limited(UNITY, NONE)
ZERO = Decimal(0)
NO_EXPERIENCE = "no experience in the period"
# (Zp, Ze, the Table II source, the band it was read in)
Credibility = tuple[Decimal, Decimal, Source, str]


@dataclass(frozen=True, slots=True)
class Rating:
    """Every number of one experience rating, with the sources of the values it read."""

    rating_year: int
    fiscal_years: tuple[int, int, int]
    expected: Expected
    claims: tuple[ClaimValue, ...]
    actual_primary: Decimal
    actual_excess: Decimal
    prior: Decimal | None
    credibility: Credibility | None = None
    credible: Credible | None = None
    claim_free: bool = False
    claim_free_max: tuple[Decimal, Source] | None = None
    capped: Decimal = UNITY
    limited: Limited = NO_LIMITATION
    limitation_source: Source | None = None
    reason: str = ""

    @property
    def computed(self) -> Decimal:
        return self.credible.factor if self.credible is not None else UNITY

    @property
    def factor(self) -> Decimal:
        return self.limited.factor


def terms_for(case: ExperienceCase, book: ExperienceRulebook) -> Terms:
    """The parameters for the case's rating year, with its overrides on top."""
    return Terms(book, case.rating_year, case.parameters)


def _actual(claims: Iterable[ClaimValue]) -> tuple[Decimal, Decimal]:
    primary = excess = ZERO
    for value in claims:
        if value.status == RATED:
            primary += value.primary
            excess += value.excess
    return primary, excess


def combine(
    expected: Expected,
    claims: tuple[ClaimValue, ...],
    terms: Terms,
    prior: Decimal | None,
    fiscal_years: tuple[int, int, int],
) -> Rating:
    """Credibility, computed factor, claim-free cap and limitation from the losses.

    Rule: WAC 296-17-855 to -890; a firm with E = 0 gets 1.0000 (experience.md §3.3).
    """
    ap, ae = _actual(claims)
    base = Rating(terms.rating_year, fiscal_years, expected, claims, ap, ae, prior)
    if expected.total <= 0:
        return replace(base, reason=NO_EXPERIENCE)
    zp, ze, source, band = terms.credibility(expected.total)
    credible = credible_factor(expected.total, expected.primary, ap, ae, zp, ze)
    claim_free = not any(c.counts_as_compensable for c in claims)
    capped = credible.factor
    cap = None
    if claim_free:
        cap = terms.claim_free_max(expected.total)
        capped = min(capped, cap[0])
    lim_source = None
    limited = Limited(capped, NONE)
    if prior is not None:
        rule = terms.limitation()
        lim_source = rule.source
        limited = limit(capped, prior, rule.value)
    return replace(
        base,
        credibility=(zp, ze, source, band),
        credible=credible,
        claim_free=claim_free,
        claim_free_max=cap,
        capped=capped,
        limited=limited,
        limitation_source=lim_source,
    )


def rate_case(case: ExperienceCase, book: ExperienceRulebook) -> Rating:
    """The whole experience rating of one case (experience.md §10)."""
    terms = terms_for(case, book)
    expected = compute_expected(case.exposure, terms)
    claims = value_claims(case.claims, terms, case.fiscal_years)
    return combine(expected, claims, terms, case.prior_factor, case.fiscal_years)
