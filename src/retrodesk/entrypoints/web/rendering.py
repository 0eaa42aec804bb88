"""Server-rendered pages: the Jinja2 environment, its filters and the common page context."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

__all__ = ["TEMPLATES", "form_fields", "money", "render"]

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))


def money(value: object) -> str:
    """A decimal string as dollars with thousands separators; anything else unchanged."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    return f"{number:,.2f}"


def _label(value: object) -> str:
    return str(value).replace("_", " ")


TEMPLATES.env.filters["money"] = money
TEMPLATES.env.filters["label"] = _label


def render(request: Request, template: str, context: Mapping[str, Any] | None = None,
           *, status: int = 200) -> HTMLResponse:
    """Render a page with the signed-in user and the session's CSRF token available to it."""
    session = getattr(request.state, "session", None)
    page: dict[str, Any] = {
        "user": getattr(request.state, "principal", None),
        "csrf_token": session.csrf if session is not None else "",
    }
    page.update(context or {})
    return TEMPLATES.TemplateResponse(request, template, page, status_code=status)


async def form_fields(request: Request, names: tuple[str, ...], *,
                      limit: int = 200) -> dict[str, str]:
    """The named fields of a posted form as text (absent ones empty), each cut to `limit`."""
    form = await request.form()
    return {name: str(form.get(name) or "")[:limit] for name in names}
