"""Expected losses from hours and Table III (WAC 296-17-885; experience.md §4).

Rule: each class and fiscal year, `e = round2(hours × ELR)` and `ep = round2(e × primary ratio)`;
E = Σe, Ep = Σep, Ee = E − Ep. Rows of the same class and fiscal year are combined first, so the
result does not depend on how the hours were split into rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from retrodesk.kernel.errors import InvalidInput, RuleNotInForce
from retrodesk.kernel.money import CENTS
from retrodesk.rating.experience.inputs import ExposureRow
from retrodesk.rating.experience.terms import Terms
from retrodesk.rules.model import Source

__all__ = ["Expected", "ExpectedRow", "combine_exposure", "compute_expected", "price_rows"]

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class ExpectedRow:
    """One class and fiscal year: hours, Table III values and the expected amounts."""

    risk_class: str
    fiscal_year: int
    hours: Decimal
    rate: Decimal
    expected: Decimal
    primary_ratio: Decimal
    expected_primary: Decimal
    sources: tuple[Source, Source]


@dataclass(frozen=True, slots=True)
class Expected:
    """Expected losses of the experience period: rows and totals E, Ep, Ee."""

    rows: tuple[ExpectedRow, ...]
    total: Decimal
    primary: Decimal

    @property
    def excess(self) -> Decimal:
        return self.total - self.primary


def combine_exposure(exposure: Iterable[ExposureRow]) -> dict[tuple[str, int], Decimal]:
    """Hours by (class, fiscal year), in class then year order."""
    hours: dict[tuple[str, int], Decimal] = {}
    for row in exposure:
        key = (row.risk_class, row.fiscal_year)
        hours[key] = hours.get(key, ZERO) + row.hours
    return dict(sorted(hours.items()))


def price_rows(
    hours: dict[tuple[str, int], Decimal],
    rates: dict[tuple[str, int], tuple[Decimal, Decimal, tuple[Source, Source]]],
) -> Expected:
    """Expected losses from hours and (ELR, primary ratio, sources) per class-year."""
    rows = []
    total = primary = ZERO
    for key, h in hours.items():
        rate, ratio, sources = rates[key]
        e = CENTS.apply(h * rate)
        ep = CENTS.apply(e * ratio)
        total += e
        primary += ep
        rows.append(ExpectedRow(key[0], key[1], h, rate, e, ratio, ep, sources))
    return Expected(tuple(rows), total, primary)


def table_iii(
    terms: Terms,
    hours: dict[tuple[str, int], Decimal],
    paths: dict[str, str],
) -> dict[tuple[str, int], tuple[Decimal, Decimal, tuple[Source, Source]]]:
    """ELR and primary ratio of every class-year with hours; every unknown class or missing
    value is reported at once.

    Raises:
        InvalidInput: unknown classes; RuleNotInForce for a known class missing a value.
    """
    found = {}
    refused: list[InvalidInput] = []
    for risk_class, fiscal in hours:
        try:
            if not terms.is_known(risk_class):
                raise terms.unknown_class(risk_class, paths[risk_class])
            rate = terms.expected_loss_rate(risk_class, fiscal)
            ratio = terms.primary_ratio(risk_class)
        except InvalidInput as exc:
            refused.append(exc)
            continue
        found[risk_class, fiscal] = (rate.value, ratio.value, (rate.source, ratio.source))
    if refused:
        details = dict.fromkeys(d for exc in refused for d in exc.details)
        missing = all(isinstance(e, RuleNotInForce) for e in refused)
        raise (RuleNotInForce if missing else InvalidInput).of(details)
    return found


def compute_expected(exposure: tuple[ExposureRow, ...], terms: Terms) -> Expected:
    """Expected, expected primary and expected excess losses of the period.

    Rule: WAC 296-17-885 (Table III); experience.md §4.
    """
    paths: dict[str, str] = {}
    for index, row in enumerate(exposure):
        paths.setdefault(row.risk_class, f"exposure[{index}].risk_class")
    hours = combine_exposure(exposure)
    return price_rows(hours, table_iii(terms, hours, paths))
