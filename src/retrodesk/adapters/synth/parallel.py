"""Employers generated in worker processes, chunk by chunk, and handed back in order.

Each employer draws from its own random stream (seeded by the book seed and its index), so a
chunk of employers is the same whichever process generates it: the book does not depend on how
the work is split. Workers also run the file layout's cell checks and, when the loader offers
one, its preparer (the costly, database-free part of a load); the loader in the calling process
checks the rest and writes. At most a few
chunks are in flight, so memory stays bounded however large the book.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from typing import Any

from retrodesk.adapters.files.layouts import LAYOUTS
from retrodesk.adapters.synth.claims import claim_rows
from retrodesk.adapters.synth.employers import Window, employer_row, profile, report_rows
from retrodesk.adapters.synth.programs import BookFacts
from retrodesk.kernel.errors import ErrorDetail
from retrodesk.programs.ports import ParsedRow, PreparedRows, RowPreparer
from retrodesk.programs.records import RecordKind

__all__ = [
    "Chunk", "ChunkTask", "default_workers", "generate_chunk", "in_order", "worker_pool",
]

Checked = tuple[dict[str, Any], tuple[ErrorDetail, ...]]


@dataclass(frozen=True, slots=True)
class ChunkTask:
    """Employers `start` to `stop` (exclusive) of one kind of rows."""

    kind: RecordKind
    seed: int
    as_of: date
    years: int
    start: int
    stop: int
    links: dict[int, tuple[str, ...]]
    prepare: RowPreparer | None = None


@dataclass(slots=True)
class Chunk:
    """A chunk's rows checked by the file layout (values, problems) or prepared by the loader's
    preparer, and for the reports pass what the programs need to know of its employers."""

    rows: list[Checked]
    facts: BookFacts | None = None
    prepared: PreparedRows | None = None


def default_workers() -> int:
    """One worker per core but one (the calling process loads and writes), at least one."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, (cores or 1))


def generate_chunk(task: ChunkTask) -> Chunk:
    """Generate and cell-check one chunk; runs in a worker or in the calling process alike."""
    window = Window(task.as_of, task.years)
    layout = LAYOUTS[task.kind]
    name = f"synthetic {task.kind.value}"
    facts = BookFacts(task.stop - task.start, task.years)
    rows: list[dict[str, Any]] = []
    for index in range(task.start, task.stop):
        employer = profile(task.seed, index, window)
        if task.kind is RecordKind.EMPLOYERS:
            rows.append(employer_row(task.seed, employer, window, task.links.get(index, ())))
        elif task.kind is RecordKind.CLAIMS:
            rows.extend(claim_rows(task.seed, employer, window))
        else:
            lines = report_rows(task.seed, employer, window)
            good = employer_row(task.seed, employer, window, ())["is_in_good_standing"]
            facts.learn(index - task.start, employer, lines, window,
                        eligible=good and index not in task.links)
            rows.extend(lines)
    parsed = [layout.parse(0, values, name) for values in rows]
    learned = facts if task.kind is RecordKind.REPORTS else None
    if task.prepare is not None:
        return Chunk([], learned, task.prepare(parsed))
    return Chunk([_checked(row) for row in parsed], learned)


def _checked(row: ParsedRow) -> Checked:
    return row.values, row.problems


def worker_pool(workers: int) -> ProcessPoolExecutor | None:
    """A pool of `workers` processes (None for 0: everything runs in the calling process)."""
    if workers <= 0:
        return None
    context = multiprocessing.get_context("spawn")  # no inherited connections or threads
    return ProcessPoolExecutor(workers, mp_context=context)


def in_order(pool: Executor | None, tasks: Iterator[ChunkTask],
             *, ahead: int = 4) -> Iterator[tuple[ChunkTask, Chunk]]:
    """Each task with its chunk, in task order, at most `ahead` chunks in flight."""
    if pool is None:
        for task in tasks:
            yield task, generate_chunk(task)
        return
    pending: deque[tuple[ChunkTask, Future[Chunk]]] = deque()
    for task in tasks:
        pending.append((task, pool.submit(generate_chunk, task)))
        if len(pending) > ahead:
            done, future = pending.popleft()
            yield done, future.result()
    while pending:
        done, future = pending.popleft()
        yield done, future.result()
