"""Home: the coordinator's worklist (what is due, deadlines, alerts); participants' own records."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from retrodesk.entrypoints.web.deps import CurrentUser, DbDep
from retrodesk.entrypoints.web.rendering import render
from retrodesk.entrypoints.web.views import VIEWS, ListQuery

__all__ = ["router"]

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def home(request: Request, user: CurrentUser, db: DbDep) -> HTMLResponse:
    groups = VIEWS["groups"].page(db, user.scope, ListQuery(size=20))
    return render(request, "home.html", {"groups": groups})
