"""Quarterly premium by class, worker share and employer share (WAC 296-17-895; experience.md §2).

Rule: `rate = round4(EF × (AF + MA + SAW)) + SP`; `premium = round2(hours × rate)`;
`worker_rate = round4(MA × EF)/2 + round4(SAW × EF)/2 + SP/2` (not rounded further);
`worker_share = round2(hours × worker_rate)`; `employer_share = premium − worker_share`.
Supplemental pension is not experience rated (RCW 51.32.073).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from retrodesk.kernel.errors import ErrorDetail, InvalidInput
from retrodesk.kernel.money import CENTS, FOUR_PLACES
from retrodesk.rating.premium.inputs import PremiumCase
from retrodesk.rules.experience.book import ExperienceRulebook, Fund, RatingYear
from retrodesk.rules.model import Source, case_source

__all__ = ["ClassPremium", "Premium", "compute_premium"]

ZERO = Decimal(0)
TWO = Decimal(2)


@dataclass(frozen=True, slots=True)
class ClassPremium:
    """One class line: base rates, the rated rate, premium and the two shares."""

    risk_class: str
    hours: Decimal
    assumed_hours: Decimal
    rates: dict[Fund, Decimal]
    rate: Decimal
    premium: Decimal
    worker_rate: Decimal
    worker_share: Decimal
    sources: tuple[Source, ...]

    @property
    def employer_share(self) -> Decimal:
        return self.premium - self.worker_share


@dataclass(frozen=True, slots=True)
class Premium:
    """The quarter's premium: class lines and totals."""

    rating_year: int
    experience_factor: Decimal
    classes: tuple[ClassPremium, ...]

    @property
    def premium(self) -> Decimal:
        return sum((c.premium for c in self.classes), ZERO)

    @property
    def worker_share(self) -> Decimal:
        return sum((c.worker_share for c in self.classes), ZERO)

    @property
    def employer_share(self) -> Decimal:
        return self.premium - self.worker_share


def _rates(
    case: PremiumCase,
    year: RatingYear,
    risk_class: str,
    path: str,
) -> tuple[dict[Fund, Decimal], tuple[Source, ...]]:
    """The four base rates of a class: the case's, else the rulebook's."""
    given = case.base_rates.get(risk_class, {})
    table = year.tables.base_rates
    if not given and not any(year.has(table, (risk_class, fund)) for fund in Fund):
        if not year.has_table(table):
            raise year.refuse(f"base rates for {risk_class}", table.rule, path)
        message = (
            f"unknown risk class {risk_class}: neither the rulebook (rating year "
            f"{case.rating_year}) nor the case gives its base rates"
        )
        raise InvalidInput(message, [ErrorDetail(path, message)])
    rates: dict[Fund, Decimal] = {}
    sources: list[Source] = []
    for fund in Fund:
        if fund in given:
            rates[fund] = given[fund]
            sources.append(case_source(f"base_rates.{risk_class}"))
            continue
        found = year.keyed(
            table,
            (risk_class, fund),
            f"{fund.value} base rate for {risk_class}",
            f"base_rates.{risk_class}.{fund.value}",
        )
        rates[fund] = found.value
        sources.append(found.source)
    return rates, tuple(dict.fromkeys(sources))


def _line(risk_class: str, hours: tuple[Decimal, Decimal], ef: Decimal,
          rates: dict[Fund, Decimal], sources: tuple[Source, ...]) -> ClassPremium:
    """One class line; `hours` is (all hours, the part of them assumed for salaried workers)."""
    total, assumed = hours
    rated = rates[Fund.AF] + rates[Fund.MA] + rates[Fund.SAW]  # SP is not experience rated
    rate = FOUR_PLACES.apply(ef * rated) + rates[Fund.SP]
    worker_rate = (FOUR_PLACES.apply(rates[Fund.MA] * ef) / TWO
                   + FOUR_PLACES.apply(rates[Fund.SAW] * ef) / TWO + rates[Fund.SP] / TWO)
    return ClassPremium(risk_class, total, assumed, rates, rate, CENTS.apply(total * rate),
                        worker_rate, CENTS.apply(total * worker_rate), sources)


def _class_hours(case: PremiumCase) -> tuple[dict[str, tuple[Decimal, Decimal]], dict[str, str]]:
    """(hours, assumed hours) by class, and the path of each class's first row."""
    hours: dict[str, tuple[Decimal, Decimal]] = {}
    paths: dict[str, str] = {}
    for index, row in enumerate(case.hours):
        total, assumed = hours.get(row.risk_class, (ZERO, ZERO))
        extra = row.hours if row.assumed_months is not None else ZERO
        hours[row.risk_class] = (total + row.hours, assumed + extra)
        paths.setdefault(row.risk_class, f"hours[{index}].risk_class")
    return hours, paths


def compute_premium(case: PremiumCase, book: ExperienceRulebook) -> Premium:
    """The quarter's premium, class by class (hours of one class in several rows are added).

    Rule: WAC 296-17-895; L&I premium-rate examples (experience.md §2.3–§2.4).

    Raises:
        InvalidInput: unknown classes (every one); RuleNotInForce: a missing base rate.
    """
    year = book.year(case.rating_year)
    hours, paths = _class_hours(case)
    lines: list[ClassPremium] = []
    refused: list[InvalidInput] = []
    for risk_class in sorted(hours):
        try:
            rates, sources = _rates(case, year, risk_class, paths[risk_class])
        except InvalidInput as exc:
            refused.append(exc)
            continue
        lines.append(_line(risk_class, hours[risk_class], case.experience_factor, rates, sources))
    if len(refused) == 1:
        raise refused[0]
    if refused:
        raise InvalidInput.of(d for exc in refused for d in exc.details)
    return Premium(case.rating_year, case.experience_factor, tuple(lines))
