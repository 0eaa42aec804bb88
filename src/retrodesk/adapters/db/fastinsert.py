"""Many-row INSERTs straight to the driver, with each column's own bind processing.

The bulk loader writes millions of rows; SQLAlchemy's per-row parameter handling costs more
than the database itself. This builds the statement once per table and converts each value
with the same processor SQLAlchemy would use (so Decimals, dates and JSON reach the driver
exactly as through the ORM), then hands the rows to the driver: `executemany` on SQLite, `COPY`
on PostgreSQL.

Encoding a row (`row_encoder`) needs only the dialect, not a connection, so rows can be encoded
in another process (a generator's worker) and written here with `insert_encoded`. A portable
row holds only text, integers, booleans and None: on PostgreSQL, Decimals and dates go as
their exact text, which `COPY` reads exactly as it reads the values themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from operator import itemgetter
from typing import Any, Literal

from sqlalchemy import Column, Connection, Date, Dialect, Table
from sqlalchemy.dialects import registry

from retrodesk.adapters.db.types import ExactDecimal, dumps_json

__all__ = [
    "Encoded", "dialect_named", "insert_encoded", "insert_many", "insert_order", "row_encoder",
]

Encoded = tuple[Any, ...]  # one row's values in the driver's form, in the table's insert order


@dataclass(frozen=True, slots=True)
class _Plan:
    sql: str
    copy: str
    names: tuple[str, ...]
    row_values: Callable[[dict[str, Any]], tuple[Any, ...]]
    converters: tuple[tuple[int, Callable[[Any], Any]], ...]


_PLANS: dict[tuple[str, str, frozenset[str], bool], _Plan] = {}


def _plan(dialect: Dialect, table: Table, encoded: frozenset[str], *,
          portable: bool = False) -> _Plan:
    key = (dialect.name, table.name, encoded, portable)
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
        processors = [(i, _converter(c, dialect, portable=portable))
                      for i, c in enumerate(columns) if c.name not in encoded]
        converters = tuple((i, f) for i, f in processors if f is not None)
        getter = itemgetter(*(c.name for c in columns))
        _PLANS[key] = _Plan(sql, copy, tuple(c.name for c in columns), getter, converters)
    return _PLANS[key]


def _converter(column: Column[Any], dialect: Dialect, *,
               portable: bool) -> Callable[[Any], Any] | None:
    """The column's bind processor, with a shortcut for the common exact values.

    A shortcut gives what the processor gives for a plain `Decimal` (or `date`) and hands any
    other value, or a Decimal with too many places, to the processor itself. `portable` rows
    (made in another process) carry PostgreSQL's exact values as text, cheap to pass along;
    in this process the driver's own converters are faster.
    """
    processor = column.type._cached_bind_processor(dialect)
    kind = column.type
    text = portable and dialect.name == "postgresql"
    if isinstance(kind, ExactDecimal) and kind.load_dialect_impl(dialect)._cached_bind_processor(
            dialect) is None:
        return _exact(kind.scale, processor, form="integer" if dialect.name == "sqlite"
                      else "text" if text else "decimal")
    if type(kind) is Date:
        if text:
            return date.isoformat
        if dialect.name == "sqlite" and processor is not None:
            return lambda value: value.isoformat() if type(value) is date else processor(value)
    return processor


def _exact(scale: int, processor: Callable[[Any], Any] | None, *,
           form: Literal["integer", "decimal", "text"]) -> Callable[[Any], Any]:
    """An exact value as a count of its smallest unit (`integer`), or at the column's scale as
    a `decimal` or its `text`."""
    unit, units = Decimal(1).scaleb(-scale), 10 ** scale
    checked = processor or (lambda value: value)

    def convert(value: Any) -> Any:  # noqa: ANN401 - any value a column accepts
        if type(value) is Decimal and value.is_finite():
            numerator, denominator = value.as_integer_ratio()
            if units % denominator == 0:  # exact at this scale
                if form == "integer":
                    return numerator * (units // denominator)
                exact = value.quantize(unit)
                return exact if form == "decimal" else str(exact)
        converted = checked(value)
        return str(converted) if form == "text" else converted
    return convert


def _values(plan: _Plan, row: dict[str, Any]) -> Encoded:
    try:
        values = list(plan.row_values(row))
    except KeyError:  # a column the row does not name is NULL
        values = [row.get(name) for name in plan.names]
    for index, convert in plan.converters:
        if values[index] is not None:
            values[index] = convert(values[index])
    return tuple(values)


def dialect_named(name: str) -> Dialect:
    """A dialect like the engine's (`sqlite.pysqlite`, `postgresql.psycopg`), for encoding rows
    in a process that has no connection; JSON is written as `make_engine` writes it."""
    dialect: Dialect = registry.load(name)(json_serializer=dumps_json)
    return dialect


def row_encoder(dialect: Dialect, table: Table, *, encoded: frozenset[str] = frozenset(),
                portable: bool = False) -> Callable[[dict[str, Any]], Encoded]:
    """A function from a row (column name -> value) to its values in the driver's form
    (`portable`: only text, integers, booleans and None, to pass to another process)."""
    plan = _plan(dialect, table, encoded, portable=portable)
    return lambda row: _values(plan, row)


def insert_order(dialect: Dialect, table: Table) -> tuple[str, ...]:
    """The columns of an encoded row, in order (read from the portable plan, which is the only
    kind made from a dialect without a connection: plans for writing here come from one)."""
    return _plan(dialect, table, frozenset(), portable=True).names


def insert_many(connection: Connection, table: Table, rows: Sequence[dict[str, Any]], *,
                encoded: frozenset[str] = frozenset()) -> None:
    """INSERT every row; a missing column is NULL, an auto-increment `id` the database's.

    Values of the `encoded` columns are already in the driver's form (e.g. JSON text).
    """
    if rows:
        encode = row_encoder(connection.dialect, table, encoded=encoded)
        insert_encoded(connection, table, [encode(row) for row in rows], encoded=encoded)


def insert_encoded(connection: Connection, table: Table, rows: Sequence[Encoded], *,
                   encoded: frozenset[str] = frozenset()) -> None:
    """INSERT rows already in the driver's form (`row_encoder`'s output for this dialect)."""
    if not rows:
        return
    plan = _plan(connection.dialect, table, encoded)
    if connection.dialect.name == "postgresql":
        # COPY is PostgreSQL's bulk path: one stream instead of a statement per row, in the
        # same transaction (the unit of work's connection).
        driver = connection.connection.driver_connection
        with driver.cursor() as cursor, cursor.copy(plan.copy) as copy:  # type: ignore[union-attr]
            for row in rows:
                copy.write_row(row)
        return
    connection.exec_driver_sql(plan.sql, rows)
