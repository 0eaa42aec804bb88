"""POST /api/v1/calc/<kind>: the calculation contract over HTTP (spec/calc-io.md)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse

from retrodesk.entrypoints.web.access import Action
from retrodesk.entrypoints.web.deps import CurrentUser, ServicesDep
from retrodesk.entrypoints.web.schemas import ERROR_RESPONSES, CalcKind, CaseDocument
from retrodesk.rating.contract import calculate_document

__all__ = ["router"]

router = APIRouter(tags=["calculators"])


@router.post("/calc/{kind}", responses=ERROR_RESPONSES,
             response_model=None, summary="Calculate one case or a list of cases")
def post_calc(kind: CalcKind, document: Annotated[CaseDocument, Body()],
              services: ServicesDep, user: CurrentUser) -> JSONResponse:
    """The result (or list of results) with its worksheet and provenance; 422 lists every error."""
    user.require(Action.CALCULATE)
    outcome = calculate_document(kind, document, **services.tables(kind))
    payload: Any = ([r.as_dict() for r in outcome] if isinstance(outcome, list)
                    else outcome.as_dict())
    return JSONResponse(payload)
