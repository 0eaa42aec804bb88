"""The synthetic book is the same whichever processes generate it, and however it is split."""

from __future__ import annotations

from datetime import date

from retrodesk.adapters.synth.book import SyntheticBook
from retrodesk.programs.imports import SynthesizeBook
from retrodesk.programs.records import RecordKind

COMMAND = SynthesizeBook(employers=240, seed=5, years=2, as_of=date(2026, 6, 30))


def _book(generator: SyntheticBook) -> list[tuple[RecordKind, int, dict[str, object]]]:
    rows = []
    for kind, parsed in generator.batches(COMMAND, None):
        for row in parsed:
            assert row.problems == ()
            rows.append((kind, row.row_number, row.values))
    return rows


def test_workers_and_chunks_do_not_change_the_book() -> None:
    alone = _book(SyntheticBook(workers=0))
    assert _book(SyntheticBook(workers=2, chunk=37)) == alone
    assert _book(SyntheticBook(workers=0, chunk=1)) == alone
    kinds = {kind for kind, _, _ in alone}
    assert {RecordKind.EMPLOYERS, RecordKind.REPORTS, RecordKind.CLAIMS,
            RecordKind.ENROLLMENTS} <= kinds


def test_progress_reaches_every_employer_of_each_pass() -> None:
    seen: dict[str, tuple[int, int]] = {}
    for _, parsed in SyntheticBook(workers=0, chunk=100).batches(
            COMMAND, lambda stage, done, total: seen.__setitem__(stage, (done, total))):
        for _ in parsed:
            pass
    assert seen == dict.fromkeys(("employers", "quarterly reports", "claims"), (240, 240))
