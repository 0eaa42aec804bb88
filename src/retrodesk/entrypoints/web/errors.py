"""Error handlers: a retrodesk error becomes its HTTP status (one table, entrypoints.errors).

API routes answer with the contract's body `{"errors": [{"path", "message"}]}`; pages answer with
an error page that says the same thing in words.
"""

from __future__ import annotations

import logging
from typing import Any, cast

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from retrodesk.entrypoints.errors import http_status
from retrodesk.entrypoints.web.rendering import render
from retrodesk.kernel.errors import ErrorDetail, RetrodeskError

__all__ = ["install_error_handlers", "is_api"]

_log = logging.getLogger("retrodesk.web")


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _path(location: tuple[Any, ...]) -> str:
    """A pydantic error location as a contract path: ("body", "claims", 3, "x") → claims[3].x."""
    out = ""
    for part in location[1:] if location and location[0] in {"body", "query", "path"} else location:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _respond(request: Request, status: int, details: list[ErrorDetail]) -> Response:
    if is_api(request):
        return JSONResponse({"errors": [d.as_dict() for d in details]}, status_code=status)
    return render(request, "error.html", {"status": status, "details": details}, status=status)


async def _retrodesk_error(request: Request, exc: Exception) -> Response:
    error = cast(RetrodeskError, exc)
    return _respond(request, http_status(error), list(error.details))


async def _validation_error(request: Request, exc: Exception) -> Response:
    details = [ErrorDetail(_path(tuple(e.get("loc", ()))), str(e.get("msg", "invalid")))
               for e in cast(RequestValidationError, exc).errors()]
    return _respond(request, 422, details)


async def _http_error(request: Request, exc: Exception) -> Response:
    error = cast(StarletteHTTPException, exc)
    response = _respond(request, error.status_code, [ErrorDetail("", str(error.detail))])
    for name, value in (error.headers or {}).items():
        response.headers[name] = value
    return response


async def _unexpected(request: Request, exc: Exception) -> Response:
    _log.exception("unexpected error on %s %s", request.method, request.url.path)
    return _respond(request, 500, [ErrorDetail("", "internal error; it has been logged")])


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RetrodeskError, _retrodesk_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
