"""Audit rows for the bulk loader, encoded in bulk: the same entries `audit_row` gives, cheaper.

The loader writes one audit row per row it writes (millions for a synthetic book). Building each
through `audit_row` and the JSON column's bind processing costs more than the write itself; here
the per-table work (key columns, secret and binary columns, the timestamp's driver form) is done
once, each value is made JSON-ready by its type (`jsonable`'s conversions), and the JSON text is
produced by the C encoder with the settings of the JSON columns' `dumps_json`. The stored
entries are identical (tested against `audit_row`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table

from retrodesk.adapters.db.audit import _AS_TEXT, AUDIT_TABLE, _special, jsonable, snapshot
from retrodesk.adapters.db.fastinsert import insert_many
from retrodesk.adapters.db.types import _json_default

__all__ = ["BulkAudit"]

# The settings of `types.dumps_json`; values arrive JSON-ready, so its `default` hook is only
# reached by a nested value.
_ENCODE = json.JSONEncoder(default=_json_default, ensure_ascii=False,
                           check_circular=False).encode
_JSON_COLUMNS = frozenset({"before", "after", "occurred_at"})


class BulkAudit:
    """Collects audit entries for one connection, actor and time; `flush` writes them."""

    def __init__(self, connection: Connection, *, actor: str, at: datetime) -> None:
        self._connection = connection
        self._actor = actor
        processor = AUDIT_TABLE.c.occurred_at.type._cached_bind_processor(connection.dialect)
        self._at = processor(at) if processor is not None else at
        self._rows: list[dict[str, object]] = []

    def add(self, table: Table, action: str, before: Mapping[str, Any] | None,
            after: Mapping[str, Any] | None) -> None:
        """One entry, as `audit.audit_row(table, action, before, after, …)` would make it."""
        keyed = after if after is not None else before
        if keyed is None:
            raise ValueError("an audit row needs the values before or after the change")
        name, key_names, plain = _layout(table)
        self._rows.append({
            "occurred_at": self._at, "actor": self._actor, "action": action,
            "table_name": name,
            "record_key": "|".join([value if type(value) is str else str(jsonable(value))
                                    for value in [keyed[n] for n in key_names]]),
            "before": None if before is None else _json(table, before, plain=plain),
            "after": None if after is None else _json(table, after, plain=plain)})

    def flush(self) -> None:
        insert_many(self._connection, AUDIT_TABLE, self._rows, encoded=_JSON_COLUMNS)
        self._rows = []


_LAYOUTS: dict[Table, tuple[str, tuple[str, ...], bool]] = {}


def _layout(table: Table) -> tuple[str, tuple[str, ...], bool]:
    """The table's name, key column names, and whether it has no secret or binary column."""
    found = _LAYOUTS.get(table)
    if found is None:
        secrets, binary = _special(table)
        found = (table.name, tuple(c.name for c in table.primary_key.columns),
                 not (secrets or binary))
        _LAYOUTS[table] = found
    return found


def _json(table: Table, values: Mapping[str, Any], *, plain: bool) -> str:
    copied = values if plain else snapshot(table, values)
    convert = _AS_TEXT.get
    return _ENCODE({name: value if (to_text := convert(type(value))) is None else to_text(value)
                    for name, value in copied.items()})
