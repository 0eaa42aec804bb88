"""Server-rendered pages (Jinja2 + htmx) for the same use cases as the API."""

from __future__ import annotations

from fastapi import APIRouter, Depends, FastAPI

from retrodesk.entrypoints.web.deps import require_csrf
from retrodesk.entrypoints.web.pages import calculators, lists, login, records

__all__ = ["mount"]


def mount(app: FastAPI) -> None:
    router = APIRouter(dependencies=[Depends(require_csrf)], include_in_schema=False)
    for module in (login, calculators, lists, records):
        router.include_router(module.router)
    app.include_router(router)
