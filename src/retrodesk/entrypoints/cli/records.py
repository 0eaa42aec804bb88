"""`retrodesk db upgrade`, `retrodesk import|export KIND FILE` and `retrodesk synth`."""

from __future__ import annotations

import getpass
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from retrodesk.entrypoints.cli.common import cli_errors
from retrodesk.kernel.errors import InvalidInput
from retrodesk.programs.ports import LoadSummary
from retrodesk.programs.records import RecordKind

__all__ = ["db_app", "register"]

db_app = typer.Typer(help="The database: schema migrations.", no_args_is_help=True)

KindArg = Annotated[RecordKind, typer.Argument(help="What the file holds.", case_sensitive=False)]
FileArg = Annotated[Path, typer.Argument(help="CSV, Excel (.xlsx) or Parquet file.")]


def _actor() -> str:
    return f"cli:{getpass.getuser()}"


def _engine(*, upgraded: bool = True):  # type: ignore[no-untyped-def]  # noqa: ANN202
    # Imported here: the calculators must not pay for the database stack.
    from retrodesk.adapters.db.engine import make_engine
    from retrodesk.adapters.db.migrate import schema_is_current
    from retrodesk.entrypoints.settings import Settings

    engine = make_engine(Settings().database_url)
    if upgraded and not schema_is_current(engine):
        raise InvalidInput("the database schema is not current: run `retrodesk db upgrade`")
    return engine


@db_app.command("upgrade")
def upgrade() -> None:
    """Apply every database migration and seed the risk classes."""
    from retrodesk.adapters.db.migrate import upgrade_database
    from retrodesk.adapters.db.uow import UtcClock

    with cli_errors():
        engine = _engine(upgraded=False)
        upgrade_database(engine, actor=_actor(), now=UtcClock().now())
        typer.echo(f"database at the newest schema: {engine.url.render_as_string()}")


def _render(summary: LoadSummary) -> str:
    parts = [f"{summary.kind.value}: {summary.rows_read} rows read"]
    for what in ("inserted", "updated", "unchanged"):
        counts = getattr(summary, what)
        if counts:
            parts.append(f"{what} " + ", ".join(f"{t} {n}" for t, n in sorted(counts.items())))
    return "; ".join(parts)


def import_file(
    kind: KindArg, file: FileArg,
    as_of: Annotated[str | None, typer.Option(help="As-of date of the file, YYYY-MM-DD.")] = None,
) -> None:
    """Import a file, all-or-nothing; bad rows are listed on stderr (exit code 2)."""
    from retrodesk.adapters.db.uow import sql_uow_factory
    from retrodesk.adapters.files.records import FileRecords
    from retrodesk.programs.imports import ImportRecords, import_records

    with cli_errors():
        day = _date(as_of)
        uow = sql_uow_factory(_engine(), actor=_actor())()
        summary = import_records(ImportRecords(kind=kind, path=file, as_of=day), uow=uow,
                                 files=FileRecords())
        typer.echo(_render(summary))


def export_file(kind: KindArg, file: FileArg) -> None:
    """Export every record of a kind (also `adjustments`) in its import layout."""
    from retrodesk.adapters.db.uow import sql_uow_factory
    from retrodesk.adapters.files.records import FileRecords
    from retrodesk.programs.imports import ExportRecords, export_records

    with cli_errors():
        uow = sql_uow_factory(_engine(), actor=_actor())()
        count = export_records(ExportRecords(kind=kind, path=file), uow=uow, files=FileRecords())
        typer.echo(f"{kind.value}: {count} rows written to {file}")


def synth(
    employers: Annotated[int, typer.Option(min=1, help="Number of employer accounts.")] = 5_000,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same book).")] = 1,
    years: Annotated[int, typer.Option(min=1, max=10, help="Years of history.")] = 5,
    as_of: Annotated[str | None, typer.Option(help="Last day of the history (default today).")]
    = None,
) -> None:
    """Generate a synthetic, Washington-like book of business into the database."""
    from retrodesk.adapters.db.uow import UtcClock, sql_uow_factory
    from retrodesk.adapters.synth.book import generate_book

    with cli_errors(), _progress() as progress:
        day = _date(as_of) or UtcClock().today()
        factory = sql_uow_factory(_engine(), actor=_actor())
        summaries = generate_book(factory, employers=employers, seed=seed, years=years,
                                  as_of=day, progress=progress)
    for summary in summaries:
        typer.echo(_render(summary))


@contextmanager
def _progress() -> Iterator[Callable[[str, int, int], None]]:
    from rich.progress import Progress

    with Progress(transient=False) as bar:
        tasks: dict[str, object] = {}

        def advance(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)  # type: ignore[arg-type]
        yield advance


def _date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"--as-of {text!r} is not a date (YYYY-MM-DD)") from None


def register(app: typer.Typer) -> None:
    """Add the record commands to the `retrodesk` command."""
    app.add_typer(db_app, name="db")
    app.command("import")(import_file)
    app.command("export")(export_file)
    app.command("synth")(synth)
