"""Column types that keep money exact and timestamps in UTC on every database.

SQLite has no exact decimal type (its NUMERIC affinity stores binary floats), so `ExactDecimal`
stores the value there as an integer count of its smallest unit (cents for scale 2); sums stay
exact and the column reads back as a `Decimal`. PostgreSQL stores `NUMERIC(precision, scale)`.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, Dialect, Numeric
from sqlalchemy.types import TypeDecorator, TypeEngine

__all__ = ["ExactDecimal", "UtcDateTime", "dumps_json"]


def _json_default(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)  # exact: never through a float
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


_ENCODER = json.JSONEncoder(default=_json_default, ensure_ascii=False, check_circular=False)


def dumps_json(value: object) -> str:
    """JSON for JSON columns: dates as ISO text, Decimals as exact decimal strings."""
    return _ENCODER.encode(value)


class ExactDecimal(TypeDecorator[Decimal]):
    """A Decimal column with a fixed scale; never a float on any database."""

    impl = Numeric
    cache_ok = True

    def __init__(self, precision: int, scale: int) -> None:
        super().__init__(precision, scale, asdecimal=True)
        self.precision = precision
        self.scale = scale
        self._unit = Decimal(1).scaleb(-scale)

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(self.precision, self.scale, asdecimal=True))

    def process_bind_param(self, value: object, dialect: Dialect) -> object:
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            value = Decimal(value)
        if not isinstance(value, Decimal):
            raise TypeError(f"ExactDecimal takes a Decimal, not {type(value).__name__}")
        scaled = value.scaleb(self.scale)
        whole = int(scaled)
        if whole != scaled:
            raise ValueError(f"{value} has more than {self.scale} decimal places")
        return whole if dialect.name == "sqlite" else value.quantize(self._unit)

    def process_result_value(self, value: object, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return Decimal(int(value)).scaleb(-self.scale)  # type: ignore[call-overload]
        return Decimal(value).quantize(self._unit)  # type: ignore[arg-type]


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp; naive datetimes are refused, values read back in UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: object, dialect: Dialect) -> object:
        if value is None:
            return None
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: object, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}")
        result = value
        return result.replace(tzinfo=UTC) if result.tzinfo is None else result.astimezone(UTC)
