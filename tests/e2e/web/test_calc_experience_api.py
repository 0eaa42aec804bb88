"""POST /api/v1/calc/experience|premium reproduces the worked examples (spec/calc-io.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.golden.test_experience_examples import EXPERIENCE, PREMIUM, assert_matches


def bearer(world, role: str = "district_staff") -> dict[str, str]:
    return {"Authorization": f"Bearer {world.tokens[role]}"}


@pytest.mark.parametrize("path", EXPERIENCE + PREMIUM, ids=lambda p: p.stem)
def test_the_api_reproduces_every_experience_and_premium_example(anonymous, world, path: Path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    kind = path.parent.name
    response = anonymous.post(f"/api/v1/calc/{kind}", json=doc["case"], headers=bearer(world))
    assert response.status_code == 200, response.text
    assert_matches(response.json(), doc["expected"], doc["source"])


def test_a_missing_parameter_is_422_naming_it(anonymous, world):
    case = {"rating_year": 2031, "exposure": [{"risk_class": "0514-00", "fiscal_year": 2027,
                                               "hours": "1"}],
            "parameters": {"expected_loss_rates": {"0514-00": {"2027": "10"}},
                           "primary_ratios": {"0514-00": "0.5"}}}
    response = anonymous.post("/api/v1/calc/experience", json=case, headers=bearer(world))
    assert response.status_code == 422
    assert response.json() == {"errors": [{
        "path": "parameters.credibility",
        "message": "rating year 2031 has no Table II credibility (WAC 296-17-880)"}]}
