"""How each record kind maps onto tables: row splitting, cross-field checks and references.

A parsed row of a kind becomes one or more table rows ("parts"). Each kind names the tables it
writes, in order, whether a table's rows may be updated (a loss run's valuations may not: history
is never rewritten), and the references each part makes to other tables.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import Table

from retrodesk.adapters.db.tables import (
    ClaimRecord,
    ClaimValuationRecord,
    EmployerRecord,
    EnrollmentRecord,
    GroupRecord,
    MembershipRecord,
    QuarterlyReportRecord,
    RiskClassRecord,
    SponsorRecord,
)
from retrodesk.kernel.periods import add_months
from retrodesk.programs.records import RecordKind

__all__ = ["KINDS", "SLOL_OPTIONS", "Dated", "KindSpec", "Part", "Reference", "election_problems"]

Problem = tuple[str, str]  # (column, message)


def _table(record: type) -> Table:
    table: Table = record.__table__  # type: ignore[attr-defined]
    return table


@dataclass(frozen=True, slots=True)
class Reference:
    """`column` of a part must name an existing row of `table` (by its one-column key)."""

    column: str
    table: Table


UNCOMPARED = frozenset({"version", "source_file", "source_hash", "source_as_of"})


@cache
def _key(table: Table) -> tuple[str, ...]:
    return tuple(c.name for c in table.primary_key.columns)


@dataclass(frozen=True, slots=True)
class Dated:
    """A part kept as dated versions: `column` (part of the key) says from when a version was
    known; a row without it takes the file's as-of date, else the value of `fallback`."""

    column: str
    fallback: str


@dataclass(frozen=True, slots=True)
class Part:
    """One table a kind writes; `history` tables only ever gain rows, and a `dated` table gains
    a version only when its figures differ from the version known on the row's date."""

    table: Table
    references: tuple[Reference, ...] = ()
    history: bool = False
    dated: Dated | None = None

    @property
    def key(self) -> tuple[str, ...]:
        return _key(self.table)

    @property
    def identity(self) -> tuple[str, ...]:
        """The key without the version date: what the versions are versions of."""
        return tuple(k for k in self.key if self.dated is None or k != self.dated.column)

    @property
    def compared(self) -> tuple[str, ...]:
        """The columns whose change is a change of the record (not bookkeeping)."""
        return tuple(n for n in column_names(self.table) if n not in UNCOMPARED)

    @property
    def has_provenance(self) -> bool:
        return "source_file" in column_names(self.table)

    @property
    def versioned(self) -> bool:
        return "version" in column_names(self.table)


@dataclass(frozen=True, slots=True)
class KindSpec:
    """The parts a kind writes and a function that splits one row into them (or problems)."""

    parts: tuple[Part, ...]
    split: Callable[[dict[str, Any]], tuple[list[dict[str, Any] | None], list[Problem]]]


EMPLOYERS, CLAIMS = _table(EmployerRecord), _table(ClaimRecord)
SPONSORS, GROUPS = _table(SponsorRecord), _table(GroupRecord)
RISK_CLASSES = _table(RiskClassRecord)


@cache
def column_names(table: Table) -> tuple[str, ...]:
    return tuple(c.name for c in table.columns)


def _columns(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    return {name: values[name] for name in column_names(table) if name in values}


def _split_employer(v: dict[str, Any]) -> tuple[list[dict[str, Any] | None], list[Problem]]:
    problems: list[Problem] = []
    if v["is_in_good_standing"] and v.get("standing_reason"):
        problems.append(("standing_reason", "only an account not in good standing has a reason"))
    if not v["is_in_good_standing"] and not v.get("standing_reason"):
        problems.append(("standing_reason", "an account not in good standing needs the reason"))
    if v["account_id"] in v.get("commonly_owned_with", ()):
        problems.append(("commonly_owned_with", "an account cannot be linked to itself"))
    return [_columns(EMPLOYERS, v)], problems


def _single(table: Table) -> Callable[[dict[str, Any]], tuple[list[dict[str, Any] | None],
                                                              list[Problem]]]:
    def split(v: dict[str, Any]) -> tuple[list[dict[str, Any] | None], list[Problem]]:
        return [_columns(table, v)], []
    return split


def _split_claim(v: dict[str, Any]) -> tuple[list[dict[str, Any] | None], list[Problem]]:
    problems: list[Problem] = []
    if v["received_date"] < v["injury_date"]:
        problems.append(("received_date", "is before the injury (or last exposure) date"))
    if v["valuation_date"] < v["injury_date"]:
        problems.append(("valuation_date", "is before the injury (or last exposure) date"))
    if (v["claim_type"] == "fatal") != bool(v["is_fatal"]):
        problems.append(("is_fatal", "must be true exactly when claim_type is fatal"))
    return [_columns(CLAIMS, v), _columns(_table(ClaimValuationRecord), v)], problems


# Rule: WAC 296-17B-300(1) single loss occurrence limit options (version effective 2017-06-30).
SLOL_OPTIONS = frozenset(Decimal(x) for x in (
    120_000, 160_000, 250_000, 275_000, 380_000, 500_000, 550_000, 800_000, 1_000_000))


def election_problems(v: dict[str, Any]) -> list[Problem]:
    """Plan elections checks V1, V3–V6 of WAC 296-17B-300 (the premium tests need premium)."""
    problems: list[Problem] = []
    limit, high, low = v.get("single_loss_limit"), v.get("max_loss_ratio"), v.get("min_loss_ratio")
    if v.get("plan_basis") is None:
        problems.append(("plan_basis", "the plan basis (premium or loss) is required"))
    if limit is not None and limit not in SLOL_OPTIONS:
        problems.append(("single_loss_limit", f"{limit} is not a WAC 296-17B-300(1) option"))
    if high is None or not Decimal("0.40") <= high <= Decimal("1.60"):
        problems.append(("max_loss_ratio", "must be from 0.4000 to 1.6000 (WAC 296-17B-300(3)(c))"))
    if low is None or not Decimal("0") <= low <= Decimal("0.60"):
        problems.append(("min_loss_ratio", "must be from 0.0000 to 0.6000 (WAC 296-17B-300(3)(c))"))
    if high is not None and low is not None and low > high - Decimal("0.20"):
        problems.append(("min_loss_ratio", "must be at least 0.20 below the maximum "
                                           "(WAC 296-17B-300(3)(b))"))
    return problems


def _enrollment_problems(v: dict[str, Any]) -> list[Problem]:
    account, group = v.get("account_id"), v.get("group_id")
    start = v["coverage_start"]
    problems: list[Problem] = []
    if account is None and group is None:
        problems.append(("account_id", "an enrollment names an account, a group, or both"))
    if not start <= v["first_quarter"] <= v["last_quarter"] <= add_months(start, 9):
        problems.append(("first_quarter", "enrolled quarters must lie in the coverage period "
                                          "and first_quarter <= last_quarter"))
    if account is not None and group is not None:
        if any(v.get(c) is not None for c in ("plan_basis", "max_loss_ratio", "min_loss_ratio")):
            problems.append(("plan_basis", "a group member takes the group's plan elections"))
        if not v["is_endorsed"]:
            problems.append(("is_endorsed", "a member's application is endorsed by the sponsor "
                                            "(WAC 296-17B-280)"))
    else:
        problems.extend(election_problems(v))
    return problems


def _split_enrollment(v: dict[str, Any]) -> tuple[list[dict[str, Any] | None], list[Problem]]:
    problems = _enrollment_problems(v)
    if problems:
        return [None], problems
    row = dict(v)
    is_group = v.get("account_id") is None
    row["participant_kind"] = "group" if is_group else "employer"
    row["participant_id"] = v["group_id"] if is_group else v["account_id"]
    return [_columns(_table(EnrollmentRecord), row)], []


def _refs(*pairs: tuple[str, Table]) -> tuple[Reference, ...]:
    return tuple(Reference(column, table) for column, table in pairs)


KINDS: dict[RecordKind, KindSpec] = {
    RecordKind.EMPLOYERS: KindSpec(
        (Part(EMPLOYERS, _refs(("governing_class", RISK_CLASSES))),), _split_employer),
    RecordKind.REPORTS: KindSpec(
        (Part(_table(QuarterlyReportRecord),
              _refs(("account_id", EMPLOYERS), ("risk_class", RISK_CLASSES)),
              dated=Dated("known_from", fallback="quarter_start")),),
        _single(_table(QuarterlyReportRecord))),
    RecordKind.CLAIMS: KindSpec(
        (Part(CLAIMS, _refs(("account_id", EMPLOYERS), ("risk_class", RISK_CLASSES))),
         Part(_table(ClaimValuationRecord), history=True)), _split_claim),
    RecordKind.SPONSORS: KindSpec((Part(SPONSORS),), _single(SPONSORS)),
    RecordKind.GROUPS: KindSpec(
        (Part(GROUPS, _refs(("sponsor_id", SPONSORS))),), _single(GROUPS)),
    RecordKind.MEMBERSHIPS: KindSpec(
        (Part(_table(MembershipRecord),
              _refs(("sponsor_id", SPONSORS), ("account_id", EMPLOYERS))),),
        _single(_table(MembershipRecord))),
    RecordKind.ENROLLMENTS: KindSpec(
        (Part(_table(EnrollmentRecord), _refs(("account_id", EMPLOYERS), ("group_id", GROUPS))),),
        _split_enrollment),
}
