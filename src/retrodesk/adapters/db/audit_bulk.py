"""Audit rows for the bulk loader, encoded in bulk: the same entries `audit_row` gives, cheaper.

The loader writes one audit row per row it writes (millions for a synthetic book). Building each
through `audit_row` and the JSON column's bind processing costs more than the write itself; here
the per-table work (key columns, secret and binary columns, the timestamp's driver form) is done
once, and the JSON object is written member by member with a formatter per value type (the
text `dumps_json` gives for `jsonable`'s conversions: dates and Decimals as quoted exact text,
strings escaped as its encoder escapes them); any other value goes through that encoder. The
stored entries are identical (tested against `audit_row`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from json.encoder import encode_basestring
from typing import Any

from sqlalchemy import Connection, Dialect, Table

from retrodesk.adapters.db.audit import _AS_TEXT, AUDIT_TABLE, _special, jsonable, snapshot
from retrodesk.adapters.db.fastinsert import Encoded, insert_encoded
from retrodesk.adapters.db.types import _json_default

__all__ = ["AUDIT_ORDER", "AuditStamp", "BulkAudit", "audit_texts"]

# The settings of `types.dumps_json`, for values without a formatter of their own.
_ENCODE = json.JSONEncoder(default=_json_default, ensure_ascii=False,
                           check_circular=False).encode


def _quoted(value: object) -> str:
    """Exact text that needs no escaping (a Decimal's digits, an ISO date)."""
    return '"' + str(value) + '"'


def _escaped(text: Callable[[Any], object]) -> Callable[[Any], str]:
    return lambda value: encode_basestring(str(text(value)))


_BOOLEANS = {True: "true", False: "false"}
_FORMATS: dict[type, Callable[[Any], str]] = {
    **{kind: _escaped(text) for kind, text in _AS_TEXT.items()},
    str: encode_basestring, int: int.__repr__, Decimal: _quoted, date: _quoted,
    datetime: lambda value: '"' + value.isoformat() + '"', bool: _BOOLEANS.__getitem__,
    type(None): lambda _: "null"}
_MEMBERS: dict[str, str] = {}
# The audit table's columns in the order `insert_encoded` writes them (`id` is the database's).
AUDIT_ORDER = ("occurred_at", "actor", "action", "table_name", "record_key", "before", "after")
_ENCODED = frozenset(AUDIT_ORDER)


@dataclass(frozen=True, slots=True)
class AuditStamp:
    """Who made the changes and when (in the driver's form): all an audit row needs besides its
    texts, so that rows can be made in another process."""

    actor: str
    at: Any

    @classmethod
    def of(cls, dialect: Dialect, actor: str, at: datetime) -> AuditStamp:
        processor = AUDIT_TABLE.c.occurred_at.type._cached_bind_processor(dialect)
        return cls(actor, processor(at) if processor is not None else at)

    def row(self, table_name: str, action: str, record_key: str, before: str | None,
            after: str | None) -> Encoded:
        """An audit row in the driver's form, in `AUDIT_ORDER`."""
        return (self.at, self.actor, action, table_name, record_key, before, after)


class BulkAudit:
    """Collects audit entries for one connection, actor and time; `flush` writes them."""

    def __init__(self, connection: Connection, *, actor: str, at: datetime) -> None:
        self._connection = connection
        self._stamp = AuditStamp.of(connection.dialect, actor, at)
        self._rows: list[Encoded] = []

    def add(self, table: Table, action: str, before: Mapping[str, Any] | None,
            after: Mapping[str, Any] | None) -> None:
        """One entry, as `audit.audit_row(table, action, before, after, …)` would make it."""
        self._rows.append(self._stamp.row(table.name, action, *audit_texts(table, before, after)))

    def add_rows(self, rows: Iterable[Encoded]) -> None:
        """Entries made by `AuditStamp.row` (perhaps in another process)."""
        self._rows.extend(rows)

    def flush(self) -> None:
        insert_encoded(self._connection, AUDIT_TABLE, self._rows, encoded=_ENCODED)
        self._rows = []


_LAYOUTS: dict[Table, tuple[tuple[str, ...], bool]] = {}


def _layout(table: Table) -> tuple[tuple[str, ...], bool]:
    """The table's key column names, and whether it has no secret or binary column."""
    found = _LAYOUTS.get(table)
    if found is None:
        secrets, binary = _special(table)
        found = (tuple(c.name for c in table.primary_key.columns), not (secrets or binary))
        _LAYOUTS[table] = found
    return found


def audit_texts(table: Table, before: Mapping[str, Any] | None,
                after: Mapping[str, Any] | None) -> tuple[str, str | None, str | None]:
    """An entry's record key and its before and after JSON text: the costly, database-free part."""
    keyed = after if after is not None else before
    if keyed is None:
        raise ValueError("an audit row needs the values before or after the change")
    key_names, plain = _layout(table)
    key = "|".join([value if type(value) is str else
                    value.isoformat() if type(value) is date else str(jsonable(value))
                    for value in [keyed[n] for n in key_names]])
    return (key, None if before is None else _json(table, before, plain=plain),
            None if after is None else _json(table, after, plain=plain))


def _json(table: Table, values: Mapping[str, Any], *, plain: bool) -> str:
    copied = values if plain else snapshot(table, values)
    formats, members = _FORMATS.get, _MEMBERS
    return "{" + ", ".join([
        (members.get(name) or _member(name)) + (formats(type(value)) or _ENCODE)(value)
        for name, value in copied.items()]) + "}"


def _member(name: str) -> str:
    """`"name": `, as the encoder writes a member's name."""
    text = _MEMBERS[name] = f"{encode_basestring(name)}: "
    return text
