"""The bulk loader's audit entries are the ones `audit_row` and the JSON column would store."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Table

from retrodesk.adapters.db.audit import AUDIT_TABLE, INSERT, UPDATE, audit_row
from retrodesk.adapters.db.audit_bulk import AUDIT_ORDER, BulkAudit
from retrodesk.adapters.db.engine import make_engine
from retrodesk.adapters.db.fastinsert import dialect_named, insert_order
from retrodesk.adapters.db.tables import QuarterlyReportRecord, UserRecord
from retrodesk.adapters.db.types import dumps_json

AT = datetime(2026, 11, 29, 15, 30, tzinfo=UTC)
REPORTS: Table = QuarterlyReportRecord.__table__  # type: ignore[assignment]
USERS: Table = UserRecord.__table__  # type: ignore[assignment]


def _expected(table: Table, action: str, before: dict[str, Any] | None,
              after: dict[str, Any] | None, dialect: Any) -> tuple[object, ...]:
    row = audit_row(table, action, before, after, actor="synth", at=AT)
    stamp = AUDIT_TABLE.c.occurred_at.type._cached_bind_processor(dialect)
    expected = row | {"occurred_at": stamp(AT) if stamp else AT,
                      "before": None if before is None else dumps_json(row["before"]),
                      "after": None if after is None else dumps_json(row["after"])}
    return tuple(expected[name] for name in AUDIT_ORDER)


def test_bulk_audit_entries_equal_audit_row() -> None:
    report = {"account_id": "600000001", "quarter_start": date(2025, 1, 1),
              "risk_class": "4904-00", "known_from": date(2025, 4, 30),
              "hours": Decimal("1234.00"), "accident_fund": Decimal("12.34"),
              "medical_aid": Decimal("7.56"), "stay_at_work": Decimal("0.12"),
              "supplemental_pension": Decimal("112.29"), "source_file": "Kitsap \"Café\".csv",
              "source_hash": "", "source_as_of": None, "version": 1}
    user = {"id": 3, "username": "ana", "password_hash": "secret", "role": "admin"}
    engine = make_engine("sqlite://")
    with engine.connect() as connection:
        audit = BulkAudit(connection, actor="synth", at=AT)
        audit.add(REPORTS, INSERT, None, report)
        audit.add(REPORTS, UPDATE, report, report | {"hours": Decimal("1300.00"), "version": 2})
        audit.add(USERS, INSERT, None, user)
        dialect = connection.dialect
        assert audit._rows == [
            _expected(REPORTS, INSERT, None, report, dialect),
            _expected(REPORTS, UPDATE, report,
                      report | {"hours": Decimal("1300.00"), "version": 2}, dialect),
            _expected(USERS, INSERT, None, user, dialect)]
        assert "secret" not in str(audit._rows[2][AUDIT_ORDER.index("after")])


def test_audit_rows_are_made_in_the_audit_tables_insert_order() -> None:
    for name in ("sqlite.pysqlite", "postgresql.psycopg"):
        assert insert_order(dialect_named(name), AUDIT_TABLE) == AUDIT_ORDER
