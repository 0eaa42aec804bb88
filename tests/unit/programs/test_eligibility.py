"""Qualification checks at their boundaries (programs.md §2–§8, §13)."""

from datetime import date
from decimal import Decimal

from retrodesk.kernel.errors import ErrorDetail
from retrodesk.programs import eligibility as el
from retrodesk.programs.calendar import washington_calendar
from retrodesk.programs.deadlines import DeadlineKind, deadline_for
from retrodesk.rules.model import Lookup, Origin, Source
from retrodesk.rules.retro.book import SizeGroupRow

SIZES = Lookup((SizeGroupRow(2, Decimal("10000"), None), SizeGroupRow(1, Decimal("5850"),
                                                                       Decimal("10000"))),
               Source("size_groups", Origin.ILLUSTRATIVE, "illustrative v1"), "WAC 296-17B-900")
GOOD = el.AccountStanding("E1", True, date(2026, 11, 30))


def member(employer_id: str, premium: str = "500000", since: date | None = date(2020, 1, 1),
           *, dues: bool = True,
           related: frozenset[str] = frozenset({"0510-00"})) -> el.MemberFacts:
    return el.MemberFacts(employer_id, True, dues, since,
                          el.AccountStanding(employer_id, True, date(2026, 10, 1)),
                          Decimal(premium), related)


def test_i1_good_standing_passes_and_fails_with_its_as_of_date() -> None:
    assert el.check_good_standing("I1", "E1", GOOD).passed
    bad = el.check_good_standing("I1", "E1", el.AccountStanding("E1", False, date(2026, 11, 1)))
    assert not bad.passed
    assert bad.evidence["as_of"] == "2026-11-01"
    assert not el.check_good_standing("I1", "E1", None).passed


def test_i2_premium_floor_boundary_and_illustrative_flag() -> None:
    assert el.check_premium_floor(Decimal("5850.00"), SIZES).passed
    below = el.check_premium_floor(Decimal("5849.99"), SIZES)
    assert not below.passed
    assert below.message == ("standard premium of the four prior quarters $5,849.99 is below the "
                             "size group 1 minimum $5,850.00 (illustrative size-group table)")
    assert below.evidence["illustrative"] == "true"


def test_i3_deadline_on_a_saturday_15th() -> None:
    deadline = deadline_for(DeadlineKind.INDIVIDUAL_APPLICATION, date(2025, 4, 1),
                            washington_calendar())
    assert el.check_deadline("I3", deadline, date(2025, 3, 17)).passed
    late = el.check_deadline("I3", deadline, date(2025, 3, 18))
    assert not late.passed
    assert late.evidence["due"] == "2025-03-17"


def test_i4_lists_every_plan_violation() -> None:
    result = el.check_elections("I4", [ErrorDetail("plan.max_loss_ratio", "above 160 %"),
                                       ErrorDetail("plan.min_loss_ratio", "gap under 20 points")])
    assert not result.passed
    assert result.message == "the plan elections are invalid: above 160 %; gap under 20 points"
    assert el.check_elections("I4", []).passed


def test_i5_signature_by_an_officer_only() -> None:
    assert el.check_signature("I5", "Corporate officer").passed
    assert not el.check_signature("I5", "bookkeeper").passed
    assert not el.check_signature("I5", None).passed


def test_i6_single_enrollment() -> None:
    assert el.check_single_enrollment("I6", "E1", []).passed
    assert not el.check_single_enrollment("I6", "E1", ["group G7"]).passed


def test_i7_common_ownership_extends_to_the_connected_family() -> None:
    family = el.common_ownership_family("A", [("A", "B"), ("B", "C"), ("X", "Y")])
    assert family == {"A", "B", "C"}
    missing = el.check_common_ownership("I7", "A", family, {"A", "C"}, {"A"})
    assert not missing.passed
    assert missing.evidence["missing"] == "C"
    assert el.check_common_ownership("I7", "A", family, {"A", "C"}, {"A", "C"}).passed
    excepted = el.check_common_ownership("I7", "A", family, {"A", "C"}, {"A"}, "pilot 2016")
    assert excepted.passed


def sponsor(formed: date, **changes: bool) -> el.SponsorFacts:
    flags = {"is_insurance_purpose": False, "is_insurer_or_broker": False,
             "has_safety_plan": True, "has_claims_cooperation_plan": True,
             "seeks_safety_improvement": True, **changes}
    return el.SponsorFacts("S1", formed, "trade association", **flags)


def test_sponsor_must_have_existed_four_years_on_the_receipt_date() -> None:
    results = el.check_sponsor(sponsor(date(2022, 11, 2)), date(2026, 11, 2))
    assert all(r.passed for r in results)
    young = el.check_sponsor(sponsor(date(2022, 11, 3)), date(2026, 11, 2))
    assert [r.check_id for r in el.failures(young)] == ["S1"]


def test_every_sponsor_failure_is_reported() -> None:
    results = el.check_sponsor(sponsor(date(2000, 1, 1), is_insurance_purpose=True,
                                       is_insurer_or_broker=True, has_safety_plan=False,
                                       seeks_safety_improvement=False), date(2026, 11, 2))
    assert [r.check_id for r in el.failures(results)] == ["S2", "S3", "S9", "S10"]


def test_group_size_boundary_at_one_and_a_half_million() -> None:
    just_under = [member("A", "1000000.00"), member("B", "499999.99")]
    assert not el.check_size("G6", just_under).passed
    exact = [member("A", "1000000.00"), member("B", "500000.00")]
    result = el.check_size("G6", exact)
    assert result.passed
    assert result.evidence["standard_premium"] == "1500000.00"


def test_half_the_members_must_have_a_years_dues_paying_membership() -> None:
    entry = date(2027, 1, 1)
    half = [member("A", since=date(2026, 1, 1)), member("B", since=date(2026, 1, 2))]
    assert el.check_seasoning("G5", half, entry).passed
    less = [member("A", since=date(2026, 1, 2)), member("B", since=date(2026, 1, 2)),
            member("C", since=date(2025, 6, 1))]
    assert not el.check_seasoning("G5", less, entry).passed
    assert not el.check_seasoning("G5", [member("A", dues=False)], entry).passed


def test_dues_and_members_good_standing() -> None:
    assert el.check_dues("M2", member("A")).passed
    assert not el.check_dues("M2", member("A", dues=False)).passed
    lapsed = el.MemberFacts("B", True, True, None, None, Decimal("1"))
    result = el.check_members_good_standing([member("A"), lapsed])
    assert not result.passed
    assert result.evidence["not_in_good_standing"] == "B"


def test_homogeneity_h1_h2_h3_and_failure() -> None:
    assert el.check_homogeneity("M4", member("A"), "c", [], None).rule == "WAC 296-17B-260(1)"
    unrelated = member("B", related=frozenset())
    assert el.check_homogeneity("M4", unrelated, "c", ["A"], None).rule == "WAC 296-17B-260(2)"
    assert el.check_homogeneity("M4", unrelated, "c", [], date(1999, 7, 24)).passed
    assert not el.check_homogeneity("M4", unrelated, "c", [], date(1999, 7, 25)).passed


def test_the_five_year_bar_refuses_periods_starting_on_or_before_its_end() -> None:
    bars = {"c": date(2031, 12, 31)}
    assert not el.check_no_bar("B1", bars, "c", date(2031, 10, 1)).passed
    assert el.check_no_bar("B1", bars, "c", date(2032, 1, 1)).passed
    assert el.check_no_bar("B1", bars, "d", date(2031, 10, 1)).passed
    assert not el.check_no_bar("B1", {}, "c", date(2031, 10, 1), is_denied=True).passed


def test_check_results_serialise_with_their_rule() -> None:
    out = el.check_single_enrollment("M3", "E9", ["individual"]).as_dict()
    assert out["check"] == "M3"
    assert out["rule"] == "WAC 296-17B-250(3)"


def test_a_new_category_waits_for_the_final_adjustment_of_the_second_period() -> None:
    assert el.check_new_category("S11", "c", None, False).passed
    assert el.check_new_category("S11", "c", ("G1", "c"), False).passed
    waiting = el.check_new_category("S11", "d", ("G1", "c"), False)
    assert not waiting.passed
    assert waiting.evidence == {"group_id": "G1", "category": "c"}
    assert el.check_new_category("S11", "d", ("G1", "c"), True).passed
