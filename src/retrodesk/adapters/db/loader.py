"""The bulk loader: validated, audited upserts of parsed rows by natural key, in chunks.

All-or-nothing: every row is checked (its cells, cross-field rules, references to existing
records, duplicate keys, rewrites of history); rows are written chunk by chunk while no problem
has been found, and any problem raises InvalidInput listing all of them, so that the unit of
work rolls the whole transaction back. Every row written gets its audit-log row here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from operator import itemgetter
from typing import Any, TypeVar

from sqlalchemy import Connection, Table, Update, and_, bindparam, exists, select, update

from retrodesk.adapters.db.audit import INSERT, UPDATE
from retrodesk.adapters.db.audit_bulk import AuditStamp, BulkAudit
from retrodesk.adapters.db.fastinsert import Encoded, insert_encoded, insert_many, insert_order
from retrodesk.adapters.db.kinds import KINDS, KindSpec, Part
from retrodesk.adapters.db.links import LinkCollector
from retrodesk.adapters.db.prepare import (
    PreparedBatch,
    Preparer,
    prepare_values,
    provenance,
    repeats,
)
from retrodesk.kernel.errors import ErrorDetail, InvalidInput
from retrodesk.programs.ports import LoadSummary, ParsedRow, PreparedRows, SourceInfo
from retrodesk.programs.records import RecordKind

__all__ = ["BulkLoader", "LoadRun"]

CHUNK = 5_000
MAX_REPORTED = 1_000
Key = tuple[Any, ...]
Numbered = list[tuple[int, dict[str, Any]]]
R = TypeVar("R")  # a row as a stage of the load holds it
# A reader of named columns: given the names, a function from a row to their values (a tuple).
Columns = Callable[[tuple[str, ...]], Callable[[R], Key]]


def chunks(rows: Iterable[ParsedRow | PreparedRows],
           size: int) -> Iterator[list[ParsedRow] | PreparedBatch]:
    """Parsed rows in lists of `size`; a prepared batch as it comes."""
    batch: list[ParsedRow] = []
    for row in rows:
        if isinstance(row, ParsedRow):
            batch.append(row)
            if len(batch) == size:
                yield batch
                batch = []
            continue
        if not isinstance(row, PreparedBatch):
            raise TypeError("prepared rows come from this loader's own preparer")
        if batch:
            yield batch
            batch = []
        yield row
    if batch:
        yield batch


class LoadRun:
    """The state of one load: problems, keys seen in the file, counts."""

    def __init__(self, kind: RecordKind, source: SourceInfo | None, *, track: bool) -> None:
        self.kind = kind
        self.file = source.file_name if source else kind.value
        self.provenance = provenance(source)
        self.track = track
        self.problems: list[ErrorDetail] = []
        self.problem_count = 0
        self.seen: dict[str, dict[int, int]] = {}
        self.counts: dict[str, dict[str, int]] = {"inserted": {}, "updated": {}, "unchanged": {}}
        self.rows_read = 0

    def add(self, detail: ErrorDetail) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_REPORTED:
            self.problems.append(detail)

    def problem(self, row: int, column: str, message: str) -> None:
        self.add(ErrorDetail(f"{self.file}:{row}:{column}", message))

    def count(self, what: str, table: Table, n: int) -> None:
        if n:
            bucket = self.counts[what]
            bucket[table.name] = bucket.get(table.name, 0) + n

    def fail(self) -> InvalidInput:
        details = list(self.problems)
        if self.problem_count > len(details):
            details.append(ErrorDetail(self.file, f"… and {self.problem_count - len(details)} "
                                                  "more problems; nothing was changed"))
        return InvalidInput.of(details)


class BulkLoader:
    """`RecordLoader` on one connection inside the caller's transaction."""

    def __init__(self, connection: Connection, *, actor: str, now: datetime) -> None:
        self.connection = connection
        self._actor = actor
        self._now = now
        self._known: dict[str, set[Any]] = {}

    def load(self, kind: RecordKind, rows: Iterable[ParsedRow | PreparedRows],
             source: SourceInfo | None, *, track_keys: bool = True) -> LoadSummary:
        """Validate and write every row; raises InvalidInput with every problem found.

        `track_keys=False` (a generated book, unique by construction) checks duplicate keys
        within each chunk and by the primary key instead of remembering every key of the file.
        Rows prepared by `preparer` are checked against every key of the input.
        """
        spec = KINDS[kind]
        run = LoadRun(kind, source, track=track_keys)
        links = LinkCollector() if kind is RecordKind.EMPLOYERS else None
        for batch in chunks(rows, CHUNK):
            if isinstance(batch, PreparedBatch):
                self._store_prepared(run, spec, batch)
            else:
                self._write(run, self._plan(run, spec, batch, links))
        if links is not None:
            links.finish(self, run)
        if run.problem_count:
            raise run.fail()
        return LoadSummary(kind, run.rows_read, **run.counts)

    def preparer(self, kind: RecordKind, source: SourceInfo | None) -> Preparer | None:
        """A `Preparer` while every table `kind` writes is empty (its rows are then all inserts);
        None for employers, whose ownership links are checked against the whole file."""
        spec = KINDS[kind]
        if kind is RecordKind.EMPLOYERS or not self._all_empty(spec):
            return None
        dialect = self.connection.dialect
        return Preparer(kind, f"{dialect.name}.{dialect.driver}", provenance(source),
                        AuditStamp.of(dialect, self._actor, self._now))

    def _all_empty(self, spec: KindSpec) -> bool:
        return not any(self.connection.scalar(select(exists().select_from(part.table)))
                       for part in spec.parts)

    def _plan(self, run: LoadRun, spec: KindSpec, batch: list[ParsedRow],
              links: LinkCollector | None) -> list[tuple[Part, Numbered]]:
        per_part: list[Numbered] = [[] for _ in spec.parts]
        for row in batch:
            run.rows_read += 1
            for detail in row.problems:
                run.add(detail)
            if row.problems:
                continue
            values, problems = prepare_values(spec, row.values, run.provenance)
            for column, message in problems:
                run.problem(row.row_number, column, message)
            if problems:
                continue
            if links is not None:
                links.add(row.row_number, row.values)
            for index, value in enumerate(values):
                if value is not None:
                    per_part[index].append((row.row_number, value))
        planned = []
        for index, (part, rows) in enumerate(zip(spec.parts, per_part, strict=True)):
            kept = self._dedupe(run, part, rows, _dict_columns, repeated=repeats(spec, index),
                                track=run.track)
            self.check_references(run, part, kept, _dict_columns)
            planned.append((part, kept))
        return planned

    def _store_prepared(self, run: LoadRun, spec: KindSpec, batch: PreparedBatch) -> None:
        """Check a prepared batch's keys against the whole input and its references, then
        insert its rows with their audit entries (the kind's tables were empty: see
        `preparer`)."""
        if not run.rows_read and not self._all_empty(spec):
            raise RuntimeError(f"prepared {run.kind.value} rows need empty tables")
        first = run.rows_read + 2  # numbered as a file's rows: the header is row 1
        run.rows_read += batch.count
        for position, column, message in batch.problems:
            run.problem(first + position, column, message)
        for index, (part, prepared) in enumerate(zip(spec.parts, batch.parts, strict=True)):
            read = _encoded_columns(insert_order(self.connection.dialect, part.table))
            numbered = zip([first + p for p in prepared.positions],
                           zip(prepared.rows, prepared.audits, strict=True), strict=True)
            kept = self._dedupe(run, part, numbered, read, repeated=repeats(spec, index),
                                track=True)
            self.check_references(run, part, kept, read)
            if run.problem_count:
                continue
            insert_encoded(self.connection, part.table, [row for _, (row, _) in kept])
            audits = BulkAudit(self.connection, actor=self._actor, at=self._now)
            audits.add_rows([audit for _, (_, audit) in kept])
            audits.flush()
            run.count("inserted", part.table, len(kept))

    def _dedupe(self, run: LoadRun, part: Part, rows: Iterable[tuple[int, R]],
                columns: Columns[R], *, repeated: bool, track: bool) -> list[tuple[int, R]]:
        """Drop repeats of a key; only an expected repeat (`repeated`: a loss run's claim
        facts) with the same compared values passes. `columns(names)` reads a row's values.

        Keys are remembered by hash for the whole file, so memory stays small for millions of
        rows (a hash collision would be reported as a duplicate, never missed).
        """
        seen = run.seen.setdefault(part.table.name, {}) if track else {}
        key_of = columns(part.key)
        compared = columns(part.compared) if repeated else None
        kept: list[tuple[int, R]] = []
        for number, row in rows:
            key = key_of(row)
            signature = hash(compared(row)) if compared is not None else 0
            hashed = hash(key)
            previous = seen.get(hashed)
            if previous is None:
                seen[hashed] = signature
                kept.append((number, row))
            elif compared is None:
                run.problem(number, part.key[-1], f"duplicate key ({_label(key)}) in the file")
            elif previous != signature:
                run.problem(number, part.key[-1],
                            f"({_label(key)}) appears again with different values")
        return kept

    def check_references(self, run: LoadRun, part: Part, rows: list[tuple[int, R]],
                         columns: Columns[R]) -> None:
        """Each reference names a stored record; `columns(names)` reads a row's values."""
        for ref in part.references:
            value_of = columns((ref.column,))
            values = [value_of(row)[0] for _, row in rows]
            wanted = {value for value in values if value is not None}
            known = self._known.setdefault(ref.table.name, set())
            if missing := wanted - known:
                known |= self.existing_keys(ref.table, missing)
            target = ref.table.name.removesuffix("s").replace("_", " ")
            for (number, _), value in zip(rows, values, strict=True):
                if value is not None and value not in known:
                    run.problem(number, ref.column, f"unknown {target} {value!r}")

    def existing_keys(self, table: Table, values: set[Any]) -> set[Any]:
        """Which of `values` are keys of rows of `table` (a one-column key)."""
        key = next(iter(table.primary_key.columns))
        found: set[Any] = set()
        ordered = sorted(values)
        for start in range(0, len(ordered), CHUNK):
            found.update(self.connection.scalars(
                select(key).where(key.in_(ordered[start:start + CHUNK]))))
        return found

    def _stored(self, part: Part, names: tuple[str, ...],
                keys: list[Key]) -> Iterator[tuple[Key, dict[str, Any]]]:
        """Stored rows whose `names` columns match one of `keys`, found through the most
        selective of those columns.

        (Row-value `IN` lists are not index lookups on every database; one indexed column is.)
        """
        if not keys:
            return
        wanted = set(keys)
        spread = [len({k[i] for k in keys}) for i in range(len(names))]
        lead = spread.index(max(spread))
        column = part.table.c[names[lead]]
        values = sorted({k[lead] for k in keys})
        for start in range(0, len(values), CHUNK):
            statement = select(part.table).where(column.in_(values[start:start + CHUNK]))
            for row in self.connection.execute(statement).mappings():
                key = tuple(row[k] for k in names)
                if key in wanted:
                    yield key, dict(row)

    def _write(self, run: LoadRun, planned: list[tuple[Part, Numbered]]) -> None:
        for part, rows in planned:
            if part.dated is not None:
                self.add_versions(run, part, rows)
                continue
            existing = dict(self._stored(part, part.key,
                                         [tuple(r[k] for k in part.key) for _, r in rows]))
            self.upsert(run, part, rows, existing)

    def add_versions(self, run: LoadRun, part: Part, rows: Numbered) -> None:
        """Add a dated version unless the version known on its date has the same figures.

        Rule: WAC 296-17B-500 (standard premium changes through audits and late reports and is
        re-read as of each valuation date). A stored version is never rewritten.
        """
        column = part.dated.column if part.dated else ""
        stored: dict[Key, list[dict[str, Any]]] = {}
        names = part.identity
        identities = [tuple([r[k] for k in names]) for _, r in rows]
        for identity, old in self._stored(part, part.identity, identities):
            stored.setdefault(identity, []).append(old)
        figures = tuple(c for c in part.compared if c != column)
        fresh: Numbered = []
        for (number, row), identity in zip(rows, identities, strict=True):
            day = row[column]
            known = max((v for v in stored.get(identity, ()) if v[column] <= day),
                        key=lambda v: v[column], default=None)
            if known is not None and all(known[c] == row.get(c) for c in figures):
                run.count("unchanged", part.table, 1)
            elif known is not None and known[column] == day:
                run.problem(number, column, f"({_label(identity)}) is already recorded as known "
                            f"from {day} with other figures; a correction is imported with the "
                            "later as-of date it became known on")
            else:
                fresh.append((number, row))
        self.upsert(run, part, fresh, {})

    def upsert(self, run: LoadRun, part: Part, rows: Numbered,
               existing: dict[Key, dict[str, Any]]) -> None:
        """Insert new keys, update changed ones (history parts: refuse), skip unchanged ones.

        Nothing is written once any problem has been found: the load will fail anyway.
        """
        table = part.table
        versioned = part.versioned
        compared, names = part.compared, part.key
        inserts, updates = [], []
        audits = BulkAudit(self.connection, actor=self._actor, at=self._now)
        for number, row in rows:
            old = existing.get(tuple([row[k] for k in names])) if existing else None
            if old is None:
                new = row | {"version": 1} if versioned else row
                inserts.append(new)
                audits.add(table, INSERT, None, new)
            elif all(old[c] == row.get(c) for c in compared):
                run.count("unchanged", table, 1)
            elif part.history:
                run.problem(number, part.key[-1], "this valuation is already recorded with "
                            "other values; a loss run adds valuations, never rewrites them")
            else:
                new = old | row | ({"version": old["version"] + 1} if versioned else {})
                updates.append(new)
                audits.add(table, UPDATE, old, new)
        if run.problem_count:
            return
        insert_many(self.connection, table, inserts)
        if updates:
            self.connection.execute(_update_statement(table), [_keyed(part, u) for u in updates])
        audits.flush()
        run.count("inserted", table, len(inserts))
        run.count("updated", table, len(updates))


def _dict_columns(names: tuple[str, ...]) -> Callable[[dict[str, Any]], Key]:
    """Named columns of a parsed row (column name -> value; an absent column is None)."""
    return lambda row: tuple([row.get(name) for name in names])


def _encoded_columns(order: tuple[str, ...]) -> Columns[tuple[Encoded, Any]]:
    """Named columns of a prepared (driver values in `order`, audit row) pair, read by
    `itemgetter` (millions of rows pass here in a synthetic book)."""
    def columns(names: tuple[str, ...]) -> Callable[[tuple[Encoded, Any]], Key]:
        positions = [order.index(name) for name in names]
        if len(positions) == 1:
            position = positions[0]
            return lambda pair: (pair[0][position],)
        values = itemgetter(*positions)
        return lambda pair: values(pair[0])
    return columns


def _label(key: Key) -> str:
    return ", ".join(str(k) for k in key)


def _update_statement(table: Table) -> Update:
    keys = [c.name for c in table.primary_key.columns]
    condition = and_(*(table.c[k] == bindparam(f"key_{k}") for k in keys))
    return update(table).where(condition).values(
        {c.name: bindparam(c.name) for c in table.columns if c.name not in keys})


def _keyed(part: Part, row: dict[str, Any]) -> dict[str, Any]:
    return {**{k: v for k, v in row.items() if k not in part.key},
            **{f"key_{k}": row[k] for k in part.key}}
