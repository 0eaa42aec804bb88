"""The PAF solver (WAC 296-17B-600…-620, retro.md §4.11): an actuarial tool, output illustrative."""

import dataclasses
from decimal import Decimal

import pytest

from retrodesk.kernel.errors import InvalidInput
from retrodesk.rating import retro
from tests.unit.rating.retro.builders import example_case


def cohort() -> list[retro.RetroCase]:
    first = retro.parse_case(example_case())
    second_doc = example_case()
    second_doc["standard_premium"][0].update(accident_fund="400000.00", medical_aid="100000.00")
    return [first, retro.parse_case(second_doc)]


def total_premium(cases: list[retro.RetroCase], paf: Decimal) -> Decimal:
    return sum((retro.calculate(dataclasses.replace(
        c, factors=dataclasses.replace(c.factors, paf=paf))).retro_premium for c in cases),
        Decimal(0))


def test_the_solver_finds_the_paf_that_meets_the_premium_target() -> None:
    cases = cohort()
    target_paf = Decimal("0.9500")
    losses = Decimal("800000")
    ratio = losses / total_premium(cases, target_paf)    # a non-retro loss ratio matching 0.95
    found = retro.solve_paf(cases, loss_ratio_nonretro=ratio, losses_retro_total=losses)
    assert abs(found.paf - target_paf) <= Decimal("0.0001")
    assert found.source.origin.value == "illustrative"
    assert found.source.version == "illustrative: paf-solver"


def test_no_paf_in_the_bracket_is_an_error() -> None:
    with pytest.raises(InvalidInput, match="no PAF in"):
        retro.solve_paf(cohort(), loss_ratio_nonretro=Decimal("0.01"),
                        losses_retro_total=Decimal("800000"))
