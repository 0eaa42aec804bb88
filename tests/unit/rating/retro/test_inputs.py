"""Reading a retro case: every problem with its path, nothing computed (spec/calc-io.md)."""

from datetime import date
from decimal import Decimal

import pytest

from retrodesk.kernel.errors import InvalidInput
from retrodesk.rating import retro
from retrodesk.rules.retro.book import Fund
from tests.unit.rating.retro.builders import claim, example_case


def problems(document: object) -> dict[str, str]:
    with pytest.raises(InvalidInput) as caught:
        retro.parse_case(document)
    return {d.path: d.message for d in caught.value.details}


def test_the_example_reads_into_typed_values() -> None:
    case = retro.parse_case(example_case())
    assert case.coverage_period_start == date(2023, 10, 1)
    assert case.plan.single_loss_limit == Decimal("250000")
    assert case.claims[0].case_incurred_af == Decimal("120000.00")
    assert case.factors.dldf[("time_loss", Fund.AF)] == Decimal("1.30")


def test_a_document_that_is_not_an_object_is_refused() -> None:
    assert problems([1, 2])[""] == "must be a JSON object"


def test_every_problem_of_a_case_is_reported_at_once() -> None:
    document = example_case()
    document["adjustment"] = 4
    document["plan"]["min_loss_ratio"] = "1.50"
    document["standard_premium"][0]["medical_aid"] = "-5"
    document["claims"][0]["status"] = "pending"
    document["claims"][1]["ma_reserve"] = "-0.01"
    document["claims"][4]["id"] = "C3"
    document["claims"].append(claim("OD", kind="occupational_disease"))
    document["factors"]["paf"] = "0"
    document["factors"]["fatality"] = {"af": "486600"}
    found = problems(document)
    assert found["adjustment"] == "must be one of 1, 2, 3"
    assert found["plan.min_loss_ratio"] == "must not exceed max_loss_ratio"
    assert found["standard_premium[0].medical_aid"] == "must be >= 0"
    assert "pending" in found["claims[0].status"]
    assert found["claims[1].ma_reserve"] == "must be >= 0"
    assert "duplicate claim id" in found["claims[4].id"]
    assert found["claims[5].last_exposure_date"] == "is required"
    assert found["factors.paf"] == "must be > 0"
    assert found["factors.fatality"] == "give both af and ma"


def test_adjustments_two_and_three_need_the_prior_retro_premium() -> None:
    document = example_case()
    document["adjustment"] = 3
    assert problems(document) == {"prior_retro_premium": "is required"}


def test_enrolled_quarters_must_be_quarter_start_dates() -> None:
    document = example_case()
    document["enrolled_quarters"] = {"M-A": ["2023-10-01", "2023-11-15"]}
    assert "enrolled_quarters.M-A[1]" in problems(document)


def test_a_parsed_case_and_its_mapping_give_the_same_result() -> None:
    document = example_case()
    parsed = retro.parse_case(document)
    assert retro.calculate(document).as_dict() == retro.calculate(parsed).as_dict()


def test_the_result_has_every_contract_field_with_money_as_two_decimal_strings() -> None:
    out = retro.calculate(example_case()).as_dict()
    contract = {"standard_premium", "hazard_group", "size_group", "claims", "losses_incurred",
                "adjusted_losses", "loss_ratio_limit_applied", "premium_admin_expense_charge",
                "incurred_loss_expense_charge", "insurance_charge_factor",
                "insurance_savings_factor", "net_insurance_charge", "retro_premium",
                "compared_with", "result", "provenance", "worksheet"}
    assert contract <= set(out)
    for name in ("standard_premium", "losses_incurred", "adjusted_losses", "retro_premium",
                 "net_insurance_charge", "compared_with"):
        assert isinstance(out[name], str)
        assert len(out[name].split(".")[1]) == 2
    assert set(out["result"]) == {"kind", "amount"}
    claim_fields = {"id", "initial_af", "initial_ma", "limited_af", "limited_ma", "prelim_af",
                    "prelim_ma", "loss_incurred"}
    assert claim_fields <= set(out["claims"][0])
    assert set(out["provenance"]) == {"illustrative", "sources"}
    for line in out["worksheet"]:
        assert {"step", "label", "value", "formula", "rule"} <= set(line)
        assert line["rule"], line["step"]
