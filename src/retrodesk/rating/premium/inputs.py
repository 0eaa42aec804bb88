"""The premium case: one employer, one quarter — hours by class, the experience factor, what-ifs.

Rule: WAC 296-17-31021 (hours are the exposure unit), spec/calc-io.md (premium).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import cast

from retrodesk.kernel.parsing import Fields
from retrodesk.rules.experience.book import Fund
from retrodesk.rules.experience.layouts import normalize_class

__all__ = ["ClassHours", "PremiumCase", "parse_case"]

ZERO = Decimal(0)


ASSUMED_HOURS_PER_MONTH = Decimal(160)


@dataclass(frozen=True, slots=True)
class ClassHours:
    """Hours (or the class's own exposure units) reported in one class for the quarter.

    `assumed_months`: a salaried worker whose hours are not tracked, reported at 160 hours for each
    month of the quarter employed (experience.md §2.5).
    """

    risk_class: str
    hours: Decimal
    assumed_months: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PremiumCase:
    """One employer's quarterly premium (spec/calc-io.md, premium)."""

    rating_year: int
    experience_factor: Decimal
    hours: tuple[ClassHours, ...] = ()
    base_rates: Mapping[str, Mapping[Fund, Decimal]] = field(default_factory=dict)
    employer: str | None = None
    quarter: str | None = None


def _base_rates(fields: Fields | None) -> dict[str, dict[Fund, Decimal]]:
    rates: dict[str, dict[Fund, Decimal]] = {}
    if fields is None:
        return rates
    for risk_class, funds, name in fields.nested_keys():
        if name not in {f.value for f in Fund}:
            fields.problems.add(
                funds.at(name), f"must be one of {', '.join(f.value for f in Fund)}"
            )
            continue
        rate = funds.decimal(name, minimum=ZERO)
        if rate is not None:
            rates.setdefault(normalize_class(risk_class), {})[Fund(name)] = rate
    return rates


def _hours(item: Fields) -> ClassHours | None:
    """Actual hours, or `assumed_hours_months` (0–3) for a salaried worker: 160 hours a month."""
    risk_class = item.text("risk_class")
    months = item.integer("assumed_hours_months", required=False, choices=range(4))
    amount = item.decimal("hours", required=months is None and
                          item.data.get("assumed_hours_months") is None, minimum=ZERO)
    if months is not None and amount is not None:
        item.problems.add(item.at("assumed_hours_months"), "give hours or assumed months, not both")
        return None
    if months is not None:
        amount = ASSUMED_HOURS_PER_MONTH * months
    if risk_class is None or amount is None:
        return None
    return ClassHours(normalize_class(risk_class), amount, months)


def parse_case(document: object) -> PremiumCase:
    """Read one premium case.

    Raises:
        InvalidInput: every problem found, each with its path (e.g. `hours[1].hours`).
    """
    root = Fields.root(document)
    year = root.integer("rating_year")
    factor = root.decimal("experience_factor", minimum=ZERO)
    hours = [row for item in root.objects("hours") if (row := _hours(item)) is not None]
    rates = _base_rates(root.object("base_rates"))
    employer = root.text("employer", required=False)
    quarter = root.text("quarter", required=False)
    root.problems.raise_if_any()
    # A missing year or factor was raised above.
    return PremiumCase(
        rating_year=cast(int, year),
        experience_factor=cast(Decimal, factor),
        hours=tuple(hours),
        base_rates=rates,
        employer=employer,
        quarter=quarter,
    )
