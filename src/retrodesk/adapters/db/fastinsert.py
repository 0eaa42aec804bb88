"""Many-row INSERTs straight to the driver, with each column's own bind processing.

The bulk loader writes millions of rows; SQLAlchemy's per-row parameter handling costs more
than the database itself. This builds the statement once per table and converts each value
with the same processor SQLAlchemy would use (so Decimals, dates and JSON reach the driver
exactly as through the ORM), then hands the rows to the driver's `executemany`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, Table

__all__ = ["insert_many"]

_Plan = tuple[str, list[str], list[Callable[[Any], Any] | None]]
_PLANS: dict[tuple[str, str], _Plan] = {}


def _plan(connection: Connection, table: Table) -> _Plan:
    dialect = connection.dialect
    key = (dialect.name, table.name)
    if key not in _PLANS:
        columns = [c for c in table.columns
                   if not (c.primary_key and c.autoincrement is True and c.name == "id")]
        quote = dialect.identifier_preparer.quote
        marker = "?" if dialect.paramstyle == "qmark" else "%s"
        # Identifiers come from the table definition, quoted by the dialect; values are bound.
        names = ", ".join(quote(c.name) for c in columns)
        markers = ", ".join(marker for _ in columns)
        sql = f"INSERT INTO {quote(table.name)} ({names}) VALUES ({markers})"  # noqa: S608
        processors: list[Callable[[Any], Any] | None] = [
            c.type._cached_bind_processor(dialect) for c in columns]
        _PLANS[key] = (sql, [c.name for c in columns], processors)
    return _PLANS[key]


def insert_many(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT every row; a missing column is NULL, an auto-increment `id` the database's."""
    if not rows:
        return
    sql, names, processors = _plan(connection, table)
    pairs = list(zip(names, processors, strict=True))
    parameters = [tuple(row.get(name) if convert is None else convert(row.get(name))
                        for name, convert in pairs) for row in rows]
    connection.exec_driver_sql(sql, parameters)
