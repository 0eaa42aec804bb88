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
from retrodesk.adapters.synth.claims import claim_rows
from retrodesk.adapters.synth.employers import (
    Window,
    account_id,
    employer_row,
    profile,
    report_rows,
    rng_for,
)
from retrodesk.adapters.synth.programs import BookFacts, plan_programs
from retrodesk.programs.imports import SynthesizeBook, synthesize_book
from retrodesk.programs.ports import LoadSummary, ParsedRow, ProgressCallback, UnitOfWork
from retrodesk.programs.records import RecordKind

__all__ = ["SyntheticBook", "generate_book"]

_PROGRESS_EVERY = 500


class SyntheticBook:
    """`BookGenerator`: employers, reports, claims, then sponsors, groups, members, enrollments."""

    def batches(self, command: SynthesizeBook,
                progress: ProgressCallback | None) -> Iterator[tuple[RecordKind,
                                                                     Iterable[ParsedRow]]]:
        window = Window(command.as_of, command.years)
        facts = BookFacts(command.employers, command.years)
        seed = command.seed
        links = _ownership(seed, command.employers)
        yield RecordKind.EMPLOYERS, _parsed(RecordKind.EMPLOYERS, _per_employer(
            command, "employers", progress,
            lambda i: [employer_row(seed, profile(seed, i, window), window, links.get(i, ()))]))
        yield RecordKind.REPORTS, _parsed(RecordKind.REPORTS, _per_employer(
            command, "quarterly reports", progress,
            lambda i: _reports(seed, i, window, facts, has_links=i in links)))
        yield RecordKind.CLAIMS, _parsed(RecordKind.CLAIMS, _per_employer(
            command, "claims", progress,
            lambda i: claim_rows(seed, profile(seed, i, window), window)))
        programs = plan_programs(seed, facts, window)
        yield RecordKind.SPONSORS, _parsed(RecordKind.SPONSORS, programs.sponsors)
        yield RecordKind.GROUPS, _parsed(RecordKind.GROUPS, programs.groups)
        yield RecordKind.MEMBERSHIPS, _parsed(RecordKind.MEMBERSHIPS, programs.memberships)
        yield RecordKind.ENROLLMENTS, _parsed(RecordKind.ENROLLMENTS, programs.enrollments)


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


def _reports(seed: int, index: int, window: Window, facts: BookFacts, *,
             has_links: bool) -> list[dict[str, Any]]:
    """The employer's report rows; its yearly standard premium is kept for the programs."""
    employer = profile(seed, index, window)
    rows = report_rows(seed, employer, window)
    for row in rows:
        months = ((row["quarter_start"].year - window.start.year) * 12
                  + row["quarter_start"].month - window.start.month)
        cents = int((row["accident_fund"] + row["medical_aid"]) * 100)
        facts.premium[index * facts.years + months // 12] += cents
    good = employer_row(seed, employer, window, ())["is_in_good_standing"]
    facts.category[index] = ord(employer.category)
    facts.governing[index] = employer.classes[0][0].code
    facts.eligible[index] = good and not has_links
    return rows


def _per_employer(command: SynthesizeBook, stage: str, progress: ProgressCallback | None,
                  rows_of: Callable[[int], list[dict[str, Any]]]) -> Iterator[dict[str, Any]]:
    for index in range(command.employers):
        yield from rows_of(index)
        if progress is not None and (index + 1) % _PROGRESS_EVERY == 0:
            progress(stage, index + 1, command.employers)
    if progress is not None:
        progress(stage, command.employers, command.employers)


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
