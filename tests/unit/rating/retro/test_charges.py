"""Insurance-factor interpolation, the NIC and the adjustment comparison (WAC 296-17B-400…-440)."""

import dataclasses
from decimal import Decimal

import pytest

from retrodesk.kernel.errors import InvalidInput, RuleNotInForce
from retrodesk.rating import retro
from retrodesk.rating.retro.charges import interpolate, net_insurance_charge
from retrodesk.rules.model import Parameter
from retrodesk.rules.retro.book import Basis
from retrodesk.rules.retro.catalog import load_retro_rulebook
from tests.unit.rating.retro.builders import example_case

D = Decimal
ROW = ((D("1.00"), D("0.0800")), (D("1.20"), D("0.0500")), (D("1.40"), D("0.0333")))


def test_a_tabulated_ratio_is_read_as_is() -> None:
    assert interpolate(ROW, D("1.20")) == (D("0.0500"), ())


def test_between_tabulated_ratios_the_factor_is_linear_and_rounded_to_four_places() -> None:
    value, neighbours = interpolate(ROW, D("1.33"))
    # 0.0500 + (0.0333 − 0.0500) × 0.13 / 0.20 = 0.039145 → 0.0391
    assert value == D("0.0391")
    assert neighbours == ((D("1.20"), D("0.0500")), (D("1.40"), D("0.0333")))
    assert interpolate(ROW, D("1.2150"))[0] == D("0.0487")   # 0.0487475 → 0.0487


def test_a_ratio_outside_the_tabulated_span_is_an_error() -> None:
    with pytest.raises(InvalidInput, match="outside the tabulated span"):
        interpolate(ROW, D("1.45"), what="insurance charge factor")


def test_loss_basis_nic_needs_k_below_one() -> None:
    with pytest.raises(InvalidInput, match="must be < 1"):
        net_insurance_charge(Basis.LOSS, charge=D("1.2"), savings=D("0.1"),
                             standard_premium=D("100"), ilec=D("100"))


def test_rulebook_factors_are_used_with_their_provenance_when_the_case_gives_none() -> None:
    document = example_case()
    document["factors"] = {}
    document["claims"] = document["claims"][:4]
    result = retro.calculate(document)
    assert result.is_illustrative
    origins = {s.name: s.origin.value for s in result.provenance.sources}
    assert origins["premium_admin_expense"] == "official"
    assert origins["insurance_tables"] == "illustrative"
    assert "ILLUSTRATIVE" in result.line("illustrative").formula
    assert result.retro_premium == (result.premium_admin_expense_charge
                                    + result.incurred_loss_expense_charge
                                    + result.net_insurance_charge)


def test_adjustment_two_compares_with_the_prior_retro_premium() -> None:
    document = example_case()
    document.update(adjustment=2, prior_retro_premium="600000.00")
    result = retro.calculate(document)
    assert result.compared_with == D("600000.00")
    assert result.result_kind == "assessment"
    assert result.result_amount == D("600000.00") - result.retro_premium
    assert result.valuation_date.isoformat() == "2026-06-30"


def test_a_parameter_missing_for_the_start_date_names_the_parameter_and_the_date() -> None:
    book = load_retro_rulebook()
    later_only = Parameter(book.premium_admin_expense.name, book.premium_admin_expense.label,
                           book.premium_admin_expense.rule,
                           tuple(v for v in book.premium_admin_expense.versions
                                 if v.effective.start.isoformat() >= "2023-10-01"))
    trimmed = dataclasses.replace(book, premium_admin_expense=later_only)
    document = example_case()
    document["coverage_period_start"] = "2023-07-01"
    with pytest.raises(RuleNotInForce) as caught:
        retro.calculate(document, rulebook=trimmed)
    assert "premium administration expense factor in force on 2023-07-01" in caught.value.message
