"""The public names of `retrodesk.rating.retro` and its text worksheet."""

from retrodesk.rating import retro
from tests.unit.rating.retro.builders import case_with, claim, example_case


def test_the_public_names_are_pinned() -> None:
    assert retro.__all__ == [
        "Claim", "ClaimResult", "FactorOverrides", "MemberContribution", "PafSolution",
        "PlanCheck", "PlanElection", "PlanViolation", "PremiumRow", "RetroCase", "RetroResult",
        "calculate", "compute_retro_premium", "parse_case", "render_text",
        "scheduled_valuation_date", "solve_paf", "validate_plan",
    ]


def test_the_text_worksheet_shows_warnings_members_and_every_step_section() -> None:
    document = case_with([claim("A1", member="M-A", claim_type="fatal", injury_date="2030-02-01")],
                         coverage_period_start="2030-01-01")
    document["standard_premium"][0]["member"] = "M-A"
    text = retro.render_text(retro.calculate(document))
    assert "WARNING: fatality value not confirmed for 2030" in text
    assert "GROUP MEMBERS' CONTRIBUTIONS (WAC 296-17B-200)" in text
    assert "member M-A" in text
    for heading in ("STANDARD PREMIUM", "HAZARD GROUP", "SIZE GROUP", "CLAIMS ASSIGNED",
                    "INITIAL LOSS", "SINGLE LOSS OCCURRENCE LIMIT", "PRELIMINARY LOSS",
                    "LOSS INCURRED PER CLAIM", "LOSS-RATIO CORRIDOR", "CHARGES",
                    "RETROSPECTIVE PREMIUM AND RESULT"):
        assert heading in text


def test_an_all_official_what_if_is_not_marked_illustrative() -> None:
    document = example_case()
    document["factors"].update(size_group=16)
    result = retro.calculate(document)
    assert not result.is_illustrative
    assert "ILLUSTRATIVE" not in retro.render_text(result)
    assert all(line.step != "illustrative" for line in result.worksheet)
