"""The signed-in user's account: who they are, and a new API token (shown once) on request."""

from __future__ import annotations

import dataclasses

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from retrodesk.entrypoints.credentials import hash_token, new_token
from retrodesk.entrypoints.web.deps import CurrentUser, ServicesDep
from retrodesk.entrypoints.web.rendering import render
from retrodesk.kernel.errors import NotFound

__all__ = ["router"]

router = APIRouter()


@router.get("/account", response_class=HTMLResponse)
def account_page(request: Request, user: CurrentUser) -> HTMLResponse:
    return render(request, "account.html", {"token": None})


@router.post("/account/token", response_class=HTMLResponse)
def issue_token(request: Request, user: CurrentUser, services: ServicesDep) -> HTMLResponse:
    """Replace the user's API token; only its hash is kept, so it is shown this once."""
    token = new_token()
    with services.uow(user.username) as uow:
        stored = uow.users.get(user.user_id)
        if stored is None:
            raise NotFound("user not found")
        uow.users.update(dataclasses.replace(stored, api_token_hash=hash_token(token)))
        uow.commit()
    return render(request, "account.html", {"token": token})
