"""Calculator pages: a case and a what-if side by side, each with its worksheet and rules."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, cast

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from retrodesk.entrypoints.web.access import Action
from retrodesk.entrypoints.web.deps import CurrentUser, ServicesDep
from retrodesk.entrypoints.web.rendering import render
from retrodesk.entrypoints.web.schemas import CalcKind
from retrodesk.kernel.errors import ErrorDetail, InvalidInput
from retrodesk.rating.contract import Result, calculate_document

__all__ = ["router"]

router = APIRouter()

EXAMPLES = Path(__file__).resolve().parent.parent / "static" / "examples"
TITLES = {"retro": "Retrospective premium", "experience": "Experience factor",
          "premium": "Quarterly premium"}


@dataclass(slots=True)
class Outcome:
    """One side of the comparison: the case text and its result or its errors."""

    text: str
    result: dict[str, Any] | None = None
    errors: list[ErrorDetail] = field(default_factory=list)


def _calculate(kind: str, text: str, tables: dict[str, object]) -> Outcome:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        problem = f"not valid JSON: {exc.msg} at line {exc.lineno}"
        return Outcome(text, errors=[ErrorDetail("", problem)])
    if not isinstance(document, dict):
        return Outcome(text, errors=[ErrorDetail("", "enter one case (a JSON object)")])
    try:
        outcome = calculate_document(kind, document, **tables)
    except InvalidInput as exc:
        return Outcome(text, errors=list(exc.details))
    return Outcome(text, result=cast(Result, outcome).as_dict())


Figures = dict[str, Any] | None


def _summary(base: Figures, other: Figures) -> list[tuple[str, str, str]]:
    """Top-level figures of both results, in the result's order, for the side-by-side table."""
    rows: list[tuple[str, str, str]] = []
    for key in (base or other or {}):
        left, right = (base or {}).get(key), (other or {}).get(key)
        if isinstance(left, dict) and {"kind", "amount"} <= left.keys():
            left, right = _kind_amount(left), _kind_amount(right)
        if isinstance(left, str | int) or isinstance(right, str | int):
            rows.append((key, _text(left), _text(right)))
    return rows


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _kind_amount(value: object) -> str:
    return f"{value['kind']} {value['amount']}" if isinstance(value, dict) else ""


def _changed_steps(base: Figures, other: Figures) -> set[str]:
    if base is None or other is None:
        return set()
    before = {line["step"]: line["value"] for line in base.get("worksheet", [])}
    return {line["step"] for line in other.get("worksheet", [])
            if before.get(line["step"]) != line["value"]}


@router.get("/calculators", response_class=HTMLResponse)
def calculators_index(request: Request, user: CurrentUser) -> HTMLResponse:
    return render(request, "calculators/index.html", {"titles": TITLES})


@router.get("/calculators/{kind}", response_class=HTMLResponse)
def calculator_form(request: Request, kind: CalcKind, user: CurrentUser) -> HTMLResponse:
    """The example case on both sides, ready to change."""
    example = (EXAMPLES / f"{kind}.json").read_text(encoding="utf-8")
    return _page(request, kind, Outcome(example), Outcome(example))


@router.post("/calculators/{kind}", response_class=HTMLResponse)
def calculator_run(request: Request, kind: CalcKind, user: CurrentUser, services: ServicesDep,
                   base: Annotated[str, Form(max_length=200_000)],
                   whatif: Annotated[str, Form(max_length=200_000)] = "") -> HTMLResponse:
    user.require(Action.CALCULATE)
    tables = services.tables(kind)
    left = _calculate(kind, base, tables)
    right = _calculate(kind, whatif, tables) if whatif.strip() else Outcome(whatif)
    return _page(request, kind, left, right)


def _page(request: Request, kind: str, base: Outcome, whatif: Outcome) -> HTMLResponse:
    return render(request, "calculators/form.html", {
        "kind": kind, "title": TITLES[kind], "base": base, "whatif": whatif,
        "summary": _summary(base.result, whatif.result),
        "changed": _changed_steps(base.result, whatif.result),
    })
