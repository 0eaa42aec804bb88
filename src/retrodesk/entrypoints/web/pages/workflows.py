"""Workflow pages: adjustments and notices, protests and Notices of Decision, appeals, enrollment
applications, removals for prohibited conduct, orders of assessment, and the documents they
issued. Each write parses a form, calls one use case and
redirects to the record it changed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Literal, TypeVar

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from retrodesk.entrypoints.errors import http_status
from retrodesk.entrypoints.web import applying, collecting, refunding, sanctioning, workflows
from retrodesk.entrypoints.web.deps import CurrentUser, DbDep, ListQueryDep, ServicesDep
from retrodesk.entrypoints.web.rendering import form_fields, render
from retrodesk.entrypoints.web.schemas import RecordKey
from retrodesk.entrypoints.web.workviews import WORK_VIEWS
from retrodesk.kernel.errors import (
    Conflict,
    ErrorDetail,
    InvalidInput,
    NotFound,
    RetrodeskError,
)

T = TypeVar("T")

__all__ = ["router"]

router = APIRouter()

Text = Annotated[str, Form(max_length=4000)]
TITLES = {"notices": "Adjustments and notices", "protests": "Protests",
          "appeals": "Appeals", "applications": "Enrollment applications",
          "sanctions": "Removals for prohibited conduct",
          "assessment_orders": "Orders of assessment"}
LINKS = {"notices": ("notice_id", "/notices/"), "protests": ("protest_id", "/protests/"),
         "appeals": ("appeal_id", "/appeals/"),
         "applications": ("application_id", "/applications/"),
         "sanctions": ("sanction_id", "/sanctions/"),
         "assessment_orders": ("order_id", "/assessment-orders/")}


def _list(request: Request, name: str, path: str, user: CurrentUser, db: DbDep,
          query: ListQueryDep) -> HTMLResponse:
    page = WORK_VIEWS[name].page(db, user.scope, query)
    return render(request, "worklist_list.html", {
        "name": name, "title": TITLES[name], "page": page, "link": LINKS[name], "path": path})


@router.get("/adjustments", response_class=HTMLResponse)
def notices_page(request: Request, user: CurrentUser, db: DbDep,
                 query: ListQueryDep) -> HTMLResponse:
    return _list(request, "notices", "/adjustments", user, db, query)


@router.post("/adjustments/run", response_model=None)
def run_adjustments(user: CurrentUser, services: ServicesDep) -> RedirectResponse:
    workflows.run_due_adjustments(services, user)
    return RedirectResponse("/adjustments?sort=notice_date&desc=true", status_code=303)


@router.get("/protests", response_class=HTMLResponse)
def protests_page(request: Request, user: CurrentUser, db: DbDep,
                  query: ListQueryDep) -> HTMLResponse:
    return _list(request, "protests", "/protests", user, db, query)


@router.get("/appeals", response_class=HTMLResponse)
def appeals_page(request: Request, user: CurrentUser, db: DbDep,
                 query: ListQueryDep) -> HTMLResponse:
    return _list(request, "appeals", "/appeals", user, db, query)


KINDS = (("individual", "Individual retro (an employer)"), ("new_group", "New group"),
         ("renewal", "Group renewal"), ("member", "Member joining a group"))


def _enrollment(request: Request, user: CurrentUser, db: DbDep, query: ListQueryDep, *,
                active: str = "", errors: tuple[ErrorDetail, ...] = (),
                values: dict[str, str] | None = None, removed: str = "",
                status: int = 200) -> HTMLResponse:
    """The applications list with the filing forms; a refused form keeps what was typed and
    shows each problem next to its field."""
    page = WORK_VIEWS["applications"].page(db, user.scope, query)
    return render(request, "enrollment.html", {
        "name": "applications", "title": TITLES["applications"], "page": page,
        "link": LINKS["applications"], "path": "/enrollment", "kinds": KINDS, "active": active,
        "errors": _by_field(errors, values or {}), "values": values or {},
        "removed": removed}, status=status)


def _by_field(errors: tuple[ErrorDetail, ...], fields: dict[str, str]) -> dict[str, str]:
    """Each problem under its field; one about no field of the form (a missed deadline) under ""."""
    out: dict[str, str] = {}
    for d in errors:
        key = d.path if d.path in fields else ""
        out[key] = f"{out[key]}; {d.message}" if key in out else d.message
    return out


@router.get("/enrollment", response_class=HTMLResponse)
def applications_page(request: Request, user: CurrentUser, db: DbDep, query: ListQueryDep,
                      removed: Annotated[str, Query(max_length=40)] = "") -> HTMLResponse:
    return _enrollment(request, user, db, query, removed=removed)


async def _submit_form(
    services: ServicesDep, user: CurrentUser, fields: dict[str, str], *,
    action: Callable[..., T], redirect: Callable[[T], str],
    redisplay: Callable[[tuple[ErrorDetail, ...], dict[str, str], int], HTMLResponse],
    refused: tuple[type[RetrodeskError], ...] = (InvalidInput, Conflict),
) -> HTMLResponse | RedirectResponse:
    """Run one use case on a posted form; when it refuses, show the form again with the
    problems next to their fields and what was typed kept."""
    try:
        done = await run_in_threadpool(action, services, user, fields)
    except refused as exc:
        return redisplay(exc.details, fields, http_status(exc))
    return RedirectResponse(redirect(done), status_code=303)


async def _submit_enrollment_form(
    request: Request, user: CurrentUser, db: DbDep, services: ServicesDep, query: ListQueryDep,
    *, active: str, names: tuple[str, ...], action: Callable[..., T],
    redirect: Callable[[T], str],
) -> HTMLResponse | RedirectResponse:
    """An enrollment form: the applications list and its forms come back on a refusal."""
    return await _submit_form(
        services, user, await form_fields(request, names), action=action, redirect=redirect,
        redisplay=lambda errors, values, status: _enrollment(
            request, user, db, query, active=active, errors=errors, values=values,
            status=status))


@router.post("/enrollment/applications", response_model=None)
async def file_application(request: Request, user: CurrentUser, db: DbDep,
                           services: ServicesDep,
                           query: ListQueryDep) -> HTMLResponse | RedirectResponse:
    return await _submit_enrollment_form(
        request, user, db, services, query, active="application",
        names=applying.APPLICATION_FIELDS, action=applying.file_application,
        redirect=lambda filed: f"/applications/{filed.application_id}")


@router.post("/enrollment/removals", response_model=None)
async def request_removal(request: Request, user: CurrentUser, db: DbDep,
                          services: ServicesDep,
                          query: ListQueryDep) -> HTMLResponse | RedirectResponse:
    return await _submit_enrollment_form(
        request, user, db, services, query, active="removal",
        names=applying.REMOVAL_FIELDS, action=applying.request_removal,
        redirect=lambda done: f"/enrollment?removed={done.request_id}")


@router.get("/notices/{notice_id}", response_class=HTMLResponse)
def notice_page(request: Request, notice_id: RecordKey, user: CurrentUser, db: DbDep,
                services: ServicesDep) -> HTMLResponse:
    view = workflows.notice(services, db, user, notice_id)
    n = view.notice
    shared = n.participant_kind == "group" and n.result_amount > 0
    return render(request, "notice.html", {
        "view": view, "today": services.clock.today(), "shared": shared,
        "payout": refunding.payout_for(services, user, n) if shared else None,
        "disclosed": refunding.disclosed(services, user, n.participant_id, n.coverage_start)
        if shared else None})


@router.post("/notices/{notice_id}/protests", response_model=None)
def file_protest(notice_id: RecordKey, user: CurrentUser, db: DbDep, services: ServicesDep,
                 grounds: Text, claim_number: Annotated[str, Form(max_length=20)] = "",
                 dispute: Text = "") -> RedirectResponse:
    filed = workflows.file_protest(services, db, user, notice_id, grounds=grounds,
                                   claim_number=claim_number, dispute=dispute)
    return RedirectResponse(f"/protests/{filed.protest_id}", status_code=303)


@router.get("/protests/{protest_id}", response_class=HTMLResponse)
def protest_page(request: Request, protest_id: RecordKey, user: CurrentUser, db: DbDep,
                 services: ServicesDep) -> HTMLResponse:
    view = workflows.protest(services, db, user, protest_id)
    return render(request, "protest.html", {"view": view})


@router.post("/protests/{protest_id}/resolution", response_model=None)
def record_resolution(protest_id: RecordKey, user: CurrentUser, db: DbDep,
                      services: ServicesDep, resolution: Text,
                      resolved_af_reserve: Annotated[str, Form(max_length=20)] = "",
                      resolved_ma_reserve: Annotated[str, Form(max_length=20)] = "",
                      resolved_status: Annotated[str, Form(max_length=10)] = "",
                      ) -> RedirectResponse:
    resolved = {k: v for k, v in (("af_reserve", resolved_af_reserve),
                                  ("ma_reserve", resolved_ma_reserve),
                                  ("status", resolved_status)) if v}
    workflows.record_resolution(services, db, user, protest_id, resolution=resolution,
                                resolved_claim=resolved)
    return RedirectResponse(f"/protests/{protest_id}", status_code=303)


@router.post("/protests/{protest_id}/decision", response_model=None)
def decide_protest(protest_id: RecordKey, user: CurrentUser, db: DbDep, services: ServicesDep,
                   decision: Text, reasons: Text = "") -> RedirectResponse:
    workflows.decide_protest(services, db, user, protest_id, decision=decision,
                             reasons=tuple(r.strip() for r in reasons.splitlines() if r.strip()))
    return RedirectResponse(f"/protests/{protest_id}", status_code=303)


@router.post("/notices/{notice_id}/appeals", response_model=None)
def file_appeal(notice_id: RecordKey, user: CurrentUser, db: DbDep, services: ServicesDep,
                protest_id: Annotated[str, Form(max_length=40)] = "",
                docket_number: Annotated[str, Form(max_length=40)] = "",
                filed_on: Annotated[date | None, Form()] = None) -> RedirectResponse:
    filed = workflows.file_appeal(services, db, user, notice_id, protest_id=protest_id,
                                  docket_number=docket_number, filed_on=filed_on)
    return RedirectResponse(f"/appeals/{filed.appeal_id}", status_code=303)


@router.get("/appeals/{appeal_id}", response_class=HTMLResponse)
def appeal_page(request: Request, appeal_id: RecordKey, user: CurrentUser, db: DbDep,
                services: ServicesDep) -> HTMLResponse:
    return render(request, "appeal.html", {"view": workflows.appeal(services, db, user, appeal_id)})


@router.post("/appeals/{appeal_id}/case-file", response_model=None)
def build_case_file(appeal_id: RecordKey, user: CurrentUser, db: DbDep,
                    services: ServicesDep) -> RedirectResponse:
    document = workflows.build_case_file(services, db, user, appeal_id)
    return RedirectResponse(f"/documents/{document.document_id}", status_code=303)


@router.get("/applications/{application_id}", response_class=HTMLResponse)
def application_page(request: Request, application_id: RecordKey, user: CurrentUser,
                     db: DbDep, services: ServicesDep) -> HTMLResponse:
    view = workflows.application(services, db, user, application_id)
    return render(request, "application.html", {"application": view})


@router.post("/applications/{application_id}/{step}", response_model=None)
def advance_application(application_id: RecordKey,
                        step: Literal["review", "agreement", "signature"], user: CurrentUser,
                        db: DbDep, services: ServicesDep) -> RedirectResponse:
    workflows.advance_application(services, db, user, application_id, step)
    return RedirectResponse(f"/applications/{application_id}", status_code=303)


def _removals(request: Request, user: CurrentUser, db: DbDep, query: ListQueryDep, *,
              errors: tuple[ErrorDetail, ...] = (), values: dict[str, str] | None = None,
              status: int = 200) -> HTMLResponse:
    """The removals list with the removal form; a refused form keeps what was typed."""
    page = WORK_VIEWS["sanctions"].page(db, user.scope, query)
    return render(request, "sanctions.html", {
        "name": "sanctions", "title": TITLES["sanctions"], "page": page,
        "link": LINKS["sanctions"], "path": "/sanctions", "active": "removal",
        "conducts": sanctioning.CONDUCT_CHOICES, "errors": _by_field(errors, values or {}),
        "values": values or {}}, status=status)


@router.get("/sanctions", response_class=HTMLResponse)
def sanctions_page(request: Request, user: CurrentUser, db: DbDep,
                   query: ListQueryDep) -> HTMLResponse:
    return _removals(request, user, db, query)


@router.post("/sanctions", response_model=None)
async def remove_participant(request: Request, user: CurrentUser, db: DbDep,
                             services: ServicesDep,
                             query: ListQueryDep) -> HTMLResponse | RedirectResponse:
    fields = {**await form_fields(request, sanctioning.REMOVAL_FIELDS),
              **await form_fields(request, ("findings",), limit=4000)}
    return await _submit_form(
        services, user, fields, action=sanctioning.remove_participant,
        redirect=lambda done: f"/sanctions/{done.sanction_id}",
        redisplay=lambda errors, values, status: _removals(
            request, user, db, query, errors=errors, values=values, status=status),
        refused=(InvalidInput, Conflict, NotFound))


@router.get("/sanctions/{sanction_id}", response_class=HTMLResponse)
def sanction_page(request: Request, sanction_id: RecordKey, user: CurrentUser, db: DbDep,
                  services: ServicesDep) -> HTMLResponse:
    return render(request, "sanction.html",
                  {"view": sanctioning.sanction(services, db, user, sanction_id)})


@router.get("/assessment-orders", response_class=HTMLResponse)
def assessment_orders_page(request: Request, user: CurrentUser, db: DbDep,
                           query: ListQueryDep) -> HTMLResponse:
    return _list(request, "assessment_orders", "/assessment-orders", user, db, query)


@router.post("/notices/{notice_id}/assessment-orders", response_model=None)
def serve_assessment_order(notice_id: RecordKey, user: CurrentUser, db: DbDep,
                           services: ServicesDep,
                           unpaid: Annotated[str, Form(max_length=30)] = "") -> RedirectResponse:
    order = collecting.serve_order(services, db, user, notice_id,
                                    collecting.amount_typed("unpaid", unpaid))
    return RedirectResponse(f"/assessment-orders/{order.order_id}", status_code=303)


@router.post("/notices/{notice_id}/payments", response_model=None)
def record_payment(notice_id: RecordKey, user: CurrentUser, db: DbDep, services: ServicesDep,
                   amount: Annotated[str, Form(max_length=30)] = "",
                   received_on: Annotated[date | None, Form()] = None,
                   reference: Annotated[str, Form(max_length=100)] = "") -> RedirectResponse:
    collecting.record_payment(services, db, user, notice_id,
                              amount=collecting.amount_typed("amount", amount),
                              received_on=received_on, reference=reference)
    return RedirectResponse(f"/notices/{notice_id}#payments", status_code=303)


@router.post("/notices/{notice_id}/distribution", response_model=None)
def distribute_refund(notice_id: RecordKey, user: CurrentUser, db: DbDep,
                      services: ServicesDep) -> RedirectResponse:
    refunding.distribute(services, db, user, notice_id)
    return RedirectResponse(f"/notices/{notice_id}#members", status_code=303)


@router.get("/assessment-orders/{order_id}", response_class=HTMLResponse)
def assessment_order_page(request: Request, order_id: RecordKey, user: CurrentUser, db: DbDep,
                          services: ServicesDep) -> HTMLResponse:
    return render(request, "assessment_order.html", {
        "view": collecting.assessment_order(services, db, user, order_id),
        "today": services.clock.today()})


@router.post("/assessment-orders/{order_id}/contests", response_model=None)
def contest_assessment_order(order_id: RecordKey, user: CurrentUser, db: DbDep,
                             services: ServicesDep,
                             contest: Annotated[Literal["reconsideration", "appeal"], Form()],
                             received_on: Annotated[date | None, Form()] = None,
                             ) -> RedirectResponse:
    collecting.contest_order(services, db, user, order_id, received_on=received_on,
                              appeal=contest == "appeal")
    return RedirectResponse(f"/assessment-orders/{order_id}", status_code=303)


@router.get("/documents/{document_id}")
def download_document(document_id: RecordKey, user: CurrentUser, db: DbDep,
                      services: ServicesDep) -> Response:
    """The PDF exactly as it was issued."""
    document = workflows.document(services, db, user, document_id)
    return Response(document.pdf, media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{document.document_id}.pdf"'})
