"""Who sees what: every route of the app, walked with each role, against records it may not see.

The walk reads the app's route table (`route_table()`, checked against the OpenAPI description),
so a route added later is walked too; a path parameter the walk does not know fails the test
until it is added here.
"""

from __future__ import annotations

import itertools
import re

import pytest

from retrodesk.entrypoints.web.app import route_table
from tests.e2e.web.conftest import csrf_of

RESTRICTED = ("sponsor", "employer")
STAFF = ("coordinator", "district_staff", "actuary", "administrator")
# Text that appears only on pages about the records S1's sponsor and E1's employer may not see.
OUTSIDE = ("Employer E2 LLC", "Employer E3 LLC", "Employer E4 LLC", "Group 2 Retro",
           "Sponsor 2 Association", "K-E2", "K-E3", "K-E4", "PR-G2", "AP-G2")
FOREIGN = {
    "sponsor": (*OUTSIDE, "group-G2-", "employer-E3-", "employer-E4-"),
    "employer": (*OUTSIDE, "Group 1 Retro", "group-G1-"),
}
ENUMS = {"kind": ("retro", "experience", "premium"),
         "name": ("employers", "groups", "claims", "notices", "protests", "appeals",
                  "applications", "sanctions", "assessment_orders"),
         "fmt": ("csv", "xlsx"), "book": ("retro", "experience"),
         "step": ("review", "agreement", "signature")}


def _foreign(world, role: str) -> tuple[str, ...]:
    """Text of records outside the role's scope: the fixed names, and the other side's removal
    and order of assessment."""
    return (*FOREIGN[role], world.other["sanction_id"], world.other["order_id"],
            "Fall protection training for the roofing crews")


class Route:
    def __init__(self, methods: frozenset[str], path: str) -> None:
        self.methods, self.path = methods, path


def _routes(app):
    return [Route(methods, path) for methods, path in route_table()]


def test_the_route_table_holds_every_api_operation(app):
    table = {(method, path) for methods, path in route_table() for method in methods}
    documented = {(method.upper(), path) for path, operations in app.openapi()["paths"].items()
                  for method in operations}
    assert documented <= table
    assert any(path == "/groups/{group_id}" for _, path in table)


def _fill(path: str, ids: dict[str, str]) -> list[str]:
    """Every concrete path for a template, ids taken from `ids` and enums from ENUMS."""
    names = re.findall(r"{(\w+)}", path)
    unknown = [n for n in names if n not in ids and n not in ENUMS]
    assert not unknown, f"add {unknown} of {path} to the scoping walk"
    choices = [ENUMS[n] if n in ENUMS else (ids[n],) for n in names]
    out = []
    for combo in itertools.product(*choices):
        concrete = path
        for name, value in zip(names, combo, strict=True):
            concrete = concrete.replace("{" + name + "}", value)
        out.append(concrete)
    return out


def _has_record_params(path: str) -> bool:
    return any(name not in ENUMS for name in re.findall(r"{(\w+)}", path))


def _other_ids(world, role: str) -> list[dict[str, str]]:
    """Ids out of the role's scope: the other sponsor's, and the individual participant's."""
    other = dict(world.other)
    variants = [other, {**other, "adjustment_id": other["individual_adjustment_id"],
                        "notice_id": other["individual_notice_id"],
                        "document_id": f"notice-{other['individual_notice_id']}",
                        "account_id": "E3", "claim_number": "K-E3"}]
    if role == "employer":  # an employer does not see its group's records, only its account
        own = world.own
        variants.append({**world.other, "group_id": "G1", "adjustment_id": own["adjustment_id"],
                         "notice_id": own["notice_id"],
                         "document_id": f"notice-{own['notice_id']}"})
    return variants


@pytest.mark.parametrize("role", RESTRICTED)
def test_no_get_route_reaches_a_record_outside_the_role_scope(app, world, client_for, anonymous,
                                                              role):
    client = client_for(role)
    token = {"Authorization": f"Bearer {world.tokens[role]}"}
    walked = 0
    for route in _routes(app):
        if "GET" not in route.methods or not _has_record_params(route.path):
            continue
        for ids in _other_ids(world, role):
            for path in _fill(route.path, ids):
                for response in (client.get(path), anonymous.get(path, headers=token)):
                    walked += 1
                    assert response.status_code in (403, 404, 422), (role, path,
                                                                     response.status_code)
                    # The "not found" message may echo the id asked for; nothing else may show.
                    for text in _foreign(world, role):
                        assert text in path or text not in response.text, (role, path, text)
    assert walked > 20


@pytest.mark.parametrize("role", RESTRICTED)
def test_lists_search_and_exports_hold_only_the_role_own_records(app, world, client_for,
                                                                 anonymous, role):
    client = client_for(role)
    token = {"Authorization": f"Bearer {world.tokens[role]}"}
    for route in _routes(app):
        if "GET" not in route.methods or _has_record_params(route.path):
            continue
        for path in _fill(route.path, {}):
            for query in ("", "?q=E", "?q=Group", "?q=K-", "?size=200&sort=account_id&desc=true"):
                for response in (client.get(path + query),
                                 anonymous.get(path + query, headers=token)):
                    assert response.status_code < 500, (role, path, query)
                    body = response.content.decode("utf-8", "replace")
                    for text in _foreign(world, role):
                        assert text not in body, (role, path + query, text)


@pytest.mark.parametrize("role", RESTRICTED)
def test_the_role_own_records_are_reachable(client_for, world, role):
    client = client_for(role)
    assert client.get(f"/employers/{world.own['account_id']}").status_code == 200
    assert client.get(f"/claims/{world.own['claim_number']}").status_code == 200
    group_status = client.get(f"/groups/{world.own['group_id']}").status_code
    assert group_status == (200 if role == "sponsor" else 404)
    employers = client.get("/employers?q=").text
    assert "Employer E1 LLC" in employers


@pytest.mark.parametrize("role", STAFF)
def test_staff_see_every_record(client_for, world, role):
    client = client_for(role)
    for ids in (world.own, world.other):
        assert client.get(f"/groups/{ids['group_id']}").status_code == 200
        assert client.get(f"/employers/{ids['account_id']}").status_code == 200
        assert client.get(f"/adjustments/{ids['adjustment_id']}").status_code == 200


@pytest.mark.parametrize("role", RESTRICTED)
def test_no_write_route_accepts_a_record_outside_the_role_scope(app, world, client_for, role):
    client = client_for(role)
    csrf = csrf_of(client.get("/calculators/retro").text)
    for route in _routes(app):
        if not route.methods & {"POST", "PUT", "PATCH", "DELETE"}:
            continue
        if not _has_record_params(route.path):
            continue
        for ids in _other_ids(world, role):
            for path in _fill(route.path, ids):
                response = client.post(path, data={"csrf_token": csrf}, follow_redirects=False)
                assert response.status_code in (403, 404, 422), (role, path, response.status_code)


def test_anonymous_requests_are_sent_to_sign_in_or_refused(app, anonymous, world):
    for route in _routes(app):
        if "GET" not in route.methods or route.path in ("/login",):
            continue
        for path in _fill(route.path, world.own):
            response = anonymous.get(path, follow_redirects=False)
            if path.startswith("/api/"):
                assert response.status_code == 401, path
            else:
                assert response.status_code == 303, path
                assert response.headers["location"].startswith("/login")
