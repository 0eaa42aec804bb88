"""Record pages: one employer, group, claim or adjustment, each read within the caller's scope."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from retrodesk.entrypoints.web import records
from retrodesk.entrypoints.web.deps import CurrentUser, DbDep
from retrodesk.entrypoints.web.rendering import render
from retrodesk.entrypoints.web.schemas import RecordId, RecordKey

__all__ = ["router"]

router = APIRouter()



@router.get("/employers/{account_id}", response_class=HTMLResponse)
def employer_page(request: Request, account_id: RecordKey, user: CurrentUser,
                  db: DbDep) -> HTMLResponse:
    view = records.employer(db, user.scope, account_id)
    return render(request, "employer.html", {"view": view})


@router.get("/groups/{group_id}", response_class=HTMLResponse)
def group_page(request: Request, group_id: RecordKey, user: CurrentUser,
               db: DbDep) -> HTMLResponse:
    view = records.group(db, user.scope, group_id)
    return render(request, "group.html", {"view": view})


@router.get("/claims/{claim_number}", response_class=HTMLResponse)
def claim_page(request: Request, claim_number: RecordKey, user: CurrentUser,
               db: DbDep) -> HTMLResponse:
    return render(request, "claim.html", {"claim": records.claim(db, user.scope, claim_number)})


@router.get("/adjustments/{adjustment_id}", response_class=HTMLResponse)
def adjustment_page(request: Request, adjustment_id: RecordId, user: CurrentUser,
                    db: DbDep) -> HTMLResponse:
    result = records.adjustment(db, user.scope, adjustment_id)
    return render(request, "adjustment.html", {"adjustment": result})
