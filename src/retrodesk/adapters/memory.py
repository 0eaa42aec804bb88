"""In-memory repositories and unit of work, for tests and demos; they honour the port contracts.

A `MemoryDatabase` holds committed rows; each `InMemoryUnitOfWork` works on a copy and writes it
back only on `commit()`, so an exception or a missing commit leaves the database untouched, as a
rolled-back SQL transaction would.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

from retrodesk.kernel.errors import Conflict
from retrodesk.programs.records import (
    AdjustmentResult,
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
    Sponsor,
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

__all__ = [
    "FrozenClock",
    "InMemoryAdjustmentResultRepository",
    "InMemoryClaimRepository",
    "InMemoryEmployerRepository",
    "InMemoryEnrollmentRepository",
    "InMemoryGroupRepository",
    "InMemoryMembershipRepository",
    "InMemoryNoticeRepository",
    "InMemoryReportRepository",
    "InMemorySponsorRepository",
    "InMemoryUnitOfWork",
    "InMemoryWorkflowRepository",
    "MemoryDatabase",
]

R = TypeVar("R")
Rows = dict[Any, Any]


@dataclass(slots=True)
class FrozenClock:
    """A clock that shows a set day (noon UTC) until it is moved."""

    day: date

    def today(self) -> date:
        return self.day

    def now(self) -> datetime:
        return datetime.combine(self.day, time(12), tzinfo=UTC)

    def set(self, day: date) -> None:
        self.day = day


@dataclass(slots=True)
class MemoryDatabase:
    """Committed rows, table name → key → record."""

    tables: dict[str, Rows] = field(default_factory=dict)

    def table(self, name: str) -> Rows:
        return self.tables.setdefault(name, {})


class InMemoryWorkflowRepository(Generic[R]):
    """Workflow records by `key`, with the version check of `update`."""

    def __init__(self, rows: Rows | None = None) -> None:
        self._rows: Rows = {} if rows is None else rows

    def get(self, key: str) -> R | None:
        found: R | None = self._rows.get(key)
        return found

    def add(self, record: R) -> None:
        key = record.key  # type: ignore[attr-defined]
        if key in self._rows:
            raise Conflict(f"{key} already exists")
        self._rows[key] = record

    def update(self, record: R) -> None:
        key, version = record.key, record.version  # type: ignore[attr-defined]
        stored = self._rows.get(key)
        if stored is None:
            raise Conflict(f"{key} does not exist")
        if stored.version + 1 != version:
            raise Conflict(f"{key} changed since it was read")
        self._rows[key] = record

    def in_state(self, states: Collection[str]) -> list[R]:
        wanted = set(states)
        return [r for r in self.list() if str(getattr(r, "state", "")) in wanted]

    def list(self) -> list[R]:
        return [self._rows[k] for k in sorted(self._rows)]


class InMemoryNoticeRepository(InMemoryWorkflowRepository[Notice]):
    def headers(self, states: Collection[str] | None = None) -> list[NoticeHeader]:
        found = self.list() if states is None else self.in_state(states)
        return [NoticeHeader(notice_id=n.notice_id, participant_kind=n.participant_kind,
                             participant_id=n.participant_id, coverage_start=n.coverage_start,
                             adjustment_number=n.adjustment_number, revision=n.revision,
                             result_amount=n.result_amount,
                             protest_deadline=n.protest_deadline, state=n.state,
                             payment_due=n.payment_due)
                for n in found]


class InMemoryEmployerRepository:
    def __init__(self, rows: Rows | None = None, links: Rows | None = None) -> None:
        self._rows: Rows = {} if rows is None else rows
        self._links: Rows = {} if links is None else links

    def get(self, account_id: str) -> Employer | None:
        found: Employer | None = self._rows.get(account_id)
        return found

    def legal_names(self, account_ids: Collection[str]) -> dict[str, str]:
        return {a: self._rows[a].legal_name for a in account_ids if a in self._rows}

    def add(self, employer: Employer) -> None:
        if employer.account_id in self._rows:
            raise Conflict(f"employer {employer.account_id} already exists")
        self._rows[employer.account_id] = employer

    def update(self, employer: Employer) -> None:
        self._rows[employer.account_id] = employer

    def list(self, *, offset: int = 0, limit: int = 100) -> list[Employer]:
        return [self._rows[k] for k in sorted(self._rows)][offset:offset + limit]

    def link_ownership(self, first: str, second: str) -> None:
        """Record that two employers share common ownership (WAC 296-17B-770)."""
        self._links[(first, second)] = True

    def commonly_owned(self, account_id: str) -> set[str]:
        family, todo = {account_id}, [account_id]
        while todo:
            current = todo.pop()
            for a, b in self._links:
                other = b if a == current else a if b == current else None
                if other is not None and other not in family:
                    family.add(other)
                    todo.append(other)
        return family - {account_id}


class InMemoryReportRepository:
    def __init__(self, rows: Rows | None = None) -> None:
        self._rows: Rows = {} if rows is None else rows

    def add(self, report: QuarterlyReport) -> None:
        """Add a version of a report line (a correction is a later `known_from`)."""
        self._rows[(report.account_id, report.quarter_start, report.risk_class,
                    report.known_from)] = report

    def for_accounts(self, account_ids: Sequence[str], first_quarter: date,
                     last_quarter: date, *, as_of: date | None = None) -> list[QuarterlyReport]:
        wanted = set(account_ids)
        latest: dict[tuple[str, date, str], QuarterlyReport] = {}
        for key in sorted(k for k, r in self._rows.items()
                          if r.account_id in wanted
                          and first_quarter <= r.quarter_start <= last_quarter
                          and (as_of is None or r.known_from <= as_of)):
            latest[key[:3]] = self._rows[key]     # keys sort by date: the last one is latest
        return [latest[k] for k in sorted(latest)]

    def versions(self, account_id: str, quarter_start: date,
                 risk_class: str) -> list[QuarterlyReport]:
        return [self._rows[k] for k in sorted(self._rows)
                if k[:3] == (account_id, quarter_start, risk_class)]

    def hours_by_class(self, classes: Collection[str], first_quarter: date, last_quarter: date,
                       *, as_of: date) -> dict[str, Decimal]:
        wanted = set(classes)
        latest: dict[tuple[str, date, str], QuarterlyReport] = {}
        for key in sorted(k for k, r in self._rows.items()
                          if r.risk_class in wanted and r.known_from <= as_of
                          and first_quarter <= r.quarter_start <= last_quarter):
            latest[key[:3]] = self._rows[key]
        hours: dict[str, Decimal] = {}
        for report in latest.values():
            hours[report.risk_class] = hours.get(report.risk_class, Decimal(0)) + report.hours
        return hours


class InMemoryClaimRepository:
    def __init__(self, claims: Rows | None = None, valuations: Rows | None = None) -> None:
        self._claims: Rows = {} if claims is None else claims
        self._valuations: Rows = {} if valuations is None else valuations

    def add(self, claim: Claim) -> None:
        self._claims[claim.claim_number] = claim

    def add_valuation(self, valuation: ClaimValuation) -> None:
        self._valuations[(valuation.claim_number, valuation.valuation_date)] = valuation

    def get(self, claim_number: str) -> Claim | None:
        found: Claim | None = self._claims.get(claim_number)
        return found

    def valuations(self, claim_number: str) -> list[ClaimValuation]:
        return [self._valuations[k] for k in sorted(k for k in self._valuations
                                                    if k[0] == claim_number)]

    def as_of(self, claim_number: str, as_of: date) -> ClaimAsOf | None:
        claim = self.get(claim_number)
        known = [v for v in self.valuations(claim_number) if v.valuation_date <= as_of]
        if claim is None or not known:
            return None
        return ClaimAsOf(claim=claim, valuation=known[-1], as_of=as_of)

    def losses_as_of(self, account_ids: Sequence[str], injury_from: date, injury_to: date,
                     as_of: date) -> list[ClaimAsOf]:
        wanted = set(account_ids)
        numbers = sorted(c.claim_number for c in self._claims.values()
                         if c.account_id in wanted and injury_from <= c.injury_date <= injury_to)
        found = (self.as_of(n, as_of) for n in numbers)
        return [c for c in found if c is not None]

    def code_counts(self, classes: Collection[str], injury_from: date, injury_to: date, *,
                    as_of: date) -> list[CodeCount]:
        counts: dict[tuple[str, str | None, str | None, str | None], int] = {}
        valued = {number for number, day in self._valuations if day <= as_of}
        for c in self._claims.values():
            if (c.risk_class in classes and injury_from <= c.injury_date <= injury_to
                    and c.claim_number in valued):
                key = (c.risk_class, c.cause_code, c.body_part_code, c.nature_code)
                counts[key] = counts.get(key, 0) + 1
        return [CodeCount(risk_class=k[0], cause_code=k[1], body_part_code=k[2],
                          nature_code=k[3], claims=n)
                for k, n in sorted(counts.items(), key=lambda kv: tuple(x or "" for x in kv[0]))]


class _Keyed(Generic[R]):
    """A plain store keyed by a function of the record (sponsors, groups, memberships)."""

    def __init__(self, key: Callable[[R], Any], rows: Rows | None = None) -> None:
        self._key = key
        self._rows: Rows = {} if rows is None else rows

    def _add(self, record: R) -> None:
        if self._key(record) in self._rows:
            raise Conflict(f"{self._key(record)} already exists")
        self._rows[self._key(record)] = record

    def _all(self) -> list[R]:
        return [self._rows[k] for k in sorted(self._rows)]


class InMemorySponsorRepository(_Keyed[Sponsor]):
    def __init__(self, rows: Rows | None = None) -> None:
        super().__init__(lambda s: s.sponsor_id, rows)

    def get(self, sponsor_id: str) -> Sponsor | None:
        found: Sponsor | None = self._rows.get(sponsor_id)
        return found

    def add(self, sponsor: Sponsor) -> None:
        self._add(sponsor)

    def list(self) -> list[Sponsor]:
        return self._all()


class InMemoryGroupRepository(_Keyed[Group]):
    def __init__(self, rows: Rows | None = None) -> None:
        super().__init__(lambda g: g.group_id, rows)

    def get(self, group_id: str) -> Group | None:
        found: Group | None = self._rows.get(group_id)
        return found

    def add(self, group: Group) -> None:
        self._add(group)

    def for_sponsor(self, sponsor_id: str) -> list[Group]:
        return [g for g in self._all() if g.sponsor_id == sponsor_id]


class InMemoryMembershipRepository(_Keyed[Membership]):
    def __init__(self, rows: Rows | None = None) -> None:
        super().__init__(lambda m: (m.sponsor_id, m.account_id), rows)

    def get(self, sponsor_id: str, account_id: str) -> Membership | None:
        found: Membership | None = self._rows.get((sponsor_id, account_id))
        return found

    def add(self, membership: Membership) -> None:
        self._add(membership)

    def for_sponsor(self, sponsor_id: str) -> list[Membership]:
        return [m for m in self._all() if m.sponsor_id == sponsor_id]


def _enrollment_key(e: Enrollment) -> tuple[str, str, date]:
    return (e.participant_kind.value, e.participant_id, e.coverage_start)


class InMemoryEnrollmentRepository(_Keyed[Enrollment]):
    def __init__(self, rows: Rows | None = None) -> None:
        super().__init__(_enrollment_key, rows)

    def get(self, kind: ParticipantKind, participant_id: str,
            coverage_start: date) -> Enrollment | None:
        found: Enrollment | None = self._rows.get((kind.value, participant_id, coverage_start))
        return found

    def add(self, enrollment: Enrollment) -> None:
        self._add(enrollment)

    def update(self, enrollment: Enrollment) -> None:
        self._rows[_enrollment_key(enrollment)] = enrollment

    def members(self, group_id: str, coverage_start: date) -> list[Enrollment]:
        return [e for e in self._all() if e.group_id == group_id
                and e.participant_kind is ParticipantKind.EMPLOYER
                and e.coverage_start == coverage_start]

    def for_period(self, coverage_start: date, *, members: bool = True) -> list[Enrollment]:
        return [e for e in self._all() if e.coverage_start == coverage_start and (
            members or e.participant_kind is ParticipantKind.GROUP or e.group_id is None)]


class InMemoryAdjustmentResultRepository:
    def __init__(self, rows: Rows | None = None) -> None:
        self._rows: Rows = {} if rows is None else rows

    def add(self, result: AdjustmentResult) -> None:
        key = (result.participant_kind.value, result.participant_id, result.coverage_start,
               result.adjustment_number, result.valuation_date, result.revision)
        if key in self._rows:
            raise Conflict(f"adjustment {key} already exists")
        self._rows[key] = result

    def for_participant(self, kind: ParticipantKind,
                        participant_id: str) -> list[AdjustmentResult]:
        found = [r for k, r in self._rows.items() if k[0] == kind.value and k[1] == participant_id]
        return sorted(found, key=lambda r: (r.coverage_start, r.adjustment_number,
                                            r.valuation_date, r.revision))


class InMemoryUnitOfWork:
    """One transaction over a `MemoryDatabase`: work on a copy, write it back on commit."""

    def __init__(self, database: MemoryDatabase | None = None) -> None:
        self.database = database or MemoryDatabase()
        self.committed = False
        self._bind(self.database.tables)       # outside a transaction: the committed rows

    def _bind(self, tables: dict[str, Rows]) -> None:
        self._work = tables

        def rows(name: str) -> Rows:
            return self._work.setdefault(name, {})

        self.employers = InMemoryEmployerRepository(rows("employers"), rows("ownership"))
        self.reports = InMemoryReportRepository(rows("reports"))
        self.claims = InMemoryClaimRepository(rows("claims"), rows("claim_valuations"))
        self.sponsors = InMemorySponsorRepository(rows("sponsors"))
        self.groups = InMemoryGroupRepository(rows("groups"))
        self.memberships = InMemoryMembershipRepository(rows("memberships"))
        self.enrollments = InMemoryEnrollmentRepository(rows("enrollments"))
        self.adjustment_results = InMemoryAdjustmentResultRepository(rows("adjustment_results"))
        self.applications = InMemoryWorkflowRepository[Application](rows("applications"))
        self.removals = InMemoryWorkflowRepository[RemovalRequest](rows("removals"))
        self.notices = InMemoryNoticeRepository(rows("notices"))
        self.protests = InMemoryWorkflowRepository[Protest](rows("protests"))
        self.appeals = InMemoryWorkflowRepository[AppealCase](rows("appeals"))
        self.standings = InMemoryWorkflowRepository[Standing](rows("standings"))
        self.payouts = InMemoryWorkflowRepository[Payout](rows("payouts"))
        self.runs = InMemoryWorkflowRepository[Run](rows("runs"))
        self.documents = InMemoryWorkflowRepository[IssuedDocument](rows("documents"))
        self.transitions = InMemoryWorkflowRepository[Transition](rows("transitions"))
        self.sanctions = InMemoryWorkflowRepository[Sanction](rows("sanctions"))
        self.collections = InMemoryWorkflowRepository[CollectionOrder](rows("collections"))
        self.payments = InMemoryWorkflowRepository[Payment](rows("payments"))
        self.training = InMemoryWorkflowRepository[TrainingAttendance](rows("training"))
        self.terms = InMemoryWorkflowRepository[DisclosedTerms](rows("terms"))
        self.recommendations = InMemoryWorkflowRepository[Recommendation](
            rows("recommendations"))

    def __enter__(self) -> Self:
        self.committed = False
        self._bind({name: dict(rows) for name, rows in self.database.tables.items()})
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.rollback()

    def commit(self) -> None:
        self.database.tables = {name: dict(rows) for name, rows in self._work.items()}
        self.committed = True

    def rollback(self) -> None:
        self._bind(self.database.tables)
