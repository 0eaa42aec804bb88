"""The read side of the workflows: notices, protests, appeals and applications, within scope.

Workflow records are stored as JSON payloads (adapters/db/workflow_tables.py); the lists select
the few fields they show and filter by participant in SQL, so a sponsor's or an employer's page
never loads another participant's records. Single records are read through the repositories
and checked against the same scope.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, and_, false, or_, select, true
from sqlalchemy.orm import Session

from retrodesk.adapters.db.tables import EmployerRecord, GroupRecord
from retrodesk.adapters.db.workflow_tables import (
    AppealRecord,
    ApplicationRecord,
    CollectionOrderRecord,
    IssuedDocumentRecord,
    NoticeRecord,
    ProtestRecord,
    RecommendationRecord,
    SanctionRecord,
)
from retrodesk.entrypoints.web.access import Scope
from retrodesk.entrypoints.web.views import VIEWS, ListView, employer_visible, group_visible
from retrodesk.kernel.errors import NotFound, required

__all__ = ["ALL_VIEWS", "WORK_VIEWS", "ListName", "collection_visible", "document_visible",
           "notice_visible", "recommendation_visible", "sanction_visible"]


def _field(row: Any, name: str) -> Any:  # noqa: ANN401 - a JSON path expression
    return row.payload[name].as_string()


def _participant_visible(scope: Scope, kind: Any, participant: Any) -> ColumnElement[bool]:  # noqa: ANN401
    if scope.unrestricted:
        return true()
    employers = select(EmployerRecord.account_id).where(employer_visible(scope))
    groups = select(GroupRecord.group_id).where(group_visible(scope))
    return or_(and_(kind == "employer", participant.in_(employers)),
               and_(kind == "group", participant.in_(groups)))


def _owned_by_visible(record: Any) -> Callable[[Scope], ColumnElement[bool]]:  # noqa: ANN401
    """Rows of a workflow table (notices, removals, orders) whose participant the scope sees."""
    def visible(scope: Scope) -> ColumnElement[bool]:
        return _participant_visible(scope, _field(record, "participant_kind"),
                                    _field(record, "participant_id"))
    return visible


_notices_visible = _owned_by_visible(NoticeRecord)


def _notices() -> Select[Any]:
    n = NoticeRecord
    return select(n.key.label("notice_id"), _field(n, "participant_kind").label("kind"),
                  _field(n, "participant_id").label("participant"),
                  _field(n, "coverage_start").label("coverage_start"),
                  _field(n, "adjustment_number").label("adjustment"),
                  _field(n, "notice_date").label("notice_date"),
                  _field(n, "result_amount").label("result"), n.state,
                  _field(n, "protest_deadline").label("protest_deadline"))


def _protests() -> Select[Any]:
    p = ProtestRecord
    return (select(p.key.label("protest_id"), _field(p, "notice_id").label("notice_id"),
                   _field(p, "received_on").label("received_on"), p.state,
                   _field(p, "claim_number").label("claim_number"),
                   _field(p, "appeal_deadline").label("appeal_deadline"))
            .join(NoticeRecord, NoticeRecord.key == _field(p, "notice_id")))


def _appeals() -> Select[Any]:
    a = AppealRecord
    return (select(a.key.label("appeal_id"), _field(a, "notice_id").label("notice_id"),
                   _field(a, "filed_on").label("filed_on"), a.state,
                   _field(a, "docket_number").label("docket_number"),
                   _field(a, "appeal_deadline").label("appeal_deadline"))
            .join(NoticeRecord, NoticeRecord.key == _field(a, "notice_id")))


def _sanctions() -> Select[Any]:
    s = SanctionRecord
    return select(s.key.label("sanction_id"), _field(s, "participant_kind").label("kind"),
                  _field(s, "participant_id").label("participant"),
                  _field(s, "conduct").label("conduct"),
                  _field(s, "notice_date").label("removed_on"))


def _orders() -> Select[Any]:
    o = CollectionOrderRecord
    return select(o.key.label("order_id"), _field(o, "notice_id").label("notice_id"),
                  _field(o, "participant_kind").label("kind"),
                  _field(o, "participant_id").label("participant"),
                  _field(o, "amount").label("amount"), _field(o, "served_on").label("served_on"),
                  _field(o, "final_on").label("final_on"), o.state)


def _applications() -> Select[Any]:
    a = ApplicationRecord
    return select(a.key.label("application_id"), _field(a, "kind").label("kind"),
                  _field(a, "account_id").label("account_id"),
                  _field(a, "group_id").label("group_id"),
                  _field(a, "coverage_start").label("coverage_start"),
                  _field(a, "received_on").label("received_on"), a.state)


def _applications_visible(scope: Scope) -> ColumnElement[bool]:
    if scope.unrestricted:
        return true()
    a = ApplicationRecord
    sponsor = scope.sponsor()
    return or_(_field(a, "account_id").in_(select(EmployerRecord.account_id)
                                           .where(employer_visible(scope))),
               _field(a, "group_id").in_(select(GroupRecord.group_id).where(group_visible(scope))),
               _field(a, "sponsor_id") == sponsor if sponsor else false())


def _sortable(stmt: Select[Any]) -> dict[str, Any]:
    return {str(c.key): c for c in stmt.selected_columns}


WORK_VIEWS: dict[str, ListView] = {
    "notices": ListView("notices", _notices, _sortable(_notices()),
                        (NoticeRecord.key,), _notices_visible, "notice_id"),
    "protests": ListView("protests", _protests, _sortable(_protests()),
                         (ProtestRecord.key, _field(ProtestRecord, "notice_id")),
                         _notices_visible, "protest_id"),
    "appeals": ListView("appeals", _appeals, _sortable(_appeals()),
                        (AppealRecord.key, _field(AppealRecord, "notice_id")),
                        _notices_visible, "appeal_id"),
    "applications": ListView("applications", _applications, _sortable(_applications()),
                             (ApplicationRecord.key,), _applications_visible, "application_id"),
    "sanctions": ListView("sanctions", _sanctions, _sortable(_sanctions()),
                          (SanctionRecord.key, _field(SanctionRecord, "participant_id")),
                          _owned_by_visible(SanctionRecord), "sanction_id"),
    "assessment_orders": ListView("assessment_orders", _orders, _sortable(_orders()),
                                  (CollectionOrderRecord.key,
                                   _field(CollectionOrderRecord, "notice_id")),
                                  _owned_by_visible(CollectionOrderRecord), "order_id"),
}


# Every list a page shows, the API serves and an export writes.
ALL_VIEWS: dict[str, ListView] = {**VIEWS, **WORK_VIEWS}
ListName = Literal["employers", "groups", "claims", "notices", "protests", "appeals",
                   "applications", "sanctions", "assessment_orders"]


def _owned(db: Session, scope: Scope, record: Any, key: str) -> bool:  # noqa: ANN401
    """Whether a row of a workflow table with a participant exists and the scope sees it."""
    return db.scalar(select(record.key).where(record.key == key,
                                              _owned_by_visible(record)(scope))) is not None


def _require_owned(db: Session, scope: Scope, record: Any, key: str,  # noqa: ANN401
                   what: str) -> None:
    if not _owned(db, scope, record, key):
        raise NotFound(f"{what} {key} not found")


def notice_visible(db: Session, scope: Scope, notice_id: str) -> None:
    """Raises NotFound unless the notice exists and is within the caller's scope."""
    _require_owned(db, scope, NoticeRecord, notice_id, "notice")


def sanction_visible(db: Session, scope: Scope, sanction_id: str) -> None:
    """Raises NotFound unless the removal exists and its participant is within scope."""
    _require_owned(db, scope, SanctionRecord, sanction_id, "removal")


def recommendation_visible(db: Session, scope: Scope, recommendation_id: str) -> None:
    """Raises NotFound unless the recommendation exists and its participant is in scope."""
    _require_owned(db, scope, RecommendationRecord, recommendation_id, "recommendation")


def collection_visible(db: Session, scope: Scope, order_id: str) -> None:
    """Raises NotFound unless the order of assessment exists and its participant is in scope."""
    _require_owned(db, scope, CollectionOrderRecord, order_id, "order of assessment")


def document_visible(db: Session, scope: Scope, document_id: str) -> None:
    """A document is visible with the record it belongs to (a notice, protest, appeal, removal
    or order of assessment); a member refund statement to its group's sponsor, and a member's
    copy to that member."""
    found = db.execute(select(_field(IssuedDocumentRecord, "subject"),
                              _field(IssuedDocumentRecord, "kind"))
                       .where(IssuedDocumentRecord.key == document_id)).first()
    subject, kind = required(found, f"document {document_id} not found")
    if scope.unrestricted:
        return
    if kind == "member_refund_statement":
        employer = scope.employer()
        own_copy = employer is not None and document_id.endswith(f"-{employer}")
        if own_copy or db.scalar(select(GroupRecord.group_id).where(
                GroupRecord.group_id == subject, group_visible(scope))):
            return
        raise NotFound(f"document {document_id} not found")
    if any(_owned(db, scope, record, subject)
           for record in (SanctionRecord, CollectionOrderRecord)):
        return
    notice = required(
        db.scalar(select(NoticeRecord.key).where(or_(
            NoticeRecord.key == subject,
            NoticeRecord.key.in_(select(_field(ProtestRecord, "notice_id"))
                                 .where(ProtestRecord.key == subject)),
            NoticeRecord.key.in_(select(_field(AppealRecord, "notice_id"))
                                 .where(AppealRecord.key == subject))))),
        f"document {document_id} not found")
    try:
        notice_visible(db, scope, notice)
    except NotFound:
        raise NotFound(f"document {document_id} not found") from None
