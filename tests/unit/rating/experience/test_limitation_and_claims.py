"""The limitation decision table (experience.md §9), the split (§6) and the claim pipeline (§5)."""

from decimal import Decimal

import pytest

from retrodesk.rating.experience.claims import split
from retrodesk.rating.experience.limitation import limit
from retrodesk.rules.experience.book import LimitationRule
from tests.unit.rating.experience.builders import claim, doc, rate

RULE = LimitationRule(Decimal("0.25"), Decimal("1.3333"), Decimal("1.0000"))


@pytest.mark.parametrize(
    ("prior", "factor", "final", "applied"),
    [
        ("0.9000", "0.7000", "0.7000", "none"),
        ("1.4000", "0.9000", "1.0000", "exception_to_unity"),
        ("1.4000", "1.0500", "1.0500", "none"),
        ("1.3333", "0.9000", "1.0000", "cap_decrease"),
        ("0.8000", "1.2000", "1.0000", "cap_increase"),
        ("1.2000", "0.8000", "0.9000", "cap_decrease"),
        ("0.6667", "0.9000", "0.8334", "cap_increase"),
    ],
)
def test_the_limitation_decision_table(prior: str, factor: str, final: str, applied: str) -> None:
    limited = limit(Decimal(factor), Decimal(prior), RULE)
    assert (limited.factor, limited.applied) == (Decimal(final), applied)


def test_no_prior_factor_means_no_limitation() -> None:
    assert limit(Decimal("2.5000"), None, RULE).applied == "none"


def test_the_split_is_continuous_at_the_split_point_and_rises_toward_two_and_a_half_t() -> None:
    t = Decimal(20112)
    assert split(t, t) == t
    assert split(Decimal(10**9), t) < Decimal("2.5") * t
    assert split(Decimal(25000), t) == Decimal(22785)


def test_a_fatal_claim_counts_at_the_average_death_value_and_ends_claim_free_status() -> None:
    result = rate(doc(claims=[claim("F", "2017-01-10", compensable=False, fatal=True, ma="100")]))
    [value] = result.rating.claims
    assert value.adjusted == Decimal(result.as_dict()["claims"][0]["adjusted_value"])
    assert "average death value" in value.steps[0]
    assert result.rating.claim_free is False


def test_apportionment_applies_after_the_maximum_claim_value_then_rounds_to_dollars() -> None:
    document = doc(
        claims=[
            claim(
                "OD",
                "2017-01-10",
                af="1000000",
                apportionment="0.333",
                occupational_disease=True,
                received_date="2017-02-01",
            )
        ],
        parameters={"max_claim_value": "300000", "split_point": "20000"},
    )
    [value] = rate(document).rating.claims
    assert value.adjusted == Decimal(99900)  # min(1,000,000, 300,000) × 0.333
    assert value.steps == ("capped at the maximum claim value 300000", "apportionment × 0.333")


def test_a_medical_only_claim_keeps_claim_free_status_and_loses_the_deduction() -> None:
    result = rate(
        doc(
            claims=[claim("M", "2017-01-10", compensable=False, ma="3000")],
            parameters={"medical_only_deduction": "2500"},
        )
    )
    assert result.rating.claims[0].adjusted == Decimal(500)
    assert result.rating.claim_free is True
    assert result.as_dict()["claim_free_max"] is not None


def test_an_occupational_disease_is_dated_by_its_receipt() -> None:
    inside = claim(
        "OD", "2014-01-10", af="5000", occupational_disease=True, received_date="2016-09-01"
    )
    outside = claim("X", "2019-01-10", af="5000")
    result = rate(doc(claims=[inside, outside]))
    statuses = {c["id"]: c["status"] for c in result.as_dict()["claims"]}
    assert statuses == {"OD": "rated", "X": "outside_period"}


def test_a_preferred_worker_claim_in_class_7204_is_excluded_even_from_claim_free_status() -> None:
    result = rate(doc(claims=[claim("PW", "2017-01-10", af="90000", risk_class="7204-00")]))
    [value] = result.as_dict()["claims"]
    assert (value["status"], value["reason"], value["adjusted_value"]) == (
        "excluded",
        "preferred_worker",
        "0.00",
    )
    assert result.rating.claim_free is True


def test_public_health_emergency_claims_are_excluded_from_2022_and_refused_before() -> None:
    phe = claim("C19", "2019-01-10", af="40000", excluded="public_health_emergency")
    assert rate(doc(2022, claims=[phe])).as_dict()["claims"][0]["status"] == "excluded"
    from retrodesk.kernel.errors import InvalidInput

    early = claim("C19", "2018-01-10", af="40000", excluded="public_health_emergency")
    with pytest.raises(InvalidInput) as caught:
        rate(doc(2021, claims=[early]))
    [detail] = caught.value.details
    assert detail.path == "claims[0].excluded"
    assert "not an exclusion in force for rating year 2021" in detail.message


def test_no_expected_losses_gives_unity_with_the_reason() -> None:
    result = rate({"rating_year": 2020, "exposure": [], "prior_factor": "0.8000"})
    assert result.as_dict()["experience_factor"] == "1.0000"
    assert result.as_dict()["reason"] == "no experience in the period"
