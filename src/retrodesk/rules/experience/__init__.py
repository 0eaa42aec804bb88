"""Experience-rating and premium rulebook (chapter 296-17 WAC): tables by rating year."""

from retrodesk.rules.experience.book import (
    BandTable,
    ExperienceRulebook,
    Fund,
    LimitationRule,
    RatingYear,
    YearTables,
    year_start,
)
from retrodesk.rules.experience.catalog import (
    build_year,
    packaged,
    packaged_year_entries,
    packaged_years,
    with_official,
)
from retrodesk.rules.experience.layouts import KINDS, PARAMETER_NAMES, Entry, Layout, Row, read_rows

__all__ = [
    "KINDS",
    "PARAMETER_NAMES",
    "BandTable",
    "Entry",
    "ExperienceRulebook",
    "Fund",
    "Layout",
    "LimitationRule",
    "RatingYear",
    "Row",
    "YearTables",
    "build_year",
    "packaged",
    "packaged_year_entries",
    "packaged_years",
    "read_rows",
    "with_official",
    "year_start",
]
