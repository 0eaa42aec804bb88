"""SQL persistence of the workflow records (applications, notices, protests, appeals, standing,
payouts, runs, issued documents, transitions) and the unit of work the workflows run in.

Each record is one row: its key, its state and version as columns (the version guards against
concurrent edits), and the record itself as JSON in which dates are ISO strings and money is a
decimal string, so nothing passes through a float.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, Generic, Self, TypeVar, Union, get_args, get_origin, get_type_hints

from sqlalchemy import JSON, Engine, Integer, LargeBinary, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from retrodesk.adapters.db.audit import install_audit
from retrodesk.adapters.db.engine import make_session_factory
from retrodesk.adapters.db.tables import Base
from retrodesk.adapters.db.uow import SqlUnitOfWork, UtcClock
from retrodesk.kernel.errors import Conflict
from retrodesk.programs.ports import Clock
from retrodesk.programs.workflow import (
    AppealCase,
    Application,
    IssuedDocument,
    Notice,
    Payout,
    Protest,
    RemovalRequest,
    Run,
    Standing,
    Transition,
)

__all__ = [
    "TABLE_NAMES",
    "SqlWorkflowRepository",
    "SqlWorkflowUnitOfWork",
    "decode",
    "encode",
    "sql_workflow_uow_factory",
]

R = TypeVar("R")


class _Row:
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    state: Mapped[str] = mapped_column(String(40), index=True, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)


class ApplicationRecord(_Row, Base):
    __tablename__ = "applications"


class RemovalRequestRecord(_Row, Base):
    __tablename__ = "removal_requests"


class NoticeRecord(_Row, Base):
    __tablename__ = "notices"


class ProtestRecord(_Row, Base):
    __tablename__ = "protests"


class AppealRecord(_Row, Base):
    __tablename__ = "appeals"


class StandingRecord(_Row, Base):
    __tablename__ = "group_standings"


class PayoutRecord(_Row, Base):
    __tablename__ = "payouts"


class RunRecord(_Row, Base):
    __tablename__ = "adjustment_runs"


class TransitionRecord(_Row, Base):
    __tablename__ = "workflow_transitions"


class IssuedDocumentRecord(_Row, Base):
    __tablename__ = "issued_documents"
    pdf: Mapped[bytes] = mapped_column(LargeBinary)


TABLE_NAMES = tuple(r.__tablename__ for r in (
    ApplicationRecord, RemovalRequestRecord, NoticeRecord, ProtestRecord, AppealRecord,
    StandingRecord, PayoutRecord, RunRecord, TransitionRecord, IssuedDocumentRecord))


def encode(value: Any) -> Any:  # noqa: ANN401 - any record field
    """A record (or field) as JSON-ready values: ISO dates, decimal strings, enum values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)
                if not isinstance(getattr(value, f.name), bytes)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): encode(v) for k, v in value.items()}
    return value


def decode(kind: Any, data: Any) -> Any:  # noqa: ANN401 - driven by the annotation
    """The inverse of `encode`, guided by the type annotation `kind`."""
    origin, args = get_origin(kind), get_args(kind)
    if data is None or kind is Any:
        return data
    if origin in (Union, types.UnionType):
        return decode(next(a for a in args if a is not type(None)), data)
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        hints = get_type_hints(kind)
        return kind(**{name: decode(hints[name], value) for name, value in data.items()})
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(args[0], v) for v in data)
        return tuple(decode(a, v) for a, v in zip(args, data, strict=True))
    if origin in (Mapping, dict) or kind is Mapping:
        value_kind = args[1] if args else Any
        return {k: decode(value_kind, v) for k, v in data.items()}
    if isinstance(kind, type):
        return _scalar(kind, data)
    return data


def _scalar(kind: type, data: Any) -> Any:  # noqa: ANN401
    if issubclass(kind, Enum):
        return kind(data)
    if kind is datetime:
        return datetime.fromisoformat(data)
    if kind is date:
        return date.fromisoformat(data)
    if kind is Decimal:
        return Decimal(data)
    return data


class SqlWorkflowRepository(Generic[R]):
    """Workflow records of one kind in their table, with the version check of `update`."""

    def __init__(self, session: Session, row: type[_Row], kind: type[R]) -> None:
        self._session, self._row, self._kind = session, row, kind

    def _to_record(self, row: _Row) -> R:
        extra = {"pdf": row.pdf} if isinstance(row, IssuedDocumentRecord) else {}
        record: R = decode(self._kind, row.payload | extra)
        return record

    def _fill(self, row: _Row, record: R) -> None:
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

    def list(self) -> list[R]:
        rows = self._session.scalars(select(self._row).order_by(self._row.key))
        return [self._to_record(row) for row in rows]


class SqlWorkflowUnitOfWork(SqlUnitOfWork):
    """The system-of-record unit of work plus the workflow repositories, on one session."""

    def __enter__(self) -> Self:
        super().__enter__()
        session = self._require()
        self.applications = SqlWorkflowRepository(session, ApplicationRecord, Application)
        self.removals = SqlWorkflowRepository(session, RemovalRequestRecord, RemovalRequest)
        self.notices = SqlWorkflowRepository(session, NoticeRecord, Notice)
        self.protests = SqlWorkflowRepository(session, ProtestRecord, Protest)
        self.appeals = SqlWorkflowRepository(session, AppealRecord, AppealCase)
        self.standings = SqlWorkflowRepository(session, StandingRecord, Standing)
        self.payouts = SqlWorkflowRepository(session, PayoutRecord, Payout)
        self.runs = SqlWorkflowRepository(session, RunRecord, Run)
        self.documents = SqlWorkflowRepository(session, IssuedDocumentRecord, IssuedDocument)
        self.transitions = SqlWorkflowRepository(session, TransitionRecord, Transition)
        return self


def sql_workflow_uow_factory(engine: Engine, *, actor: str,
                             clock: Clock | None = None) -> Callable[[], SqlWorkflowUnitOfWork]:
    """A factory of workflow units of work on `engine`, record changes audited under `actor`."""
    factory: sessionmaker[Session] = make_session_factory(engine)
    install_audit(factory)
    used = clock or UtcClock()
    return lambda: SqlWorkflowUnitOfWork(factory, actor=actor, clock=used)
