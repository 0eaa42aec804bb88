"""Experience-rating and premium rulebook (chapter 296-17 WAC): tables by rating year."""

from retrodesk.rules.experience.book import (
    BandTable,
    ExperienceRulebook,
    Fund,
    LimitationRule,
    RatingYear,
    year_start,
)
from retrodesk.rules.experience.catalog import build, packaged, packaged_entries, with_official
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
    "build",
    "packaged",
    "packaged_entries",
    "read_rows",
    "with_official",
    "year_start",
]
