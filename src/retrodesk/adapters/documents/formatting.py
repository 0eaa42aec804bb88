"""How documents print values: money, dates, ratios, parties and worksheet rows.

Every value reaches a template as a finished string, so templates never format numbers and
user text is only ever data (JSON), never Typst markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation

from retrodesk.kernel.money import format_money
from retrodesk.programs.documents import Party, WorksheetRow

__all__ = [
    "grouped", "long_date", "money", "ordinal_adjustment", "party", "percent", "period",
    "result_kind", "worksheet",
]

Json = dict[str, object]


def money(value: Decimal) -> str:
    """Dollars with thousands separators and cents; negatives with a minus sign."""
    sign = "−" if value < 0 else ""
    return f"{sign}${format_money(abs(value))}"


def long_date(day: date) -> str:
    """A date as letters print it: January 4, 2025."""
    return f"{day:%B} {day.day}, {day.year}"


def period(start: date, end: date) -> str:
    """A coverage period, first and last day."""
    return f"{long_date(start)} – {long_date(end)}"


def percent(ratio: Decimal) -> str:
    """A ratio as a percentage without trailing zeros: 1.20 → 120%, 0.073 → 7.3%."""
    text = format(ratio * 100, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def grouped(value: str) -> str:
    """A worksheet value with thousands separators, its own decimals kept; text unchanged."""
    try:
        number = Decimal(value.replace(",", ""))
    except InvalidOperation:
        return value
    if not number.is_finite() or abs(number) < 1000:
        return value
    whole, _, fraction = format(abs(number), "f").partition(".")
    sign = "−" if number < 0 else ""
    return f"{sign}{int(whole):,}" + (f".{fraction}" if fraction else "")


def result_kind(result: Decimal) -> str:
    """Refund (≥ 0) or assessment (< 0), as WAC 296-17B-400 names the two outcomes."""
    return "refund" if result >= 0 else "assessment"


def ordinal_adjustment(number: int) -> str:
    """Adjustment 1, 2, 3 as the notices name them (the third is final: WAC 296-17B-400)."""
    names = {1: "First", 2: "Second", 3: "Third (final)"}
    return names.get(number, f"Adjustment {number}")


def party(who: Party) -> Json:
    return {"name": who.name, "account": who.account_id, "address": list(who.address)}


def worksheet(rows: Iterable[WorksheetRow]) -> list[Json]:
    return [{"step": r.step, "label": r.label, "value": grouped(r.value),
             "formula": r.formula, "rule": r.rule} for r in rows]
