"""The SQL unit of work: one session and transaction, the repositories, the bulk loader."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from types import TracebackType
from typing import Any, Self

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from retrodesk.adapters.db.audit import install_audit
from retrodesk.adapters.db.engine import make_session_factory
from retrodesk.adapters.db.errors import translate_db_errors
from retrodesk.adapters.db.exports import export_rows
from retrodesk.adapters.db.loader import BulkLoader
from retrodesk.adapters.db.repositories import (
    SqlAdjustmentResultRepository,
    SqlAuditLog,
    SqlClaimRepository,
    SqlEmployerRepository,
    SqlEnrollmentRepository,
    SqlGroupRepository,
    SqlMembershipRepository,
    SqlReportRepository,
    SqlSponsorRepository,
    SqlUserRepository,
)
from retrodesk.programs.ports import (
    AdjustmentResultRepository,
    AuditLog,
    ClaimRepository,
    Clock,
    EmployerRepository,
    EnrollmentRepository,
    GroupRepository,
    LoadSummary,
    MembershipRepository,
    ParsedRow,
    PreparedRows,
    RecordLoader,
    ReportRepository,
    RowPreparer,
    SourceInfo,
    SponsorRepository,
    UserRepository,
)
from retrodesk.programs.records import RecordKind

__all__ = ["SqlRecordLoader", "SqlUnitOfWork", "UtcClock", "sql_uow_factory"]


class UtcClock:
    """The system clock in UTC (the default `Clock`)."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return self.now().date()


class SqlRecordLoader:
    """`RecordLoader` bound to a unit of work's connection."""

    def __init__(self, loader: BulkLoader) -> None:
        self._loader = loader

    def load(self, kind: RecordKind, rows: Iterable[ParsedRow | PreparedRows],
             source: SourceInfo | None, *, track_keys: bool = True) -> LoadSummary:
        with translate_db_errors():
            return self._loader.load(kind, rows, source, track_keys=track_keys)

    def preparer(self, kind: RecordKind, source: SourceInfo | None) -> RowPreparer | None:
        with translate_db_errors():
            return self._loader.preparer(kind, source)

    def export(self, kind: RecordKind) -> Iterator[dict[str, Any]]:
        return export_rows(self._loader.connection, kind)


class SqlUnitOfWork:
    """`with uow:` opens a transaction; leaving without `commit()` rolls it back."""

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

    def __init__(self, factory: sessionmaker[Session], *, actor: str, clock: Clock) -> None:
        self._factory = factory
        self.actor = actor
        self.clock = clock
        self._session: Session | None = None

    def __enter__(self) -> Self:
        session = self._factory()
        session.info.update(actor=self.actor, clock=self.clock)
        self._session = session
        self.employers = SqlEmployerRepository(session)
        self.reports = SqlReportRepository(session)
        self.claims = SqlClaimRepository(session)
        self.sponsors = SqlSponsorRepository(session)
        self.groups = SqlGroupRepository(session)
        self.memberships = SqlMembershipRepository(session)
        self.enrollments = SqlEnrollmentRepository(session)
        self.adjustment_results = SqlAdjustmentResultRepository(session)
        self.users = SqlUserRepository(session)
        self.audit = SqlAuditLog(session)
        self.loader = SqlRecordLoader(BulkLoader(session.connection(), actor=self.actor,
                                                 now=self.clock.now()))
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        session = self._require()
        try:
            session.rollback()  # a no-op after commit()
        finally:
            session.close()
            self._session = None

    def _require(self) -> Session:
        if self._session is None:
            raise RuntimeError("use the unit of work inside `with uow:`")
        return self._session

    def commit(self) -> None:
        with translate_db_errors():
            self._require().commit()

    def rollback(self) -> None:
        self._require().rollback()


def sql_uow_factory(engine: Engine, *, actor: str,
                    clock: Clock | None = None) -> Callable[[], SqlUnitOfWork]:
    """A factory of units of work on `engine`, every change audited under `actor`."""
    factory = make_session_factory(engine)
    install_audit(factory)
    used = clock or UtcClock()
    return lambda: SqlUnitOfWork(factory, actor=actor, clock=used)
