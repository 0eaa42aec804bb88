"""Rows prepared in worker processes are loaded exactly as the same rows loaded as parsed rows:
the same records and the same audit entries, on each backend; and they are checked as strictly."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from retrodesk.adapters.db.tables import Base
from retrodesk.adapters.db.uow import sql_uow_factory
from retrodesk.adapters.synth.book import SyntheticBook
from retrodesk.kernel.errors import InvalidInput
from retrodesk.programs.imports import SynthesizeBook, synthesize_book
from retrodesk.programs.ports import (
    ParsedRow,
    PreparedRows,
    ProgressCallback,
    RowPreparer,
    SourceInfo,
)
from retrodesk.programs.records import RecordKind
from tests.integration.db.databases import BACKENDS, FixedClock, backend_engine, count_rows

COMMAND = SynthesizeBook(employers=120, seed=3, years=2, as_of=date(2026, 11, 29))
Batches = Iterator[tuple[RecordKind, Iterable[ParsedRow | PreparedRows]]]


class Recording:
    """A generator that lets the loader's preparers through (noting the kinds), or refuses them."""

    def __init__(self, inner: SyntheticBook, *, prepare: bool) -> None:
        self.inner, self.prepare, self.prepared = inner, prepare, set[RecordKind]()

    def batches(self, command: SynthesizeBook, progress: ProgressCallback | None,
                preparer: Callable[[RecordKind], RowPreparer | None] | None = None) -> Batches:
        def noted(kind: RecordKind) -> RowPreparer | None:
            found = preparer(kind) if preparer is not None and self.prepare else None
            if found is not None:
                self.prepared.add(kind)
            return found
        return self.inner.batches(command, progress, noted)


def _snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows (the audit log without its sequence numbers), in a stable order."""
    found = {}
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if not (table.name == "audit_log" and
                                                         c.name == "id")]
            rows = connection.execute(select(*columns)).all()
            found[table.name] = sorted((tuple(row) for row in rows), key=repr)
    return found


@pytest.mark.parametrize("backend", BACKENDS)
def test_prepared_rows_store_the_same_records_and_audit_entries(
        request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> None:
    snapshots = []
    for prepare, generator in ((False, SyntheticBook(workers=0)),
                               (True, SyntheticBook(workers=2, chunk=37))):
        folder = tmp_path / str(prepare)
        folder.mkdir()
        engine = backend_engine(request, backend, folder)
        recording = Recording(generator, prepare=prepare)
        factory = sql_uow_factory(engine, actor="tester", clock=FixedClock())
        synthesize_book(COMMAND, uow=factory(), generator=recording)
        assert recording.prepared == ({RecordKind.REPORTS, RecordKind.CLAIMS} if prepare
                                      else set())
        snapshots.append(_snapshot(engine))
        engine.dispose()
    parsed, prepared = snapshots
    assert parsed == prepared
    assert len(prepared["claim_valuations"]) > len(prepared["claims"]) > 20
    logged = [entry for entry in prepared["audit_log"] if entry[1] == "tester"]
    assert len(logged) == sum(len(rows) for name, rows in prepared.items()
                              if name not in ("audit_log", "risk_classes"))


def _bad(rows: list[ParsedRow]) -> list[ParsedRow]:
    """The rows with one claim's facts repeated otherwise and one unknown employer."""
    first = rows[0].values
    return [*rows, ParsedRow(0, first | {"cause_code": "X", "valuation_date": date(2026, 6, 30)}),
            ParsedRow(0, rows[1].values | {"claim_number": "X-1", "account_id": "699999999"})]


@pytest.mark.parametrize("backend", BACKENDS)
def test_prepared_rows_are_checked_against_the_whole_input(
        request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> None:
    engine = backend_engine(request, backend, tmp_path)
    factory = sql_uow_factory(engine, actor="tester", clock=FixedClock())
    source = SourceInfo("claims.csv", "", None)
    claims = [ParsedRow(0, {
        "claim_number": f"C-{n // 2}", "account_id": "600000001", "risk_class": "4904-00",
        "injury_kind": "injury", "injury_date": date(2024, 3, 1),
        "received_date": date(2024, 3, 5), "occurrence": None, "is_fatal": False,
        "is_public_health_emergency": False, "body_part_code": None, "nature_code": None,
        "cause_code": None, "valuation_date": date(2024 + n % 2, 6, 30),
        "claim_type": "medical_only", "status": "open", **dict.fromkeys(
            ("af_paid", "af_reserve", "ma_paid", "ma_reserve"), Decimal(f"{100 * n}.00"))})
        for n in range(6)]
    before = count_rows(engine)
    with factory() as uow:
        employers = uow.loader.preparer(RecordKind.EMPLOYERS, source)
        uow.loader.load(RecordKind.EMPLOYERS, [ParsedRow(2, {
            "account_id": "600000001", "legal_name": "Cedar Roofing LLC",
            "governing_class": "4904-00", "opened_on": date(2001, 1, 1),
            "is_in_good_standing": True, "standing_reason": None,
            "standing_as_of": date(2026, 1, 1), "commonly_owned_with": ()})], source)
        preparer = uow.loader.preparer(RecordKind.CLAIMS, source)
        assert employers is None
        assert preparer is not None
        # Two batches, as two workers would hand them over: the repeat spans them.
        batches = [preparer(claims[:3]), preparer(_bad(claims[3:]))]
        with pytest.raises(InvalidInput) as raised:
            uow.loader.load(RecordKind.CLAIMS, batches, source)
    problems = {(d.path, d.message) for d in raised.value.details}
    assert problems == {
        ("claims.csv:8:claim_number", "(C-1) appears again with different values"),
        ("claims.csv:9:account_id", "unknown employer '699999999'")}
    assert count_rows(engine) == before
    engine.dispose()

