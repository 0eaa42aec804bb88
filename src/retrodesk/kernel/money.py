"""Decimal money and factors: named rounding policies and a float-refusing converter.

Every rounding in retrodesk is half-up at a point a rule names (retro.md §9, experience.md §1.2);
`Decimal.quantize` alone would round half-even.
"""

from __future__ import annotations

import decimal
from dataclasses import dataclass
from decimal import Decimal

__all__ = [
    "CENTS",
    "DOLLARS",
    "FOUR_PLACES",
    "THREE_PLACES",
    "Rounding",
    "factor_text",
    "format_money",
    "money_text",
    "to_decimal",
]

# Enough digits that no product or quotient of money and factors loses a cent before rounding.
decimal.getcontext().prec = 34


@dataclass(frozen=True, slots=True)
class Rounding:
    """A rounding policy: its name (shown on worksheets), quantum and mode."""

    name: str
    quantum: Decimal
    mode: str = decimal.ROUND_HALF_UP

    def apply(self, value: Decimal) -> Decimal:
        """The value rounded by this policy."""
        return value.quantize(self.quantum, rounding=self.mode)


CENTS = Rounding("half-up to cents", Decimal("0.01"))
DOLLARS = Rounding("half-up to whole dollars", Decimal("1"))
THREE_PLACES = Rounding("half-up to 3 decimals", Decimal("0.001"))
FOUR_PLACES = Rounding("half-up to 4 decimals", Decimal("0.0001"))


def to_decimal(value: object) -> Decimal:
    """Convert a string, int or Decimal to a finite Decimal; floats are refused.

    Raises:
        ValueError: the value is a float, a bool, not a number, or not finite.
    """
    if isinstance(value, bool | float):
        raise ValueError("must be a decimal string, not a binary floating-point number")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip().replace(",", "").replace("$", ""))
        except decimal.InvalidOperation:
            raise ValueError(f"{value!r} is not a number") from None
    else:
        raise ValueError("must be a decimal string")
    if not result.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    return result


def format_money(value: Decimal) -> str:
    """Money for people: thousands separators and two decimals (no rounding beyond cents)."""
    return f"{CENTS.apply(value):,.2f}"


def money_text(value: Decimal) -> str:
    """Money as the calculation contract writes it: a plain string, half-up to cents."""
    return format(CENTS.apply(value), "f")


def factor_text(value: Decimal) -> str:
    """A factor as the calculation contract writes it: a plain string, half-up to 4 places."""
    return format(FOUR_PLACES.apply(value), "f")
