"""An employer's experience factor from the system of record: the case built from its quarterly
reports and claims, the engine's factor with its worksheet, and the explanations an employer asks
for (minimum and controllable factor, each claim's impact, the change from last year).

Rule: experience.md §2.5 (quarters to fiscal years), §3.1 (experience period FY(Y−4)..FY(Y−2);
occupational disease rated by the date L&I received the claim), §3.2 (claims valued once for
each rating), §5.2 (compensable status from L&I's claim type), §5.4 (exclusions), §9 and §11.1
(the prior factor; a new employer has none).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from retrodesk.kernel.errors import ErrorDetail, InvalidInput, RuleNotInForce, required
from retrodesk.programs.ports import ClaimRepository, EmployerRepository, ReportRepository
from retrodesk.programs.records import ClaimAsOf, QuarterlyReport
from retrodesk.rating.experience import (
    Attribution,
    Claim,
    ClaimImpacts,
    ExperienceCase,
    ExperienceResult,
    ExposureRow,
    MinimumFactor,
    attribute_change,
    calculate,
    claim_impacts,
    minimum_factor,
)
from retrodesk.rules.experience.book import ExperienceRulebook
from retrodesk.rules.experience.layouts import normalize_class

__all__ = [
    "CHAIN_YEARS",
    "ExperienceRecords",
    "ExperienceReview",
    "experience_case",
    "fiscal_year",
    "review_experience",
    "valuation_date_for",
]

# Project decision: the prior-factor chain is rated from at most this many years before the
# rating year; its first year has no prior factor (so no limitation).
CHAIN_YEARS = 3
OCCUPATIONAL_DISEASE = "occupational_disease"
PUBLIC_HEALTH_EMERGENCY = "public_health_emergency"
# Project decision (experience.md §5.2): compensable when L&I pays or estimates disability
# benefits — time-loss, PPD, pension, death. Kept-on-salary claims carry no time-loss from the
# fund, so they are medical-only, like medical-only claims.
COMPENSABLE_TYPES = frozenset({"time_loss", "ppd", "pension", "fatal"})
MEDICAL_ONLY_TYPES = frozenset({"medical_only", "kept_on_salary"})
FATAL_TYPE = "fatal"
# An occupational disease is rated by the date received, so its last exposure (the stored injury
# date) may lie any time before the period.
EARLIEST = date(1900, 1, 1)


class ExperienceRecords(Protocol):
    """What the use case reads: any unit of work with these repositories (records or workflow)."""

    employers: EmployerRepository
    reports: ReportRepository
    claims: ClaimRepository


def valuation_date_for(rating_year: int) -> date:
    """June 1 of the year before the rating year: the one valuation of every claim for it.

    Rule: experience.md §3.2 (rating year 2000: claims valued as of June 1, 1999, 23 months after
    the start of the period's last fiscal year). Project decision: the same day every year.
    """
    return date(rating_year - 1, 6, 1)


def fiscal_year(day: date) -> int:
    """FYn runs July 1 of n−1 to June 30 of n (experience.md §2.5, §3.1)."""
    return day.year + 1 if day.month >= 7 else day.year


def _period(rating_year: int) -> tuple[date, date]:
    """First and last day of FY(Y−4)..FY(Y−2) (WAC 296-17-850)."""
    return date(rating_year - 5, 7, 1), date(rating_year - 2, 6, 30)


def _exposure(reports: Sequence[QuarterlyReport]) -> tuple[ExposureRow, ...]:
    """Hours by class and fiscal year, summed exactly from the quarterly report lines."""
    hours: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    for report in reports:
        hours[(normalize_class(report.risk_class), fiscal_year(report.quarter_start))] += \
            report.hours
    return tuple(ExposureRow(cls, fy, total) for (cls, fy), total in sorted(hours.items()))


def _compensable(found: ClaimAsOf) -> bool:
    claim_type = found.valuation.claim_type
    if claim_type in COMPENSABLE_TYPES:
        return True
    if claim_type in MEDICAL_ONLY_TYPES:
        return False
    message = (f"claim type {claim_type!r} is neither compensable "
               f"({', '.join(sorted(COMPENSABLE_TYPES))}) nor medical-only")
    raise InvalidInput(message, [ErrorDetail(f"claims[{found.claim.claim_number}].type",
                                             message)])


def _claim(found: ClaimAsOf) -> Claim:
    """A claim as valued, in the engine's terms (experience.md §5)."""
    claim, value = found.claim, found.valuation
    disease = claim.injury_kind == OCCUPATIONAL_DISEASE
    return Claim(
        id=claim.claim_number, injury_date=claim.injury_date, compensable=_compensable(found),
        fatal=claim.is_fatal or value.claim_type == FATAL_TYPE,
        af_paid=value.af_paid, af_reserve=value.af_reserve,
        ma_paid=value.ma_paid, ma_reserve=value.ma_reserve,
        excluded=PUBLIC_HEALTH_EMERGENCY if claim.is_public_health_emergency else None,
        occupational_disease=disease,
        received_date=claim.received_date if disease else None,
        risk_class=normalize_class(claim.risk_class))


def experience_case(records: ExperienceRecords, account_id: str, rating_year: int,
                    valuation_date: date, prior_factor: Decimal | None = None) -> ExperienceCase:
    """The case of one employer and rating year: hours and claims of the experience period, as
    known on the valuation date (report versions and claim valuations on or before it).

    Rule: experience.md §3.1, §3.2; class 7204 claims are excluded by the engine (§5.4).
    """
    first, last = _period(rating_year)
    reports = records.reports.for_accounts([account_id], first, date(last.year, 4, 1),
                                           as_of=valuation_date)
    found = records.claims.losses_as_of([account_id], EARLIEST, last, valuation_date)
    claims = tuple(c for c in map(_claim, found) if first <= c.rating_date <= last)
    return ExperienceCase(rating_year=rating_year, exposure=_exposure(reports), claims=claims,
                          prior_factor=prior_factor, valuation_date=valuation_date,
                          employer=account_id)


@dataclass(frozen=True, slots=True)
class ExperienceReview:
    """One employer's factor for a rating year with its explanations; `previous` (last year's
    case, with its own prior) and `attribution` are None for a new employer."""

    case: ExperienceCase
    result: ExperienceResult
    minimum: MinimumFactor
    impacts: ClaimImpacts
    previous: ExperienceCase | None
    attribution: Attribution | None

    def as_dict(self) -> dict[str, object]:
        return {
            "account_id": self.case.employer,
            "rating_year": self.case.rating_year,
            "valuation_date": str(self.case.valuation_date),
            "experience": self.result.as_dict(),
            "minimum": self.minimum.as_dict(),
            "claim_impacts": self.impacts.as_dict(),
            "attribution": None if self.attribution is None else self.attribution.as_dict(),
        }


def _factor(case: ExperienceCase, book: ExperienceRulebook | None) -> Decimal | None:
    """The case's factor as a prior for the next year: None for a new employer (no hours in the
    period) or a year the rulebook lacks (the chain starts again after it)."""
    if not any(row.hours > 0 for row in case.exposure):
        return None
    try:
        return calculate(case, rulebook=book).experience_factor
    except RuleNotInForce:
        return None


def _previous(records: ExperienceRecords, account_id: str, rating_year: int,
              book: ExperienceRulebook | None) -> tuple[ExperienceCase, Decimal] | None:
    """Last year's case (with its own prior) and factor, rating the chain from CHAIN_YEARS back."""
    prior: Decimal | None = None
    case: ExperienceCase | None = None
    for year in range(rating_year - CHAIN_YEARS, rating_year):
        case = experience_case(records, account_id, year, valuation_date_for(year), prior)
        prior = _factor(case, book)
    return None if case is None or prior is None else (case, prior)


def review_experience(records: ExperienceRecords, account_id: str, rating_year: int, *,
                      valuation_date: date | None = None,
                      rulebook: ExperienceRulebook | None = None) -> ExperienceReview:
    """The experience factor of `account_id` for `rating_year` from the records, explained.

    `valuation_date` defaults to `valuation_date_for(rating_year)`; earlier years of the prior
    chain are each valued on their own default date. Call inside the caller's unit of work.

    Raises:
        NotFound: no such employer.
        InvalidInput / RuleNotInForce: a claim type, class or parameter the rules lack.
    """
    required(records.employers.get(account_id), f"employer {account_id} not found")
    found = _previous(records, account_id, rating_year, rulebook)
    previous, prior = found if found is not None else (None, None)
    valued = valuation_date or valuation_date_for(rating_year)
    case = experience_case(records, account_id, rating_year, valued, prior)
    return ExperienceReview(
        case=case, result=calculate(case, rulebook=rulebook),
        minimum=minimum_factor(case, rulebook=rulebook),
        impacts=claim_impacts(case, rulebook=rulebook), previous=previous,
        attribution=(None if previous is None
                     else attribute_change(previous, case, rulebook=rulebook)),
    )

