"""Run the Alembic migrations and seed reference data: what `retrodesk db upgrade` does."""

from __future__ import annotations

import csv
from datetime import datetime
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, Table, select

from retrodesk.adapters.db.audit import INSERT, UPDATE, audit_row, write_audit
from retrodesk.adapters.db.tables import RiskClassRecord

__all__ = ["alembic_config", "schema_is_current", "seed_risk_classes", "upgrade_database"]

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", str(MIGRATIONS / "versions"))
    config.attributes["url"] = url
    return config


def upgrade_database(engine: Engine, *, actor: str, now: datetime) -> None:
    """Bring the schema to the newest revision, then seed the risk classes (idempotent)."""
    with engine.begin() as connection:
        config = alembic_config(engine.url.render_as_string(hide_password=False))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    seed_risk_classes(engine, actor=actor, now=now)


def _class_rows() -> list[dict[str, Any]]:
    text = resources.files("retrodesk.rules.data").joinpath("classes.csv").read_text("utf-8")
    return [{**row, "hazard_group": int(row["hazard_group"]),
             "loss_cost_per_hour": Decimal(row["loss_cost_per_hour"]),
             "primary_ratio": Decimal(row["primary_ratio"]),
             "book_weight": int(row["book_weight"])}
            for row in csv.DictReader(text.splitlines())]


def seed_risk_classes(engine: Engine, *, actor: str, now: datetime) -> int:
    """Upsert the packaged class list (rules/data/classes.csv); returns rows changed."""
    table: Table = RiskClassRecord.__table__  # type: ignore[assignment]
    changed = 0
    with engine.begin() as connection:
        existing = {r["risk_class"]: dict(r) for r in connection.execute(select(table)).mappings()}
        audits = []
        for row in _class_rows():
            old = existing.get(row["risk_class"])
            if old == row:
                continue
            if old is None:
                connection.execute(table.insert(), row)
            else:
                connection.execute(table.update().where(
                    table.c.risk_class == row["risk_class"]).values(row))
            audits.append(audit_row(table, UPDATE if old else INSERT, old, row,
                                    actor=actor, at=now))
            changed += 1
        write_audit(connection, audits)
    return changed


def schema_is_current(engine: Engine) -> bool:
    """Whether the database is at the newest migration."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config("")).get_current_head()
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision() == head
