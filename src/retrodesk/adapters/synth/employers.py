"""Synthetic employers and their quarterly reports.

Realistic by construction (docs/synthetic-book.md): employer size is log-normal (many small
accounts, few large ones); the governing class is drawn by book weight; larger employers add
clerical and sales classes; construction and agriculture hours are seasonal; about one account
in five opened during the history window; about 4 % are not in good standing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cache, cached_property
from random import Random
from typing import Any

from retrodesk.adapters.synth.catalog import SUPPLEMENTAL_PENSION_RATE, RiskClass, risk_classes
from retrodesk.kernel.money import CENTS
from retrodesk.kernel.periods import add_months, quarter_start

__all__ = [
    "EmployerProfile",
    "Window",
    "account_id",
    "employer_row",
    "profile",
    "quarter_hours",
    "report_rows",
]

_PREFIXES = ("Cascade", "Evergreen", "Puget", "Olympic", "Columbia", "Rainier", "Yakima",
             "Spokane", "Skagit", "Palouse", "Tacoma", "Harbor", "Summit", "Valley", "Pacific",
             "Whidbey", "Methow", "Chelan", "Kitsap", "Snohomish", "Cedar", "Alder", "Orca")
_NOUNS = {"a": ("Farms", "Orchards", "Growers", "Nursery"), "b": ("Auto", "Motors", "Marine"),
          "c": ("Builders", "Roofing", "Construction", "Contractors", "Excavation"),
          "d": ("Foods", "Seafoods", "Chemical", "Bakery"),
          "e": ("Property Services", "Janitorial"),
          "f": ("Health", "Schools", "Utilities", "Care Center"), "g": ("Clinic", "Labs"),
          "h": ("Timber", "Logging", "Mill", "Wood Products"), "i": ("Fabrication", "Machine"),
          "j": ("Retail", "Cafe", "Consulting", "Market"), "k": ("Staffing", "Temps"),
          "l": ("Freight", "Trucking", "Logistics", "Recycling")}
_SUFFIXES = ("LLC", "Inc", "Co", "Corp", "LLP")
_STANDING_REASONS = ("premium past due", "quarterly reports not filed",
                     "payment agreement in default")
_CLERICAL, _SALES = "4904-00", "4910-00"
_SEASON = {"a": (0.7, 1.05, 1.3, 0.95), "c": (0.8, 1.05, 1.2, 0.95)}


@dataclass(frozen=True)
class Window:
    """The history: `years` of complete quarters ending before the quarter holding `as_of`."""

    as_of: date
    years: int

    @cached_property
    def end(self) -> date:
        """First day of the current (not yet reported) quarter."""
        return quarter_start(self.as_of)

    @cached_property
    def start(self) -> date:
        return add_months(self.end, -12 * self.years)

    def quarters(self, since: date) -> tuple[date, ...]:
        return _quarters_from(self, max(self.start, quarter_start(since)))


@cache
def _quarters_from(window: Window, first: date) -> tuple[date, ...]:
    """The window's quarters from `first` (the same few lists serve every employer)."""
    count = (window.end.year - first.year) * 4 + (window.end.month - first.month) // 3
    return tuple(add_months(first, 3 * i) for i in range(max(count, 0)))


@dataclass(frozen=True, slots=True)
class EmployerProfile:
    """Everything drawn for one employer; re-derived from (seed, index) in every pass."""

    index: int
    category: str
    classes: tuple[tuple[RiskClass, float], ...]  # (class, share of hours)
    annual_hours: float
    growth: float
    opened_on: date


def account_id(index: int) -> str:
    return f"{600_000_001 + index:09d}"


def rng_for(seed: int, index: int, stream: int) -> Random:
    """An independent, reproducible random stream per employer and purpose."""
    # A simulation, not security: reproducible pseudo-random numbers are the point.
    return Random((seed * 1_000_003 + index) * 16 + stream)  # noqa: S311


def _weighted(rng: Random, classes: tuple[RiskClass, ...]) -> RiskClass:
    total = sum(c.book_weight for c in classes)
    pick = rng.uniform(0, total)
    for cls in classes:
        pick -= cls.book_weight
        if pick <= 0:
            return cls
    return classes[-1]


def profile(seed: int, index: int, window: Window) -> EmployerProfile:
    rng = rng_for(seed, index, 0)
    classes = risk_classes()
    governing = _weighted(rng, classes)
    category = rng.choice(governing.categories)
    workers = min(math.exp(rng.gauss(1.8, 1.35)), 4_000.0)
    by_code = {c.code: c for c in classes}
    shares: list[tuple[RiskClass, float]] = [(governing, 1.0)]
    if workers >= 8 and governing.code != _CLERICAL:
        shares = [(governing, 0.88), (by_code[_CLERICAL], 0.12)]
    if workers >= 60 and governing.code not in (_CLERICAL, _SALES):
        shares = [(governing, 0.82), (by_code[_CLERICAL], 0.12), (by_code[_SALES], 0.06)]
    if rng.random() < 0.8:
        opened = date(rng.randint(1975, window.start.year - 1), rng.randint(1, 12), 1)
    else:
        opened = add_months(window.start, rng.randint(0, 12 * window.years - 1))
    return EmployerProfile(index=index, category=category, classes=tuple(shares),
                           annual_hours=workers * rng.uniform(1_500, 1_900),
                           growth=rng.gauss(0.02, 0.05), opened_on=opened)


def _name(rng: Random, category: str) -> str:
    return f"{rng.choice(_PREFIXES)} {rng.choice(_NOUNS[category])} {rng.choice(_SUFFIXES)}"


def employer_row(seed: int, p: EmployerProfile, window: Window,
                 related: tuple[str, ...]) -> dict[str, Any]:
    rng = rng_for(seed, p.index, 1)
    good = rng.random() >= 0.04
    return {
        "account_id": account_id(p.index), "legal_name": _name(rng, p.category),
        "governing_class": p.classes[0][0].code, "opened_on": p.opened_on,
        "is_in_good_standing": good,
        "standing_reason": None if good else rng.choice(_STANDING_REASONS),
        "standing_as_of": window.as_of if good else add_months(window.as_of, -rng.randint(1, 9)),
        "commonly_owned_with": related,
    }


def quarter_hours(seed: int, p: EmployerProfile, window: Window) -> list[tuple[date, RiskClass,
                                                                            Decimal]]:
    """Hours worked per quarter and class: seasonal, growing, with quarter-to-quarter noise."""
    rng = rng_for(seed, p.index, 2)
    season = _SEASON.get(p.category, (1.0, 1.0, 1.0, 1.0))
    found = []
    for quarter in window.quarters(p.opened_on):
        years_back = (window.end.year - quarter.year) + (window.end.month - quarter.month) / 12
        level = (p.annual_hours / 4 * season[(quarter.month - 1) // 3]
                 * (1 + p.growth) ** -years_back)
        for cls, share in p.classes:
            worked = max(1, round(level * share * rng.uniform(0.9, 1.1)))
            found.append((quarter, cls, Decimal(worked)))
    return found


@cache
def reported_on(quarter: date, window: Window) -> date:
    """When a quarter's report became known: its due date, the last day of the month after the
    quarter (when quarterly reports are due), or the book's as-of date if that comes first."""
    return min(add_months(quarter, 4) - timedelta(days=1), window.as_of)


def report_rows(seed: int, p: EmployerProfile, window: Window) -> list[dict[str, Any]]:
    """One row per quarter and class: hours, and premium by fund at the illustrative rates."""
    account = account_id(p.index)
    return [{
        "account_id": account, "quarter_start": quarter, "risk_class": cls.code,
        "known_from": reported_on(quarter, window), "hours": hours,
        "accident_fund": CENTS.apply(hours * cls.accident_fund_rate),
        "medical_aid": CENTS.apply(hours * cls.medical_aid_rate),
        "stay_at_work": CENTS.apply(hours * cls.stay_at_work_rate),
        "supplemental_pension": CENTS.apply(hours * SUPPLEMENTAL_PENSION_RATE),
    } for quarter, cls, hours in quarter_hours(seed, p, window)]
