"""Who is asking: signed session cookies, CSRF tokens and the login throttle.

Password and token hashing live in `entrypoints.credentials` (the CLI creates users too).
The session is a signed, expiring cookie (HMAC-SHA256 over its JSON payload) sent with Secure,
HttpOnly and SameSite=Lax; it carries the user's id and the CSRF token that every form echoes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field

__all__ = [
    "COOKIE",
    "LoginThrottle",
    "Session",
    "SessionSigner",
]

COOKIE = "retrodesk_session"
SESSION_SECONDS = 8 * 3600


@dataclass(frozen=True, slots=True)
class Session:
    """The signed cookie's content: a user (or none, before login) and the CSRF token."""

    csrf: str
    user_id: int | None = None
    expires: int = field(default_factory=lambda: int(time.time()) + SESSION_SECONDS)

    @classmethod
    def anonymous(cls) -> Session:
        return cls(csrf=secrets.token_urlsafe(24))

    def logged_in(self, user_id: int) -> Session:
        # A fresh CSRF token at login, so a token seen before login is worthless after it.
        return Session(csrf=secrets.token_urlsafe(24), user_id=user_id)

    def csrf_matches(self, presented: str | None) -> bool:
        return presented is not None and hmac.compare_digest(self.csrf, presented)


class SessionSigner:
    """Signs and verifies session cookies with the application's secret key."""

    def __init__(self, secret: str) -> None:
        self._key = hashlib.sha256(b"retrodesk-session:" + secret.encode("utf-8")).digest()

    def _mac(self, body: bytes) -> str:
        digest = hmac.new(self._key, body, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")

    def dumps(self, session: Session) -> str:
        payload = {"c": session.csrf, "u": session.user_id, "e": session.expires}
        body = base64.urlsafe_b64encode(json.dumps(payload).encode("utf-8")).decode("ascii")
        return f"{body}.{self._mac(body.encode('ascii'))}"

    def loads(self, cookie: str | None) -> Session | None:
        """The session in a cookie, or None when it is missing, forged, malformed or expired."""
        if not cookie or "." not in cookie:
            return None
        body, mac = cookie.rsplit(".", 1)
        if not hmac.compare_digest(mac, self._mac(body.encode("ascii", "replace"))):
            return None
        try:
            payload = json.loads(base64.urlsafe_b64decode(body.encode("ascii")))
            session = Session(csrf=str(payload["c"]), user_id=payload["u"],
                              expires=int(payload["e"]))
        except (ValueError, KeyError, TypeError):
            return None
        return session if session.expires > time.time() else None


class LoginThrottle:
    """Failed logins per client address in a sliding window; beyond the limit, logins wait.

    Complements the per-account lock kept in the users table: this one stops a client guessing
    across many accounts.
    """

    def __init__(self, limit: int = 10, window_seconds: float = 300.0) -> None:
        self._limit = limit
        self._window = window_seconds
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> deque[float]:
        failures = self._failures.setdefault(client, deque())
        while failures and failures[0] <= now - self._window:
            failures.popleft()
        return failures

    def blocked(self, client: str) -> bool:
        with self._lock:
            return len(self._recent(client, time.monotonic())) >= self._limit

    def failed(self, client: str) -> None:
        with self._lock:
            now = time.monotonic()
            self._recent(client, now).append(now)

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)
