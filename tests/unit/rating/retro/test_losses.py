"""Claim assignment, exclusions, case incurred, recovery, SLOL, fatality (WAC 296-17B-510…-540)."""

from decimal import Decimal

import pytest

from retrodesk.kernel.errors import InvalidInput
from retrodesk.rating import retro
from tests.unit.rating.retro.builders import case_with, claim


def claims_by_id(document: dict) -> dict[str, retro.ClaimResult]:
    return {c.id: c for c in retro.calculate(document).claims}


def test_an_injury_outside_the_period_is_listed_with_zero_loss_and_the_reason() -> None:
    result = retro.calculate(case_with([claim("IN"), claim("OUT", injury_date="2024-10-01")]))
    out = next(c for c in result.claims if c.id == "OUT")
    assert out.status == "not_assigned"
    assert out.loss_incurred == Decimal("0.00")
    assert "outside the coverage period 2023-10-01 to 2024-09-30" in (out.reason or "")
    assert result.line("claims.OUT").value == "0.00"
    assert result.losses_incurred == next(c for c in result.claims if c.id == "IN").loss_incurred


def test_an_occupational_disease_belongs_to_the_period_of_its_last_injurious_exposure() -> None:
    inside = claim("OD1", kind="occupational_disease", injury_date="2025-03-01",
                   last_exposure_date="2024-02-10")
    outside = claim("OD2", kind="occupational_disease", injury_date="2024-02-10",
                    last_exposure_date="2023-09-30")
    found = claims_by_id(case_with([inside, outside]))
    assert found["OD1"].status == "included"
    assert found["OD1"].assignment_date.isoformat() == "2024-02-10"
    assert found["OD2"].status == "not_assigned"
    assert "last injurious exposure 2023-09-30" in (found["OD2"].reason or "")


def test_a_members_claim_in_a_quarter_it_was_not_enrolled_is_not_assigned() -> None:
    document = case_with(
        [claim("A1", member="M-A", injury_date="2023-11-01"),
         claim("B1", member="M-B", injury_date="2023-11-01"),
         claim("B2", member="M-B", injury_date="2024-01-05")],
        enrolled_quarters={"M-B": ["2024-01-01", "2024-04-01", "2024-07-01"]})
    found = claims_by_id(document)
    assert found["A1"].status == "included"            # not listed: enrolled all year
    assert found["B1"].status == "not_assigned"
    assert "member M-B was not enrolled" in (found["B1"].reason or "")
    assert found["B2"].status == "included"


def test_group_results_show_each_members_premium_and_loss_contribution() -> None:
    document = case_with([claim("A1", member="M-A"), claim("B1", member="M-B", af="3000.00")])
    document["standard_premium"] = [
        {"risk_class": "0510-00", "accident_fund": "600000.00", "medical_aid": "200000.00",
         "hazard_group": 7, "member": "M-A"},
        {"risk_class": "4904-00", "accident_fund": "150000.00", "medical_aid": "50000.00",
         "hazard_group": 1, "member": "M-B"}]
    result = retro.calculate(document)
    members = {m["member"]: m for m in result.as_dict()["members"]}
    assert members["M-A"]["standard_premium"] == "800000.00"
    assert members["M-B"]["standard_premium"] == "200000.00"
    by_id = {c.id: c.loss_incurred for c in result.claims}
    assert Decimal(members["M-B"]["loss_incurred"]) == by_id["B1"]
    assert sum(Decimal(m["loss_incurred"]) for m in members.values()) == result.losses_incurred


def test_a_public_health_emergency_claim_is_excluded_from_2022_on() -> None:
    found = claims_by_id(case_with([claim("P", excluded="public_health_emergency"), claim("K")]))
    assert found["P"].status == "excluded"
    assert found["P"].reason == "public_health_emergency"
    assert found["P"].loss_incurred == Decimal("0.00")


def test_a_public_health_emergency_exclusion_before_2022_is_refused() -> None:
    document = case_with([claim("P", excluded="public_health_emergency",
                                injury_date="2021-03-01")], coverage_period_start="2020-10-01")
    with pytest.raises(InvalidInput) as caught:
        retro.calculate(document)
    assert caught.value.details[0].path == "claims[0].excluded"
    assert "WAC 296-17B-530" in caught.value.details[0].message


def test_an_open_claim_counts_paid_plus_reserve() -> None:
    open_claim = claim("O", af="1000.00", ma="100.00", status="open", af_reserve="2000.00",
                       ma_reserve="50.00")
    found = claims_by_id(case_with([open_claim]))["O"]
    assert found.case_incurred_af == Decimal("3000.00")
    assert found.case_incurred_ma == Decimal("150.00")
    assert found.initial_af == Decimal("3900.00")            # 3000 × DLDF 1.30
    assert found.initial_ma == Decimal("165.00")             # 150 × 1.10


def test_a_recovery_factor_applies_after_the_elr_and_rounds_to_cents() -> None:
    found = claims_by_id(case_with([claim("R", af="1000.00", ma="333.33", recovery_factor="0.5",
                                          recovery_reason="third_party")]))["R"]
    assert found.prelim_af == Decimal("1235.00")             # 1300.00 × 0.95
    assert found.prelim_ma == Decimal("373.99")              # 366.66 × 1.02 = 373.9932
    assert found.loss_incurred == Decimal("804.50")          # (1235.00 + 373.99) × 0.5 = 804.495


def test_without_a_limit_initial_losses_pass_unchanged() -> None:
    document = case_with([claim("BIG", af="900000.00", ma="100000.00")])
    document["plan"]["single_loss_limit"] = None
    result = retro.calculate(document)
    big = result.claims[0]
    assert (big.limited_af, big.limited_ma) == (big.initial_af, big.initial_ma)
    assert result.line("slol").value == "Unlimited"


def test_a_fatality_takes_the_fixed_values_whatever_its_case_incurred() -> None:
    found = claims_by_id(case_with([claim("F", claim_type="fatal", af="5.00", ma="5.00")]))["F"]
    assert (found.initial_af, found.initial_ma) == (Decimal("486600"), Decimal("35000"))


def test_a_fatality_in_a_year_after_the_newest_fatality_row_carries_a_warning() -> None:
    document = case_with([claim("F", claim_type="fatal", injury_date="2030-02-01")],
                         coverage_period_start="2030-01-01")
    result = retro.calculate(document)
    assert "fatality value not confirmed for 2030" in result.warnings[0]
    assert not retro.calculate(case_with([claim("F", claim_type="fatal")])).warnings


def test_a_what_if_fatality_value_takes_origin_case() -> None:
    document = case_with([claim("F", claim_type="fatal")])
    document["factors"]["fatality"] = {"af": "500000", "ma": "40000"}
    result = retro.calculate(document)
    assert result.claims[0].initial_ma == Decimal("40000")
    origins = {s.name: s.origin.value for s in result.provenance.sources}
    assert origins["fatality"] == "case"


def test_a_growing_claim_can_shift_a_capped_occurrence_toward_the_lower_elr_fund() -> None:
    """retro.md §4.5: the SLOL share is split pro rata by fund and the ELR applies after it, so
    in a capped occurrence more AF loss (ELR 0.95) displaces MA loss (ELR 1.02) and L falls."""
    document = case_with([claim("X", af="200000.00", ma="0.00", occurrence="E"),
                          claim("Y", af="0.00", ma="200000.00", occurrence="E")])
    before = retro.calculate(document)
    document["claims"][0]["af_paid"] = "300000.00"
    after = retro.calculate(document)
    assert before.losses_incurred == Decimal("245520.84")
    assert after.losses_incurred == Decimal("243811.48")
