"""Home: the coordinator's worklist (what is due, deadlines, alerts); participants' own records."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from retrodesk.entrypoints.web import workflows
from retrodesk.entrypoints.web.deps import CurrentUser, DbDep, ServicesDep
from retrodesk.entrypoints.web.rendering import render
from retrodesk.entrypoints.web.views import VIEWS, ListQuery
from retrodesk.programs.worklist import SECTIONS, WorkItem

__all__ = ["router"]

router = APIRouter()

TITLES = {"applications": "Applications waiting", "deadlines": "Deadlines this month",
          "runs": "Adjustments due", "protests": "Protests", "appeals": "Appeals",
          "probation": "Groups on probation or denied"}


def link(item: WorkItem) -> str | None:
    """Where a work item is handled: the record's page (its kind is read from its section)."""
    subject = item.subject
    if item.section == "applications":
        return f"/applications/{subject}"
    if item.section == "runs":
        return "/adjustments"
    if item.section == "probation":
        return f"/groups/{subject}"
    if item.section == "collections":
        return f"/notices/{subject}#payments"
    if item.section == "follow_ups":
        return f"/recommendations/{subject}"
    if item.section in ("protests", "appeals"):
        prefix = {"PR-": "/protests/", "AP-": "/appeals/"}.get(subject[:3], "/notices/")
        return prefix + subject
    return None


@router.get("/", response_class=HTMLResponse)
def home(request: Request, user: CurrentUser, db: DbDep, services: ServicesDep) -> HTMLResponse:
    groups = VIEWS["groups"].page(db, user.scope, ListQuery(size=20))
    sections = {}
    if user.is_staff:
        found = workflows.coordinator_worklist(services, user)
        sections = {name: [(item, link(item)) for item in found.section(name)]
                    for name in SECTIONS}
    return render(request, "home.html", {"groups": groups, "sections": sections,
                                         "titles": TITLES})
