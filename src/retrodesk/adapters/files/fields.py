"""Field parsers for record files: each turns one cell into a typed value or raises ValueError.

Cells arrive as text (CSV), as numbers and datetimes (Excel) or typed values (Parquet); every
parser accepts all three. Money is exact: a cell is read as Decimal text, never through a float
computation (an Excel number is taken by its shortest decimal representation).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

from retrodesk.kernel.money import to_decimal

__all__ = [
    "Parser",
    "as_text",
    "decimal_parser",
    "parse_account",
    "parse_bool",
    "parse_date",
    "parse_int",
    "parse_limit",
    "parse_list",
    "parse_quarter",
    "text_parser",
]

Parser = Callable[[object], object]
_ACCOUNT = re.compile(r"^\d{9}$")
_TRUE = frozenset({"true", "yes", "y", "1", "t", "x"})
_FALSE = frozenset({"false", "no", "n", "0", "f", ""})


def as_text(raw: object) -> str:
    """A cell as text; Excel floats by their shortest round-trip form."""
    if isinstance(raw, float):
        # A spreadsheet stores 12345 as 12345.0; a claim number or code must not gain ".0".
        return str(int(raw)) if raw.is_integer() else repr(raw)
    if isinstance(raw, datetime):
        return raw.date().isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    return str(raw).strip()


def text_parser(max_length: int, choices: frozenset[str] | None = None) -> Parser:
    def parse(raw: object) -> str:
        value = raw.strip() if type(raw) is str else as_text(raw)
        if len(value) > max_length:
            raise ValueError(f"longer than {max_length} characters")
        if choices is not None and value not in choices:
            raise ValueError(f"{value!r} is not one of {', '.join(sorted(choices))}")
        return value
    return parse


def parse_account(raw: object) -> str:
    """A UBI-style account id: nine digits, dashes and spaces ignored (600-123-456)."""
    if type(raw) is str and len(raw) == 9 and raw.isdigit():
        return raw
    value = re.sub(r"[\s-]", "", as_text(raw)).removesuffix(".0")
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        value = value.zfill(9)  # a spreadsheet drops leading zeros of a number
    if not _ACCOUNT.match(value):
        raise ValueError(f"{as_text(raw)!r} is not a nine-digit account id")
    return value


def parse_date(raw: object) -> date:
    if type(raw) is date:
        return raw
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = as_text(raw)
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        month, day, year = (int(p) for p in text.split("/"))
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"{text!r} is not a date (YYYY-MM-DD or MM/DD/YYYY)") from None


def parse_quarter(raw: object) -> date:
    """A calendar-quarter start date (Jan 1, Apr 1, Jul 1, Oct 1), or `2024Q3`."""
    if type(raw) is not date:
        text = as_text(raw).upper()
        if re.fullmatch(r"\d{4}Q[1-4]", text):
            return date(int(text[:4]), 3 * int(text[5]) - 2, 1)
    day = parse_date(raw)
    if day.day != 1 or day.month not in (1, 4, 7, 10):
        raise ValueError(f"{day} is not the first day of a calendar quarter")
    return day


def decimal_parser(
    places: int, *, minimum: Decimal | None = Decimal(0), maximum: Decimal | None = None,
) -> Parser:
    """A non-negative (by default) decimal with at most `places` decimal places."""
    quantum = Decimal(1).scaleb(-places)

    def parse(raw: object) -> Decimal:
        value = raw if type(raw) is Decimal and raw.is_finite() else to_decimal(as_text(raw))
        rounded = value.quantize(quantum)
        if value != rounded:
            raise ValueError(f"{value} has more than {places} decimal places")
        if minimum is not None and value < minimum:
            raise ValueError(f"{value} is below {minimum}" if minimum else f"{value} is negative")
        if maximum is not None and value > maximum:
            raise ValueError(f"{value} is above {maximum}")
        return rounded
    return parse


def parse_limit(raw: object) -> Decimal | None:
    """A single loss occurrence limit in whole dollars, or `unlimited` (None)."""
    if as_text(raw).lower() in ("unlimited", "none"):
        return None
    value: Decimal = decimal_parser(2, minimum=Decimal(1))(raw)  # type: ignore[assignment]
    return value


def parse_bool(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    text = as_text(raw).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"{text!r} is not yes/no")


def parse_int(raw: object) -> int:
    text = as_text(raw)
    if text.endswith(".0"):
        text = text[:-2]
    if not text.lstrip("-").isdigit():
        raise ValueError(f"{text!r} is not a whole number")
    return int(text)


def parse_list(raw: object) -> tuple[str, ...]:
    """Account ids separated by `;`, `,` or spaces (e.g. commonly owned employers)."""
    parts = raw if isinstance(raw, tuple | list) else re.split(r"[;,\s]+", as_text(raw))
    return tuple(sorted({parse_account(p) for p in parts if p}))
