"""Premium by class: rounding points, shares, overrides and refusals (experience.md §2)."""

from decimal import Decimal

import pytest

from retrodesk.kernel.errors import InvalidInput, RuleNotInForce
from retrodesk.rating import premium


def rate(document: dict) -> premium.PremiumResult:
    return premium.calculate(premium.parse_case(document))


def test_classes_are_summed_and_shares_add_up_to_the_premium() -> None:
    result = rate(
        {
            "rating_year": 2020,
            "experience_factor": "1.1234",
            "hours": [
                {"risk_class": "0510-00", "hours": "1500.5"},
                {"risk_class": "4904-00", "hours": "480"},
                {"risk_class": "0510-00", "hours": "499.5"},
            ],
        }
    )
    out = result.as_dict()
    assert [c["risk_class"] for c in out["classes"]] == ["0510-00", "4904-00"]
    assert out["classes"][0]["hours"] == "2000.0"
    total = sum(Decimal(c["premium"]) for c in out["classes"])
    assert Decimal(out["premium"]) == total
    assert Decimal(out["premium"]) == Decimal(out["worker_share"]) + Decimal(out["employer_share"])
    assert out["provenance"]["illustrative"] is True


def test_supplemental_pension_is_not_experience_rated() -> None:
    low = rate(
        {
            "rating_year": 2014,
            "experience_factor": "0.5000",
            "hours": [{"risk_class": "4904-00", "hours": "1"}],
        }
    ).premium.classes[0]
    assert low.rate == Decimal("0.0266") + Decimal("0.0910")  # round4(0.5 × 0.0532) + SP


def test_base_rates_given_in_the_case_override_the_rulebook() -> None:
    result = rate(
        {
            "rating_year": 2014,
            "experience_factor": "1.0000",
            "hours": [{"risk_class": "4904-00", "hours": "100"}],
            "base_rates": {"4904-00": {"accident_fund": "0.1000"}},
        }
    )
    line = result.premium.classes[0]
    assert line.rate == Decimal("0.1000") + Decimal("0.0225") + Decimal("0.0006") + Decimal(
        "0.0910"
    )
    origins = {s["origin"] for s in result.as_dict()["provenance"]["sources"]}
    assert origins == {"case", "official"}


def test_an_unknown_class_and_negative_hours_are_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        rate(
            {
                "rating_year": 2020,
                "experience_factor": "1.0",
                "hours": [{"risk_class": "4904-00", "hours": "-1"}],
            }
        )
    assert caught.value.details[0].path == "hours[0].hours"
    with pytest.raises(InvalidInput, match="unknown risk class 9999-00"):
        rate(
            {
                "rating_year": 2020,
                "experience_factor": "1.0",
                "hours": [{"risk_class": "9999-00", "hours": "1"}],
            }
        )


def test_a_rating_year_without_base_rates_names_what_is_missing() -> None:
    with pytest.raises(RuleNotInForce, match=r"rating year 2031 has no base rates for 4904-00"):
        rate(
            {
                "rating_year": 2031,
                "experience_factor": "1.0",
                "hours": [{"risk_class": "4904-00", "hours": "1"}],
            }
        )
    with pytest.raises(
        RuleNotInForce,
        match=r"^rating year 2013 has no supplemental_pension base "
        r"rate for 9999-00 \(WAC 296-17-895\)$",
    ):
        rate(
            {
                "rating_year": 2013,
                "experience_factor": "1.0",
                "hours": [{"risk_class": "9999-00", "hours": "1"}],
                "base_rates": {
                    "9999-00": {"accident_fund": "1", "medical_aid": "1", "stay_at_work": "0"}
                },
            }
        )


def test_the_text_worksheet_shows_each_class_line() -> None:
    text = premium.render_text(
        rate(
            {
                "rating_year": 2014,
                "experience_factor": "0.9789",
                "hours": [{"risk_class": "4904-00", "hours": "1000"}],
            }
        )
    )
    assert "4904-00" in text
    assert "0.1431" in text
    assert "143.10" in text
    assert "0.0568" in text


def test_salaried_workers_count_160_hours_a_month_employed() -> None:
    result = rate({"rating_year": 2014, "experience_factor": "0.9789",
                   "hours": [{"risk_class": "4904-00", "assumed_hours_months": 3},
                             {"risk_class": "4904-00", "assumed_hours_months": 1},
                             {"risk_class": "4904-00", "hours": "40"}]})
    [line] = result.as_dict()["classes"]
    assert (line["hours"], line["assumed_hours"]) == ("680", "640")
    assert line["premium"] == "97.31"  # round2(680 × 0.1431)


def test_assumed_months_are_zero_to_three_and_exclude_actual_hours() -> None:
    with pytest.raises(InvalidInput) as caught:
        rate({"rating_year": 2014, "experience_factor": "1",
              "hours": [{"risk_class": "4904-00", "assumed_hours_months": 4},
                        {"risk_class": "4904-00", "assumed_hours_months": 1, "hours": "10"}]})
    paths = {d.path for d in caught.value.details}
    assert paths == {"hours[0].assumed_hours_months", "hours[1].assumed_hours_months"}
