"""Workflows over JSON: the worklist, notices, protests and Notices of Decision, appeals,
removals for prohibited conduct, orders of assessment, adjustment runs, documents and the
rulebook; the same use cases as the pages, within scope."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response

from retrodesk.entrypoints.web import (
    applying,
    collecting,
    refunding,
    sanctioning,
    training,
    workflows,
)
from retrodesk.entrypoints.web.deps import CurrentUser, DbDep, ServicesDep
from retrodesk.entrypoints.web.pages.rulebook import version_lines
from retrodesk.entrypoints.web.schemas import (
    ERROR_RESPONSES,
    AppealCreate,
    ApplicationCreate,
    AssessmentContestCreate,
    AssessmentOrderCreate,
    DecisionCreate,
    PaymentCreate,
    ProtestCreate,
    RecordKey,
    RemovalCreate,
    ResolutionCreate,
    SanctionCreate,
    TermsCreate,
    TrainingCreate,
    plain,
)
from retrodesk.programs.distribution import SharingTerms

__all__ = ["router"]

router = APIRouter(tags=["workflows"], responses=ERROR_RESPONSES)


@router.get("/worklist", summary="What is due: applications, deadlines, runs, protests, appeals")
def get_worklist(user: CurrentUser, services: ServicesDep) -> JSONResponse:
    return JSONResponse(workflows.coordinator_worklist(services, user).as_dict())


@router.post("/adjustments/run", summary="Issue every adjustment due today (each once)")
def post_run(user: CurrentUser, services: ServicesDep) -> JSONResponse:
    return JSONResponse(workflows.run_due_adjustments(services, user).as_dict())


@router.get("/notices/{notice_id}", summary="An adjustment notice: figures, case, worksheet")
def get_notice(notice_id: RecordKey, user: CurrentUser, db: DbDep,
               services: ServicesDep) -> JSONResponse:
    view = workflows.notice(services, db, user, notice_id)
    return JSONResponse(plain({"notice": view.notice, "protests": view.protests,
                               "appeals": view.appeals, "orders": view.orders,
                               "payments": view.payments, "balance": view.balance,
                               "documents": view.documents}))


@router.post("/notices/{notice_id}/protests", status_code=201, summary="File a protest")
def post_protest(notice_id: RecordKey, body: ProtestCreate, user: CurrentUser, db: DbDep,
                 services: ServicesDep) -> JSONResponse:
    filed = workflows.file_protest(services, db, user, notice_id, grounds=body.grounds,
                                   claim_number=body.claim_number, dispute=body.dispute)
    return JSONResponse(plain(filed), status_code=201)


@router.post("/applications", status_code=201,
             summary="File an application (individual, new group, renewal or member joining)")
def post_application(body: ApplicationCreate, user: CurrentUser,
                     services: ServicesDep) -> JSONResponse:
    filed = applying.file_application(services, user, body.fields())
    return JSONResponse(plain(filed), status_code=201)


@router.post("/removals", status_code=201, summary="Ask for a member's removal from its group")
def post_removal(body: RemovalCreate, user: CurrentUser, services: ServicesDep) -> JSONResponse:
    done = applying.request_removal(services, user, {
        "group_id": body.group_id, "account_id": body.account_id,
        "next_coverage_start": body.next_coverage_start.isoformat()})
    return JSONResponse(plain(done), status_code=201)


@router.get("/protests/{protest_id}", summary="A protest with its documents")
def get_protest(protest_id: RecordKey, user: CurrentUser, db: DbDep,
                services: ServicesDep) -> JSONResponse:
    view = workflows.protest(services, db, user, protest_id)
    return JSONResponse(plain({"protest": view.protest, "documents": view.documents}))


@router.post("/protests/{protest_id}/resolution", summary="Record a disputed claim's resolution")
def post_resolution(protest_id: RecordKey, body: ResolutionCreate, user: CurrentUser, db: DbDep,
                    services: ServicesDep) -> JSONResponse:
    return JSONResponse(plain(workflows.record_resolution(
        services, db, user, protest_id, resolution=body.resolution,
        resolved_claim=dict(body.resolved_claim))))


@router.post("/protests/{protest_id}/decision", summary="Issue the Notice of Decision")
def post_decision(protest_id: RecordKey, body: DecisionCreate, user: CurrentUser, db: DbDep,
                  services: ServicesDep) -> JSONResponse:
    return JSONResponse(plain(workflows.decide_protest(
        services, db, user, protest_id, decision=body.decision, reasons=tuple(body.reasons))))


@router.post("/notices/{notice_id}/appeals", status_code=201, summary="Record an appeal")
def post_appeal(notice_id: RecordKey, body: AppealCreate, user: CurrentUser, db: DbDep,
                services: ServicesDep) -> JSONResponse:
    filed = workflows.file_appeal(services, db, user, notice_id, protest_id=body.protest_id,
                                  docket_number=body.docket_number, filed_on=body.filed_on)
    return JSONResponse(plain(filed), status_code=201)


@router.get("/appeals/{appeal_id}", summary="An appeal case")
def get_appeal(appeal_id: RecordKey, user: CurrentUser, db: DbDep,
               services: ServicesDep) -> JSONResponse:
    view = workflows.appeal(services, db, user, appeal_id)
    return JSONResponse(plain({"appeal": view["appeal"], "documents": view["documents"]}))


@router.post("/sanctions", status_code=201,
             summary="Remove a participant for prohibited conduct and issue the removal notice")
def post_sanction(body: SanctionCreate, user: CurrentUser, services: ServicesDep) -> JSONResponse:
    done = sanctioning.remove_participant(services, user, {
        "participant_kind": body.participant_kind.value, "participant_id": body.participant_id,
        "conduct": body.conduct.value, "findings": body.findings})
    return JSONResponse(plain(done), status_code=201)


@router.get("/sanctions/{sanction_id}", summary="A removal with its notice")
def get_sanction(sanction_id: RecordKey, user: CurrentUser, db: DbDep,
                 services: ServicesDep) -> JSONResponse:
    view = sanctioning.sanction(services, db, user, sanction_id)
    return JSONResponse(plain({"sanction": view["sanction"], "documents": view["documents"]}))


@router.post("/notices/{notice_id}/assessment-orders", status_code=201,
             summary="Serve a notice and order of assessment for an unpaid additional premium")
def post_assessment_order(notice_id: RecordKey, body: AssessmentOrderCreate, user: CurrentUser,
                          db: DbDep, services: ServicesDep) -> JSONResponse:
    order = collecting.serve_order(services, db, user, notice_id, body.unpaid)
    return JSONResponse(plain(order), status_code=201)


@router.post("/notices/{notice_id}/payments", status_code=201,
             summary="Record money received against an additional premium notice")
def post_payment(notice_id: RecordKey, body: PaymentCreate, user: CurrentUser, db: DbDep,
                 services: ServicesDep) -> JSONResponse:
    payment = collecting.record_payment(services, db, user, notice_id, amount=body.amount,
                                        received_on=body.received_on, reference=body.reference)
    return JSONResponse(plain(payment), status_code=201)


@router.post("/groups/{group_id}/terms", status_code=201,
             summary="Record the refund-sharing terms the sponsor disclosed at enrollment")
def post_terms(group_id: RecordKey, body: TermsCreate, user: CurrentUser, db: DbDep,
               services: ServicesDep) -> JSONResponse:
    terms = SharingTerms(**body.model_dump(exclude={"coverage_start"}))
    return JSONResponse(plain(refunding.disclose(services, db, user, group_id,
                                                 body.coverage_start, terms)), status_code=201)


@router.post("/notices/{notice_id}/distribution", status_code=201,
             summary="Share a group refund with its members on the disclosed terms")
def post_distribution(notice_id: RecordKey, user: CurrentUser, db: DbDep,
                      services: ServicesDep) -> JSONResponse:
    return JSONResponse(plain(refunding.distribute(services, db, user, notice_id)),
                        status_code=201)


@router.post("/employers/{account_id}/training", status_code=201,
             summary="Record an employer's attendance at a safety seminar")
def post_training(account_id: RecordKey, body: TrainingCreate, user: CurrentUser, db: DbDep,
                  services: ServicesDep) -> JSONResponse:
    return JSONResponse(plain(training.record_training(
        services, db, user, account_id, course=body.course, attended_on=body.attended_on,
        is_in_person=body.is_in_person, provider=body.provider)), status_code=201)


@router.get("/assessment-orders/{order_id}", summary="An order of assessment with its document")
def get_assessment_order(order_id: RecordKey, user: CurrentUser, db: DbDep,
                         services: ServicesDep) -> JSONResponse:
    view = collecting.assessment_order(services, db, user, order_id)
    return JSONResponse(plain({"order": view["order"], "documents": view["documents"]}))


@router.post("/assessment-orders/{order_id}/contests",
             summary="Record a request for reconsideration of, or an appeal from, an order")
def post_assessment_contest(order_id: RecordKey, body: AssessmentContestCreate,
                            user: CurrentUser, db: DbDep, services: ServicesDep) -> JSONResponse:
    return JSONResponse(plain(collecting.contest_order(
        services, db, user, order_id, received_on=body.received_on,
        appeal=body.contest == "appeal")))


@router.get("/documents/{document_id}", response_class=Response,
            responses={200: {"content": {"application/pdf": {}}}},
            summary="An issued document (PDF) exactly as it went out")
def get_document(document_id: RecordKey, user: CurrentUser, db: DbDep,
                 services: ServicesDep) -> Response:
    document = workflows.document(services, db, user, document_id)
    return Response(document.pdf, media_type="application/pdf")


@router.get("/rulebook/{book}", summary="Every version of the rulebook's tables, with provenance")
def get_rulebook(book: Literal["retro", "experience"], user: CurrentUser,
                 as_of: Annotated[date | None, Query()] = None) -> JSONResponse:
    lines = version_lines(book, as_of)
    return JSONResponse({
        "illustrative_in_use": sorted({line.label for line in lines if line.is_illustrative}),
        "versions": [{"name": line.name, "label": line.label, "rule": line.rule,
                      "effective": str(line.effective), "origin": line.origin.value,
                      "version": line.version, "value": line.value} for line in lines]})
