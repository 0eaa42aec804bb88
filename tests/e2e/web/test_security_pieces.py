"""Session signing, password hashing, tokens and the login throttle, without a server."""

from __future__ import annotations

import time

from retrodesk.entrypoints.credentials import hash_password, hash_token, new_token, verify_password
from retrodesk.entrypoints.web.auth import LoginThrottle, Session, SessionSigner


def test_signed_session_round_trips_and_a_tampered_cookie_is_refused():
    signer = SessionSigner("secret-one")
    session = Session.anonymous().logged_in(42)
    cookie = signer.dumps(session)
    assert signer.loads(cookie) == session
    mac = cookie.rsplit(".", 1)[1]
    forged = SessionSigner("secret-one").dumps(Session(csrf=session.csrf, user_id=1))
    assert signer.loads(f"{forged.rsplit('.', 1)[0]}.{mac}") is None
    assert SessionSigner("another-secret").loads(cookie) is None
    assert signer.loads("garbage") is None
    assert signer.loads(None) is None


def test_expired_session_is_refused():
    signer = SessionSigner("k")
    stale = Session(csrf="x", user_id=3, expires=int(time.time()) - 1)
    assert signer.loads(signer.dumps(stale)) is None


def test_login_gets_a_fresh_csrf_token():
    anonymous = Session.anonymous()
    logged_in = anonymous.logged_in(7)
    assert logged_in.user_id == 7
    assert logged_in.csrf != anonymous.csrf
    assert logged_in.csrf_matches(logged_in.csrf)
    assert not logged_in.csrf_matches(anonymous.csrf)
    assert not logged_in.csrf_matches(None)


def test_password_hash_is_argon2_and_verifies_only_the_right_password():
    hashed = hash_password("correct horse")
    assert hashed.startswith("$argon2id$")
    assert verify_password(hashed, "correct horse")
    assert not verify_password(hashed, "wrong horse")
    assert not verify_password("not-a-hash", "correct horse")


def test_api_tokens_are_random_and_stored_only_as_a_hash():
    token = new_token()
    assert token != new_token()
    assert len(hash_token(token)) == 64
    assert token not in hash_token(token)


def test_throttle_blocks_a_client_after_the_limit_and_forgets_on_success():
    throttle = LoginThrottle(limit=3, window_seconds=60)
    for _ in range(3):
        assert not throttle.blocked("10.0.0.1")
        throttle.failed("10.0.0.1")
    assert throttle.blocked("10.0.0.1")
    assert not throttle.blocked("10.0.0.2")
    throttle.succeeded("10.0.0.1")
    assert not throttle.blocked("10.0.0.1")
