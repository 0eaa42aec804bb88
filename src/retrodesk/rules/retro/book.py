"""The retrospective rating rulebook: every parameter and table the retro engine reads.

Rule: WAC 296-17B-040 — a coverage period is governed by the rules in force on its first day.
Rulebook parameters are looked up by the coverage-period start date; per-adjustment actuarial
inputs (DLDF, ELR factors, PAF) by the coverage-period start quarter and the adjustment number
(retro.md §1, §4.4). Each value carries its provenance (rules.model.Origin).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from retrodesk.rules.model import Parameter, Table

__all__ = [
    "EARLIEST_SUPPORTED_START",
    "AhiBand",
    "AuditedFatality",
    "Basis",
    "Family",
    "FatalityValues",
    "Fund",
    "InsuranceKey",
    "InsuranceTables",
    "Kind",
    "RatioRange",
    "RetroRulebook",
    "SizeGroupRow",
]

# Project decision (retro.md §1): the engine implements the formulas in force for coverage periods
# starting on or after 2014-07-01 (WSR 14-12-051); earlier starts are refused.
EARLIEST_SUPPORTED_START = date(2014, 7, 1)


class Fund(StrEnum):
    """Accident fund and medical aid fund: losses are carried per fund (WAC 296-17B-540)."""

    AF = "af"
    MA = "ma"


class Basis(StrEnum):
    """Plan basis for the net insurance charge (WAC 296-17B-440)."""

    PREMIUM = "premium"
    LOSS = "loss"


class Family(StrEnum):
    """Insurance-table family: 'no single loss limit' or 'various single loss limits'.

    Rule: WAC 296-17B-910…-990.
    """

    UNLIMITED = "unlimited"
    LIMITED = "limited"


class Kind(StrEnum):
    """Charge factors are read at the maximum loss ratio, savings factors at the minimum."""

    CHARGE = "charge"
    SAVINGS = "savings"


@dataclass(frozen=True, slots=True)
class FatalityValues:
    """Fixed initial loss incurred for a fatality, per fund, whole dollars (WAC 296-17B-540(1))."""

    af: Decimal
    ma: Decimal

    @property
    def total(self) -> Decimal:
        return self.af + self.ma


@dataclass(frozen=True, slots=True)
class AuditedFatality:
    """A fatality row kept for audit only, never looked up (retro.md §10): e.g. as printed."""

    values: FatalityValues
    citation: str
    note: str


@dataclass(frozen=True, slots=True)
class RatioRange:
    """An inclusive range of ratios, e.g. maximum loss ratio 0.40–1.60 (WAC 296-17B-300(3))."""

    low: Decimal
    high: Decimal

    def contains(self, value: Decimal) -> bool:
        """Whether `value` lies in the range, both ends included."""
        return self.low <= value <= self.high


@dataclass(frozen=True, slots=True)
class AhiBand:
    """An average-hazard-index band: AHI in [low, high] (3 decimals) → hazard group (-560(4))."""

    hazard_group: int
    low: Decimal
    high: Decimal


@dataclass(frozen=True, slots=True)
class SizeGroupRow:
    """A row of the standard-premium size-range table (WAC 296-17B-900); `high=None` is open."""

    size_group: int
    low: Decimal
    high: Decimal | None


# (hazard group, basis, family, kind, size group, single loss limit or None) → ((ratio, factor), …)
InsuranceKey = tuple[int, Basis, Family, Kind, int, Decimal | None]


@dataclass(frozen=True, slots=True)
class InsuranceTables:
    """Insurance charge and savings factors at tabulated loss ratios (WAC 296-17B-910…-990).

    Each row is sorted by loss ratio; interpolation between rows is the engine's job
    (retro.md §4.9).
    """

    rows: Mapping[InsuranceKey, tuple[tuple[Decimal, Decimal], ...]]


@dataclass(frozen=True, slots=True)
class RetroRulebook:
    """Everything the retro engine looks up, each as an effective-dated Parameter or Table.

    Date-keyed parameters are read at the coverage-period start. The actuarial tables are keyed as
    stated and their versions cover the three months of one coverage-period start quarter.
    """

    premium_admin_expense: Parameter[Decimal]                       # -420
    claims_admin_expense: Parameter[Decimal]                        # -430
    fatality: Parameter[FatalityValues]                             # -540(1)
    single_loss_limits: Parameter[tuple[Decimal, ...]]              # -300(1); Unlimited implied
    max_loss_ratio_range: Parameter[RatioRange]                     # -300(3)(c)
    min_loss_ratio_range: Parameter[RatioRange]                     # -300(3)(c)
    loss_ratio_gap: Parameter[Decimal]                              # -300(3)(b): 0.20
    loss_ratio_decimals: Parameter[int]                             # -300(3)(c): 4 (0.01 %)
    highest_premium_range: Parameter[RatioRange]                    # -300(3)(d): 1.05–2.00
    premium_test_multiple: Parameter[Decimal]                       # -300(3)(a): 2 × SLOL
    hazard_index: Parameter[Mapping[int, Decimal]]                  # -560(3)
    ahi_bands: Parameter[tuple[AhiBand, ...]]                       # -560(4)
    class_hazard_group: Table[str, int]                             # WAC 296-17-901
    size_groups: Parameter[tuple[SizeGroupRow, ...]]                # -900
    insurance_tables: Parameter[InsuranceTables]                    # -910…-990
    claim_types: Parameter[tuple[str, ...]]                         # -810, -840
    excluded_reasons: Parameter[frozenset[str]]                     # -530 (PHE from 2022-01-01)
    dldf: Table[tuple[int, str, Fund], Decimal]                     # (adj., claim type, fund) -810
    elr: Table[tuple[int, Fund], Decimal]                           # (adjustment, fund) -830
    paf: Table[int, Decimal]                                        # adjustment -610
    # Added fields (defaults keep keyword construction compatible):
    fatality_audit: tuple[AuditedFatality, ...] = ()                # -540 rows not in any window
    industry_categories: Parameter[Mapping[str, str]] = field(      # RCW 51.18.040: code → name
        default=Parameter("industry_categories", "industry categories", "RCW 51.18.040"))

    def fatality_row_start(self, coverage_start: date) -> date:
        """Start of the fatality row in force for a coverage period.

        Rule: WAC 296-17B-540(1); retro.md §10 — a row stays in force until the next loaded row, so
        when its year is earlier than the coverage-period start's year the result carries the
        warning "fatality value not confirmed for YEAR".

        Raises:
            RuleNotInForce: no fatality row covers `coverage_start`.
        """
        return self.fatality.version_at(coverage_start).effective.start
