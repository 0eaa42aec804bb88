"""Filing applications and removal requests on the enrollment page and over the API: CSRF,
labelled fields, each problem shown next to its field, and every filer kept to its own scope."""

from __future__ import annotations

import re

import pytest

from tests.e2e.web.conftest import csrf_of

APPLY = "/enrollment/applications"
REMOVE = "/enrollment/removals"
ELECTIONS = {"plan_basis": "premium", "max_loss_ratio": "1.20", "min_loss_ratio": "0.40",
             "single_loss_limit": "250000", "signer_name": "Pat Lee", "signer_title": "owner"}


def _post(client, action: str, data: dict[str, str]):
    csrf = csrf_of(client.get("/enrollment").text)
    return client.post(action, data={**data, "csrf_token": csrf}, follow_redirects=False)


def _error(html: str, form: str, name: str) -> str:
    found = re.search(rf'id="{form}-{name}-error">([^<]*)<', html)
    assert found, f"no error shown next to {form}-{name}"
    return found.group(1)


def test_every_control_of_the_forms_is_labelled(client_for):
    html = client_for("employer").get("/enrollment").text
    ids = re.findall(r'<(?:input|select) id="([^"]+)"', html)
    assert {"application-kind", "application-coverage_start", "removal-next_coverage_start"} \
        <= set(ids)
    unlabelled = [i for i in ids if f"<label for=\"{i}\"" not in html]
    assert unlabelled == []


def test_a_coordinator_files_an_individual_application(client_for, world):
    client = client_for("coordinator")
    filed = _post(client, APPLY, {"kind": "individual", "coverage_start": "2026-07-01",
                                  "account_id": world.other["account_id"], **ELECTIONS})
    assert filed.status_code == 303, filed.text
    page = client.get(filed.headers["location"])
    assert page.status_code == 200
    assert world.other["account_id"] in page.text


def test_problems_are_shown_next_to_their_fields_and_the_input_is_kept(client_for, world):
    client = client_for("employer")
    refused = _post(client, APPLY, {"kind": "individual", "coverage_start": "July 2026",
                                    "account_id": world.own["account_id"], "plan_basis": "both",
                                    "max_loss_ratio": "lots"})
    assert refused.status_code == 422
    html = refused.text
    assert _error(html, "application", "coverage_start") == "enter a date (YYYY-MM-DD)"
    assert _error(html, "application", "plan_basis") == "choose premium or loss"
    assert _error(html, "application", "max_loss_ratio") == "enter a non-negative number"
    assert _error(html, "application", "min_loss_ratio") == "required"
    assert 'value="July 2026"' in html
    assert 'aria-describedby="application-coverage_start-error"' in html


def test_an_employer_applies_only_for_itself(client_for, world):
    client = client_for("employer")
    other = _post(client, APPLY, {"kind": "individual", "coverage_start": "2026-07-01",
                                  "account_id": world.other["account_id"], **ELECTIONS})
    assert other.status_code == 422
    assert _error(other.text, "application", "account_id") == "an employer applies only for itself"
    assert _post(client, APPLY, {"kind": "renewal", "coverage_start": "2026-07-01",
                                 "group_id": world.own["group_id"], **ELECTIONS}).status_code == 403
    own = _post(client, APPLY, {"kind": "individual", "coverage_start": "2026-07-01",
                                "account_id": world.own["account_id"], **ELECTIONS})
    assert own.status_code == 303, own.text


def test_a_sponsor_renews_its_own_group_and_not_another(client_for, world):
    client = client_for("sponsor")
    own = _post(client, APPLY, {"kind": "renewal", "coverage_start": "2026-07-01",
                                "group_id": world.own["group_id"], **ELECTIONS})
    assert own.status_code == 303, own.text
    assert world.own["group_id"] in client.get(own.headers["location"]).text
    other = _post(client, APPLY, {"kind": "renewal", "coverage_start": "2026-07-01",
                                  "group_id": world.other["group_id"], **ELECTIONS})
    assert other.status_code == 422
    assert _error(other.text, "application", "group_id") == f"no group {world.other['group_id']}"
    new_group = _post(client, APPLY, {"kind": "new_group", "coverage_start": "2026-07-01",
                                      "sponsor_id": world.other["sponsor_id"], "group_name": "X",
                                      "industry_category": "01", **ELECTIONS})
    assert _error(new_group.text, "application", "sponsor_id") == \
        "a sponsor applies only for itself"
    assert _post(client, APPLY, {"kind": "individual", "coverage_start": "2026-07-01",
                                 "account_id": world.own["account_id"],
                                 **ELECTIONS}).status_code == 403


def test_a_sponsor_files_a_new_group_with_members(client_for, world):
    client = client_for("sponsor")
    filed = _post(client, APPLY, {"kind": "new_group", "coverage_start": "2026-07-01",
                                  "sponsor_id": world.own["sponsor_id"],
                                  "group_name": "Second Retro Group", "industry_category": "01",
                                  "members": f"{world.own['account_id']}, E9", **ELECTIONS})
    assert filed.status_code == 303, filed.text


def test_a_member_application_names_its_group(client_for, world):
    client = client_for("employer")
    filed = _post(client, APPLY, {"kind": "member", "coverage_start": "2026-07-01",
                                  "first_quarter": "2026-10-01",
                                  "group_id": world.own["group_id"],
                                  "account_id": world.own["account_id"]})
    assert filed.status_code == 303, filed.text
    missing = _post(client, APPLY, {"kind": "member", "coverage_start": "2026-07-01",
                                    "account_id": world.own["account_id"]})
    assert _error(missing.text, "application", "group_id") == "required"


def test_removal_requests_stay_in_scope(client_for, world):
    sponsor = client_for("sponsor")
    done = _post(sponsor, REMOVE, {"group_id": world.own["group_id"],
                                   "account_id": world.own["account_id"],
                                   "next_coverage_start": "2027-07-01"})
    assert done.status_code == 303, done.text
    assert "received" in sponsor.get(done.headers["location"]).text
    refused = _post(sponsor, REMOVE, {"group_id": world.other["group_id"],
                                      "account_id": world.other["account_id"],
                                      "next_coverage_start": "2027-07-01"})
    assert _error(refused.text, "removal", "group_id") == f"no group {world.other['group_id']}"
    employer = _post(client_for("employer"), REMOVE, {
        "group_id": world.own["group_id"], "account_id": world.other["account_id"],
        "next_coverage_start": "2027-07-01"})
    assert _error(employer.text, "removal", "account_id") == "an employer asks only for itself"


@pytest.mark.parametrize("role", ["district_staff", "actuary"])
def test_staff_without_enrollment_duties_see_no_forms_and_cannot_file(client_for, world, role):
    client = client_for(role)
    assert "File an application" not in client.get("/enrollment").text
    csrf = csrf_of(client.get("/calculators/retro").text)
    refused = client.post(APPLY, data={"kind": "individual", "csrf_token": csrf},
                          follow_redirects=False)
    assert refused.status_code == 403


def test_a_late_request_says_which_deadline_it_missed(client_for, world):
    late = _post(client_for("coordinator"), REMOVE, {
        "group_id": world.own["group_id"], "account_id": world.own["account_id"],
        "next_coverage_start": "2024-07-01"})
    assert late.status_code == 409
    assert "is late: the deadline was 2024-06-30" in late.text
    assert 'value="2024-07-01"' in late.text


def test_a_form_without_its_token_is_refused(client_for, world):
    client = client_for("coordinator")
    response = client.post(REMOVE, data={"group_id": world.own["group_id"]},
                           follow_redirects=False)
    assert response.status_code == 403


def test_the_api_files_applications_and_removals_within_scope(client_for, world):
    client = client_for("sponsor")
    csrf = {"x-csrf-token": csrf_of(client.get("/enrollment").text)}
    filed = client.post("/api/v1/applications", headers=csrf, json={
        "kind": "renewal", "coverage_start": "2026-07-01", "group_id": world.own["group_id"],
        **ELECTIONS})
    assert filed.status_code == 201, filed.text
    assert filed.json()["sponsor_id"] == world.own["sponsor_id"]
    refused = client.post("/api/v1/applications", headers=csrf, json={
        "kind": "renewal", "coverage_start": "2026-07-01", "group_id": world.other["group_id"],
        **ELECTIONS})
    assert refused.status_code == 422
    assert refused.json()["errors"] == [{"path": "group_id",
                                         "message": f"no group {world.other['group_id']}"}]
    bad = client.post("/api/v1/applications", headers=csrf, json={
        "kind": "renewal", "group_id": world.own["group_id"], "max_loss_ratio": "x"})
    assert {e["path"] for e in bad.json()["errors"]} >= {"coverage_start", "max_loss_ratio",
                                                         "plan_basis", "signer_name"}
    removal = client.post("/api/v1/removals", headers=csrf, json={
        "group_id": world.own["group_id"], "account_id": world.own["account_id"],
        "next_coverage_start": "2027-07-01"})
    assert removal.status_code == 201, removal.text
