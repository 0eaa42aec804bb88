"""The JSON API under /api/v1: calculators, records and workflows."""

from __future__ import annotations

from fastapi import APIRouter, Depends, FastAPI

from retrodesk.entrypoints.web.api import calc, records
from retrodesk.entrypoints.web.deps import require_csrf

__all__ = ["mount"]


def mount(app: FastAPI) -> None:
    router = APIRouter(prefix="/api/v1", dependencies=[Depends(require_csrf)])
    for module in (calc, records):
        router.include_router(module.router)
    app.include_router(router)
