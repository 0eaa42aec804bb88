"""Single workflow records for the pages and the API, each checked against the caller's scope
before it is read (a record out of scope is "not found")."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from retrodesk.adapters.db.workflow_tables import (
    AppealRecord,
    CollectionOrderRecord,
    IssuedDocumentRecord,
    NoticeRecord,
    ProtestRecord,
    TransitionRecord,
)
from retrodesk.adapters.documents.charts import PeriodPerformance
from retrodesk.entrypoints.bootstrap import Services
from retrodesk.entrypoints.web.access import Action, Principal
from retrodesk.entrypoints.web.workviews import document_visible, notice_visible
from retrodesk.kernel.errors import NotFound, NotPermitted, required
from retrodesk.programs import adjustments, appeals, enrollment, protests
from retrodesk.programs import worklist as worklist_uc
from retrodesk.programs.commands import (
    DecideProtest,
    FileAppeal,
    FileProtest,
    RecordResolution,
    RecordSignature,
    ReviewApplication,
    RunAdjustments,
    SendAgreement,
)
from retrodesk.programs.issued import issued_pdf
from retrodesk.programs.payments import balance, payments_of
from retrodesk.programs.ports import WorkflowUnitOfWork
from retrodesk.programs.workflow import (
    AppealCase,
    Application,
    CollectionOrder,
    IssuedDocument,
    Notice,
    Payment,
    Protest,
    Standing,
)
from retrodesk.programs.worklist import Worklist

R = TypeVar("R")

__all__ = [
    "NoticeView",
    "ParticipantPrograms",
    "ProtestView",
    "advance_application",
    "appeal",
    "application",
    "build_case_file",
    "check_notice",
    "coordinator_worklist",
    "decide_protest",
    "document",
    "documents_of",
    "file_appeal",
    "file_protest",
    "history",
    "new_id",
    "notice",
    "participant_programs",
    "performance",
    "protest",
    "read_record",
    "record_resolution",
    "run_due_adjustments",
]


@dataclass(frozen=True, slots=True)
class NoticeView:
    notice: Notice
    protests: list[Protest]
    appeals: list[AppealCase]
    orders: list[CollectionOrder]        # orders of assessment for its additional premium
    payments: list[Payment]              # money received against its additional premium
    balance: Decimal                     # what it still owes (zero for a refund)
    documents: list[dict[str, Any]]
    history: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class ProtestView:
    protest: Protest
    notice: Notice
    documents: list[dict[str, Any]]
    history: list[dict[str, Any]]


def check_notice(db: Session, user: Principal, notice_id: str) -> None:
    notice_visible(db, user.scope, notice_id)


def _through_notice(db: Session, user: Principal, notice_id: str, what: str) -> None:
    """A record is visible with the notice it belongs to; refused, it names only itself."""
    try:
        notice_visible(db, user.scope, notice_id)
    except NotFound:
        raise NotFound(f"{what} not found") from None


def _documents(db: Session, subjects: list[str]) -> list[dict[str, Any]]:
    subject = IssuedDocumentRecord.payload["subject"].as_string()
    rows = db.execute(select(IssuedDocumentRecord.key, IssuedDocumentRecord.payload["kind"]
                             .as_string(), IssuedDocumentRecord.payload["issued_on"].as_string())
                      .where(subject.in_(subjects)).order_by(IssuedDocumentRecord.key))
    return [{"document_id": key, "kind": kind, "issued_on": issued} for key, kind, issued in rows]


def history(db: Session, entity: str, entity_id: str) -> list[dict[str, Any]]:
    """The state transitions of one record, oldest first (the workflow's audit trail)."""
    prefix = f"{entity}/{entity_id}/"
    rows = db.scalars(select(TransitionRecord.payload)
                      .where(TransitionRecord.key.startswith(prefix, autoescape=True)))
    return sorted((dict(r) for r in rows), key=lambda r: int(r.get("sequence", 0)))


def _keys_for_notice(db: Session, record: Any, notice_id: str) -> list[str]:  # noqa: ANN401
    return list(db.scalars(select(record.key).where(
        record.payload["notice_id"].as_string() == notice_id)))


def notice(services: Services, db: Session, user: Principal, notice_id: str) -> NoticeView:
    notice_visible(db, user.scope, notice_id)
    protest_ids = _keys_for_notice(db, ProtestRecord, notice_id)
    appeal_ids = _keys_for_notice(db, AppealRecord, notice_id)
    order_ids = _keys_for_notice(db, CollectionOrderRecord, notice_id)
    with services.program_ports(user.username).uow as uow:
        found = required(uow.notices.get(notice_id), f"notice {notice_id} not found")
        protests = [p for p in map(uow.protests.get, protest_ids) if p is not None]
        appeals = [a for a in map(uow.appeals.get, appeal_ids) if a is not None]
        orders = [o for o in map(uow.collections.get, order_ids) if o is not None]
        paid = payments_of(uow, found)
    return NoticeView(found, protests, appeals, orders, paid,
                      balance(found, sum((p.amount for p in paid), Decimal(0))),
                      _documents(db, [notice_id, *protest_ids, *appeal_ids, *order_ids]),
                      history(db, "adjustment", notice_id))


def protest(services: Services, db: Session, user: Principal, protest_id: str) -> ProtestView:
    with services.program_ports(user.username).uow as uow:
        found = required(uow.protests.get(protest_id), f"protest {protest_id} not found")
        _through_notice(db, user, found.notice_id, f"protest {protest_id}")
        issued = uow.notices.get(found.notice_id)
    if issued is None:
        raise NotFound(f"notice {found.notice_id} not found")
    return ProtestView(found, issued, _documents(db, [protest_id]),
                       history(db, "protest", protest_id))


def appeal(services: Services, db: Session, user: Principal, appeal_id: str) -> dict[str, Any]:
    with services.program_ports(user.username).uow as uow:
        found = required(uow.appeals.get(appeal_id), f"appeal {appeal_id} not found")
        _through_notice(db, user, found.notice_id, f"appeal {appeal_id}")
    return {"appeal": found, "documents": _documents(db, [appeal_id]),
            "history": history(db, "appeal", appeal_id)}


def application(services: Services, db: Session, user: Principal,
                application_id: str) -> Application:
    with services.program_ports(user.username).uow as uow:
        found = uow.applications.get(application_id)
    scope = user.scope
    visible = found is not None and (scope.unrestricted or (
        scope.employer() is not None and found.account_id == scope.employer()) or (
        scope.sponsor() is not None and found.sponsor_id == scope.sponsor()))
    if found is None or not visible:
        raise NotFound(f"application {application_id} not found")
    return found


def document(services: Services, db: Session, user: Principal,
             document_id: str) -> IssuedDocument:
    document_visible(db, user.scope, document_id)
    return issued_pdf(services.program_ports(user.username), document_id)


def documents_of(db: Session, subjects: list[str]) -> list[dict[str, Any]]:
    """Documents issued about any of the subjects (for the group and employer pages)."""
    return _documents(db, subjects) if subjects else []


@dataclass(frozen=True, slots=True)
class ParticipantPrograms:
    """A participant's notices (newest first, summary fields only) and a group's standing."""

    notices: list[dict[str, Any]]
    standing: Standing | None


_SUMMARY = ("coverage_start", "adjustment_number", "revision", "valuation_date",
            "standard_premium", "retro_premium", "result_amount")


def participant_programs(services: Services, db: Session, user: Principal, kind: str,
                         participant_id: str) -> ParticipantPrograms:
    """Call after the participant itself was read within scope (records.group / employer).

    Only the summary fields are read from the stored notices (not their cases and worksheets),
    so a group with many adjustments still opens quickly.
    """
    n = NoticeRecord
    columns = [n.payload[name].as_string().label(name) for name in _SUMMARY]
    rows = db.execute(select(n.key.label("notice_id"), n.state,
                             n.payload[("result", "loss_ratio")].as_string().label("loss_ratio"),
                             n.payload[("result", "losses_incurred")].as_string()
                             .label("losses_incurred"),
                             n.payload[("result", "provenance", "illustrative")].as_boolean()
                             .label("is_illustrative"), *columns)
                      .where(n.key.startswith(f"{kind}-{participant_id}-", autoescape=True),
                             n.payload["participant_id"].as_string() == participant_id))
    notices = [{**row, "result_amount": Decimal(row["result_amount"])} for row in rows.mappings()]
    notices.sort(key=lambda r: (r["coverage_start"], int(r["adjustment_number"]),
                                int(r["revision"])), reverse=True)
    standing = None
    if kind == "group":
        with services.program_ports(user.username).uow as uow:
            standing = uow.standings.get(participant_id)
    return ParticipantPrograms(notices, standing)


def performance(programs: ParticipantPrograms) -> list[PeriodPerformance]:
    """Loss ratio and result of each coverage period, from its latest issued adjustment."""
    latest: dict[str, dict[str, Any]] = {}
    for notice in programs.notices:
        latest.setdefault(notice["coverage_start"], notice)
    return [PeriodPerformance(period=start[:7], loss_ratio=Decimal(n["loss_ratio"] or "0"),
                              result=n["result_amount"])
            for start, n in sorted(latest.items())]


def read_record(services: Services, user: Principal,
                read: Callable[[WorkflowUnitOfWork], R | None], missing: str) -> R:
    """One workflow record read in its own unit of work (after its scope was checked);
    NotFound with `missing` when there is none."""
    with services.program_ports(user.username).uow as uow:
        return required(read(uow), missing)


def new_id(services: Services, prefix: str) -> str:
    """A new record id: the prefix, today's date and six random hex digits (the repositories
    refuse a repeat)."""
    return f"{prefix}-{services.clock.today():%Y%m%d}-{secrets.token_hex(3).upper()}"


def file_protest(services: Services, db: Session, user: Principal, notice_id: str, *,
                 grounds: str, claim_number: str | None, dispute: str) -> Protest:
    """A protest of a notice the caller may see, received today."""
    user.require(Action.FILE_PROTEST)
    check_notice(db, user, notice_id)
    return protests.file_protest(FileProtest(
        protest_id=new_id(services, "PR"), notice_id=notice_id,
        received_on=services.clock.today(), grounds=grounds, claim_number=claim_number or None,
        dispute=dispute, actor=user.username), services.program_ports(user.username))


def record_resolution(services: Services, db: Session, user: Principal, protest_id: str, *,
                      resolution: str, resolved_claim: dict[str, str]) -> Protest:
    user.require(Action.DECIDE_PROTEST)
    protest(services, db, user, protest_id)
    return protests.record_resolution(RecordResolution(
        protest_id=protest_id, notified_on=services.clock.today(), resolution=resolution,
        resolved_claim=resolved_claim, actor=user.username), services.program_ports(user.username))


def decide_protest(services: Services, db: Session, user: Principal, protest_id: str, *,
                   decision: str, reasons: tuple[str, ...]) -> Protest:
    """Issue the Notice of Decision of a protest the caller may see."""
    user.require(Action.DECIDE_PROTEST)
    protest(services, db, user, protest_id)
    return protests.decide_protest(DecideProtest(
        protest_id=protest_id, decision=decision, reasons=reasons, actor=user.username),
        services.program_ports(user.username))


def file_appeal(services: Services, db: Session, user: Principal, notice_id: str, *,
                protest_id: str | None, docket_number: str, filed_on: date | None) -> AppealCase:
    user.require(Action.RECORD_APPEAL)
    check_notice(db, user, notice_id)
    return appeals.file_appeal(FileAppeal(
        appeal_id=new_id(services, "AP"), notice_id=notice_id, protest_id=protest_id or None,
        filed_on=filed_on or services.clock.today(), docket_number=docket_number,
        actor=user.username), services.program_ports(user.username))


def build_case_file(services: Services, db: Session, user: Principal,
                    appeal_id: str) -> IssuedDocument:
    user.require(Action.RECORD_APPEAL)
    appeal(services, db, user, appeal_id)
    return appeals.build_case_file(services.program_ports(user.username), appeal_id)


def run_due_adjustments(services: Services, user: Principal) -> adjustments.RunSummary:
    """Compute and issue every adjustment due today; each is issued once, however often run."""
    user.require(Action.RUN_ADJUSTMENTS)
    return adjustments.run_adjustments(RunAdjustments(valuation_date=services.clock.today(),
                                                      actor=user.username),
                                       services.program_ports(user.username))


def coordinator_worklist(services: Services, user: Principal) -> Worklist:
    """What is due today. It reads every open record, so it is built again only when the day
    or the records have changed since it was last built (the audit log's newest entry, which
    moves with a change made by any process)."""
    if not user.is_staff:
        raise NotPermitted("the worklist is the program staff's")
    return services.until_changed("worklist", lambda: worklist_uc.worklist(
        services.program_ports(user.username), services.clock.today()))


def advance_application(services: Services, db: Session, user: Principal, application_id: str,
                        step: str) -> Application:
    """Review an application (every qualification check), send its agreement, or record the
    signed agreement (the enrollment then exists)."""
    user.require(Action.ENROLL)
    application(services, db, user, application_id)
    ports = services.program_ports(user.username)
    today, actor = services.clock.today(), user.username
    steps = {
        "review": lambda: enrollment.review_application(
            ReviewApplication(application_id=application_id, actor=actor), ports),
        "agreement": lambda: enrollment.send_agreement(
            SendAgreement(application_id=application_id, actor=actor), ports),
        "signature": lambda: enrollment.record_signature(
            RecordSignature(application_id=application_id, signed_on=today, actor=actor), ports),
    }
    if step not in steps:
        raise NotFound(f"no step {step!r} for an application")
    advanced = steps[step]()
    return advanced
