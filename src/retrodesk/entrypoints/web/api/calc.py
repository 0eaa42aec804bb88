"""POST /api/v1/calc/<kind>: the calculation contract over HTTP (spec/calc-io.md)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from retrodesk.entrypoints.web.access import Action
from retrodesk.entrypoints.web.deps import CurrentUser, ServicesDep
from retrodesk.entrypoints.web.schemas import ERROR_RESPONSES, CalcKind, CaseDocument
from retrodesk.rating.contract import calculate_document

__all__ = ["router"]

router = APIRouter(tags=["calculators"])

ON_LOOP_CASES = 4


@router.post("/calc/{kind}", responses=ERROR_RESPONSES,
             response_model=None, summary="Calculate one case or a list of cases")
async def post_calc(kind: CalcKind, document: Annotated[CaseDocument, Body()],
                    services: ServicesDep, user: CurrentUser) -> JSONResponse:
    """The result (or list of results) with its worksheet and provenance; 422 lists every error.

    One case is computed on the event loop (about a millisecond of CPU, less than a hand-off to
    a worker thread costs); a longer list goes to a worker thread so other requests go on.
    """
    user.require(Action.CALCULATE)
    tables = services.tables(kind)
    if isinstance(document, list) and len(document) > ON_LOOP_CASES:
        return JSONResponse(await run_in_threadpool(_calculate, kind, document, tables))
    return JSONResponse(_calculate(kind, document, tables))


def _calculate(kind: str, document: object, tables: dict[str, object]) -> Any:  # noqa: ANN401
    outcome = calculate_document(kind, document, **tables)
    return [r.as_dict() for r in outcome] if isinstance(outcome, list) else outcome.as_dict()
