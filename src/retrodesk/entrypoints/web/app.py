"""The web application: `create_app(settings=None)` wires services, sessions, routes and errors."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles

from retrodesk import __version__
from retrodesk.entrypoints import bootstrap
from retrodesk.entrypoints.settings import Settings
from retrodesk.entrypoints.web import api, pages
from retrodesk.entrypoints.web.auth import LoginThrottle, SessionSigner
from retrodesk.entrypoints.web.deps import LoginRequired
from retrodesk.entrypoints.web.errors import install_error_handlers, is_api
from retrodesk.entrypoints.web.identity import PrincipalCache
from retrodesk.entrypoints.web.session import SessionMiddleware

__all__ = ["create_app", "route_table"]

def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application; nothing connects until the first request needs it."""
    services = bootstrap.build_services(settings or Settings())
    app = FastAPI(
        title="retrodesk",
        version=__version__,
        description="Retrospective rating, experience rating and premium: calculators with "
                    "worksheets, and the records and workflows of the incentive programs.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # the interactive docs load scripts from a CDN; the description is enough
        redoc_url=None,
    )
    app.state.services = services
    app.state.throttle = LoginThrottle()
    static = StaticFiles(directory=str(Path(__file__).with_name("static")))
    app.mount("/static", static, name="static")
    install_error_handlers(app)
    app.add_exception_handler(LoginRequired, _login_required)
    app.add_middleware(SessionMiddleware, services=services, cache=PrincipalCache(),
                       signer=SessionSigner(services.settings.secret_key.get_secret_value()))
    api.mount(app)
    pages.mount(app)
    return app


def route_table() -> list[tuple[frozenset[str], str]]:
    """Every page and API route as (methods, path): what the scoping tests walk."""
    return [(frozenset(route.methods or ()), prefix + route.path)
            for prefix, routers in ((api.PREFIX, api.ROUTERS), (pages.PREFIX, pages.ROUTERS))
            for router in routers for route in router.routes if isinstance(route, APIRoute)]


async def _login_required(request: Request, exc: Exception) -> Response:
    if is_api(request):
        return Response('{"errors": [{"path": "", "message": "authentication required"}]}',
                        status_code=401, media_type="application/json",
                        headers={"WWW-Authenticate": "Bearer"})
    return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
