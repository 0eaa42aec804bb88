"""Explanations beyond the bureau worksheet: the minimum and controllable factor, and what each
claim costs in factor points and premium dollars over the years it stays in the window.

These are the project's own explanations (not L&I rules); each re-runs the engine's formula with
one input changed, and each returns a worksheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from retrodesk.kernel.money import CENTS, factor_text, money_text
from retrodesk.kernel.periods import fiscal_year
from retrodesk.rating.experience.api import rulebook_or_packaged
from retrodesk.rating.experience.claims import RATED, ClaimValue
from retrodesk.rating.experience.factor import Rating, combine, rate_case, terms_for
from retrodesk.rating.experience.inputs import ExperienceCase
from retrodesk.rating.experience.terms import Terms
from retrodesk.rating.worksheet import Worksheet
from retrodesk.rules.experience.book import ExperienceRulebook, Fund

__all__ = ["ClaimImpact", "ClaimImpacts", "MinimumFactor", "claim_impacts", "minimum_factor"]

R855 = "WAC 296-17-855"
ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class MinimumFactor:
    """The factor the firm would have with no losses, and the part of its factor it controls."""

    rating: Rating
    minimum: Decimal
    worksheet: Worksheet

    @property
    def actual(self) -> Decimal:
        """The factor before the annual limitation (the limitation is not the firm's doing)."""
        return self.rating.capped

    @property
    def controllable(self) -> Decimal:
        return self.actual - self.minimum

    def as_dict(self) -> dict[str, object]:
        return {
            "rating_year": self.rating.rating_year,
            "minimum_factor": factor_text(self.minimum),
            "actual_factor": factor_text(self.actual),
            "controllable_factor": factor_text(self.controllable),
            "experience_factor": factor_text(self.rating.factor),
            **self.worksheet.as_dict(),
        }


def _minimum_lines(ws: Worksheet, rating: Rating, empty: Rating) -> None:
    e = rating.expected
    if empty.credibility is not None:
        zp, ze, source, band = empty.credibility
        ws.add("credibility", "Table II credibility at E", f"Zp {zp}, Ze {ze}", formula=band,
               rule="WAC 296-17-880", sources=[source])
        ws.add("no_loss_factor", "Factor with no losses", empty.computed, rule=R855,
               formula=f"round4(((1 − {zp}) × {e.primary} + (1 − {ze}) × {e.excess}) / {e.total})")
    if empty.claim_free_max is not None:
        ws.add("claim_free_max", "Claim-free maximum", empty.claim_free_max[0],
               rule="WAC 296-17-890", sources=[empty.claim_free_max[1]])
    ws.add("minimum_factor", "Minimum factor", empty.capped, rule=R855,
           formula="min(no-loss factor, maximum)" if empty.claim_free_max else empty.reason)
    ws.add("actual_factor", "Actual factor (before the limitation)", rating.capped, rule=R855)
    ws.add("controllable_factor", "Controllable factor", rating.capped - empty.capped,
           formula=f"{rating.capped} − {empty.capped}")


def minimum_factor(case: ExperienceCase, *, rulebook: ExperienceRulebook | None = None,
                   ) -> MinimumFactor:
    """Minimum factor (no losses at all, so claim-free) and controllable factor (actual − minimum).

    Rule: WAC 296-17-855 with Ap = Ae = 0: `round4(((1−Zp)·Ep + (1−Ze)·Ee) / E)`, then the
    Table IV cap (WAC 296-17-890), since a firm with no claims is claim-free.
    """
    book = rulebook_or_packaged(rulebook)
    rating = rate_case(case, book)
    empty = combine(rating.expected, (), terms_for(case, book), None, rating.fiscal_years)
    ws = Worksheet()
    _minimum_lines(ws, rating, empty)
    return MinimumFactor(rating, empty.capped, ws)


@dataclass(frozen=True, slots=True)
class ClaimImpact:
    """What one claim adds to the factor and to premium, for each year it stays in the window."""

    claim: ClaimValue
    factor_without: Decimal
    factor_points: Decimal
    computed_points: Decimal
    rating_years: tuple[int, ...]
    premium_per_year: Decimal

    @property
    def premium_total(self) -> Decimal:
        return self.premium_per_year * len(self.rating_years)

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.claim.claim.id,
            "adjusted_value": money_text(self.claim.adjusted),
            "primary": money_text(self.claim.primary),
            "excess": money_text(self.claim.excess),
            "factor_without": factor_text(self.factor_without),
            "factor_points": factor_text(self.factor_points),
            "computed_points": factor_text(self.computed_points),
            "rating_years": list(self.rating_years),
            "premium_per_year": money_text(self.premium_per_year),
            "premium_total": money_text(self.premium_total),
        }


@dataclass(frozen=True, slots=True)
class ClaimImpacts:
    """Every rated claim's impact, with the premium base the dollars were figured on."""

    rating: Rating
    base_premium: Decimal
    impacts: tuple[ClaimImpact, ...]
    worksheet: Worksheet

    def as_dict(self) -> dict[str, object]:
        return {
            "rating_year": self.rating.rating_year,
            "experience_factor": factor_text(self.rating.factor),
            "base_premium": money_text(self.base_premium),
            "claims": [impact.as_dict() for impact in self.impacts],
            **self.worksheet.as_dict(),
        }


def _base_premium(rating: Rating, book: ExperienceRulebook, ws: Worksheet) -> Decimal:
    """A year of experience-rated premium at factor 1: hours of the latest fiscal year in the
    window at this year's AF + MA + SAW base rates."""
    year = book.year(rating.rating_year)
    latest = rating.fiscal_years[-1]
    total = ZERO
    for row in rating.expected.rows:
        if row.fiscal_year != latest:
            continue
        rates = [
            year.keyed(
                year.tables.base_rates,
                (row.risk_class, fund),
                f"{fund.value} base rate for {row.risk_class}",
                f"base_rates.{row.risk_class}",
            )
            for fund in (Fund.AF, Fund.MA, Fund.SAW)
        ]
        total += CENTS.apply(row.hours * sum((r.value for r in rates), ZERO))
        for r in rates:
            ws.provenance.use(r.source)
    ws.add(
        "base_premium",
        "Experience-rated premium a year at factor 1",
        total,
        formula=f"Σ FY{latest} hours × (AF + MA + SAW)",
        rule="WAC 296-17-895",
    )
    return total


def _impact(rating: Rating, value: ClaimValue, terms: Terms, base: Decimal) -> ClaimImpact:
    others = tuple(c for c in rating.claims if c is not value)
    without = combine(rating.expected, others, terms, rating.prior, rating.fiscal_years)
    fiscal = fiscal_year(value.claim.rating_date)
    years = tuple(range(max(rating.rating_year, fiscal + 2), fiscal + 5))
    points = rating.factor - without.factor
    return ClaimImpact(value, without.factor, points, rating.capped - without.capped, years,
                       CENTS.apply(points * base))


def claim_impacts(case: ExperienceCase, *, rulebook: ExperienceRulebook | None = None,
                  base_premium: Decimal | None = None) -> ClaimImpacts:
    """Each rated claim's factor points (factor with it − factor without it) and premium dollars.

    A claim of fiscal year n is in the windows of rating years n+2 to n+4; the dollars repeat this
    year's points for each of those years from this one on, at `base_premium` (default: the
    latest fiscal year's hours at this year's base rates). An estimate, not a projection.
    """
    book = rulebook_or_packaged(rulebook)
    rating = rate_case(case, book)
    terms = terms_for(case, book)
    ws = Worksheet()
    base = base_premium if base_premium is not None else _base_premium(rating, book, ws)
    impacts = tuple(_impact(rating, value, terms, base)
                    for value in rating.claims if value.status == RATED)
    for impact in impacts:
        ws.add(f"impact[{impact.claim.claim.id}]", f"Claim {impact.claim.claim.id}: factor points",
               impact.factor_points,
               formula=f"{rating.factor} − {impact.factor_without} (factor without the claim)",
               inputs={"premium_per_year": impact.premium_per_year,
                       "rating_years": ", ".join(map(str, impact.rating_years)),
                       "premium_total": impact.premium_total})
    return ClaimImpacts(rating, base, impacts, ws)
