"""The lists: employers, groups and claims — paginated, sortable, searchable, exportable."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from retrodesk.entrypoints.web.access import Action
from retrodesk.entrypoints.web.deps import CurrentUser, DbDep, ListQueryDep
from retrodesk.entrypoints.web.exports import csv_response, xlsx_response
from retrodesk.entrypoints.web.rendering import render
from retrodesk.entrypoints.web.views import VIEWS
from retrodesk.entrypoints.web.workviews import ALL_VIEWS, ListName

__all__ = ["router"]

router = APIRouter()


TITLES = {"employers": "Employers", "groups": "Groups", "claims": "Claims"}
LINKS = {"employers": ("account_id", "/employers/"), "groups": ("group_id", "/groups/"),
         "claims": ("claim_number", "/claims/")}


def _list_page(request: Request, name: str, user: CurrentUser, db: DbDep,
               query: ListQueryDep) -> HTMLResponse:
    page = VIEWS[name].page(db, user.scope, query)
    return render(request, "list.html", {"name": name, "title": TITLES[name], "page": page,
                                         "link": LINKS[name], "q": query.q})


@router.get("/employers", response_class=HTMLResponse)
def employers(request: Request, user: CurrentUser, db: DbDep, query: ListQueryDep) -> HTMLResponse:
    return _list_page(request, "employers", user, db, query)


@router.get("/groups", response_class=HTMLResponse)
def groups(request: Request, user: CurrentUser, db: DbDep, query: ListQueryDep) -> HTMLResponse:
    return _list_page(request, "groups", user, db, query)


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request, user: CurrentUser, db: DbDep, query: ListQueryDep) -> HTMLResponse:
    return _list_page(request, "claims", user, db, query)


@router.get("/export/{name}.{fmt}")
def export(name: ListName, fmt: Literal["csv", "xlsx"], user: CurrentUser, db: DbDep,
           query: ListQueryDep) -> Response:
    """The whole list (every page) as CSV or Excel."""
    user.require(Action.EXPORT)
    view = ALL_VIEWS[name]
    rows = list(view.all_rows(db, user.scope, query))
    columns = tuple(rows[0]) if rows else tuple(view.sortable)
    return (csv_response if fmt == "csv" else xlsx_response)(name, columns, rows)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, user: CurrentUser, db: DbDep, query: ListQueryDep) -> HTMLResponse:
    """Employers, groups and claims matching the text, first page of each, within scope."""
    results = {name: view.page(db, user.scope, query) for name, view in VIEWS.items()}
    return render(request, "search.html", {"results": results, "titles": TITLES,
                                           "links": LINKS, "q": query.q})
