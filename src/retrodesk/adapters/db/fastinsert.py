"""Many-row INSERTs straight to the driver, with each column's own bind processing.

The bulk loader writes millions of rows; SQLAlchemy's per-row parameter handling costs more
than the database itself. This builds the statement once per table and converts each value
with the same processor SQLAlchemy would use (so Decimals, dates and JSON reach the driver
exactly as through the ORM), then hands the rows to the driver: `executemany` on SQLite, `COPY`
on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from operator import itemgetter
from typing import Any

from sqlalchemy import Column, Connection, Date, Dialect, Table

from retrodesk.adapters.db.types import ExactDecimal

__all__ = ["insert_many"]

@dataclass(frozen=True, slots=True)
class _Plan:
    sql: str
    copy: str
    names: tuple[str, ...]
    row_values: Callable[[dict[str, Any]], tuple[Any, ...]]
    converters: tuple[tuple[int, Callable[[Any], Any]], ...]


_PLANS: dict[tuple[str, str, frozenset[str]], _Plan] = {}


def _plan(connection: Connection, table: Table, encoded: frozenset[str]) -> _Plan:
    dialect = connection.dialect
    key = (dialect.name, table.name, encoded)
    if key not in _PLANS:
        columns = [c for c in table.columns
                   if not (c.primary_key and c.autoincrement is True and c.name == "id")]
        quote = dialect.identifier_preparer.quote
        marker = "?" if dialect.paramstyle == "qmark" else "%s"
        # Identifiers come from the table definition, quoted by the dialect; values are bound.
        names = ", ".join(quote(c.name) for c in columns)
        markers = ", ".join(marker for _ in columns)
        sql = f"INSERT INTO {quote(table.name)} ({names}) VALUES ({markers})"  # noqa: S608
        copy = f"COPY {quote(table.name)} ({names}) FROM STDIN"
        processors = [(i, _converter(c, dialect)) for i, c in enumerate(columns)
                      if c.name not in encoded]
        converters = tuple((i, f) for i, f in processors if f is not None)
        getter = itemgetter(*(c.name for c in columns))
        _PLANS[key] = _Plan(sql, copy, tuple(c.name for c in columns), getter, converters)
    return _PLANS[key]


def _converter(column: Column[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """The column's bind processor, with a shortcut for the common exact values.

    A shortcut gives what the processor gives for a plain `Decimal` (or `date`) and hands any
    other value, or a Decimal with too many places, to the processor itself.
    """
    processor = column.type._cached_bind_processor(dialect)
    kind = column.type
    if processor is None:
        return None
    if isinstance(kind, ExactDecimal) and kind.load_dialect_impl(dialect)._cached_bind_processor(
            dialect) is None:
        return _exact(kind.scale, processor, as_integer=dialect.name == "sqlite")
    if type(kind) is Date and dialect.name == "sqlite":
        return lambda value: value.isoformat() if type(value) is date else processor(value)
    return processor


def _exact(scale: int, processor: Callable[[Any], Any], *,
           as_integer: bool) -> Callable[[Any], Any]:
    unit = Decimal(1).scaleb(-scale)

    def convert(value: Any) -> Any:  # noqa: ANN401 - any value a column accepts
        if type(value) is Decimal:
            scaled = value.scaleb(scale)
            whole = int(scaled)
            if whole == scaled:
                return whole if as_integer else value.quantize(unit)
        return processor(value)
    return convert


def _values(plan: _Plan, row: dict[str, Any]) -> list[Any]:
    try:
        values = list(plan.row_values(row))
    except KeyError:  # a column the row does not name is NULL
        values = [row.get(name) for name in plan.names]
    for index, convert in plan.converters:
        if values[index] is not None:
            values[index] = convert(values[index])
    return values


def insert_many(connection: Connection, table: Table, rows: Sequence[dict[str, Any]], *,
                encoded: frozenset[str] = frozenset()) -> None:
    """INSERT every row; a missing column is NULL, an auto-increment `id` the database's.

    Values of the `encoded` columns are already in the driver's form (e.g. JSON text).
    """
    if not rows:
        return
    plan = _plan(connection, table, encoded)
    if connection.dialect.name == "postgresql":
        # COPY is PostgreSQL's bulk path: one stream instead of a statement per row, in the
        # same transaction (the unit of work's connection).
        driver = connection.connection.driver_connection
        with driver.cursor() as cursor, cursor.copy(plan.copy) as copy:  # type: ignore[union-attr]
            for row in rows:
                copy.write_row(_values(plan, row))
        return
    connection.exec_driver_sql(plan.sql, [tuple(_values(plan, row)) for row in rows])
