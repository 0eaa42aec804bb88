"""Plan-option validation V1–V7 (WAC 296-17B-300): every violation, each with its rule."""

from decimal import Decimal

from retrodesk.rating import retro
from tests.unit.rating.retro.builders import example_case


def checks(document: dict) -> dict[str, list[retro.PlanViolation]]:
    found: dict[str, list[retro.PlanViolation]] = {}
    for violation in retro.validate_plan(document).violations:
        found.setdefault(violation.check, []).append(violation)
    return found


def test_the_example_election_is_valid_and_its_highest_premium_is_1_4580() -> None:
    outcome = retro.validate_plan(example_case())
    assert outcome.is_valid
    assert outcome.highest_possible_premium == Decimal("1.458")


def test_loss_basis_highest_premium_of_the_example_is_1_4866() -> None:
    document = example_case()
    document["plan"]["basis"] = "loss"
    document["factors"].update(insurance_charge="0.060", insurance_savings="0.015")
    highest = retro.validate_plan(document).highest_possible_premium
    assert highest is not None
    assert Decimal("1.486612") < highest < Decimal("1.486613")
    assert retro.validate_plan(document).as_dict()["highest_possible_premium"] == "1.4866"


def test_every_violation_is_returned_with_its_rule_not_only_the_first() -> None:
    document = example_case()
    document["plan"].update(single_loss_limit="300000", max_loss_ratio="1.65505",
                            min_loss_ratio="0.61234")
    document["four_quarter_premium"] = "590000.00"
    found = checks(document)
    assert found["V1"][0].rule == "WAC 296-17B-300(1)"
    assert found["V2"][0].rule == "WAC 296-17B-300(3)(a)"        # 590,000 < 2 × 300,000
    assert found["V3"][0].path == "plan.max_loss_ratio"
    assert found["V4"][0].path == "plan.min_loss_ratio"
    assert {v.path for v in found["V5"]} == {"plan.max_loss_ratio", "plan.min_loss_ratio"}
    assert "V6" not in found                                     # 0.61234 ≤ 1.65505 − 0.20
    assert "V7" not in found                                     # not computable: V1, V3, V4


def test_the_premium_test_needs_twice_the_limit_over_four_quarters() -> None:
    document = example_case()
    document["plan"]["single_loss_limit"] = "275000"
    document["four_quarter_premium"] = "549999.99"
    assert "550000" in checks(document)["V2"][0].message
    document["four_quarter_premium"] = "550000.00"
    assert "V2" not in checks(document)
    del document["four_quarter_premium"]
    assert checks(document)["V2"][0].path == "four_quarter_premium"


def test_the_loss_ratios_need_a_twenty_point_gap() -> None:
    document = example_case()
    document["plan"].update(max_loss_ratio="0.80", min_loss_ratio="0.6001")
    found = checks(document)
    assert found["V6"][0].rule == "WAC 296-17B-300(3)(b)"


def test_the_highest_possible_premium_must_lie_between_105_and_200_percent() -> None:
    high = example_case()
    high["plan"].update(max_loss_ratio="1.60")
    high["factors"].update(insurance_charge="0.210", insurance_savings="0.010")
    assert "2.0730" in checks(high)["V7"][0].message          # 0.073 + 1.8 + 0.2
    low = example_case()
    low["plan"].update(max_loss_ratio="0.80", min_loss_ratio="0.40")
    assert "1.0080" in checks(low)["V7"][0].message           # 0.073 + 0.9 + 0.035


def test_v7_from_the_rulebook_tables_is_marked_illustrative() -> None:
    document = example_case()
    document["factors"] = {}
    outcome = retro.validate_plan(document)
    assert outcome.highest_possible_premium is not None
    assert outcome.provenance.illustrative


def test_a_calculation_reports_plan_violations_as_warnings_without_refusing() -> None:
    document = example_case()
    document["plan"]["max_loss_ratio"] = "1.2050"               # 120.50 %: precise enough
    document["plan"]["min_loss_ratio"] = "0.40001"
    result = retro.calculate(document)
    assert [v.check for v in result.plan_violations] == ["V5"]
    assert any("V5" in warning for warning in result.warnings)
