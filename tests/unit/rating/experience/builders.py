"""Small experience cases for tests: a firm in the demo classes with the packaged rulebook."""

from retrodesk.rating import experience


def claim(
    claim_id: str,
    injury_date: str,
    *,
    compensable: bool = True,
    af: str = "0",
    ma: str = "0",
    reserve: str = "0",
    **extra: object,
) -> dict:
    return {
        "id": claim_id,
        "injury_date": injury_date,
        "compensable": compensable,
        "af_paid": af,
        "ma_paid": ma,
        "af_reserve": reserve,
        **extra,
    }


def doc(
    year: int = 2020,
    *,
    hours: str = "20000",
    claims: list[dict] | None = None,
    prior: str | None = None,
    **extra: object,
) -> dict:
    """Rating year `year`: 0510-00 and 4904-00 hours in each fiscal year of the window."""
    exposure = [
        {"risk_class": c, "fiscal_year": fy, "hours": h}
        for fy in range(year - 4, year - 1)
        for c, h in (("0510-00", hours), ("4904-00", "4000"))
    ]
    return {
        "rating_year": year,
        "exposure": exposure,
        "claims": claims or [],
        "prior_factor": prior,
        **extra,
    }


def rate(document: dict, **kwargs: object) -> experience.ExperienceResult:
    return experience.calculate(experience.parse_case(document), **kwargs)
