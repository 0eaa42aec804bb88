"""Ports of the programs: the unit of work, its repositories, the clock and the record files.

Adapters implement these `Protocol`s (adapters/db, adapters/files, adapters/synth); use cases
receive them as arguments and own the transaction (`with uow: … uow.commit()`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, Self, TypeVar

from retrodesk.kernel.errors import ErrorDetail
from retrodesk.programs.records import (
    AdjustmentResult,
    AuditEntry,
    Claim,
    ClaimAsOf,
    ClaimValuation,
    CodeCount,
    Employer,
    Enrollment,
    Group,
    Membership,
    ParticipantKind,
    QuarterlyReport,
    RecordKind,
    Sponsor,
    User,
)
from retrodesk.programs.workflow import (
    AppealCase,
    Application,
    CollectionOrder,
    DisclosedTerms,
    IssuedDocument,
    Notice,
    NoticeHeader,
    Payment,
    Payout,
    Protest,
    Recommendation,
    RemovalRequest,
    Run,
    Sanction,
    Standing,
    TrainingAttendance,
    Transition,
)
from retrodesk.rules.model import Lookup
from retrodesk.rules.retro.book import SizeGroupRow

__all__ = [
    "AdjustmentResultRepository",
    "AuditLog",
    "ClaimRepository",
    "Clock",
    "EmployerRepository",
    "EnrollmentRepository",
    "GroupRepository",
    "LoadSummary",
    "MembershipRepository",
    "NoticeRepository",
    "ParsedRow",
    "PreparedRows",
    "ProgressCallback",
    "RecordFiles",
    "RecordLoader",
    "RecordSource",
    "ReportRepository",
    "RetroEngine",
    "RowPreparer",
    "SourceInfo",
    "SponsorRepository",
    "UnitOfWork",
    "UnitOfWorkFactory",
    "UserRepository",
    "WorkflowRepository",
    "WorkflowUnitOfWork",
    "WorkflowUnitOfWorkFactory",
]

ProgressCallback = Callable[[str, int, int], None]
"""`progress(stage, done, total)`: called as a long run advances."""


class Clock(Protocol):
    """Where "now" comes from; code below the entry points never reads the system clock."""

    def now(self) -> datetime: ...

    def today(self) -> date: ...


@dataclass(frozen=True, slots=True)
class ParsedRow:
    """One data row of a file: canonical column name -> typed value, and what is wrong with it.

    `row_number` counts the file's lines as a spreadsheet shows them (the header is row 1).
    """

    row_number: int
    values: dict[str, Any]
    problems: tuple[ErrorDetail, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Provenance stored on every imported row: file name, SHA-256 and the file's as-of date."""

    file_name: str
    sha256: str
    as_of: date | None


@dataclass(frozen=True, slots=True)
class LoadSummary:
    """What a load changed, per table: rows inserted, updated and unchanged."""

    kind: RecordKind
    rows_read: int
    inserted: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)


class RecordSource(Protocol):
    """An opened record file: its provenance and its parsed rows (read lazily, once)."""

    @property
    def info(self) -> SourceInfo: ...

    def rows(self) -> Iterator[ParsedRow]: ...


class RecordFiles(Protocol):
    """Reading and writing record files in the documented layouts (CSV, Excel, Parquet)."""

    def open(self, kind: RecordKind, path: Path, *, as_of: date | None) -> RecordSource: ...

    def write(self, kind: RecordKind, path: Path, rows: Iterable[dict[str, Any]]) -> int: ...


class PreparedRows(Protocol):
    """Consecutive rows a loader's `RowPreparer` made ready to store; only that loader reads
    them. `count` is how many rows of the input they stand for."""

    @property
    def count(self) -> int: ...


class RowPreparer(Protocol):
    """The database-free part of loading rows of one kind (splitting, cross-field checks,
    encoding, audit entries); picklable, so that a generator can run it in worker processes."""

    def __call__(self, rows: Sequence[ParsedRow]) -> PreparedRows: ...


class RecordLoader(Protocol):
    """Validated, audited upsert of parsed rows by natural key, and export in the file layout."""

    def load(
        self, kind: RecordKind, rows: Iterable[ParsedRow | PreparedRows],
        source: SourceInfo | None, *, track_keys: bool = True,
    ) -> LoadSummary:
        """Raises InvalidInput listing every bad row and column; the caller then rolls back.

        `track_keys=False` is for generated rows, unique by construction: duplicates are then
        checked within each chunk and by the primary key, not remembered for the whole input.
        Prepared rows (from this loader's `preparer`) are always checked against the whole input.
        """
        ...

    def preparer(self, kind: RecordKind, source: SourceInfo | None) -> RowPreparer | None:
        """A preparer for rows of `kind`, or None when loading them needs the stored rows (the
        kind's tables already hold some): then rows are loaded as parsed."""
        ...

    def export(self, kind: RecordKind) -> Iterator[dict[str, Any]]: ...


class EmployerRepository(Protocol):
    def get(self, account_id: str) -> Employer | None: ...

    def add(self, employer: Employer) -> None: ...

    def update(self, employer: Employer) -> None: ...

    def list(self, *, offset: int = 0, limit: int = 100) -> list[Employer]: ...

    def legal_names(self, account_ids: Collection[str]) -> dict[str, str]:
        """Legal name by account, for the accounts that exist (one read for a document)."""
        ...

    def commonly_owned(self, account_id: str) -> set[str]:
        """The connected set of commonly owned employers (WAC 296-17B-770), without `account_id`."""
        ...


class ReportRepository(Protocol):
    def for_accounts(
        self, account_ids: Sequence[str], first_quarter: date, last_quarter: date, *,
        as_of: date | None = None,
    ) -> list[QuarterlyReport]:
        """Report lines of the quarters in range, each in its version known on `as_of` (the
        latest when None), ordered by account, quarter and class (WAC 296-17B-500)."""
        ...

    def versions(self, account_id: str, quarter_start: date,
                 risk_class: str) -> list[QuarterlyReport]:
        """Every version of one report line, oldest first."""
        ...

    def hours_by_class(self, classes: Collection[str], first_quarter: date, last_quarter: date,
                       *, as_of: date) -> dict[str, Decimal]:
        """Hours reported by every employer in each of the classes over the quarters in range,
        each report line in its version known on `as_of` (classes without hours are absent)."""
        ...


class ClaimRepository(Protocol):
    def get(self, claim_number: str) -> Claim | None: ...

    def valuations(self, claim_number: str) -> list[ClaimValuation]:
        """Every valuation of the claim, oldest first."""
        ...

    def as_of(self, claim_number: str, as_of: date) -> ClaimAsOf | None:
        """The claim as known on `as_of` (None if not yet valued then)."""
        ...

    def losses_as_of(
        self, account_ids: Sequence[str], injury_from: date, injury_to: date, as_of: date,
    ) -> list[ClaimAsOf]:
        """Claims of the accounts injured from `injury_from` to `injury_to`, as known on `as_of`."""
        ...

    def code_counts(self, classes: Collection[str], injury_from: date, injury_to: date, *,
                    as_of: date) -> list[CodeCount]:
        """Claims of every employer in the classes, injured in the range and valued by `as_of`
        (known then, as `losses_as_of` reads them), counted by class and loss-control codes
        (ordered by those)."""
        ...


class SponsorRepository(Protocol):
    def get(self, sponsor_id: str) -> Sponsor | None: ...

    def add(self, sponsor: Sponsor) -> None: ...

    def list(self) -> list[Sponsor]: ...


class GroupRepository(Protocol):
    def get(self, group_id: str) -> Group | None: ...

    def add(self, group: Group) -> None: ...

    def for_sponsor(self, sponsor_id: str) -> list[Group]: ...


class MembershipRepository(Protocol):
    def get(self, sponsor_id: str, account_id: str) -> Membership | None: ...

    def add(self, membership: Membership) -> None: ...

    def for_sponsor(self, sponsor_id: str) -> list[Membership]: ...


class EnrollmentRepository(Protocol):
    def get(
        self, kind: ParticipantKind, participant_id: str, coverage_start: date,
    ) -> Enrollment | None: ...

    def add(self, enrollment: Enrollment) -> None: ...

    def update(self, enrollment: Enrollment) -> None: ...

    def members(self, group_id: str, coverage_start: date) -> list[Enrollment]: ...

    def for_period(self, coverage_start: date, *, members: bool = True) -> list[Enrollment]:
        """The period's enrollments; without group members when `members` is False."""
        ...


class AdjustmentResultRepository(Protocol):
    def add(self, result: AdjustmentResult) -> None:
        """Raises Conflict if that participant, period, adjustment, date and revision exist."""
        ...

    def for_participant(
        self, kind: ParticipantKind, participant_id: str,
    ) -> list[AdjustmentResult]: ...


class UserRepository(Protocol):
    def get(self, user_id: int) -> User | None: ...

    def by_username(self, username: str) -> User | None: ...

    def by_token_hash(self, token_hash: str) -> User | None: ...

    def add(self, user: User) -> User:
        """Store a new user; returns it with its id."""
        ...

    def update(self, user: User) -> None: ...


class AuditLog(Protocol):
    def history(self, table_name: str, record_key: str) -> list[AuditEntry]:
        """Every change of one record, oldest first."""
        ...


class UnitOfWork(Protocol):
    """One transaction: repositories inside, explicit commit, rollback on leaving uncommitted."""

    employers: EmployerRepository
    reports: ReportRepository
    claims: ClaimRepository
    sponsors: SponsorRepository
    groups: GroupRepository
    memberships: MembershipRepository
    enrollments: EnrollmentRepository
    adjustment_results: AdjustmentResultRepository
    users: UserRepository
    audit: AuditLog
    loader: RecordLoader

    def __enter__(self) -> Self: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...


UnitOfWorkFactory = Callable[[], UnitOfWork]


# --- Workflow ports (enrollment, adjustment runs, protests, appeals, standing, payouts) ---------
# Records in programs/workflow.py; in-memory adapters in adapters/memory.py, SQL in
# adapters/db/workflow.py; one contract test suite runs against both (tests/contract).

R = TypeVar("R")


class WorkflowRepository(Protocol[R]):
    """Workflow records by key. `update` refuses a stale version (a concurrent edit)."""

    def get(self, key: str) -> R | None: ...

    def add(self, record: R) -> None:
        """Raises Conflict when the key exists."""
        ...

    def update(self, record: R) -> None:
        """Store `record`, whose version must be the stored version + 1; else Conflict."""
        ...

    def in_state(self, states: Collection[str]) -> list[R]:
        """The records whose state is one of `states`, in key order."""
        ...

    def list(self) -> list[R]:
        """Every record, in key order."""
        ...


class NoticeRepository(WorkflowRepository[Notice], Protocol):
    def headers(self, states: Collection[str] | None = None) -> list[NoticeHeader]:
        """Headers of the notices in one of `states` (all when None), in key order; the
        stored cases and worksheets are not read."""
        ...


class WorkflowUnitOfWork(Protocol):
    """The transaction the workflows run in: the records they read plus their own."""

    employers: EmployerRepository
    reports: ReportRepository
    claims: ClaimRepository
    sponsors: SponsorRepository
    groups: GroupRepository
    memberships: MembershipRepository
    enrollments: EnrollmentRepository
    adjustment_results: AdjustmentResultRepository
    applications: WorkflowRepository[Application]
    removals: WorkflowRepository[RemovalRequest]
    notices: NoticeRepository
    protests: WorkflowRepository[Protest]
    appeals: WorkflowRepository[AppealCase]
    standings: WorkflowRepository[Standing]
    payouts: WorkflowRepository[Payout]
    runs: WorkflowRepository[Run]
    documents: WorkflowRepository[IssuedDocument]
    transitions: WorkflowRepository[Transition]
    sanctions: WorkflowRepository[Sanction]
    collections: WorkflowRepository[CollectionOrder]
    payments: WorkflowRepository[Payment]
    training: WorkflowRepository[TrainingAttendance]
    terms: WorkflowRepository[DisclosedTerms]
    recommendations: WorkflowRepository[Recommendation]

    def __enter__(self) -> Self: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...


WorkflowUnitOfWorkFactory = Callable[[], WorkflowUnitOfWork]


class RetroEngine(Protocol):
    """The retro calculation as the workflows call it, on the contract's JSON documents."""

    def calculate(self, case: Mapping[str, Any]) -> dict[str, Any]:
        """The result document of spec/calc-io.md for one case."""
        ...

    def plan_violations(self, case: Mapping[str, Any]) -> list[ErrorDetail]:
        """Every plan-option violation of the case's elections (WAC 296-17B-300)."""
        ...

    def size_groups(self, coverage_start: date) -> Lookup[tuple[SizeGroupRow, ...]]:
        """The size-group table in force for a coverage period (WAC 296-17B-900)."""
        ...
