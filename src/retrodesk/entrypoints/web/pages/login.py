"""Sign in and sign out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from retrodesk.entrypoints.web import identity
from retrodesk.entrypoints.web.auth import LoginThrottle, Session
from retrodesk.entrypoints.web.deps import ServicesDep
from retrodesk.entrypoints.web.rendering import render

__all__ = ["router"]

router = APIRouter()


def _safe_next(target: str) -> str:
    # Only local paths: an attacker's link must not bounce a fresh session to another site.
    return target if target.startswith("/") and not target.startswith("//") else "/"


def _refused(request: Request, target: str, username: str, *, status: int,
             error: str) -> HTMLResponse:
    context = {"next": _safe_next(target), "username": username, "error": error}
    return render(request, "login.html", context, status=status)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return render(request, "login.html", {"next": _safe_next(next)})


@router.post("/login", response_class=HTMLResponse, response_model=None)
def login(request: Request, services: ServicesDep,
          username: Annotated[str, Form(max_length=100)],
          password: Annotated[str, Form(max_length=200)],
          next: Annotated[str, Form(max_length=500)] = "/",
          ) -> HTMLResponse | RedirectResponse:
    throttle: LoginThrottle = request.app.state.throttle
    client = request.client.host if request.client else "unknown"
    if throttle.blocked(client):
        return _refused(request, next, username, status=429,
                        error="Too many failed sign-ins. Wait a few minutes and try again.")
    principal = identity.authenticate(services, username, password)
    if principal is None:
        throttle.failed(client)
        return _refused(request, next, username, status=401,
                        error="Wrong user name or password, or the account is locked for a while.")
    throttle.succeeded(client)
    session: Session = request.state.session
    request.state.session = session.logged_in(principal.user_id)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout", response_model=None)
def logout(request: Request) -> RedirectResponse:
    request.state.session = Session.anonymous()
    return RedirectResponse("/login", status_code=303)
