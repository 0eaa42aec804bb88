"""The parameters one experience calculation reads: the case's overrides, else the rulebook's.

Rule: spec/calc-io.md — a value given in the case overrides the rulebook for this calculation
only (origin `case`); a value neither gives is refused, naming it and the rating year
(experience.md §1.3).
"""

from __future__ import annotations

from decimal import Decimal

from retrodesk.kernel.errors import ErrorDetail, InvalidInput
from retrodesk.kernel.money import format_money
from retrodesk.rating.experience.inputs import Overrides
from retrodesk.rules.experience.book import ExperienceRulebook, LimitationRule, RatingYear
from retrodesk.rules.model import Lookup, Parameter, Source, case_source, from_case

__all__ = ["Terms"]



class Terms:
    """Lookups for one rating year with the case's overrides on top, each with its source."""

    __slots__ = ("overrides", "rating_year", "tables", "year")

    def __init__(self, book: ExperienceRulebook, rating_year: int, overrides: Overrides) -> None:
        self.rating_year = rating_year
        self.year: RatingYear = book.year(rating_year)
        self.tables = self.year.tables
        self.overrides = overrides

    def _scalar(self, name: str, parameter: Parameter[Decimal]) -> Lookup[Decimal]:
        """The case's value of a scalar parameter when it gives one, else the rulebook's."""
        given: Decimal | None = getattr(self.overrides, name)
        if given is not None:
            return from_case(f"parameters.{name}", given, parameter.rule)
        return self.year.value(parameter, f"parameters.{name}")

    def split_point(self) -> Lookup[Decimal]:
        """Rule: WAC 296-17-875 (Table I split point)."""
        return self._scalar("split_point", self.tables.split_point)

    def max_claim_value(self) -> Lookup[Decimal]:
        """Rule: WAC 296-17-875 (Table I maximum claim value)."""
        return self._scalar("max_claim_value", self.tables.max_claim_value)

    def medical_only_deduction(self) -> Lookup[Decimal]:
        """Rule: WAC 296-17-870."""
        return self._scalar("medical_only_deduction", self.tables.medical_only_deduction)

    def average_death_value(self) -> Lookup[Decimal]:
        """Rule: WAC 296-17-870."""
        return self._scalar("average_death_value", self.tables.average_death_value)

    def is_known(self, risk_class: str) -> bool:
        """A class is known when the case or the rulebook gives its Table III primary ratio."""
        return risk_class in self.overrides.primary_ratios or self.year.has(
            self.tables.primary_ratios, risk_class
        )

    def unknown_class(self, risk_class: str, path: str) -> InvalidInput:
        """The error for a class neither the case nor the rulebook knows; when the rulebook has
        no Table III at all for the year, the refusal names the table and the year."""
        if not self.year.has_table(self.tables.primary_ratios):
            return self.year.refuse(
                f"Table III primary ratio for {risk_class}", self.tables.primary_ratios.rule, path
            )
        message = (
            f"unknown risk class {risk_class}: neither the rulebook (rating year "
            f"{self.rating_year}) nor the case gives its expected loss rates and primary ratio"
        )
        return InvalidInput(message, [ErrorDetail(path, message)])

    def expected_loss_rate(self, risk_class: str, fiscal: int) -> Lookup[Decimal]:
        """Rule: WAC 296-17-885 (Table III, by class and fiscal year)."""
        given = self.overrides.expected_loss_rates.get(risk_class, {}).get(fiscal)
        if given is not None:
            return from_case(
                "parameters.expected_loss_rates", given, self.tables.expected_loss_rates.rule
            )
        return self.year.keyed(
            self.tables.expected_loss_rates,
            (risk_class, fiscal),
            f"Table III expected loss rate for {risk_class} FY{fiscal}",
            f"parameters.expected_loss_rates.{risk_class}.{fiscal}",
        )

    def primary_ratio(self, risk_class: str) -> Lookup[Decimal]:
        """Rule: WAC 296-17-885 (Table III)."""
        given = self.overrides.primary_ratios.get(risk_class)
        if given is not None:
            return from_case("parameters.primary_ratios", given, self.tables.primary_ratios.rule)
        return self.year.keyed(
            self.tables.primary_ratios,
            risk_class,
            f"Table III primary ratio for {risk_class}",
            f"parameters.primary_ratios.{risk_class}",
        )

    def credibility(self, expected: Decimal) -> tuple[Decimal, Decimal, Source, str]:
        """(Zp, Ze) at expected losses E, its source and the Table II band it was read in."""
        given = self.overrides.credibility
        if given is not None:
            return given[0], given[1], case_source("parameters.credibility"), "case"
        table = self.year.value(self.tables.credibility, "parameters.credibility")
        primary, excess = table.value.at(expected)
        low, high = table.value.band(expected)
        band = f"band from {format_money(low)}" + (
            f" to under {format_money(high)}" if high is not None else " up"
        )
        return primary, excess, table.source, band

    def claim_free_max(self, expected: Decimal) -> tuple[Decimal, Source]:
        """The claim-free maximum factor at expected losses E, and its source.

        Rule: WAC 296-17-890 (Table IV).
        """
        given = self.overrides.claim_free_max
        if given is not None:
            return given, case_source("parameters.claim_free_max")
        table = self.year.value(self.tables.claim_free_max, "parameters.claim_free_max")
        return table.value.at(expected)[0], table.source

    def exclusions(self) -> Lookup[frozenset[str]]:
        """The reasons a claim may be excluded. Rule: WAC 296-17-870."""
        return self.year.value(self.tables.exclusions, "claims.excluded")

    def limitation(self) -> Lookup[LimitationRule]:
        """Rule: WAC 296-17-865 (annual limitation)."""
        return self.year.value(self.tables.limitation, "prior_factor")
