"""Use cases for record files and the synthetic book: import, export, synthesize.

Each owns its transaction: everything a file holds is written in one commit or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from retrodesk.programs.ports import (
    LoadSummary,
    ParsedRow,
    PreparedRows,
    ProgressCallback,
    RecordFiles,
    RowPreparer,
    SourceInfo,
    UnitOfWork,
)
from retrodesk.programs.records import RecordKind

__all__ = [
    "IMPORT_ORDER",
    "BookGenerator",
    "ExportRecords",
    "ImportRecords",
    "SynthesizeBook",
    "export_records",
    "import_records",
    "synthesize_book",
]

# Kinds in the order their references need them (employers before their reports, …).
IMPORT_ORDER = (
    RecordKind.EMPLOYERS, RecordKind.REPORTS, RecordKind.CLAIMS, RecordKind.SPONSORS,
    RecordKind.GROUPS, RecordKind.MEMBERSHIPS, RecordKind.ENROLLMENTS,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportRecords:
    kind: RecordKind
    path: Path
    as_of: date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ExportRecords:
    kind: RecordKind
    path: Path


@dataclass(frozen=True, slots=True, kw_only=True)
class SynthesizeBook:
    employers: int
    seed: int
    years: int = 5
    as_of: date


class BookGenerator(Protocol):
    """Produces a synthetic book as parsed rows, kind by kind, in `IMPORT_ORDER`.

    `preparer(kind)`, asked when a kind's turn comes, may give a `RowPreparer`: the generator
    then hands over its rows of that kind prepared by it (in its own processes, say).
    """

    def batches(self, command: SynthesizeBook, progress: ProgressCallback | None,
                preparer: Callable[[RecordKind], RowPreparer | None] | None = None,
                ) -> Iterator[tuple[RecordKind, Iterable[ParsedRow | PreparedRows]]]: ...


def import_records(command: ImportRecords, *, uow: UnitOfWork, files: RecordFiles) -> LoadSummary:
    """Import one file of one kind, all-or-nothing.

    Raises:
        InvalidInput: the file cannot be read, or any row is bad (every bad row and column is
            listed); nothing was changed.
    """
    source = files.open(command.kind, command.path, as_of=command.as_of)
    with uow:
        summary = uow.loader.load(command.kind, source.rows(), source.info)
        uow.commit()
    return summary


def export_records(command: ExportRecords, *, uow: UnitOfWork, files: RecordFiles) -> int:
    """Write every record of a kind to a file in its import layout; returns the row count."""
    with uow:
        return files.write(command.kind, command.path, uow.loader.export(command.kind))


def synthesize_book(command: SynthesizeBook, *, uow: UnitOfWork, generator: BookGenerator,
                    progress: ProgressCallback | None = None) -> list[LoadSummary]:
    """Generate a synthetic book and write it through the validating loader, in one commit."""
    source = SourceInfo(f"synthetic book seed={command.seed}", "", command.as_of)
    summaries = []
    with uow:
        loader = uow.loader
        for kind, rows in generator.batches(command, progress,
                                            lambda kind: loader.preparer(kind, source)):
            summaries.append(loader.load(kind, rows, source, track_keys=False))
        uow.commit()
    return summaries
