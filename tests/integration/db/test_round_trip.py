"""A synthetic book exported in each format and imported into a fresh database is the same book."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine

from retrodesk.adapters.db.engine import make_engine
from retrodesk.adapters.db.uow import SqlUnitOfWork, sql_uow_factory
from retrodesk.adapters.files.layouts import LAYOUTS
from retrodesk.adapters.files.records import FileRecords
from retrodesk.adapters.synth.book import generate_book
from retrodesk.programs.imports import (
    IMPORT_ORDER,
    ExportRecords,
    ImportRecords,
    export_records,
    import_records,
)
from retrodesk.programs.records import RecordKind
from tests.integration.db.databases import AS_OF, FixedClock, count_rows

Factory = Callable[[], SqlUnitOfWork]


def _export_all(factory: Factory, folder: Path, suffix: str) -> dict[RecordKind, Path]:
    folder.mkdir(exist_ok=True)
    paths = {}
    for kind in IMPORT_ORDER:
        paths[kind] = folder / f"{kind.value}{suffix}"
        export_records(ExportRecords(kind=kind, path=paths[kind]), uow=factory(),
                       files=FileRecords())
    return paths


def _records(path: Path, kind: RecordKind) -> list[dict[str, object]]:
    """The file's rows as typed values, through the import layout."""
    rows = []
    for row in FileRecords().open(kind, path, as_of=None).rows():
        assert row.problems == ()
        rows.append(row.values)
    return rows


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".parquet"])
def test_import_export_import_yields_the_same_records(
        suffix: str, uow_factory: Factory, engine: Engine, sqlite_template: Path,
        tmp_path: Path) -> None:
    generate_book(uow_factory, employers=400, seed=7, years=2, as_of=AS_OF)
    first = _export_all(uow_factory, tmp_path / "first", suffix)
    fresh_path = tmp_path / "fresh.db"
    shutil.copyfile(sqlite_template, fresh_path)
    fresh = make_engine(f"sqlite:///{fresh_path}")
    fresh_factory = sql_uow_factory(fresh, actor="tester", clock=FixedClock())
    for kind in IMPORT_ORDER:
        import_records(ImportRecords(kind=kind, path=first[kind]), uow=fresh_factory(),
                       files=FileRecords())
    second = _export_all(fresh_factory, tmp_path / "second", suffix)
    business = {k: v for k, v in count_rows(engine).items() if k != "audit_log"}
    assert business == {k: v for k, v in count_rows(fresh).items() if k != "audit_log"}
    for kind in IMPORT_ORDER:
        assert _records(first[kind], kind) == _records(second[kind], kind), kind
    fresh.dispose()


def test_a_synthetic_book_has_every_kind_of_record(uow_factory: Factory, engine: Engine) -> None:
    audited_before = count_rows(engine)["audit_log"]
    summaries = generate_book(uow_factory, employers=400, seed=7, years=2, as_of=AS_OF)
    assert [s.kind for s in summaries] == list(IMPORT_ORDER)
    counts = count_rows(engine)
    for table in ("employers", "ownership_links", "quarterly_reports", "claims",
                  "claim_valuations", "sponsors", "groups", "memberships", "enrollments"):
        assert counts[table] > 0, table
    written = sum(n for s in summaries for n in s.inserted.values())
    assert counts["audit_log"] - audited_before == written  # one audit row per record
    assert set(LAYOUTS) >= set(IMPORT_ORDER)
