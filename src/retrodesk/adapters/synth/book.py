"""The synthetic book generator and `generate_book`, which the demo and `retrodesk synth` call.

Deterministic from the seed: every employer's draws come from its own random stream, so a pass
can re-derive any employer without keeping it in memory. Rows go through the same column
layouts (cell checks) and the same loader (references, keys, history) as imported files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from sqlalchemy import Engine

from retrodesk.adapters.db.uow import sql_uow_factory
from retrodesk.adapters.files.layouts import LAYOUTS
from retrodesk.adapters.synth.employers import Window, account_id, rng_for
from retrodesk.adapters.synth.parallel import (
    Chunk,
    ChunkTask,
    default_workers,
    in_order,
    worker_pool,
)
from retrodesk.adapters.synth.programs import BookFacts, plan_programs
from retrodesk.kernel.errors import ErrorDetail
from retrodesk.programs.imports import SynthesizeBook, synthesize_book
from retrodesk.programs.ports import (
    LoadSummary,
    ParsedRow,
    PreparedRows,
    ProgressCallback,
    RowPreparer,
    UnitOfWork,
)
from retrodesk.programs.records import RecordKind

__all__ = ["SyntheticBook", "generate_book"]

CHUNK_EMPLOYERS = 1_000
PARALLEL_FROM = 2_000


class SyntheticBook:
    """`BookGenerator`: employers, reports, claims, then sponsors, groups, members, enrollments.

    Employers, reports and claims are generated (and cell-checked) in `workers` processes, in
    chunks of `chunk` employers; a small book (under `PARALLEL_FROM` employers) in this process.
    The book is the same either way.
    """

    def __init__(self, *, workers: int | None = None, chunk: int = CHUNK_EMPLOYERS) -> None:
        self._workers = workers
        self._chunk = chunk

    def batches(self, command: SynthesizeBook, progress: ProgressCallback | None,
                preparer: Callable[[RecordKind], RowPreparer | None] | None = None,
                ) -> Iterator[tuple[RecordKind, Iterable[ParsedRow | PreparedRows]]]:
        workers = self._workers
        if workers is None:
            workers = default_workers() if command.employers >= PARALLEL_FROM else 0
        facts = BookFacts(command.employers, command.years)
        links = _ownership(command.seed, command.employers)
        pool = worker_pool(workers)
        try:
            for kind, stage in _STAGES:
                prepare = preparer(kind) if preparer is not None else None
                tasks = self._tasks(command, kind, links, prepare)
                yield kind, _rows(kind, in_order(pool, tasks), facts, stage, progress,
                                  command.employers)
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)
        programs = plan_programs(command.seed, facts, Window(command.as_of, command.years))
        yield RecordKind.SPONSORS, _parsed(RecordKind.SPONSORS, programs.sponsors)
        yield RecordKind.GROUPS, _parsed(RecordKind.GROUPS, programs.groups)
        yield RecordKind.MEMBERSHIPS, _parsed(RecordKind.MEMBERSHIPS, programs.memberships)
        yield RecordKind.ENROLLMENTS, _parsed(RecordKind.ENROLLMENTS, programs.enrollments)

    def _tasks(self, command: SynthesizeBook, kind: RecordKind, links: dict[int, tuple[str, ...]],
               prepare: RowPreparer | None) -> Iterator[ChunkTask]:
        for start in range(0, command.employers, self._chunk):
            stop = min(start + self._chunk, command.employers)
            yield ChunkTask(kind, command.seed, command.as_of, command.years, start, stop,
                            {i: links[i] for i in range(start, stop) if i in links}, prepare)


_STAGES = ((RecordKind.EMPLOYERS, "employers"), (RecordKind.REPORTS, "quarterly reports"),
           (RecordKind.CLAIMS, "claims"))


def _ownership(seed: int, employers: int) -> dict[int, tuple[str, ...]]:
    """About 3 % of accounts share ownership with the next one or two accounts."""
    links: dict[int, set[str]] = {}
    for index in range(employers - 2):
        rng = rng_for(seed, index, 4)
        if rng.random() < 0.03:
            for other in range(index + 1, index + 1 + rng.randint(1, 2)):
                links.setdefault(index, set()).add(account_id(other))
                links.setdefault(other, set()).add(account_id(index))
    return {i: tuple(sorted(v)) for i, v in links.items()}


def _rows(kind: RecordKind, chunks: Iterator[tuple[ChunkTask, Chunk]], facts: BookFacts,
          stage: str, progress: ProgressCallback | None,
          total: int) -> Iterator[ParsedRow | PreparedRows]:
    """The chunks' rows (prepared, or numbered as one file's rows); what the reports teach is
    kept."""
    name = f"synthetic {kind.value}"
    number = 1
    for task, chunk in chunks:
        if chunk.facts is not None:
            facts.absorb(task.start, chunk.facts)
        if chunk.prepared is not None:
            yield chunk.prepared
        for values, problems in chunk.rows:
            number += 1
            yield ParsedRow(number, values, _renumbered(problems, name, number))
        if progress is not None:
            progress(stage, task.stop, total)
    if progress is not None and total == 0:
        progress(stage, 0, 0)


def _renumbered(problems: tuple[ErrorDetail, ...], name: str,
                number: int) -> tuple[ErrorDetail, ...]:
    """A worker checked the row without knowing its place in the book: give it its number."""
    if not problems:
        return problems
    return tuple(ErrorDetail(f"{name}:{number}:{p.path.rsplit(':', 1)[-1]}", p.message)
                 for p in problems)


def _parsed(kind: RecordKind, rows: Iterable[dict[str, Any]]) -> Iterator[ParsedRow]:
    """Rows checked cell by cell by the file layout, exactly as an imported file's rows are."""
    layout = LAYOUTS[kind]
    name = f"synthetic {kind.value}"
    for number, values in enumerate(rows, start=2):
        yield layout.parse(number, values, name)


def generate_book(target: Callable[[], UnitOfWork] | Engine, *, employers: int, seed: int,
                  years: int = 5, as_of: date,
                  progress: ProgressCallback | None = None) -> list[LoadSummary]:
    """Generate a synthetic book into the database in one transaction; returns what was loaded.

    `target` is a unit-of-work factory, or an engine (changes are then audited as `synth`).
    """
    factory = sql_uow_factory(target, actor="synth") if isinstance(target, Engine) else target
    command = SynthesizeBook(employers=employers, seed=seed, years=years, as_of=as_of)
    return synthesize_book(command, uow=factory(), generator=SyntheticBook(), progress=progress)
