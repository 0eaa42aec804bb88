"""The database-free part of loading rows, which a generator can run in its worker processes.

Loading a row splits it into its tables' rows with the kind's cross-field checks, dates its
versions and adds the provenance (`prepare_values`, for every load); a row that will be inserted
is then encoded for the driver and gets its audit entry. Only the last steps need the database:
duplicate keys across the whole input, references to stored records, and the write. While every
table a kind writes is empty, every row that passes is an insert, so all the rest can be done
ahead and anywhere: `Preparer` is that work as a picklable function and `PreparedBatch` its
result, which `BulkLoader` checks and writes exactly as it would the parsed rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import Dialect

from retrodesk.adapters.db.audit import INSERT
from retrodesk.adapters.db.audit_bulk import AuditStamp, audit_texts
from retrodesk.adapters.db.fastinsert import Encoded, dialect_named, row_encoder
from retrodesk.adapters.db.kinds import KINDS, KindSpec, Part, Problem
from retrodesk.programs.ports import ParsedRow, SourceInfo
from retrodesk.programs.records import RecordKind

__all__ = ["PreparedBatch", "PreparedPart", "Preparer", "prepare_values", "provenance", "repeats"]


def provenance(source: SourceInfo | None) -> dict[str, Any]:
    """The provenance columns every row of a source carries: file name, hash, as-of date."""
    return {"source_file": source.file_name if source else None,
            "source_hash": source.sha256 if source else None,
            "source_as_of": source.as_of if source else None}


def prepare_values(spec: KindSpec, values: dict[str, Any],
                   source: dict[str, Any]) -> tuple[list[dict[str, Any] | None], list[Problem]]:
    """One parsed row as its tables' rows (None: nothing for that table), or its problems."""
    rows, problems = spec.split(values)
    if problems:
        return rows, problems
    return [None if row is None else _dated(part, row | source if part.has_provenance else row)
            for part, row in zip(spec.parts, rows, strict=True)], []


def repeats(spec: KindSpec, index: int) -> bool:
    """Whether rows of the kind repeat the part's row (a loss run: each valuation row repeats
    the claim's facts), so that an equal repeat of a key is expected, not a duplicate."""
    return index == 0 and len(spec.parts) > 1


def _dated(part: Part, row: dict[str, Any]) -> dict[str, Any]:
    """A dated part's row with its version date: its own, else the file's as-of date, else the
    fallback column's value (a line with no date at all is its quarter's original report)."""
    dated = part.dated
    if dated is None or row.get(dated.column) is not None:
        return row
    return row | {dated.column: row.get("source_as_of") or row[dated.fallback]}


@dataclass(slots=True)
class PreparedPart:
    """One table's rows of a batch, each to be inserted: driver values, audit row, and the
    position in the batch of the row it came from."""

    rows: list[Encoded] = field(default_factory=list)
    audits: list[Encoded] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)


@dataclass(slots=True)
class PreparedBatch:
    """`count` consecutive rows, prepared: their problems (position, column, message) and, per
    table the kind writes, the rows to insert."""

    count: int
    problems: list[tuple[int, str, str]]
    parts: list[PreparedPart]


@dataclass(frozen=True, slots=True)
class Preparer:
    """`RowPreparer` for a kind whose tables are empty, loading into `dialect`'s database, the
    changes audited with `stamp`."""

    kind: RecordKind
    dialect: str
    source: dict[str, Any]
    stamp: AuditStamp

    def __call__(self, rows: Sequence[ParsedRow]) -> PreparedBatch:
        spec = KINDS[self.kind]
        encoders = [row_encoder(_dialect(self.dialect), part.table, portable=True)
                    for part in spec.parts]
        parts = [PreparedPart() for _ in spec.parts]
        problems: list[tuple[int, str, str]] = []
        previous: list[dict[str, Any] | None] = [None] * len(parts)
        for position, row in enumerate(rows):
            if row.problems:
                problems.extend((position, p.path.rsplit(":", 1)[-1], p.message)
                                for p in row.problems)
                continue
            values, found = prepare_values(spec, row.values, self.source)
            if found:
                problems.extend((position, column, message) for column, message in found)
                continue
            for index, value in enumerate(values):
                # A loss run repeats a claim's facts on each valuation row: an exact repeat of
                # the row before is dropped here, as the loader's duplicate check would drop it.
                if value is None or (value == previous[index] and repeats(spec, index)):
                    continue
                previous[index] = value
                part, out = spec.parts[index], parts[index]
                new = value | {"version": 1} if part.versioned else value
                out.rows.append(encoders[index](new))
                key, _, after = audit_texts(part.table, None, new)
                out.audits.append(self.stamp.row(part.table.name, INSERT, key, None, after))
                out.positions.append(position)
        return PreparedBatch(len(rows), problems, parts)


@cache
def _dialect(name: str) -> Dialect:
    return dialect_named(name)
