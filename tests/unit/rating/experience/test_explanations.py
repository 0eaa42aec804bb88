"""Minimum and controllable factor, claim impacts, attribution, ownership changes (§11)."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from retrodesk.kernel.errors import InvalidInput
from retrodesk.kernel.money import FOUR_PLACES
from retrodesk.rating import experience
from retrodesk.rating.experience import Portion
from tests.unit.rating.experience.builders import claim, doc

GOLDEN = Path(__file__).parents[3] / "golden" / "cases" / "experience"


def parsed(document: dict) -> experience.ExperienceCase:
    return experience.parse_case(document)


def test_minimum_factor_of_the_2014_example_is_the_claim_free_maximum() -> None:
    case = parsed(json.loads((GOLDEN / "claim_free_2014.json").read_text(encoding="utf-8"))["case"])
    result = experience.minimum_factor(case)
    no_losses = FOUR_PLACES.apply(
        (Decimal("0.58") * Decimal("13877.04") + Decimal("0.93") * Decimal("14783.80"))
        / Decimal("28660.84")
    )
    assert result.worksheet.line("no_loss_factor").value == str(no_losses) == "0.7605"
    assert result.minimum == Decimal("0.7000")
    assert result.actual == Decimal("0.7000")
    assert result.as_dict()["controllable_factor"] == "0.0000"


def test_controllable_factor_is_actual_minus_minimum() -> None:
    case = parsed(doc(claims=[claim("C1", "2017-03-01", af="42000")]))
    result = experience.minimum_factor(case)
    assert result.controllable == result.actual - result.minimum > 0
    assert result.minimum < 1


def test_each_claim_s_impact_is_the_factor_with_it_minus_without_it() -> None:
    case = parsed(
        doc(claims=[claim("C1", "2017-03-01", af="42000"), claim("C2", "2015-09-01", af="9000")])
    )
    impacts = experience.claim_impacts(case, base_premium=Decimal("100000.00"))
    by_id = {i.claim.claim.id: i for i in impacts.impacts}
    full = impacts.rating.factor
    without_c1 = experience.calculate(parsed(doc(claims=[claim("C2", "2015-09-01", af="9000")])))
    assert by_id["C1"].factor_points == full - without_c1.rating.factor > 0
    assert by_id["C1"].rating_years == (2020, 2021)  # FY2017: rating years 2019–2021, from 2020 on
    assert by_id["C2"].rating_years == (2020,)  # FY2016: 2020 is its last year in a window
    assert by_id["C1"].premium_per_year == (by_id["C1"].factor_points * 100000).quantize(
        Decimal("0.01")
    )
    assert by_id["C1"].premium_total == by_id["C1"].premium_per_year * 2


def test_claim_impacts_price_a_year_from_the_latest_fiscal_year_at_base_rates() -> None:
    impacts = experience.claim_impacts(parsed(doc(claims=[claim("C1", "2017-03-01", af="42000")])))
    assert impacts.base_premium > 0
    assert impacts.worksheet.line("base_premium").formula.startswith("Σ FY2018 hours")


def test_attribution_names_the_claims_that_left_and_entered() -> None:
    previous = parsed(
        doc(
            2020,
            claims=[
                claim("OLD", "2015-09-01", af="30000"),
                claim("BOTH", "2017-01-01", af="10000", reserve="5000"),
            ],
            prior="1.0000",
        )
    )
    current = parsed(
        doc(
            2021,
            claims=[
                claim("BOTH", "2017-01-01", af="20000"),
                claim("NEW", "2019-01-01", af="50000"),
            ],
            prior="0.9000",
        )
    )
    result = experience.attribute_change(previous, current)
    parts = {p.name: p for p in result.parts}
    assert list(parts) == [
        "rating_parameters",
        "hours",
        "expected_loss_rates",
        "claims_leaving",
        "claims_entering",
        "reserve_changes",
        "limitation",
    ]
    assert parts["claims_leaving"].claims == ("OLD",)
    assert parts["claims_leaving"].points < 0
    assert parts["claims_entering"].claims == ("NEW",)
    assert parts["claims_entering"].points > 0
    assert parts["reserve_changes"].claims == ("BOTH",)
    assert parts["reserve_changes"].points > 0
    assert sum(p.points for p in result.parts) == result.change
    assert result.as_dict()["change"] == str(result.current.factor - result.previous.factor)


def test_attribution_needs_consecutive_rating_years() -> None:
    with pytest.raises(InvalidInput, match="rating year 2019"):
        experience.attribute_change(parsed(doc(2018)), parsed(doc(2020)))


def test_acquisition_gives_the_expected_loss_weighted_average() -> None:
    result = experience.ownership_change_factor(
        Portion(Decimal("1.2000"), Decimal(10000)), Portion(Decimal("0.8500"), Decimal(40000))
    )
    assert result.factors == (Decimal("0.9200"),)
    assert result.worksheet.line("factor").rule == "WAC 296-17-87305"
    alone = experience.ownership_change_factor(Portion(Decimal("1.2000"), Decimal(10000)))
    assert alone.factors == (Decimal("1.2000"),)


def test_a_partial_acquisition_scales_both_portions_to_the_seller_s_factor() -> None:
    result = experience.partial_acquisition_factors(
        Decimal("1.0000"),
        [Portion(Decimal("0.9000"), Decimal(30000)), Portion(Decimal("1.5000"), Decimal(10000))],
    )
    assert result.factors == (Decimal("0.8571"), Decimal("1.4286"))


def test_commonly_owned_entities_are_rated_as_one_with_a_weighted_prior() -> None:
    first = parsed(
        {**doc(claims=[claim("A", "2017-01-01", af="30000")], prior="1.2000"), "employer": "North"}
    )
    second = parsed({**doc(hours="5000", prior="0.8000"), "employer": "South"})
    combined = experience.combine_commonly_owned([first, second])
    e1, e2 = (r.rating.expected.total for r in combined.own)
    assert combined.combined.rating.expected.total == e1 + e2
    prior = FOUR_PLACES.apply((Decimal("1.2000") * e1 + Decimal("0.8000") * e2) / (e1 + e2))
    assert combined.combined.rating.prior == prior
    assert [c.claim.id for c in combined.combined.rating.claims] == ["North/A"]
    best, chosen = experience.choose_combination([[second], [first, second]])
    assert best == 1
    assert chosen.names == ("North", "South")


def test_combining_refuses_entities_of_different_rating_years() -> None:
    with pytest.raises(InvalidInput) as caught:
        experience.combine_commonly_owned([parsed(doc(2020)), parsed(doc(2021))])
    assert caught.value.details[0].path == "[1].rating_year"
