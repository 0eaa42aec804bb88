"""The public names of the experience and premium packages are a promise: pinned here."""

from retrodesk.rating import experience, premium
from retrodesk.rules import experience as rulebook


def test_experience_public_names() -> None:
    assert sorted(experience.__all__) == sorted([
        "Attribution", "Claim", "ClaimImpact", "ClaimImpacts", "CombinedExperience",
        "ExperienceCase", "ExperienceResult", "ExposureRow", "IncidenceRates", "MinimumFactor",
        "Overrides", "Part",
        "Portion", "Recalculated", "attribute_change", "calculate", "choose_combination",
        "claim_impacts", "combine_commonly_owned", "correction_years", "incidence_rates",
        "minimum_factor", "ownership_change_factor", "parse_case", "partial_acquisition_factors",
        "rate_years", "render_text"])


def test_premium_public_names() -> None:
    assert sorted(premium.__all__) == sorted([
        "ClassHours", "ClassPremium", "Premium", "PremiumCase", "PremiumResult", "calculate",
        "parse_case", "render_text"])


def test_rulebook_public_names() -> None:
    assert sorted(rulebook.__all__) == sorted([
        "KINDS", "PARAMETER_NAMES", "BandTable", "Entry", "ExperienceRulebook", "Fund", "Layout",
        "LimitationRule", "RatingYear", "Row", "YearTables", "build_year", "packaged",
        "packaged_year_entries", "packaged_years", "read_rows", "with_official", "year_start"])
