"""Quarterly report lines keep their history: a correction adds a version known from its file's
as-of date, and reads "as of D" return the figures known on D (WAC 296-17B-500), on SQLite and
PostgreSQL."""

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
from retrodesk.adapters.files.records import FileRecords
from retrodesk.kernel.errors import InvalidInput
from retrodesk.programs.imports import ExportRecords, export_records
from retrodesk.programs.records import RecordKind
from tests.integration.db.books import EMPLOYERS, REPORTS, load, write
from tests.integration.db.databases import FixedClock, count_rows

Factory = Callable[[], SqlUnitOfWork]
ACCOUNT, Q1 = "600000001", date(2024, 1, 1)
ORIGINAL, AUDITED = date(2024, 4, 30), date(2025, 2, 15)
CORRECTION = """\
account_id,quarter,class,hours,af,ma,saw,sp
600000001,2024Q1,0507-00,1100,2515.00,1541.00,29.50,91.00
"""


@pytest.fixture
def reported(uow_factory: Factory, tmp_path: Path) -> Factory:
    load(uow_factory, RecordKind.EMPLOYERS, write(tmp_path, "employers.csv", EMPLOYERS))
    load(uow_factory, RecordKind.REPORTS, write(tmp_path, "reports.csv", REPORTS), as_of=ORIGINAL)
    return uow_factory


def _q1(factory: Factory, as_of: date | None) -> list[tuple[date, Decimal]]:
    with factory() as uow:
        return [(r.known_from, r.accident_fund)
                for r in uow.reports.for_accounts([ACCOUNT], Q1, Q1, as_of=as_of)]


def test_a_correction_adds_a_version_and_as_of_reads_return_what_was_known(
        reported: Factory, engine: Engine, tmp_path: Path) -> None:
    summary = load(reported, RecordKind.REPORTS, write(tmp_path, "audit.csv", CORRECTION),
                   as_of=AUDITED)
    assert summary.inserted == {"quarterly_reports": 1}
    assert summary.updated == {}
    assert _q1(reported, date(2024, 4, 29)) == []            # not yet reported
    assert _q1(reported, ORIGINAL) == [(ORIGINAL, Decimal("2286.25"))]
    assert _q1(reported, date(2025, 2, 14)) == [(ORIGINAL, Decimal("2286.25"))]
    assert _q1(reported, AUDITED) == [(AUDITED, Decimal("2515.00"))]
    assert _q1(reported, None) == [(AUDITED, Decimal("2515.00"))]
    with reported() as uow:
        versions = uow.reports.versions(ACCOUNT, Q1, "0507-00")
        q2 = uow.reports.for_accounts([ACCOUNT], date(2024, 4, 1), date(2024, 4, 1),
                                      as_of=AUDITED)
    assert [(v.known_from, v.hours) for v in versions] == [
        (ORIGINAL, Decimal("1000.00")), (AUDITED, Decimal("1100.00"))]
    assert [(r.known_from, r.accident_fund) for r in q2] == [(ORIGINAL, Decimal("2744.64"))]
    before = count_rows(engine)
    again = load(reported, RecordKind.REPORTS, tmp_path / "audit.csv", as_of=AUDITED)
    assert (again.inserted, again.unchanged) == ({}, {"quarterly_reports": 1})
    assert count_rows(engine) == before


def test_the_same_figures_again_later_add_no_version(reported: Factory, engine: Engine,
                                                     tmp_path: Path) -> None:
    before = count_rows(engine)
    summary = load(reported, RecordKind.REPORTS, tmp_path / "reports.csv", as_of=AUDITED)
    assert summary.unchanged == {"quarterly_reports": 2}
    assert count_rows(engine) == before


def test_other_figures_known_from_the_same_day_are_refused(reported: Factory, engine: Engine,
                                                           tmp_path: Path) -> None:
    before = count_rows(engine)
    with pytest.raises(InvalidInput) as raised:
        load(reported, RecordKind.REPORTS, write(tmp_path, "audit.csv", CORRECTION),
             as_of=ORIGINAL)
    [detail] = raised.value.details
    assert detail.path == "audit.csv:2:known_from"
    assert "already recorded as known from 2024-04-30" in detail.message
    assert count_rows(engine) == before


def test_a_line_without_any_date_is_known_from_its_quarter(uow_factory: Factory,
                                                           tmp_path: Path) -> None:
    load(uow_factory, RecordKind.EMPLOYERS, write(tmp_path, "employers.csv", EMPLOYERS))
    dated = CORRECTION.replace("af,ma,saw,sp", "af,ma,saw,sp,known_from") \
        .replace("91.00\n", "91.00,2024-05-10\n")
    load(uow_factory, RecordKind.REPORTS, write(tmp_path, "dated.csv", dated), as_of=AUDITED)
    load(uow_factory, RecordKind.REPORTS, write(tmp_path, "reports.csv", REPORTS))
    with uow_factory() as uow:
        versions = uow.reports.versions(ACCOUNT, Q1, "0507-00")
    assert [(v.known_from, v.accident_fund) for v in versions] == [
        (Q1, Decimal("2286.25")), (date(2024, 5, 10), Decimal("2515.00"))]


def test_an_export_carries_every_version_and_reimports_to_the_same_history(
        reported: Factory, sqlite_template: Path, tmp_path: Path) -> None:
    load(reported, RecordKind.REPORTS, write(tmp_path, "audit.csv", CORRECTION), as_of=AUDITED)
    exported = tmp_path / "out" / "reports.csv"
    exported.parent.mkdir()
    export_records(ExportRecords(kind=RecordKind.REPORTS, path=exported), uow=reported(),
                   files=FileRecords())
    again = load(reported, RecordKind.REPORTS, exported)
    assert (again.inserted, again.unchanged) == ({}, {"quarterly_reports": 3})
    fresh_path = tmp_path / "fresh.db"
    shutil.copyfile(sqlite_template, fresh_path)
    fresh_engine = make_engine(f"sqlite:///{fresh_path}")
    fresh = sql_uow_factory(fresh_engine, actor="t", clock=FixedClock())
    load(fresh, RecordKind.EMPLOYERS, tmp_path / "employers.csv")
    assert load(fresh, RecordKind.REPORTS, exported).inserted == {"quarterly_reports": 3}
    for factory in (reported, fresh):
        with factory() as uow:
            versions = uow.reports.versions(ACCOUNT, Q1, "0507-00")
        assert [(v.known_from, v.accident_fund) for v in versions] == [
            (ORIGINAL, Decimal("2286.25")), (AUDITED, Decimal("2515.00"))]
    fresh_engine.dispose()
