"""Loading an official retro table (CSV or Excel) into the rules folder: validate all, then write.

Rule: WAC 296-17B-040; retro.md §6 "Import checks". A good file is written atomically with its
citation and effective range and supersedes the illustrative table for those dates; a bad file
changes nothing and every problem is reported by file, row and column. Layouts:
docs/rule-tables.md. An adoption date inside a quarter first governs the next quarter start
(retro.md §1), so windows are stored as coverage-period start quarters.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from retrodesk.kernel.parsing import Problems
from retrodesk.kernel.periods import Effective, add_months, quarter_start
from retrodesk.rules.model import Origin, Parameter
from retrodesk.rules.retro import overlay
from retrodesk.rules.retro.book import RetroRulebook
from retrodesk.rules.retro.catalog import PARAMETERS, load_retro_rulebook
from retrodesk.rules.retro.insurance import KEY_COLUMNS
from retrodesk.rules.retro.insurance_import import ALIASES as INSURANCE_ALIASES
from retrodesk.rules.retro.insurance_import import insurance_files
from retrodesk.rules.retro.loading_rows import (
    actuarial_files,
    hazard_group_files,
    parameter_files,
    size_group_files,
)
from retrodesk.rules.tabular import Sheet, read_sheet, window_problems

__all__ = ["KINDS", "governing_window", "load_official_table"]

KINDS = overlay.KINDS
PARAMETER_LABEL = {name: label for name, (label, _, _) in PARAMETERS.items()}
THIS_LOAD = "this load"


@dataclass(frozen=True, slots=True)
class _Layout:
    required: tuple[str, ...]
    aliases: dict[str, str]
    extra: bool = False


_QUARTER = {"quarter": "coverage_period_start", "start_quarter": "coverage_period_start",
            "adjustment_number": "adjustment"}
LAYOUTS = {
    "parameters": _Layout(("parameter", "value"), {"name": "parameter", "factor": "value"}),
    "size-groups": _Layout(("size_group", "low", "high"),
                           {"sg": "size_group", "from": "low", "to": "high"}),
    "hazard-groups": _Layout(("risk_class", "hazard_group"),
                             {"class": "risk_class", "hg": "hazard_group"}),
    "insurance": _Layout(KEY_COLUMNS, INSURANCE_ALIASES, extra=True),
    "dldf": _Layout(("coverage_period_start", "adjustment", "claim_type", "fund", "factor"),
                    {**_QUARTER, "dldf": "factor"}),
    "elr": _Layout(("coverage_period_start", "adjustment", "fund", "factor"),
                   {**_QUARTER, "elr": "factor"}),
    "paf": _Layout(("coverage_period_start", "adjustment", "factor"),
                   {**_QUARTER, "paf": "factor"}),
}


def _next_quarter_start(day: date) -> date:
    start = quarter_start(day)
    return start if start == day else add_months(start, 3)


def governing_window(effective_from: date, effective_to: date | None) -> Effective:
    """Coverage-period starts governed by a rule adopted `effective_from` through `effective_to`.

    Rule: retro.md §1 — a mid-quarter effective date first governs the next quarter start;
    `effective_to` is the last day (inclusive) the adopted value is effective.

    Raises:
        ValueError: the range contains no coverage-period start.
    """
    start = _next_quarter_start(effective_from)
    end = None if effective_to is None else _next_quarter_start(overlay.day_after(effective_to))
    return Effective(start, end)


def _window(effective_from: date, effective_to: date | None, problems: Problems) -> Effective:
    try:
        return governing_window(effective_from, effective_to)
    except ValueError:
        problems.add("effective_to", f"{effective_to} leaves no coverage-period start after "
                                     f"{effective_from} for the table to govern")
        return Effective(_next_quarter_start(effective_from))


def _official_windows(parameter: Parameter[Any]) -> list[tuple[str, Effective]]:
    return [(v.version, v.effective) for v in parameter.versions if v.origin is Origin.OFFICIAL]


def _existing_windows(book: RetroRulebook, kind: str, names: Sequence[str]) -> dict[
        str, list[tuple[str, Effective]]]:
    """Official windows already in force, per rulebook parameter the load touches."""
    if kind == "hazard-groups":
        windows = {(v.version, v.effective) for p in book.class_hazard_group.entries.values()
                   for v in p.versions if v.origin is Origin.OFFICIAL}
        return {"class_hazard_group": sorted(windows, key=lambda w: w[1].start)}
    return {name: _official_windows(getattr(book, name)) for name in names}


def _check_windows(book: RetroRulebook, kind: str, names: Sequence[str], window: Effective,
                   problems: Problems) -> None:
    for name, existing in _existing_windows(book, kind, names).items():
        # Only problems this load adds: the rules folder was checked when each earlier load came.
        before = set(window_problems(existing))
        for found in window_problems([*existing, (THIS_LOAD, window)]):
            if found not in before:
                problems.add("effective_from", f"{PARAMETER_LABEL.get(name, name)}: {found[1]}")


def _validate(kind: str, sheet: Sheet, book: RetroRulebook, window: Effective,
              problems: Problems) -> tuple[dict[str, str], tuple[str, ...]]:
    """The files of the load and the rulebook parameters it supersedes (for window checks)."""
    validators: dict[str, Callable[[], tuple[dict[str, str], tuple[str, ...]]]] = {
        "parameters": lambda: parameter_files(sheet, problems),
        "size-groups": lambda: (size_group_files(sheet, problems), ("size_groups",)),
        "hazard-groups": lambda: (hazard_group_files(sheet, problems), ("class_hazard_group",)),
        "insurance": lambda: ({f"insurance/{n}": t for n, t in insurance_files(sheet, problems)
                               .items()}, ("insurance_tables",)),
    }
    if kind in validators:
        return validators[kind]()
    return actuarial_files(kind, sheet, book, window, problems), ()


def load_official_table(overlay_dir: Path, kind: str, file: Path, *, citation: str,
                        effective_from: date, effective_to: date | None = None) -> overlay.Entry:
    """Validate an administrator's table and write it into `overlay_dir` as an official version.

    Raises:
        InvalidInput: every problem found (paths `file:row N:column C`); nothing was written.
    """
    problems = Problems()
    if kind not in LAYOUTS:
        problems.add("kind", f"{kind!r} is not one of {', '.join(KINDS)}")
        problems.raise_if_any()
    if not citation.strip():
        problems.add("citation", "is required (e.g. 'WSR 23-17-146, eff. 2023-10-01')")
    window = _window(effective_from, effective_to, problems)
    layout = LAYOUTS[kind]
    sheet = read_sheet(file, required=layout.required, aliases=layout.aliases,
                       problems=problems, extra=layout.extra)
    book = load_retro_rulebook(overlay_dir)
    files: dict[str, str] = {}
    if sheet is not None:
        files, names = _validate(kind, sheet, book, window, problems)
        _check_windows(book, kind, names, window, problems)
    problems.raise_if_any()
    path = overlay.write(overlay_dir, kind, files, citation=citation.strip(), effective=window,
                         source=file.name, adopted=effective_from)
    return next(e for e in overlay.entries(overlay_dir, kind) if e.folder == path)
