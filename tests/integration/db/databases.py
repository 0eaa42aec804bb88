"""Test databases: a migrated SQLite file per test, and a fresh PostgreSQL database per session.

PostgreSQL is used when it answers at 127.0.0.1:5432 (or `RETRODESK_TEST_POSTGRES_URL`); tests
marked `postgres` skip without it, unless `RETRODESK_REQUIRE_POSTGRES=1`, when they fail.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine, func, select, text

from retrodesk.adapters.db import workflow  # noqa: F401 - its tables belong to the schema
from retrodesk.adapters.db.engine import make_engine
from retrodesk.adapters.db.migrate import upgrade_database
from retrodesk.adapters.db.tables import Base
from retrodesk.adapters.db.uow import SqlUnitOfWork, sql_uow_factory

ADMIN_URL = os.environ.get("RETRODESK_TEST_POSTGRES_URL",
                           "postgresql://postgres@127.0.0.1:5432/postgres")
NOW = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
AS_OF = date(2026, 11, 29)
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


class FixedClock:
    def __init__(self, now: datetime = NOW) -> None:
        self.at = now

    def now(self) -> datetime:
        return self.at

    def today(self) -> date:
        return self.at.date()


def _postgres_unavailable(reason: str) -> None:
    if os.environ.get("RETRODESK_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL is required but unavailable: {reason}")
    pytest.skip(f"PostgreSQL unavailable: {reason}")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, seeded SQLite file that each test copies."""
    path = tmp_path_factory.mktemp("db") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade_database(engine, actor="test", now=NOW)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A uniquely named PostgreSQL database for this session, migrated, dropped at the end."""
    name = f"retrodesk_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    try:
        admin = psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        _postgres_unavailable(str(exc).strip())
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    engine = make_engine(url)
    upgrade_database(engine, actor="test", now=NOW)
    engine.dispose()
    yield url
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def emptied_postgres(url: str) -> Engine:
    engine = make_engine(url)
    business = [t.name for t in Base.metadata.sorted_tables if t.name != "risk_classes"]
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {', '.join(business)} RESTART IDENTITY CASCADE"))
    return engine


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A migrated database with only the risk classes in it, on each backend."""
    made = backend_engine(request, request.param, tmp_path)
    yield made
    made.dispose()


def backend_engine(request: pytest.FixtureRequest, backend: str, folder: Path) -> Engine:
    """A migrated database holding only the risk classes: a SQLite copy or an emptied PG one."""
    if backend == "postgres":
        return emptied_postgres(request.getfixturevalue("postgres_url"))
    path = folder / "retrodesk.db"
    shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
    return make_engine(f"sqlite:///{path}")


@pytest.fixture
def uow_factory(engine: Engine) -> Callable[[], SqlUnitOfWork]:
    return sql_uow_factory(engine, actor="tester", clock=FixedClock())


def count_rows(engine: Engine) -> dict[str, int]:
    """Rows per table, audit log included: 'nothing changed' is asserted with this."""
    with engine.connect() as connection:
        return {t.name: connection.execute(select(func.count()).select_from(t)).scalar_one()
                for t in Base.metadata.sorted_tables}
