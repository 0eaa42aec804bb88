"""Bad input is refused with every problem and its path; provenance names every source."""

import pytest

from retrodesk.kernel.errors import InvalidInput, RuleNotInForce
from retrodesk.rating import experience
from tests.unit.rating.experience.builders import claim, doc, rate


def problems(document: dict) -> dict[str, str]:
    with pytest.raises(InvalidInput) as caught:
        rate(document)
    return {d.path: d.message for d in caught.value.details}


def test_an_unknown_class_is_named_at_its_first_row() -> None:
    document = doc()
    document["exposure"].append({"risk_class": "9999-00", "fiscal_year": 2017, "hours": "10"})
    found = problems(document)
    assert list(found) == [f"exposure[{len(document['exposure']) - 1}].risk_class"]
    assert "unknown risk class 9999-00" in next(iter(found.values()))


def test_a_fiscal_year_outside_the_window_and_negative_hours_are_both_reported() -> None:
    document = doc()
    document["exposure"][0]["fiscal_year"] = 2015
    document["exposure"][1]["hours"] = "-5"
    found = problems(document)
    assert found["exposure[0].fiscal_year"] == (
        "FY2015 is outside the experience period of rating year 2020 (FY2016–FY2018)"
    )
    assert found["exposure[1].hours"] == "must be >= 0"


def test_a_rating_year_without_parameters_is_refused_naming_the_parameter() -> None:
    with pytest.raises(RuleNotInForce) as caught:
        rate(doc(2031))
    assert "rating year 2031 has no Table III primary ratio for 0510-00" in caught.value.message
    with_rates = doc(
        2031,
        parameters={
            "expected_loss_rates": {
                c: {str(fy): "1.00" for fy in (2027, 2028, 2029)} for c in ("0510-00", "4904-00")
            },
            "primary_ratios": {"0510-00": "0.44", "4904-00": "0.57"},
        },
    )
    with pytest.raises(RuleNotInForce) as caught:
        rate(with_rates)
    assert caught.value.message == "rating year 2031 has no Table II credibility (WAC 296-17-880)"
    assert caught.value.details[0].path == "parameters.credibility"


def test_claim_problems_are_all_reported() -> None:
    bad = {"id": "A", "injury_date": "2017-02-30", "af_paid": 1.5, "apportionment": "0"}
    found = problems(doc(claims=[bad, claim("A", "2017-01-01")]))
    assert set(found) == {
        "claims[0].injury_date",
        "claims[0].compensable",
        "claims[0].af_paid",
        "claims[0].apportionment",
    }


def test_duplicate_claim_ids_are_refused() -> None:
    found = problems(doc(claims=[claim("A", "2017-01-01"), claim("A", "2017-02-01")]))
    assert found == {"claims[1].id": "'A' appears more than once"}


def test_parameters_given_in_the_case_are_used_with_origin_case() -> None:
    result = rate(
        doc(
            parameters={
                "credibility": {"primary": "0.50", "excess": "0.10"},
                "claim_free_max": "0.8500",
            }
        )
    )
    out = result.as_dict()
    assert (out["primary_credibility"], out["excess_credibility"]) == ("0.50", "0.10")
    origins = {s["name"]: s["origin"] for s in out["provenance"]["sources"]}
    assert origins["parameters.credibility"] == "case"
    assert origins["parameters.claim_free_max"] == "case"
    assert origins["expected_loss_rates"] == "illustrative"
    assert out["provenance"]["illustrative"] is True


def test_a_result_from_official_values_only_is_not_flagged_illustrative() -> None:
    document = {"rating_year": 2013, "claims": [claim("T", "2010-01-01", af="30000")]}
    out = rate(document).as_dict()
    assert out["provenance"]["illustrative"] is False
    assert {s["origin"] for s in out["provenance"]["sources"]} == {"official"}


def test_every_worksheet_line_cites_its_rule_and_the_text_shows_the_bureau_layout() -> None:
    result = rate(doc(claims=[claim("C1", "2017-03-01", af="42000")], prior="1.0000"))
    lines = result.as_dict()["worksheet"]
    steps = [line["step"] for line in lines]
    for step in (
        "experience_period",
        "expected[0510-00][2016]",
        "expected_primary[4904-00][2018]",
        "claim[C1]",
        "claim[C1].primary",
        "claim[C1].excess",
        "primary_credibility",
        "computed_factor",
        "capped_factor",
        "experience_factor",
    ):
        assert step in steps
    assert all(line["rule"].startswith("WAC 296-17-") for line in lines)
    text = experience.render_text(result)
    for expected in (
        "EXPECTED LOSSES",
        "0510-00",
        "ACTUAL LOSSES",
        "C1",
        "Computed factor",
        "Limitation (WAC 296-17-865)",
        "ILLUSTRATIVE",
    ):
        assert expected in text


def test_factors_are_four_decimals_and_money_two_in_the_contract() -> None:
    out = rate(doc(claims=[claim("C1", "2017-03-01", af="42000")])).as_dict()
    for key in ("computed_factor", "experience_factor"):
        assert len(out[key].split(".")[1]) == 4
    for key in ("expected_losses", "expected_primary", "actual_primary", "actual_excess"):
        assert len(out[key].split(".")[1]) == 2


def test_a_repeated_claim_id_is_reported_at_its_own_index_even_after_a_bad_claim() -> None:
    found = problems(doc(claims=[{"id": "X"}, claim("A", "2017-01-01"), claim("A", "2017-02-01")]))
    assert found["claims[2].id"] == "'A' appears more than once"
