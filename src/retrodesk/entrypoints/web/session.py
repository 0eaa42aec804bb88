"""The session middleware (plain ASGI): attaches the session and the principal to each request
and sets the cookie again when the session changed (sign-in, sign-out, a new visitor)."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from retrodesk.entrypoints.bootstrap import Services
from retrodesk.entrypoints.web.auth import COOKIE, SESSION_SECONDS, Session, SessionSigner
from retrodesk.entrypoints.web.identity import PrincipalCache, identify

__all__ = ["SessionMiddleware"]


def _cookie_header(signer: SessionSigner, session: Session) -> str:
    carrier = Response()
    carrier.set_cookie(COOKIE, signer.dumps(session), max_age=SESSION_SECONDS, path="/",
                       secure=True, httponly=True, samesite="lax")
    return carrier.headers["set-cookie"]


class SessionMiddleware:
    def __init__(self, app: ASGIApp, *, services: Services, signer: SessionSigner,
                 cache: PrincipalCache) -> None:
        self.app, self.services, self.signer, self.cache = app, services, signer, cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        loaded = self.signer.loads(connection.cookies.get(COOKIE))
        state = scope.setdefault("state", {})
        state["session"] = loaded or Session.anonymous()
        state["principal"], state["via_token"] = identify(
            self.services, self.cache, state["session"], connection.headers.get("authorization"))

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and not state["via_token"]:
                final: Session = state["session"]
                if final is not loaded:
                    MutableHeaders(scope=message).append("set-cookie",
                                                         _cookie_header(self.signer, final))
            await send(message)

        await self.app(scope, receive, send_with_cookie)
