"""Standard-library-only foundations: money, rounding, periods, errors and input parsing."""

from retrodesk.kernel.errors import (
    Conflict,
    ErrorDetail,
    InvalidInput,
    NotFound,
    NotPermitted,
    RetrodeskError,
    RuleNotInForce,
)
from retrodesk.kernel.money import (
    CENTS,
    DOLLARS,
    FOUR_PLACES,
    THREE_PLACES,
    Rounding,
    factor_text,
    format_money,
    money_text,
    to_decimal,
)
from retrodesk.kernel.parsing import Fields, Problems, join_path
from retrodesk.kernel.periods import Effective, add_months, fiscal_year, quarter_start

__all__ = [
    "CENTS",
    "DOLLARS",
    "FOUR_PLACES",
    "THREE_PLACES",
    "Conflict",
    "Effective",
    "ErrorDetail",
    "Fields",
    "InvalidInput",
    "NotFound",
    "NotPermitted",
    "Problems",
    "RetrodeskError",
    "Rounding",
    "RuleNotInForce",
    "add_months",
    "factor_text",
    "fiscal_year",
    "format_money",
    "join_path",
    "money_text",
    "quarter_start",
    "to_decimal",
]
