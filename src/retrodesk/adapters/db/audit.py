"""The append-only audit trail: who changed which record, when, and the values before and after.

Two paths write it and nothing else writes business rows: the ORM session (an `after_flush`
hook records every insert, update and delete of a business record, with the actor the unit of
work put in `session.info`) and the bulk loader, which calls `audit_rows` for each row it
writes. A flush without an actor is refused.
"""

from __future__ import annotations

import hashlib
import weakref
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import Connection, LargeBinary, Table, event, func, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import instance_state

from retrodesk.adapters.db.fastinsert import insert_many
from retrodesk.adapters.db.tables import AuditEntryRecord
from retrodesk.programs.records import AuditEntry

__all__ = [
    "DELETE",
    "INSERT",
    "UPDATE",
    "audit_row",
    "install_audit",
    "jsonable",
    "last_change",
    "list_history",
    "record_key",
    "write_audit",
]

INSERT, UPDATE, DELETE = "insert", "update", "delete"
AUDIT_TABLE: Table = AuditEntryRecord.__table__  # type: ignore[assignment]
# Secrets are never copied into the log; that they changed is.
REDACTED = frozenset({"password_hash", "api_token_hash"})


_AS_TEXT: dict[type, Callable[[Any], object]] = {
    date: date.isoformat, datetime: datetime.isoformat, Decimal: str,
    # A binary column (an issued PDF) is logged by its size and digest, not its content.
    bytes: lambda data: f"{len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}"}


def jsonable(value: object) -> object:
    """A column value as JSON: dates ISO, Decimals as exact strings."""
    convert = _AS_TEXT.get(type(value))
    return value if convert is None else convert(value)


@cache
def _special(table: Table) -> tuple[frozenset[str], frozenset[str]]:
    """The table's secret columns and its binary columns."""
    names = frozenset(c.name for c in table.columns)
    binary = frozenset(c.name for c in table.columns if isinstance(c.type, LargeBinary))
    return REDACTED & names, binary


def snapshot(table: Table, values: Mapping[str, object]) -> dict[str, object]:
    """The values to log; the JSON column writes dates and Decimals as exact text."""
    copied = dict(values)
    secrets, binary = _special(table)
    for name in secrets:
        if copied.get(name) is not None:
            copied[name] = "[redacted]"
    for name in binary:
        if copied.get(name) is not None:
            copied[name] = jsonable(copied[name])
    return copied


def record_key(table: Table, values: Mapping[str, object]) -> str:
    """The record's primary key as text: its values joined by `|` in key order."""
    return "|".join(str(jsonable(values[c.name])) for c in table.primary_key.columns)


def audit_row(
    table: Table, action: str, before: Mapping[str, object] | None,
    after: Mapping[str, object] | None, *, actor: str, at: datetime,
) -> dict[str, object]:
    """One audit-log row (as parameters for an INSERT)."""
    keyed = after if after is not None else before
    if keyed is None:
        raise ValueError("an audit row needs the values before or after the change")
    return {
        "occurred_at": at, "actor": actor, "action": action, "table_name": table.name,
        "record_key": record_key(table, keyed),
        "before": None if before is None else snapshot(table, before),
        "after": None if after is None else snapshot(table, after),
    }


def write_audit(connection: Connection, rows: Sequence[dict[str, object]]) -> None:
    insert_many(connection, AUDIT_TABLE, rows)


def _values(obj: object, *, old: bool = False) -> dict[str, object]:
    state = instance_state(obj)
    values: dict[str, object] = {}
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if old and history.deleted:
            values[attr.key] = history.deleted[0]
        elif old and history.added:
            values[attr.key] = None  # it had no value before
        else:
            values[attr.key] = getattr(obj, attr.key)
    return values


def _audited(obj: object) -> Table | None:
    """The record's table if it is a business table (every table but the audit log itself)."""
    table = instance_state(obj).mapper.local_table
    return table if isinstance(table, Table) and table is not AUDIT_TABLE else None


def _collect(session: Session) -> list[tuple[Table, str, dict[str, object] | None,
                                             dict[str, object] | None]]:
    changes: list[tuple[Table, str, dict[str, object] | None, dict[str, object] | None]] = []
    for obj in session.new:
        if (table := _audited(obj)) is not None:
            changes.append((table, INSERT, None, _values(obj)))
    for obj in session.dirty:
        if (table := _audited(obj)) is not None and session.is_modified(obj):
            changes.append((table, UPDATE, _values(obj, old=True), _values(obj)))
    for obj in session.deleted:
        if (table := _audited(obj)) is not None:
            changes.append((table, DELETE, _values(obj), None))
    return changes


def _after_flush(session: Session, _context: object) -> None:
    changes = _collect(session)
    if not changes:
        return
    actor = session.info.get("actor")
    clock = session.info.get("clock")
    if not actor or clock is None:
        raise RuntimeError("business records change only inside a unit of work with an actor")
    at = clock.now()
    rows = [audit_row(t, action, b, a, actor=actor, at=at) for t, action, b, a in changes]
    write_audit(session.connection(), rows)


# Factories already audited. Not `event.contains`: SQLAlchemy's event registry knows a target by
# its id, so a new factory that reuses a collected one's id looked audited and was skipped.
_AUDITED: weakref.WeakSet[sessionmaker[Session]] = weakref.WeakSet()


def install_audit(factory: sessionmaker[Session]) -> None:
    """Record every ORM change of a business record made through sessions of `factory`."""
    if factory not in _AUDITED:
        event.listen(factory, "after_flush", _after_flush)
        _AUDITED.add(factory)


def list_history(connection: Connection, table_name: str, key: str) -> list[AuditEntry]:
    """Every change of one record, oldest first."""
    stmt = (select(AUDIT_TABLE)
            .where(AUDIT_TABLE.c.table_name == table_name, AUDIT_TABLE.c.record_key == key)
            .order_by(AUDIT_TABLE.c.id))
    return [AuditEntry(occurred_at=r.occurred_at, actor=r.actor, action=r.action,
                       table_name=r.table_name, record_key=r.record_key,
                       before=r.before, after=r.after)
            for r in connection.execute(stmt)]


def last_change(session: Session) -> int:
    """The id of the newest audit entry: it moves with every change to a business record, made
    by any process (no write bypasses the log), so it stamps anything derived from them."""
    return session.scalar(select(func.max(AuditEntryRecord.id))) or 0
