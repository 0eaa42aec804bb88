"""Alembic environment: runs on the connection or URL the caller passes (never a settings file)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from retrodesk.adapters.db.engine import make_engine


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        render_as_batch=True,  # SQLite cannot ALTER most constraints; batch mode copies the table
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    config = context.config
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.attributes["url"])
    with engine.begin() as fresh:
        _run(fresh)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline SQL generation is not supported; run `retrodesk db upgrade`")
run_migrations_online()
