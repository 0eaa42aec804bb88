"""Records over JSON: lists (paginated, sortable, searchable) and single records, within scope."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from retrodesk.entrypoints.web import experience, losses, records
from retrodesk.entrypoints.web.deps import CurrentUser, DbDep, ListQueryDep, ServicesDep
from retrodesk.entrypoints.web.schemas import (
    ERROR_RESPONSES,
    FollowUpCreate,
    RatingYear,
    RecommendationCreate,
    RecordId,
    RecordKey,
    RecordPage,
    plain,
)
from retrodesk.entrypoints.web.workviews import ALL_VIEWS, ListName
from retrodesk.programs.records import ParticipantKind

__all__ = ["router"]

router = APIRouter(tags=["records"], responses=ERROR_RESPONSES)


@router.get("/lists/{name}", response_model=RecordPage,
            summary="A page of employers, groups or claims")
def list_records(name: ListName, user: CurrentUser, db: DbDep,
                 query: ListQueryDep) -> JSONResponse:
    """Employers, groups, claims, notices, protests, appeals or applications, within scope."""
    page = ALL_VIEWS[name].page(db, user.scope, query)
    return JSONResponse(plain({"items": page.rows, "total": page.total,
                               "page": query.page, "size": query.size}))


@router.get("/employers/{account_id}", summary="One employer: account, hours, claims, retro")
def get_employer(account_id: RecordKey, user: CurrentUser, db: DbDep) -> JSONResponse:
    return JSONResponse(plain(records.employer(db, user.scope, account_id)))


@router.get("/employers/{account_id}/experience",
            summary="One employer's experience factor from its records, explained")
def get_employer_experience(account_id: RecordKey, user: CurrentUser, db: DbDep,
                            services: ServicesDep,
                            rating_year: RatingYear = None) -> JSONResponse:
    """The factor for a rating year (default: the current year) from the employer's hours and
    claims as valued on June 1 of the year before: the worksheet, the minimum and controllable
    factor, each claim's impact, and the change from last year in parts that add up to it."""
    review = experience.review(services, db, user, account_id, rating_year)
    return JSONResponse(plain(review.as_dict()))


@router.get("/employers/{account_id}/loss-control",
            summary="One employer's injuries by cause, part of body and nature against its class")
def get_employer_loss_control(account_id: RecordKey, user: CurrentUser, db: DbDep,
                              services: ServicesDep,
                              as_of: Annotated[date | None, Query()] = None) -> JSONResponse:
    """The last twelve quarters' claims and hours as known today, each code's claims against
    the count expected from the book's experience in the same classes, the problem areas and
    the worksheet (docs/loss-control.md); `as_of` reads the records as known on another day."""
    found = losses.profile(services, db, user, ParticipantKind.EMPLOYER, account_id, as_of)
    return JSONResponse(found.as_dict())


@router.get("/groups/{group_id}/loss-control",
            summary="A group's current members' injuries against their classes")
def get_group_loss_control(group_id: RecordKey, user: CurrentUser, db: DbDep,
                           services: ServicesDep,
                           as_of: Annotated[date | None, Query()] = None) -> JSONResponse:
    """As for an employer, for the members of the group's latest coverage period together."""
    found = losses.profile(services, db, user, ParticipantKind.GROUP, group_id, as_of)
    return JSONResponse(found.as_dict())


@router.get("/loss-control",
            summary="Enrolled participants whose injuries need attention (program staff)")
def get_loss_control_watch(user: CurrentUser, services: ServicesDep) -> JSONResponse:
    """Groups (as their members) and individual employers enrolled today with a problem area, or
    with claims at least 1.5 times (and 3 or more) what their classes lead one to expect."""
    return JSONResponse([item.as_dict() for item in losses.watch(services, user)])


@router.post("/recommendations", status_code=201,
             summary="Record loss-control advice to an employer or a group, to follow up")
def post_recommendation(body: RecommendationCreate, user: CurrentUser, db: DbDep,
                        services: ServicesDep) -> JSONResponse:
    done = losses.recommend(services, db, user, body.participant_kind, body.participant_id,
                            {"area": body.area, "advice": body.advice,
                             "follow_up_on": body.follow_up_on.isoformat()})
    return JSONResponse(plain(done), status_code=201)


@router.get("/recommendations/{recommendation_id}", summary="A loss-control recommendation")
def get_recommendation(recommendation_id: RecordKey, user: CurrentUser, db: DbDep,
                       services: ServicesDep) -> JSONResponse:
    view = losses.recommendation(services, db, user, recommendation_id)
    return JSONResponse(plain(view["recommendation"]))


@router.post("/recommendations/{recommendation_id}/follow-up",
             summary="Record what the follow-up of a recommendation found")
def post_follow_up(recommendation_id: RecordKey, body: FollowUpCreate, user: CurrentUser,
                   db: DbDep, services: ServicesDep) -> JSONResponse:
    return JSONResponse(plain(losses.follow_up(services, db, user, recommendation_id,
                                               body.outcome)))


@router.get("/groups/{group_id}", summary="One group: sponsor, members, adjustments")
def get_group(group_id: RecordKey, user: CurrentUser, db: DbDep,
              period: Annotated[date | None, Query()] = None,
              page: Annotated[int, Query(ge=1, le=10_000)] = 1) -> JSONResponse:
    """The group, its member count per period and one page (100) of one period's members."""
    view = records.group(db, user.scope, group_id, period=period, page=page)
    periods = {start.isoformat(): count for start, count in view.periods.items()}
    return JSONResponse(plain({"group": view.group, "sponsor": view.sponsor,
                               "member_counts": periods, "period": view.period,
                               "page": view.page, "pages": view.pages, "members": view.members,
                               "adjustments": view.adjustments}))


@router.get("/claims/{claim_number}", summary="One claim with its valuation history")
def get_claim(claim_number: RecordKey, user: CurrentUser, db: DbDep) -> JSONResponse:
    return JSONResponse(plain(records.claim(db, user.scope, claim_number)))


@router.get("/adjustments/{adjustment_id}", summary="One issued adjustment with its worksheet")
def get_adjustment(adjustment_id: RecordId, user: CurrentUser, db: DbDep) -> JSONResponse:
    return JSONResponse(plain(records.adjustment(db, user.scope, adjustment_id)))
