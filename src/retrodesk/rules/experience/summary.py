"""What the experience rulebook holds for each rating year, with provenance — for people to review.

Rule: experience.md §1.3 — every value says whether it is official or illustrative. Lines are the
retro summary's `VersionLine`, so `retrodesk rules show` prints both rulebooks alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import fields

from retrodesk.kernel.errors import RuleNotInForce
from retrodesk.rules.experience.book import (
    BandTable,
    ExperienceRulebook,
    LimitationRule,
    RatingYear,
)
from retrodesk.rules.experience.catalog import packaged_years
from retrodesk.rules.model import Origin, Parameter, Table
from retrodesk.rules.retro.summary import VersionLine

__all__ = ["describe_years"]


def _text(value: object) -> str:
    if isinstance(value, BandTable):
        return f"{len(value.lowers)} bands of expected losses"
    if isinstance(value, LimitationRule):
        return (f"±{value.max_change:%} of the prior; prior above {value.exception_prior} and "
                f"factor below {value.exception_factor}: {value.exception_factor}")
    if isinstance(value, frozenset):
        return ", ".join(sorted(map(str, value))) or "(none)"
    return str(value)


def _parameter(year: RatingYear, parameter: Parameter[object]) -> Iterator[VersionLine]:
    try:
        found = year.value(parameter, parameter.name)
    except RuleNotInForce:
        return
    chosen = next(v for v in parameter.versions if v.version == found.source.version)
    yield VersionLine(parameter.name, parameter.label, parameter.rule, chosen.effective,
                      found.source.origin, found.source.version, _text(found.value))


def _table(year: RatingYear, table: Table[object, object]) -> Iterator[VersionLine]:
    """One line per (origin, version) of the values in force, with how many there are."""
    groups: dict[tuple[Origin, str], int] = {}
    for key in table.entries:
        found = year.keyed(table, key, table.label, table.name)
        groups[found.source.origin, found.source.version] = groups.get(
            (found.source.origin, found.source.version), 0) + 1
    span = next(iter(table.entries.values())).versions[0].effective if table.entries else None
    for (origin, version), count in sorted(groups.items()):
        if span is not None:
            yield VersionLine(table.name, table.label, table.rule, span, origin, version,
                              f"{count} values")


def describe_years(book: ExperienceRulebook, rating_years: Iterable[int] | None = None,
                   ) -> list[VersionLine]:
    """Every table and parameter in force for each rating year (default: the packaged years)."""
    lines: list[VersionLine] = []
    for rating_year in rating_years if rating_years is not None else packaged_years():
        year = book.year(rating_year)
        for field in fields(year.tables):
            item = getattr(year.tables, field.name)
            lines += _table(year, item) if isinstance(item, Table) else _parameter(year, item)
    return lines
