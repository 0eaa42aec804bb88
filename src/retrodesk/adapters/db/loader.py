"""The bulk loader: validated, audited upserts of parsed rows by natural key, in chunks.

All-or-nothing: every row is checked (its cells, cross-field rules, references to existing
records, duplicate keys, rewrites of history); rows are written chunk by chunk while no problem
has been found, and any problem raises InvalidInput listing all of them, so that the unit of
work rolls the whole transaction back. Every row written gets its audit-log row here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import islice
from typing import Any

from sqlalchemy import Connection, Table, Update, and_, bindparam, select, update

from retrodesk.adapters.db.audit import INSERT, UPDATE
from retrodesk.adapters.db.audit_bulk import BulkAudit
from retrodesk.adapters.db.fastinsert import insert_many
from retrodesk.adapters.db.kinds import KINDS, KindSpec, Part
from retrodesk.adapters.db.links import LinkCollector
from retrodesk.kernel.errors import ErrorDetail, InvalidInput
from retrodesk.programs.ports import LoadSummary, ParsedRow, SourceInfo
from retrodesk.programs.records import RecordKind

__all__ = ["BulkLoader", "LoadRun"]

CHUNK = 5_000
MAX_REPORTED = 1_000
Key = tuple[Any, ...]
Numbered = list[tuple[int, dict[str, Any]]]


def chunks(rows: Iterable[ParsedRow], size: int) -> Iterator[list[ParsedRow]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


class LoadRun:
    """The state of one load: problems, keys seen in the file, counts."""

    def __init__(self, kind: RecordKind, source: SourceInfo | None, *, track: bool) -> None:
        self.kind = kind
        self.file = source.file_name if source else kind.value
        self.provenance: dict[str, Any] = {
            "source_file": source.file_name if source else None,
            "source_hash": source.sha256 if source else None,
            "source_as_of": source.as_of if source else None}
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

    def load(self, kind: RecordKind, rows: Iterable[ParsedRow], source: SourceInfo | None,
             *, track_keys: bool = True) -> LoadSummary:
        """Validate and write every row; raises InvalidInput with every problem found.

        `track_keys=False` (a generated book, unique by construction) checks duplicate keys
        within each chunk and by the primary key instead of remembering every key of the file.
        """
        spec = KINDS[kind]
        run = LoadRun(kind, source, track=track_keys)
        links = LinkCollector() if kind is RecordKind.EMPLOYERS else None
        for batch in chunks(rows, CHUNK):
            planned = self._plan(run, spec, batch, links)
            self._write(run, planned)
        if links is not None:
            links.finish(self, run)
        if run.problem_count:
            raise run.fail()
        return LoadSummary(kind, run.rows_read, **run.counts)

    def _plan(self, run: LoadRun, spec: KindSpec, batch: list[ParsedRow],
              links: LinkCollector | None) -> list[tuple[Part, Numbered]]:
        per_part: list[Numbered] = [[] for _ in spec.parts]
        extras = [run.provenance if part.has_provenance else {} for part in spec.parts]
        for row in batch:
            run.rows_read += 1
            for detail in row.problems:
                run.add(detail)
            if row.problems:
                continue
            values, problems = spec.split(row.values)
            for column, message in problems:
                run.problem(row.row_number, column, message)
            if problems:
                continue
            if links is not None:
                links.add(row.row_number, row.values)
            for index, value in enumerate(values):
                if value is not None:
                    dated = _dated(spec.parts[index], value | extras[index])
                    per_part[index].append((row.row_number, dated))
        planned = []
        for index, (part, rows) in enumerate(zip(spec.parts, per_part, strict=True)):
            # A loss run repeats a claim's facts on each of its valuation rows.
            kept = self._dedupe(run, part, rows, repeats=index == 0 and len(spec.parts) > 1)
            self.check_references(run, part, kept)
            planned.append((part, kept))
        return planned

    def _dedupe(self, run: LoadRun, part: Part, rows: Numbered, *, repeats: bool) -> Numbered:
        """Drop repeats of a key; only an expected repeat with the same values passes.

        Keys are remembered by hash for the whole file, so memory stays small for millions of
        rows (a hash collision would be reported as a duplicate, never missed).
        """
        seen = run.seen.setdefault(part.table.name, {}) if run.track else {}
        compared, names = part.compared, part.key
        kept: Numbered = []
        for number, row in rows:
            key = tuple([row[k] for k in names])
            signature = hash(tuple([row.get(c) for c in compared])) if repeats else 0
            hashed = hash(key)
            previous = seen.get(hashed)
            if previous is None:
                seen[hashed] = signature
                kept.append((number, row))
            elif not repeats:
                run.problem(number, part.key[-1], f"duplicate key ({_label(key)}) in the file")
            elif previous != signature:
                run.problem(number, part.key[-1],
                            f"({_label(key)}) appears again with different values")
        return kept

    def check_references(self, run: LoadRun, part: Part, rows: Numbered) -> None:
        for ref in part.references:
            wanted = {row[ref.column] for _, row in rows if row.get(ref.column) is not None}
            known = self._known.setdefault(ref.table.name, set())
            if missing := wanted - known:
                known |= self.existing_keys(ref.table, missing)
            target = ref.table.name.removesuffix("s").replace("_", " ")
            for number, row in rows:
                value = row.get(ref.column)
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


def _dated(part: Part, row: dict[str, Any]) -> dict[str, Any]:
    """A dated part's row with its version date: its own, else the file's as-of date, else the
    fallback column's value (a line with no date at all is its quarter's original report)."""
    dated = part.dated
    if dated is None or row.get(dated.column) is not None:
        return row
    return row | {dated.column: row.get("source_as_of") or row[dated.fallback]}


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
