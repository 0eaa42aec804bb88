"""Users: who a session or API token belongs to, and password sign-in with an account lock.

Rule of the house: five failed sign-ins lock an account for fifteen minutes (counted in the users
table, so every server process sees the same count); `auth.LoginThrottle` limits each client too.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from retrodesk.entrypoints.bootstrap import Services
from retrodesk.entrypoints.credentials import hash_token, verify_password
from retrodesk.entrypoints.web.access import Principal
from retrodesk.entrypoints.web.auth import Session
from retrodesk.programs.records import User

__all__ = ["PrincipalCache", "authenticate", "identify", "principal_of"]

MAX_FAILURES = 5
LOCK = timedelta(minutes=15)


def principal_of(user: User) -> Principal:
    return Principal(user_id=user.id or 0, username=user.username, role=user.role,
                     sponsor_id=user.sponsor_id, employer_account_id=user.employer_account_id)


class PrincipalCache:
    """Who a token or a session's user id is, remembered for a few seconds.

    Every request needs its principal; reading the users table each time would double the cost
    of a calculation call. A changed role or a revoked token takes effect within `seconds`.
    """

    def __init__(self, seconds: float = 15.0) -> None:
        self._seconds = seconds
        self._entries: dict[str, tuple[float, Principal | None]] = {}
        self._lock = threading.Lock()

    def get(self, key: str, load: Callable[[], Principal | None]) -> Principal | None:
        now = time.monotonic()
        with self._lock:
            found = self._entries.get(key)
        if found is not None and found[0] > now:
            return found[1]
        principal = load()
        with self._lock:
            if len(self._entries) > 10_000:
                self._entries.clear()
            self._entries[key] = (now + self._seconds, principal)
        return principal


def identify(services: Services, cache: PrincipalCache, session: Session,
             authorization: str | None) -> tuple[Principal | None, bool]:
    """The principal of a request and whether it came by API token (not by the session cookie)."""
    if authorization and authorization[:7].lower() == "bearer ":
        token_hash = hash_token(authorization[7:].strip())
        return cache.get(f"token:{token_hash}", lambda: _by_token(services, token_hash)), True
    user_id = session.user_id
    if user_id is None:
        return None, False
    return cache.get(f"user:{user_id}", lambda: _by_id(services, user_id)), False


def _by_token(services: Services, token_hash: str) -> Principal | None:
    with services.uow() as uow:
        user = uow.users.by_token_hash(token_hash)
    return principal_of(user) if user is not None else None


def _by_id(services: Services, user_id: int) -> Principal | None:
    with services.uow() as uow:
        user = uow.users.get(user_id)
    return principal_of(user) if user is not None else None


def _aware(moment: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; every stored moment is UTC.
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def authenticate(services: Services, username: str, password: str) -> Principal | None:
    """The user with these credentials, or None (wrong password, unknown user or locked)."""
    now = services.clock.now()
    with services.uow(actor=username) as uow:
        user = uow.users.by_username(username)
        if user is None:
            return None
        locked_until = _aware(user.locked_until)
        if locked_until is not None and locked_until > now:
            return None
        if not verify_password(user.password_hash, password):
            failures = user.failed_login_count + 1
            locked = failures >= MAX_FAILURES
            uow.users.update(dataclasses.replace(
                user, failed_login_count=0 if locked else failures,
                locked_until=now + LOCK if locked else user.locked_until))
            uow.commit()
            return None
        if user.failed_login_count or user.locked_until is not None:
            uow.users.update(dataclasses.replace(user, failed_login_count=0, locked_until=None))
            uow.commit()
    return principal_of(user)
