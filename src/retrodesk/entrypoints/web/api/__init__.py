"""The JSON API under /api/v1: calculators, records and workflows."""

from __future__ import annotations

from fastapi import APIRouter, Depends, FastAPI

from retrodesk.entrypoints.web.api import calc, records, workflows
from retrodesk.entrypoints.web.deps import require_csrf

__all__ = ["PREFIX", "ROUTERS", "mount"]

PREFIX = "/api/v1"
ROUTERS = (calc.router, records.router, workflows.router)


def mount(app: FastAPI) -> None:
    router = APIRouter(prefix=PREFIX, dependencies=[Depends(require_csrf)])
    for module_router in ROUTERS:
        router.include_router(module_router)
    app.include_router(router)
