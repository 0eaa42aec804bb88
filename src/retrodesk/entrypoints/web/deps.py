"""Request dependencies: the services, the signed-in user, CSRF checking and role checks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request
from sqlalchemy.orm import Session as DbSession

from retrodesk.entrypoints.bootstrap import Services
from retrodesk.entrypoints.web.access import Principal
from retrodesk.entrypoints.web.auth import Session
from retrodesk.entrypoints.web.views import ListQuery

__all__ = [
    "CurrentUser",
    "DbDep",
    "ListQueryDep",
    "LoginRequired",
    "ServicesDep",
    "get_services",
    "require_csrf",
    "require_user",
]

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class LoginRequired(Exception):  # noqa: N818 - a signal to the handler, not a failure
    """No signed-in user: pages redirect to the login form, the API answers 401."""


# Plain lookups are `async def` so that FastAPI calls them on the event loop instead of handing
# each to a worker thread (the hand-off costs more than the lookup).
async def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


async def require_user(request: Request) -> Principal:
    principal: Principal | None = getattr(request.state, "principal", None)
    if principal is None:
        raise LoginRequired
    return principal


async def require_csrf(request: Request) -> None:
    """Every state-changing request made with the session cookie echoes the session's CSRF token.

    API calls authenticated by a bearer token carry no cookie authority, so they need no token.
    The sign-in form is checked too, against the anonymous session's token.
    """
    if request.method not in UNSAFE or getattr(request.state, "via_token", False):
        return
    if request.url.path.startswith("/api/") and getattr(request.state, "principal", None) is None:
        return  # no cookie authority to abuse; the route answers 401
    session: Session | None = getattr(request.state, "session", None)
    presented = request.headers.get("x-csrf-token")
    if presented is None and "form" in request.headers.get("content-type", ""):
        presented = str((await request.form()).get("csrf_token") or "") or None
    if session is None or not session.csrf_matches(presented):
        raise HTTPException(status_code=403, detail="missing or stale form token; reload the page")


ServicesDep = Annotated[Services, Depends(get_services)]
CurrentUser = Annotated[Principal, Depends(require_user)]


def read_session(services: ServicesDep) -> Iterator[DbSession]:
    """A database session for the read side of a request (pages and lists); never commits."""
    with services.session_factory() as db:
        yield db


async def list_query(q: Annotated[str, Query(max_length=100)] = "",
               sort: Annotated[str, Query(max_length=40)] = "",
               desc: bool = False,
               page: Annotated[int, Query(ge=1, le=100_000)] = 1,
               size: Annotated[int, Query(ge=1, le=200)] = 50) -> ListQuery:
    return ListQuery(q=q, sort=sort, descending=desc, page=page, size=size)


DbDep = Annotated[DbSession, Depends(read_session)]
ListQueryDep = Annotated[ListQuery, Depends(list_query)]
