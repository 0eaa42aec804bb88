"""A synthetic book exported in each format and imported into a fresh database is the same book."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from retrodesk.adapters.db.engine import make_engine
from retrodesk.adapters.db.uow import SqlUnitOfWork, sql_uow_factory
from retrodesk.adapters.files.layouts import LAYOUTS
from retrodesk.adapters.files.records import FileRecords
from retrodesk.adapters.synth.book import generate_book
from retrodesk.adapters.synth.employers import Window
from retrodesk.adapters.synth.programs import coverage_starts
from retrodesk.kernel.periods import add_months
from retrodesk.programs.imports import (
    IMPORT_ORDER,
    ExportRecords,
    ImportRecords,
    export_records,
    import_records,
)
from retrodesk.programs.records import ParticipantKind, RecordKind
from retrodesk.rating.retro.plan_options import validate_plan
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


def _four_quarter_premium(uow: SqlUnitOfWork, accounts: list[str],
                          start: date) -> dict[str, Decimal]:
    """Standard premium (AF + MA) by class of the four quarters before `start`."""
    by_class: dict[str, Decimal] = {}
    for r in uow.reports.for_accounts(accounts, add_months(start, -12), add_months(start, -3)):
        by_class[r.risk_class] = by_class.get(r.risk_class, Decimal(0)) + (
            r.accident_fund + r.medical_aid)
    return by_class


def test_synthetic_groups_meet_the_entry_premium_and_elections_pass_the_plan_rules(
        uow_factory: Factory, engine: Engine) -> None:
    generate_book(uow_factory, employers=400, seed=7, years=2, as_of=AS_OF)
    checked = 0
    with uow_factory() as uow:
        for start in coverage_starts(Window(AS_OF, 2)):
            for plan in (e for e in uow.enrollments.for_period(start) if e.plan_basis):
                is_group = plan.participant_kind is ParticipantKind.GROUP
                accounts = ([m.participant_id for m in uow.enrollments.members(plan.participant_id,
                                                                               start)]
                            if is_group else [plan.participant_id])
                by_class = _four_quarter_premium(uow, accounts, start)
                total = sum(by_class.values(), Decimal(0))
                group = uow.groups.get(plan.participant_id) if is_group else None
                if group is not None and group.coverage_start == start:  # entry only
                    assert total >= Decimal("1500000"), plan.participant_id  # WAC 296-17B-220
                case = {"coverage_period_start": start.isoformat(), "adjustment": 1, "claims": [],
                        "plan": {"basis": plan.plan_basis,
                                 "single_loss_limit": None if plan.single_loss_limit is None
                                 else str(plan.single_loss_limit),
                                 "max_loss_ratio": str(plan.max_loss_ratio),
                                 "min_loss_ratio": str(plan.min_loss_ratio)},
                        "standard_premium": [
                            {"risk_class": c, "accident_fund": str(v), "medical_aid": "0.00"}
                            for c, v in sorted(by_class.items())],
                        "four_quarter_premium": str(total)}
                assert validate_plan(case).violations == (), plan.participant_id
                checked += 1
    assert checked > 0


def test_the_same_seed_gives_the_same_book(sqlite_template: Path, tmp_path: Path) -> None:
    exports = []
    for name in ("one", "two"):
        path = tmp_path / f"{name}.db"
        shutil.copyfile(sqlite_template, path)
        engine = make_engine(f"sqlite:///{path}")
        factory = sql_uow_factory(engine, actor="tester", clock=FixedClock())
        generate_book(factory, employers=150, seed=11, years=2, as_of=AS_OF)
        folder = _export_all(factory, tmp_path / name, ".csv")
        exports.append({kind: p.read_text() for kind, p in folder.items()})
        engine.dispose()
    assert exports[0] == exports[1]
    assert exports[0][RecordKind.CLAIMS].count("\n") > 50
