"""The calculators over HTTP: the contract (POST /api/v1/calc/<kind>) and the what-if page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.web.conftest import csrf_of
from tests.golden.test_retro_examples import CASES, assert_matches

EXAMPLES = Path(__file__).parents[3] / "src/retrodesk/entrypoints/web/static/examples"


def bearer(world, role: str = "district_staff") -> dict[str, str]:
    return {"Authorization": f"Bearer {world.tokens[role]}"}


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_retro_api_reproduces_every_worked_example(anonymous, world, path: Path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    response = anonymous.post("/api/v1/calc/retro", json=doc["case"], headers=bearer(world))
    assert response.status_code == 200, response.text
    assert_matches(response.json(), doc["expected"], doc["source"])


def test_a_list_of_cases_gives_a_list_of_results_in_order(anonymous, world):
    case = json.loads((EXAMPLES / "retro.json").read_text())
    cheaper = {**case, "claims": [{**case["claims"][0], "af_reserve": "0.00"}]}
    response = anonymous.post("/api/v1/calc/retro", json=[case, cheaper], headers=bearer(world))
    assert response.status_code == 200
    first, second = response.json()
    assert first["claims"][0]["initial_af"] == "156000.00"
    assert second["claims"][0]["initial_af"] == "26000.00"


def test_bad_input_is_422_with_every_error_and_its_path(anonymous, world):
    case = json.loads((EXAMPLES / "retro.json").read_text())
    case["claims"][0]["af_reserve"] = "-5.00"
    case["standard_premium"][0]["accident_fund"] = "lots"
    response = anonymous.post("/api/v1/calc/retro", json=[case], headers=bearer(world))
    assert response.status_code == 422
    paths = {e["path"] for e in response.json()["errors"]}
    assert {"[0].claims[0].af_reserve", "[0].standard_premium[0].accident_fund"} <= paths


def test_floats_are_refused_because_money_travels_as_strings(anonymous, world):
    case = json.loads((EXAMPLES / "retro.json").read_text())
    case["claims"][0]["af_paid"] = 20000.5
    response = anonymous.post("/api/v1/calc/retro", json=case, headers=bearer(world))
    assert response.status_code == 422
    assert any(e["path"] == "claims[0].af_paid" for e in response.json()["errors"])


def test_a_body_that_is_not_a_case_is_422_in_the_contract_shape(anonymous, world):
    response = anonymous.post("/api/v1/calc/retro", json="nonsense", headers=bearer(world))
    assert response.status_code == 422
    assert set(response.json()) == {"errors"}


def test_an_unknown_kind_is_refused(anonymous, world):
    response = anonymous.post("/api/v1/calc/dividend", json={}, headers=bearer(world))
    assert response.status_code == 422


def test_the_calculator_needs_a_signed_in_user_or_a_token(anonymous, world):
    assert anonymous.post("/api/v1/calc/retro", json={}).status_code == 401
    wrong = {"Authorization": "Bearer not-a-token"}
    assert anonymous.post("/api/v1/calc/retro", json={}, headers=wrong).status_code == 401


def test_retro_what_if_shows_both_results_side_by_side(client_for):
    client = client_for("district_staff")
    page = client.get("/calculators/retro")
    assert page.status_code == 200
    case = json.loads((EXAMPLES / "retro.json").read_text())
    lower = {**case, "claims": [{**case["claims"][0], "status": "closed", "af_reserve": "0.00",
                                 "ma_reserve": "0.00"}]}
    response = client.post("/calculators/retro", data={
        "base": json.dumps(case), "whatif": json.dumps(lower), "csrf_token": csrf_of(page.text)})
    assert response.status_code == 200
    html = response.text
    assert 'id="comparison"' in html
    assert "WAC 296-17B-540" in html          # the rule on each worksheet line
    assert "Illustrative values in use" in html
    assert "156000.00" in html  # initial AF of the case
    assert "26000.00" in html   # and of the what-if, the claim closed lower
    assert 'class="changed"' in html


def test_a_what_if_with_bad_input_shows_its_errors_next_to_the_good_result(client_for):
    client = client_for("coordinator")
    page = client.get("/calculators/retro")
    case = (EXAMPLES / "retro.json").read_text()
    response = client.post("/calculators/retro", data={
        "base": case, "whatif": "{not json", "csrf_token": csrf_of(page.text)})
    assert response.status_code == 200
    assert "not valid JSON" in response.text
    assert "retro premium" in response.text


def test_a_calculator_form_post_without_the_csrf_token_is_refused(client_for):
    client = client_for("coordinator")
    case = (EXAMPLES / "retro.json").read_text()
    response = client.post("/calculators/retro", data={"base": case})
    assert response.status_code == 403


@pytest.mark.parametrize(("kind", "figure"), [("experience", "experience factor"),
                                              ("premium", "premium")])
def test_experience_and_premium_calculators_show_their_worksheets(client_for, kind, figure):
    client = client_for("employer")
    page = client.get(f"/calculators/{kind}")
    case = (EXAMPLES / f"{kind}.json").read_text()
    response = client.post(f"/calculators/{kind}", data={"base": case, "whatif": case,
                                                          "csrf_token": csrf_of(page.text)})
    assert response.status_code == 200
    assert 'id="comparison"' in response.text
    assert figure in response.text
    assert response.text.count('class="worksheet"') == 2
    assert "WAC 296-17" in response.text
