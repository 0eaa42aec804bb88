"""The experience result: the rating, its worksheet and provenance, in the contract's fields."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from retrodesk.kernel.money import factor_text, money_text
from retrodesk.rating.experience.claims import ClaimValue
from retrodesk.rating.experience.expected import ExpectedRow
from retrodesk.rating.experience.factor import Rating
from retrodesk.rating.worksheet import Worksheet

__all__ = ["ExperienceResult"]


def _row(row: ExpectedRow) -> dict[str, object]:
    return {
        "risk_class": row.risk_class,
        "fiscal_year": row.fiscal_year,
        "hours": format(row.hours, "f"),
        "expected_loss_rate": format(row.rate, "f"),
        "expected": money_text(row.expected),
        "primary_ratio": format(row.primary_ratio, "f"),
        "expected_primary": money_text(row.expected_primary),
    }


def _claim(value: ClaimValue) -> dict[str, object]:
    return {
        "id": value.claim.id,
        "status": value.status,
        "reason": value.reason or None,
        "compensable": value.claim.compensable,
        "fatal": value.claim.fatal,
        "value": money_text(value.value),
        "adjusted_value": money_text(value.adjusted),
        "primary": money_text(value.primary),
        "excess": money_text(value.excess),
        "adjustments": list(value.steps),
    }


def _period(fiscal_years: tuple[int, int, int]) -> dict[str, object]:
    first, _, last = fiscal_years
    return {"fiscal_years": list(fiscal_years), "start": f"{first - 1}-07-01",
            "end": f"{last}-06-30"}


def _credibility(r: Rating) -> dict[str, object]:
    zp_ze, credible = r.credibility, r.credible
    return {"primary_credibility": format(zp_ze[0], "f") if zp_ze else None,
            "excess_credibility": format(zp_ze[1], "f") if zp_ze else None,
            "credible_primary": money_text(credible.primary) if credible else None,
            "credible_excess": money_text(credible.excess) if credible else None}


def _bounds(r: Rating) -> dict[str, str] | None:
    low, high = r.limited.low, r.limited.high
    if low is None or high is None:
        return None
    return {"low": factor_text(low), "high": factor_text(high)}


@dataclass(frozen=True, slots=True)
class ExperienceResult:
    """One employer's experience factor for one rating year, with its worksheet."""

    rating: Rating
    worksheet: Worksheet
    employer: str | None = None
    valuation_date: date | None = None

    @property
    def experience_factor(self) -> Decimal:
        return self.rating.factor

    @property
    def illustrative(self) -> bool:
        return self.worksheet.provenance.illustrative

    def as_dict(self) -> dict[str, object]:
        r = self.rating
        return {
            "employer": self.employer, "rating_year": r.rating_year,
            "valuation_date": str(self.valuation_date) if self.valuation_date else None,
            "experience_period": _period(r.fiscal_years),
            "expected_losses": money_text(r.expected.total),
            "expected_primary": money_text(r.expected.primary),
            "expected_excess": money_text(r.expected.excess),
            "actual_primary": money_text(r.actual_primary),
            "actual_excess": money_text(r.actual_excess),
            **_credibility(r),
            "computed_factor": factor_text(r.computed),
            "claim_free": r.claim_free,
            "claim_free_max": factor_text(r.claim_free_max[0]) if r.claim_free_max else None,
            "prior_factor": factor_text(r.prior) if r.prior is not None else None,
            "limitation": r.limited.applied,
            "limitation_bounds": _bounds(r),
            "experience_factor": factor_text(r.factor),
            "reason": r.reason or None,
            "exposure": [_row(row) for row in r.expected.rows],
            "claims": [_claim(value) for value in r.claims],
            **self.worksheet.as_dict(),
        }
