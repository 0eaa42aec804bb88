"""What the synthetic book draws from: the demo class list and illustrative word and code lists.

Premium rates are ILLUSTRATIVE, derived from each class's loss cost per hour (classes.csv):
AF + MA = 1.5 × loss cost (62 % / 38 %), stay at work 1 % of loss cost, and one statewide
supplemental pension rate (the 2014 published value, 0.0910 per hour).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources

from retrodesk.kernel.money import FOUR_PLACES

__all__ = [
    "BODY_PARTS",
    "CAUSES",
    "NATURES",
    "SUPPLEMENTAL_PENSION_RATE",
    "RiskClass",
    "risk_classes",
]

SUPPLEMENTAL_PENSION_RATE = Decimal("0.0910")

# Illustrative loss-control codes (two-digit, in the spirit of OIICS groupings).
BODY_PARTS = (("31", 18), ("42", 22), ("51", 14), ("13", 6), ("41", 9), ("56", 8), ("32", 7),
              ("20", 5), ("11", 4), ("60", 4), ("70", 3))
NATURES = (("10", 30), ("02", 18), ("15", 14), ("06", 10), ("08", 8), ("12", 8), ("21", 5),
           ("31", 4), ("40", 3))
CAUSES = (("71", 24), ("42", 16), ("62", 14), ("64", 12), ("11", 9), ("22", 8), ("53", 6),
          ("26", 5), ("31", 4), ("55", 2))


@dataclass(frozen=True, slots=True)
class RiskClass:
    """A class of the demo list with its illustrative premium rates per hour."""

    code: str
    categories: tuple[str, ...]
    hazard_group: int
    loss_cost_per_hour: Decimal
    book_weight: int
    accident_fund_rate: Decimal
    medical_aid_rate: Decimal
    stay_at_work_rate: Decimal


@cache
def risk_classes() -> tuple[RiskClass, ...]:
    """The classes a synthetic employer can be assigned (book weight above zero)."""
    text = resources.files("retrodesk.rules.data").joinpath("classes.csv").read_text("utf-8")
    found = []
    for row in csv.DictReader(text.splitlines()):
        if int(row["book_weight"]) <= 0:
            continue
        cost = Decimal(row["loss_cost_per_hour"])
        found.append(RiskClass(
            code=row["risk_class"], categories=tuple(row["industry_categories"].split(";")),
            hazard_group=int(row["hazard_group"]), loss_cost_per_hour=cost,
            book_weight=int(row["book_weight"]),
            accident_fund_rate=FOUR_PLACES.apply(cost * Decimal("0.93")),
            medical_aid_rate=FOUR_PLACES.apply(cost * Decimal("0.57")),
            stay_at_work_rate=max(FOUR_PLACES.apply(cost / 100), Decimal("0.0005")),
        ))
    return tuple(found)
