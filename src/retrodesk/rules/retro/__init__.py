"""Retrospective rating rulebook (chapter 296-17B WAC): parameters, tables and their loading."""

from retrodesk.rules.retro.book import (
    EARLIEST_SUPPORTED_START,
    AhiBand,
    Basis,
    Family,
    FatalityValues,
    Fund,
    InsuranceTables,
    Kind,
    RatioRange,
    RetroRulebook,
    SizeGroupRow,
)

__all__ = [
    "EARLIEST_SUPPORTED_START",
    "AhiBand",
    "Basis",
    "Family",
    "FatalityValues",
    "Fund",
    "InsuranceTables",
    "Kind",
    "RatioRange",
    "RetroRulebook",
    "SizeGroupRow",
]
