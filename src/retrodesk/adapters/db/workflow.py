"""SQL repositories of the workflow records (applications, notices, protests, appeals, standing,
payouts, runs, issued documents, transitions) and the unit of work the workflows run in.

The version column guards against concurrent edits (a stale update is a Conflict).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any, Generic, Self, TypeVar

from sqlalchemy import JSON, ColumnElement, Engine, cast, func, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Session, sessionmaker

from retrodesk.adapters.db.audit import install_audit
from retrodesk.adapters.db.engine import make_session_factory
from retrodesk.adapters.db.uow import SqlUnitOfWork, UtcClock
from retrodesk.adapters.db.workflow_tables import (
    AppealRecord,
    ApplicationRecord,
    CollectionOrderRecord,
    DisclosedTermsRecord,
    IssuedDocumentRecord,
    NoticeRecord,
    PaymentRecord,
    PayoutRecord,
    ProtestRecord,
    RecommendationRecord,
    RemovalRequestRecord,
    RunRecord,
    SanctionRecord,
    StandingRecord,
    TrainingAttendanceRecord,
    TransitionRecord,
    WorkflowRow,
    decode,
    encode,
)
from retrodesk.kernel.errors import Conflict
from retrodesk.programs.ports import Clock, WorkflowRepository
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

__all__ = ["SqlNoticeRepository", "SqlWorkflowRepository", "SqlWorkflowUnitOfWork",
           "sql_workflow_uow_factory"]

R = TypeVar("R")


class SqlWorkflowRepository(Generic[R]):
    """Workflow records of one kind in their table, with the version check of `update`."""

    def __init__(self, session: Session, row: type[WorkflowRow], kind: type[R]) -> None:
        self._session, self._row, self._kind = session, row, kind

    def _to_record(self, row: WorkflowRow) -> R:
        extra = {"pdf": row.pdf} if isinstance(row, IssuedDocumentRecord) else {}
        record: R = decode(self._kind, row.payload | extra)
        return record

    def _fill(self, row: WorkflowRow, record: R) -> None:
        row.state = str(getattr(record, "state", ""))
        row.version = record.version  # type: ignore[attr-defined]
        row.payload = encode(record)
        if isinstance(row, IssuedDocumentRecord):
            row.pdf = record.pdf  # type: ignore[attr-defined]

    def get(self, key: str) -> R | None:
        row = self._session.get(self._row, key)
        return None if row is None else self._to_record(row)

    def add(self, record: R) -> None:
        key = record.key  # type: ignore[attr-defined]
        if self._session.get(self._row, key) is not None:
            raise Conflict(f"{key} already exists")
        row = self._row()
        row.key = key
        self._fill(row, record)
        self._session.add(row)
        self._session.flush()

    def update(self, record: R) -> None:
        key = record.key  # type: ignore[attr-defined]
        row = self._session.get(self._row, key)
        if row is None:
            raise Conflict(f"{key} does not exist")
        if row.version + 1 != record.version:  # type: ignore[attr-defined]
            raise Conflict(f"{key} changed since it was read")
        self._fill(row, record)
        self._session.flush()

    def in_state(self, states: Collection[str]) -> list[R]:
        rows = self._session.scalars(select(self._row).where(self._row.state.in_(list(states)))
                                     .order_by(self._row.key))
        return [self._to_record(row) for row in rows]

    def list(self) -> list[R]:
        rows = self._session.scalars(select(self._row).order_by(self._row.key))
        return [self._to_record(row) for row in rows]


HEADER_FIELDS = ("participant_kind", "participant_id", "coverage_start", "adjustment_number",
                 "revision", "result_amount", "protest_deadline", "payment_due")


class SqlNoticeRepository(SqlWorkflowRepository[Notice]):
    """Notices, plus their headers read from the JSON without the cases and worksheets."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, NoticeRecord, Notice)

    def headers(self, states: Collection[str] | None = None) -> list[NoticeHeader]:
        n = NoticeRecord
        query = select(n.key, n.state, self._header_values())
        if states is not None:
            query = query.where(n.state.in_(list(states)))
        return [decode(NoticeHeader, {"notice_id": key, "state": state,
                                      **dict(zip(HEADER_FIELDS, values, strict=True))})
                for key, state, values in self._session.execute(query.order_by(n.key))]

    def _header_values(self) -> ColumnElement[Any]:
        """The header fields as one JSON array, so each (large) payload is parsed once."""
        payload = NoticeRecord.payload
        if self._session.get_bind().dialect.name == "sqlite":
            paths = [f"$.{name}" for name in HEADER_FIELDS]
            return func.json_extract(payload, *paths, type_=JSON)
        return func.jsonb_build_array(*(cast(payload, JSONB)[name] for name in HEADER_FIELDS),
                                      type_=JSON)


class SqlWorkflowUnitOfWork(SqlUnitOfWork):
    """The system-of-record unit of work plus the workflow repositories, on one session."""

    applications: WorkflowRepository[Application]
    removals: WorkflowRepository[RemovalRequest]
    notices: SqlNoticeRepository
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

    def __enter__(self) -> Self:
        super().__enter__()
        session = self._require()
        self.applications = SqlWorkflowRepository(session, ApplicationRecord, Application)
        self.removals = SqlWorkflowRepository(session, RemovalRequestRecord, RemovalRequest)
        self.notices = SqlNoticeRepository(session)
        self.protests = SqlWorkflowRepository(session, ProtestRecord, Protest)
        self.appeals = SqlWorkflowRepository(session, AppealRecord, AppealCase)
        self.standings = SqlWorkflowRepository(session, StandingRecord, Standing)
        self.payouts = SqlWorkflowRepository(session, PayoutRecord, Payout)
        self.runs = SqlWorkflowRepository(session, RunRecord, Run)
        self.documents = SqlWorkflowRepository(session, IssuedDocumentRecord, IssuedDocument)
        self.transitions = SqlWorkflowRepository(session, TransitionRecord, Transition)
        self.sanctions = SqlWorkflowRepository(session, SanctionRecord, Sanction)
        self.collections = SqlWorkflowRepository(session, CollectionOrderRecord, CollectionOrder)
        self.payments = SqlWorkflowRepository(session, PaymentRecord, Payment)
        self.training = SqlWorkflowRepository(session, TrainingAttendanceRecord,
                                              TrainingAttendance)
        self.terms = SqlWorkflowRepository(session, DisclosedTermsRecord, DisclosedTerms)
        self.recommendations = SqlWorkflowRepository(session, RecommendationRecord,
                                                     Recommendation)
        return self


def sql_workflow_uow_factory(engine: Engine, *, actor: str,
                             clock: Clock | None = None) -> Callable[[], SqlWorkflowUnitOfWork]:
    """A factory of workflow units of work on `engine`, record changes audited under `actor`."""
    factory: sessionmaker[Session] = make_session_factory(engine)
    install_audit(factory)
    used = clock or UtcClock()
    return lambda: SqlWorkflowUnitOfWork(factory, actor=actor, clock=used)
