"""Pages: lists that sort, paginate and export; the rulebook's warning; labelled form controls."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.e2e.web.conftest import csrf_of
from tests.e2e.web.world import PASSWORD


def test_employers_sort_both_ways_and_paginate(client_for):
    client = client_for("coordinator")
    up = client.get("/employers?sort=account_id&size=2").text
    down = client.get("/employers?sort=account_id&desc=true&size=2").text
    assert re.findall(r'href="/employers/(E\d)"', up) == ["E1", "E2"]
    assert re.findall(r'href="/employers/(E\d)"', down) == ["E4", "E3"]
    assert "Page 1 of 2" in up
    second = client.get("/employers?sort=account_id&size=2&page=2").text
    assert re.findall(r'href="/employers/(E\d)"', second) == ["E3", "E4"]


def test_exports_hold_the_whole_list_in_csv_and_excel(client_for):
    client = client_for("coordinator")
    rows = list(csv.DictReader(io.StringIO(client.get("/export/employers.csv?size=1").text)))
    assert [r["account_id"] for r in rows] == ["E1", "E2", "E3", "E4"]
    workbook = load_workbook(io.BytesIO(client.get("/export/claims.xlsx").content))
    sheet = workbook.active
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert "claim_number" in header
    assert sheet.max_row == 5   # header + four claims


def test_search_finds_employers_groups_and_claims(client_for):
    page = client_for("district_staff").get("/search?q=2").text
    assert "Employer E2 LLC" in page
    assert "Group 2 Retro" in page
    assert "K-E2" in page


def test_rulebook_shows_versions_with_provenance_and_warns_of_illustrative_values(client_for):
    client = client_for("actuary")
    for book in ("retro", "experience"):
        page = client.get(f"/rulebook?book={book}").text
        assert "Illustrative values in use" in page
        assert "<strong>illustrative</strong>" in page
        assert "WAC 296-17" in page


def test_every_form_control_has_a_label(client_for, world):
    client = client_for("coordinator")
    for path in ("/calculators/retro", f"/notices/{world.other['individual_notice_id']}",
                 "/rulebook", "/employers", "/"):
        html = client.get(path).text
        labelled = set(re.findall(r'<label for="([^"]+)"', html))
        controls = re.findall(r'<(?:input|select|textarea)\b(?![^>]*type="hidden")[^>]*>', html)
        for control in controls:
            found = re.search(r'id="([^"]+)"', control)
            assert found, (path, control)
            assert found.group(1) in labelled, (path, control)


def test_sign_in_is_throttled_per_client_after_repeated_failures(app):
    # Its own client address: the throttle must not hold back the other tests' sign-ins.
    client = TestClient(app, base_url="https://testserver", client=("10.8.8.8", 5000))
    token = csrf_of(client.get("/login").text)
    statuses = [client.post("/login", data={"username": "nobody", "password": "x",
                                               "csrf_token": token}).status_code
                for _ in range(11)]
    assert statuses[:10] == [401] * 10
    assert statuses[10] == 429


def test_an_account_locks_after_five_wrong_passwords(app, world):
    client = TestClient(app, base_url="https://testserver", client=("10.9.9.9", 5000))
    token = csrf_of(client.get("/login").text)
    for _ in range(5):
        client.post("/login", data={"username": "actuary", "password": "wrong",
                                    "csrf_token": token})
    locked = client.post("/login", data={"username": "actuary", "password": PASSWORD,
                                         "csrf_token": token}, follow_redirects=False)
    assert locked.status_code == 401
    with app.state.services.uow("test") as uow:   # unlock, for the other tests
        user = uow.users.by_username("actuary")
        uow.users.update(replace(user, locked_until=None, failed_login_count=0))
        uow.commit()


def test_session_cookie_is_secure_http_only_and_same_site(anonymous):
    response = anonymous.get("/login")
    cookie = response.headers["set-cookie"].lower()
    assert "secure" in cookie
    assert "httponly" in cookie
    assert "samesite=lax" in cookie


def test_a_user_issues_an_api_token_that_works_once_shown(app, anonymous):
    client = TestClient(app, base_url="https://testserver", client=("10.7.7.7", 5000))
    token = csrf_of(client.get("/login").text)
    client.post("/login", data={"username": "administrator", "password": PASSWORD,
                                "csrf_token": token})
    page = client.get("/account")
    issued = client.post("/account/token", data={"csrf_token": csrf_of(page.text)})
    found = re.search(r'<code id="token">([^<]+)</code>', issued.text)
    assert found
    headers = {"Authorization": f"Bearer {found.group(1)}"}
    assert anonymous.get("/api/v1/lists/employers", headers=headers).status_code == 200
