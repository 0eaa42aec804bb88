"""Record pages: one employer, group, claim or adjustment, each read within the caller's scope;
an employer's safety-training attendance and a group's disclosed refund-sharing terms, recorded
from their pages."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from retrodesk.adapters.documents import charts
from retrodesk.entrypoints.web import (
    experience,
    losses,
    records,
    refunding,
    training,
    workflows,
)
from retrodesk.entrypoints.web.deps import CurrentUser, DbDep, ServicesDep
from retrodesk.entrypoints.web.rendering import form_fields, render
from retrodesk.entrypoints.web.schemas import RatingYear, RecordId, RecordKey
from retrodesk.kernel.errors import ErrorDetail, InvalidInput
from retrodesk.programs.distribution import SAMPLE_TERMS
from retrodesk.programs.losscontrol import LossProfile
from retrodesk.programs.projection import project_next_adjustment
from retrodesk.programs.records import ParticipantKind

__all__ = ["router"]

router = APIRouter()



@router.get("/employers/{account_id}", response_class=HTMLResponse)
def employer_page(request: Request, account_id: RecordKey, user: CurrentUser, db: DbDep,
                  services: ServicesDep) -> HTMLResponse:
    view = records.employer(db, user.scope, account_id)
    programs = workflows.participant_programs(services, db, user, "employer", account_id)
    return render(request, "employer.html", {
        "view": view, "programs": programs, "today": services.clock.today(),
        "training": training.attendance_of(services, user, account_id)})


@router.post("/employers/{account_id}/training", response_model=None)
def record_training(account_id: RecordKey, user: CurrentUser, db: DbDep, services: ServicesDep,
                    course: Annotated[str, Form(max_length=200)] = "",
                    attended_on: Annotated[date | None, Form()] = None,
                    provider: Annotated[str, Form(max_length=200)] = "",
                    is_in_person: Annotated[str, Form(max_length=10)] = "") -> RedirectResponse:
    training.record_training(services, db, user, account_id, course=course,
                             attended_on=attended_on, is_in_person=bool(is_in_person),
                             provider=provider)
    return RedirectResponse(f"/employers/{account_id}#training", status_code=303)


@router.get("/employers/{account_id}/experience", response_class=HTMLResponse)
def employer_experience(request: Request, account_id: RecordKey, user: CurrentUser, db: DbDep,
                        services: ServicesDep, rating_year: RatingYear = None) -> HTMLResponse:
    """The experience factor explained (loaded into the employer page by htmx); records the
    rulebook cannot rate are named, not a failed page."""
    try:
        review = experience.review(services, db, user, account_id, rating_year).as_dict()
    except InvalidInput as refused:
        return render(request, "partials/experience.html", {"refused": refused})
    return render(request, "partials/experience.html", {"review": review})


@router.get("/employers/{account_id}/loss-control", response_class=HTMLResponse)
def employer_loss_control(request: Request, account_id: RecordKey, user: CurrentUser,
                          db: DbDep, services: ServicesDep,
                          as_of: Annotated[date | None, Query()] = None) -> HTMLResponse:
    """Injury problem areas against the class (loaded into the employer page by htmx)."""
    found = losses.profile(services, db, user, ParticipantKind.EMPLOYER, account_id, as_of)
    return _loss_control(request, services, user, found, ParticipantKind.EMPLOYER, account_id)


@router.get("/groups/{group_id}/loss-control", response_class=HTMLResponse)
def group_loss_control(request: Request, group_id: RecordKey, user: CurrentUser, db: DbDep,
                       services: ServicesDep,
                       as_of: Annotated[date | None, Query()] = None) -> HTMLResponse:
    """Injury problem areas of the current members (loaded into the group page by htmx)."""
    found = losses.profile(services, db, user, ParticipantKind.GROUP, group_id, as_of)
    return _loss_control(request, services, user, found, ParticipantKind.GROUP, group_id)


def _loss_control(request: Request, services: ServicesDep, user: CurrentUser,
                  found: LossProfile, kind: ParticipantKind, participant_id: str) -> HTMLResponse:
    return render(request, "partials/loss_control.html", {
        "profile": found, "kind": kind.value, "participant_id": participant_id,
        "recommendations": losses.recommendations(services, user, kind, participant_id),
        "follow_up_default": services.clock.today() + timedelta(days=90)})


async def _recommend(request: Request, kind: ParticipantKind, participant_id: str,
                     user: CurrentUser, db: DbDep, services: ServicesDep) -> RedirectResponse:
    fields = await form_fields(request, losses.ADVICE_FIELDS, limit=4000)
    done = await run_in_threadpool(losses.recommend, services, db, user, kind, participant_id,
                                   fields)
    return RedirectResponse(f"/recommendations/{done.recommendation_id}", status_code=303)


@router.post("/employers/{account_id}/recommendations", response_model=None)
async def recommend_to_employer(request: Request, account_id: RecordKey, user: CurrentUser,
                                db: DbDep, services: ServicesDep) -> RedirectResponse:
    """Loss-control advice to an employer, to follow up on a day."""
    return await _recommend(request, ParticipantKind.EMPLOYER, account_id, user, db, services)


@router.post("/groups/{group_id}/recommendations", response_model=None)
async def recommend_to_group(request: Request, group_id: RecordKey, user: CurrentUser,
                             db: DbDep, services: ServicesDep) -> RedirectResponse:
    """Loss-control advice to a group (its sponsor), to follow up on a day."""
    return await _recommend(request, ParticipantKind.GROUP, group_id, user, db, services)


@router.get("/recommendations/{recommendation_id}", response_class=HTMLResponse)
def recommendation_page(request: Request, recommendation_id: RecordKey, user: CurrentUser,
                        db: DbDep, services: ServicesDep) -> HTMLResponse:
    return render(request, "recommendation.html",
                  {"view": losses.recommendation(services, db, user, recommendation_id)})


@router.post("/recommendations/{recommendation_id}/follow-up", response_model=None)
def follow_up(recommendation_id: RecordKey, user: CurrentUser, db: DbDep,
              services: ServicesDep,
              outcome: Annotated[str, Form(max_length=4000)] = "") -> RedirectResponse:
    losses.follow_up(services, db, user, recommendation_id, outcome)
    return RedirectResponse(f"/recommendations/{recommendation_id}", status_code=303)


@router.get("/loss-control", response_class=HTMLResponse)
def loss_control_watch(request: Request, user: CurrentUser,
                       services: ServicesDep) -> HTMLResponse:
    """Enrolled participants whose injuries need attention (docs/loss-control.md)."""
    return render(request, "loss_watch.html", {
        "items": losses.watch(services, user), "today": services.clock.today()})


@router.get("/groups/{group_id}", response_class=HTMLResponse)
def group_page(request: Request, group_id: RecordKey, user: CurrentUser, db: DbDep,
               services: ServicesDep, period: Annotated[date | None, Query()] = None,
               page: Annotated[int, Query(ge=1, le=10_000)] = 1) -> HTMLResponse:
    view = records.group(db, user.scope, group_id, period=period, page=page)
    programs = workflows.participant_programs(services, db, user, "group", group_id)
    return render(request, "group.html", {
        "view": view, "programs": programs, "sample": SAMPLE_TERMS,
        "disclosed": refunding.disclosed(services, user, group_id, view.period)})


@router.post("/groups/{group_id}/terms", response_model=None)
async def disclose_terms(request: Request, group_id: RecordKey, user: CurrentUser, db: DbDep,
                         services: ServicesDep) -> RedirectResponse:
    """Record the refund-sharing terms the sponsor disclosed at enrollment for one period."""
    typed = await form_fields(request, (*refunding.TERM_FIELDS, "coverage_start"), limit=20)
    try:
        start = date.fromisoformat(typed.pop("coverage_start"))
    except ValueError:
        raise InvalidInput.of([ErrorDetail("coverage_start", "choose a coverage period")]) from None
    await run_in_threadpool(refunding.disclose, services, db, user, group_id, start,
                            refunding.typed_terms(typed))
    return RedirectResponse(f"/groups/{group_id}?period={start.isoformat()}#terms",
                            status_code=303)


@router.get("/groups/{group_id}/chart.svg")
def group_chart(group_id: RecordKey, user: CurrentUser, db: DbDep,
                services: ServicesDep) -> Response:
    """Loss ratio and refunds by coverage period (loaded by the group page as an image)."""
    records.group(db, user.scope, group_id)
    programs = workflows.participant_programs(services, db, user, "group", group_id)
    svg = charts.loss_ratio_refunds_svg(workflows.performance(programs))
    return Response(svg, media_type="image/svg+xml",
                    headers={"Cache-Control": "private, max-age=60"})


@router.get("/groups/{group_id}/projection", response_class=HTMLResponse)
def group_projection(request: Request, group_id: RecordKey, user: CurrentUser, db: DbDep,
                     services: ServicesDep) -> HTMLResponse:
    """The next adjustment as it would come out today (loaded into the group page by htmx)."""
    records.group(db, user.scope, group_id)
    projection = project_next_adjustment(services.program_ports(user.username), group_id)
    return render(request, "partials/projection.html", {"projection": projection})


@router.get("/claims/{claim_number}", response_class=HTMLResponse)
def claim_page(request: Request, claim_number: RecordKey, user: CurrentUser,
               db: DbDep) -> HTMLResponse:
    return render(request, "claim.html", {"claim": records.claim(db, user.scope, claim_number)})


@router.get("/adjustments/{adjustment_id}", response_class=HTMLResponse)
def adjustment_page(request: Request, adjustment_id: RecordId, user: CurrentUser,
                    db: DbDep) -> HTMLResponse:
    result = records.adjustment(db, user.scope, adjustment_id)
    return render(request, "adjustment.html", {"adjustment": result})
