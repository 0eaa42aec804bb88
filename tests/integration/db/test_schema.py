"""The migrations build exactly the schema the records describe, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from retrodesk.adapters.db.audit import audit_row, write_audit
from retrodesk.adapters.db.migrate import schema_is_current, seed_risk_classes, upgrade_database
from retrodesk.adapters.db.tables import Base, RiskClassRecord
from tests.integration.db.databases import NOW, count_rows


def test_migrations_match_the_records_exactly(engine: Engine) -> None:
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
    assert schema_is_current(engine)


def test_upgrade_twice_changes_nothing(engine: Engine) -> None:
    before = count_rows(engine)
    upgrade_database(engine, actor="test", now=NOW)
    assert count_rows(engine) == before
    assert seed_risk_classes(engine, actor="test", now=NOW) == 0


def test_risk_classes_are_seeded_from_the_class_list(engine: Engine) -> None:
    with engine.connect() as connection:
        row = connection.execute(text("SELECT hazard_group, book_weight FROM risk_classes "
                                      "WHERE risk_class = '0507-00'")).one()
    assert tuple(row) == (8, 3)


@pytest.mark.parametrize("statement", ["UPDATE audit_log SET actor = 'someone else'",
                                       "DELETE FROM audit_log"])
def test_the_audit_log_refuses_updates_and_deletes(engine: Engine, statement: str) -> None:
    with engine.begin() as connection:
        row = audit_row(RiskClassRecord.__table__, "update", {"risk_class": "x"},
                        {"risk_class": "x"}, actor="test", at=NOW)
        write_audit(connection, [row])
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
        connection.execute(text(statement))
    assert count_rows(engine)["audit_log"] > 0
