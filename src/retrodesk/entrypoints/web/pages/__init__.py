"""Server-rendered pages (Jinja2 + htmx) for the same use cases as the API."""

from __future__ import annotations

from fastapi import APIRouter, Depends, FastAPI

from retrodesk.entrypoints.web.deps import require_csrf
from retrodesk.entrypoints.web.pages import (
    account,
    calculators,
    home,
    lists,
    login,
    records,
    rulebook,
    workflows,
)

__all__ = ["PREFIX", "ROUTERS", "mount"]

PREFIX = ""
ROUTERS = (login.router, home.router, calculators.router, lists.router, records.router,
           workflows.router, rulebook.router, account.router)


def mount(app: FastAPI) -> None:
    router = APIRouter(dependencies=[Depends(require_csrf)], include_in_schema=False)
    for module_router in ROUTERS:
        router.include_router(module_router)
    app.include_router(router)
