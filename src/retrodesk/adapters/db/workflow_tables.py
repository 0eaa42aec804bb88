"""Workflow tables: one row per workflow record (key, state, version, the record as JSON).

Dates are ISO strings and money decimal strings inside the JSON, so nothing passes through a
float; issued documents keep their PDF in a binary column. `encode`/`decode` convert records.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, Union, get_args, get_origin, get_type_hints

from sqlalchemy import JSON, Connection, Integer, LargeBinary, String, select
from sqlalchemy.orm import Mapped, mapped_column

from retrodesk.adapters.db.tables import Base
from retrodesk.programs.workflow import Notice

__all__ = [
    "TABLE_NAMES",
    "AppealRecord",
    "ApplicationRecord",
    "CollectionOrderRecord",
    "DisclosedTermsRecord",
    "IssuedDocumentRecord",
    "NoticeRecord",
    "PaymentRecord",
    "PayoutRecord",
    "ProtestRecord",
    "RecommendationRecord",
    "RemovalRequestRecord",
    "RunRecord",
    "SanctionRecord",
    "StandingRecord",
    "TrainingAttendanceRecord",
    "TransitionRecord",
    "WorkflowRow",
    "decode",
    "encode",
    "notice_rows",
]



class WorkflowRow:
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    state: Mapped[str] = mapped_column(String(40), index=True, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)


class ApplicationRecord(WorkflowRow, Base):
    __tablename__ = "applications"


class RemovalRequestRecord(WorkflowRow, Base):
    __tablename__ = "removal_requests"


class NoticeRecord(WorkflowRow, Base):
    __tablename__ = "notices"


class ProtestRecord(WorkflowRow, Base):
    __tablename__ = "protests"


class AppealRecord(WorkflowRow, Base):
    __tablename__ = "appeals"


class StandingRecord(WorkflowRow, Base):
    __tablename__ = "group_standings"


class PayoutRecord(WorkflowRow, Base):
    __tablename__ = "payouts"


class RunRecord(WorkflowRow, Base):
    __tablename__ = "adjustment_runs"


class TransitionRecord(WorkflowRow, Base):
    __tablename__ = "workflow_transitions"


class SanctionRecord(WorkflowRow, Base):
    __tablename__ = "sanctions"


class CollectionOrderRecord(WorkflowRow, Base):
    __tablename__ = "collection_orders"


class PaymentRecord(WorkflowRow, Base):
    __tablename__ = "payments"


class TrainingAttendanceRecord(WorkflowRow, Base):
    __tablename__ = "training_attendance"


class DisclosedTermsRecord(WorkflowRow, Base):
    __tablename__ = "disclosed_terms"


class RecommendationRecord(WorkflowRow, Base):
    __tablename__ = "recommendations"


class IssuedDocumentRecord(WorkflowRow, Base):
    __tablename__ = "issued_documents"
    pdf: Mapped[bytes] = mapped_column(LargeBinary)


TABLE_NAMES = tuple(r.__tablename__ for r in (
    ApplicationRecord, RemovalRequestRecord, NoticeRecord, ProtestRecord, AppealRecord,
    StandingRecord, PayoutRecord, RunRecord, TransitionRecord, IssuedDocumentRecord,
    SanctionRecord, CollectionOrderRecord, PaymentRecord, TrainingAttendanceRecord,
    DisclosedTermsRecord, RecommendationRecord))


_PLAIN = frozenset({str, int, float, bool, type(None)})


def encode(value: Any) -> Any:  # noqa: ANN401 - any record field
    """A record (or field) as JSON-ready values: ISO dates, decimal strings, enum values."""
    if type(value) in _PLAIN:  # most of a stored case or worksheet: nothing to convert
        return value
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


NOTICE_COLUMNS = ("notice_id", "participant_kind", "participant_id", "coverage_start",
                  "adjustment_number", "revision", "valuation_date", "notice_date",
                  "standard_premium", "retro_premium", "compared_with", "result_amount",
                  "protest_deadline", "payment_due", "state", "run_id")


def notice_rows(connection: Connection) -> Iterator[dict[str, Any]]:
    """Every issued adjustment notice, in key order, in the `notices` export layout."""
    table = NoticeRecord.__table__
    for row in connection.execute(select(table.c.payload).order_by(table.c.key)):
        notice: Notice = decode(Notice, row.payload)
        yield {name: getattr(notice, name) for name in NOTICE_COLUMNS}
