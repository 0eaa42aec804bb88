"""The employer's experience factor from its records: the employer page's section (htmx) and
GET /api/v1/employers/{account_id}/experience, each within the caller's scope.

The test book (world.py) gives every employer 1,000 hours in Q1 2024 (FY2024) and one time-loss
claim of 2024-03-02 valued on 2025-09-30 at 175.00 (AF 100 + 50 reserve, MA 25). Rating year
2027 (FY2023..FY2025, valued June 1, 2026) rates that claim, with 2026's claim-free factor as the
prior; 2026 (valued June 1, 2025, before the claim's first valuation) is claim-free and has no
prior (no hours in FY2021..FY2023).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from retrodesk.adapters.db.tables import EmployerRecord
from retrodesk.rating.experience import Claim, ExperienceCase, ExposureRow, calculate
from tests.e2e.web.conftest import csrf_of

API = "/api/v1/employers/{}/experience"


def bearer(world, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {world.tokens[role]}"}


def _class_of(app, account: str) -> str:
    with app.state.services.session_factory() as db:
        found = db.scalar(select(EmployerRecord.governing_class)
                          .where(EmployerRecord.account_id == account))
    assert found is not None
    return found


def test_the_api_rates_the_records_as_the_engine_rates_the_same_case(app, anonymous, world):
    response = anonymous.get(API.format("E1"), params={"rating_year": 2027},
                             headers=bearer(world, "employer"))
    assert response.status_code == 200, response.text
    body = response.json()
    risk_class = _class_of(app, "E1")
    hours = (ExposureRow(risk_class, 2024, Decimal("1000.00")),)
    claim = Claim(id="K-E1", injury_date=date(2024, 3, 2), compensable=True,
                  af_paid=Decimal("100.00"), af_reserve=Decimal("50.00"),
                  ma_paid=Decimal("25.00"), risk_class=risk_class)
    prior = calculate(ExperienceCase(rating_year=2026, exposure=hours)).experience_factor
    expected = calculate(ExperienceCase(rating_year=2027, exposure=hours, claims=(claim,),
                                        prior_factor=prior)).experience_factor
    experience = body["experience"]
    assert experience["experience_factor"] == str(expected)
    assert experience["prior_factor"] == str(prior)
    assert (body["valuation_date"], experience["experience_period"]["fiscal_years"]) == (
        "2026-06-01", [2023, 2024, 2025])
    assert [c["id"] for c in body["claim_impacts"]["claims"]] == ["K-E1"]
    minimum = body["minimum"]
    assert Decimal(minimum["controllable_factor"]) == (
        Decimal(minimum["actual_factor"]) - Decimal(minimum["minimum_factor"]))
    attribution = body["attribution"]
    assert sum(Decimal(p["points"]) for p in attribution["parts"]) == Decimal(
        attribution["change"])
    assert Decimal(attribution["change"]) == expected - prior
    rules = {line["step"]: line["rule"] for line in experience["worksheet"]}
    assert {step: rules[step] for step in ("expected_losses", "claim[K-E1]", "experience_factor")
            } == {"expected_losses": "WAC 296-17-885", "claim[K-E1]": "WAC 296-17-870",
                  "experience_factor": "WAC 296-17-865"}


def test_the_current_year_by_default_and_a_new_employer_without_attribution(anonymous, world):
    body = anonymous.get(API.format("E1"), headers=bearer(world, "employer")).json()
    assert (body["rating_year"], body["valuation_date"]) == (2026, "2025-06-01")
    assert body["experience"]["claims"] == []          # not yet valued on June 1, 2025
    assert body["experience"]["prior_factor"] is None
    assert body["attribution"] is None


def test_the_employer_page_loads_the_explained_factor(client_for):
    client = client_for("employer")
    page = client.get("/employers/E1").text
    assert 'hx-get="/employers/E1/experience"' in page
    section = client.get("/employers/E1/experience", params={"rating_year": 2027})
    assert section.status_code == 200
    html = section.text
    for shown in ('data-testid="experience-factor"', "WAC 296-17-855", "Controllable factor",
                  "What each claim costs", 'href="/claims/K-E1"', "Change from last year",
                  'data-testid="experience-change"', "Claims entering the window"):
        assert shown in html, shown


@pytest.mark.parametrize(("role", "account", "status"), [
    ("employer", "E1", 200), ("employer", "E2", 404), ("employer", "E3", 404),
    ("sponsor", "E1", 200), ("sponsor", "E2", 404), ("sponsor", "E3", 404),
    ("coordinator", "E2", 200), ("actuary", "E3", 200),
])
def test_each_role_sees_only_the_experience_it_may(anonymous, client_for, world, role, account,
                                                   status):
    api = anonymous.get(API.format(account), headers=bearer(world, role))
    assert api.status_code == status
    page = client_for(role).get(f"/employers/{account}/experience")
    assert page.status_code == status
    if status == 404:
        assert "experience-factor" not in page.text


def test_a_rating_year_out_of_range_is_refused(anonymous, world):
    response = anonymous.get(API.format("E1"), params={"rating_year": 1990},
                             headers=bearer(world, "coordinator"))
    assert response.status_code == 422


def test_a_year_the_rulebook_lacks_is_named_not_a_failed_page(anonymous, client_for, world):
    api = anonymous.get(API.format("E1"), params={"rating_year": 2028},
                        headers=bearer(world, "employer"))
    assert api.status_code == 422
    assert "2028" in api.text
    section = client_for("employer").get("/employers/E1/experience",
                                         params={"rating_year": 2028})
    assert section.status_code == 200
    assert "cannot be computed from the records" in section.text
    assert "experience-factor" not in section.text


def test_loss_control_compares_an_employer_and_a_group_with_their_class(client_for, world,
                                                                        anonymous):
    """Each world employer has 1,000 hours and one claim in one class: E1's 1 claim is what the
    class's 4 claims in 4,000 hours lead one to expect."""
    coordinator = client_for("coordinator")
    page = coordinator.get(f"/employers/{world.own['account_id']}").text
    assert 'hx-get="/employers/E1/loss-control"' in page
    as_of = "?as_of=2026-01-15"                     # the world's day: 2024's claims in the window
    partial = coordinator.get(f"/employers/{world.own['account_id']}/loss-control{as_of}").text
    assert "<strong>200.00</strong> per 200,000 hours" in partial
    assert "No problem area" in partial
    token = {"Authorization": f"Bearer {world.tokens['sponsor']}"}
    group = anonymous.get(f"/api/v1/groups/{world.own['group_id']}/loss-control{as_of}",
                          headers=token).json()
    assert (group["subject"], group["claims"], group["hours"], group["expected_claims"]) == (
        "group G1", 1, "1000.00", "1.00")
    assert [line["code"] for line in group["by_dimension"]["cause"]] == ["uncoded"]
    assert group["worksheet"][0]["step"] == "window"
    assert anonymous.get(f"/api/v1/groups/{world.other['group_id']}/loss-control",
                         headers=token).status_code == 404


def test_the_loss_control_watch_list_is_the_program_staff_s(client_for, world, anonymous):
    page = client_for("coordinator").get("/loss-control")
    assert page.status_code == 200
    assert "Loss control: who needs attention" in page.text
    token = {"Authorization": f"Bearer {world.tokens['coordinator']}"}
    listed = anonymous.get("/api/v1/loss-control", headers=token)
    assert listed.status_code == 200
    assert listed.json() == []       # each world participant has the one claim its class expects
    assert client_for("sponsor").get("/loss-control").status_code == 403
    sponsor = {"Authorization": f"Bearer {world.tokens['sponsor']}"}
    assert anonymous.get("/api/v1/loss-control", headers=sponsor).status_code == 403


def test_a_recommendation_is_given_from_the_loss_control_section_and_followed_up(
        client_for, world, anonymous):
    account = world.own["account_id"]
    coordinator = client_for("coordinator")
    section = coordinator.get(f"/employers/{account}/loss-control?as_of=2026-01-15").text
    assert "No recommendation on record." in section
    token = csrf_of(coordinator.get(f"/employers/{account}").text)
    given = coordinator.post(f"/employers/{account}/recommendations", data={
        "csrf_token": token, "area": "cause 42", "advice": "Lifting aids in the warehouse.",
        "follow_up_on": "2099-06-30"}, follow_redirects=False)
    assert given.status_code == 303
    page_path = given.headers["location"]
    assert "Lifting aids in the warehouse." in coordinator.get(page_path).text
    section = coordinator.get(f"/employers/{account}/loss-control?as_of=2026-01-15").text
    assert "follow up by 2099-06-30" in section
    employer = client_for("employer")                  # the employer reads its own advice
    assert "Lifting aids" in employer.get(page_path).text
    assert "Record the follow-up" not in employer.get(page_path).text
    assert employer.post(f"{page_path}/follow-up", data={
        "csrf_token": csrf_of(employer.get(page_path).text),
        "outcome": "x"}).status_code == 403
    done = coordinator.post(f"{page_path}/follow-up", data={
        "csrf_token": csrf_of(coordinator.get(page_path).text),
        "outcome": "Two hoists bought; one strain claim since."}, follow_redirects=False)
    assert done.status_code == 303
    assert "followed up" in coordinator.get(page_path).text.lower().replace("_", " ")
    staff = {"Authorization": f"Bearer {world.tokens['coordinator']}"}
    bad = anonymous.post("/api/v1/recommendations", headers=staff, json={
        "participant_kind": "employer", "participant_id": account, "area": "",
        "advice": "x", "follow_up_on": "2099-01-01"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["path"] == "area"
    made = anonymous.post("/api/v1/recommendations", headers=staff, json={
        "participant_kind": "group", "participant_id": world.own["group_id"],
        "area": "claims overall", "advice": "A claims-management review with the sponsor.",
        "follow_up_on": "2099-01-01"})
    assert made.status_code == 201, made.text
    rid = made.json()["recommendation_id"]
    sponsor = {"Authorization": f"Bearer {world.tokens['sponsor']}"}
    assert anonymous.get(f"/api/v1/recommendations/{rid}", headers=sponsor).json()[
        "area"] == "claims overall"
    closed = anonymous.post(f"/api/v1/recommendations/{rid}/follow-up", headers=staff,
                            json={"outcome": "Reviewed with the sponsor."})
    assert closed.json()["state"] == "followed_up"
