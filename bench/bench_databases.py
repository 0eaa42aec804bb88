"""Databases for the storage benchmarks: a fresh SQLite file, or a fresh PostgreSQL database."""

from __future__ import annotations

import contextlib
import os
import resource
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from sqlalchemy import Engine

from retrodesk.adapters.db.engine import make_engine
from retrodesk.adapters.db.migrate import upgrade_database

ADMIN_URL = os.environ.get("RETRODESK_TEST_POSTGRES_URL",
                           "postgresql://postgres@127.0.0.1:5432/postgres")


@contextlib.contextmanager
def fresh_database(backend: str, folder: Path) -> Iterator[Engine]:
    """A migrated, empty database; a PostgreSQL one is dropped afterwards."""
    if backend == "sqlite":
        path = folder / f"bench-{uuid.uuid4().hex[:8]}.db"
        engine = make_engine(f"sqlite:///{path}")
        upgrade_database(engine, actor="bench", now=datetime.now(UTC))
        try:
            yield engine
        finally:
            engine.dispose()
            for stale in folder.glob(f"{path.name}*"):
                stale.unlink()
        return
    name = f"retrodesk_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    engine = make_engine(ADMIN_URL.rsplit("/", 1)[0] + f"/{name}")
    upgrade_database(engine, actor="bench", now=datetime.now(UTC))
    try:
        yield engine
    finally:
        engine.dispose()
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
