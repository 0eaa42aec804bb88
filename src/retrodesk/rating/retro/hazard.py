"""Standard premium, hazard group (average hazard index) and size group of a participant.

Rule: WAC 296-17B-500 (standard premium), -560 (hazard group, size group), -900 (size ranges).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from retrodesk.kernel.errors import ErrorDetail, InvalidInput
from retrodesk.kernel.money import THREE_PLACES
from retrodesk.rating.retro.inputs import PremiumRow
from retrodesk.rating.worksheet import Worksheet
from retrodesk.rules.model import Lookup, Source, case_source, from_case
from retrodesk.rules.retro.book import RetroRulebook, SizeGroupRow

__all__ = ["HazardGroup", "compute_hazard_group", "compute_size_group", "compute_standard_premium"]

RULE_SP = "WAC 296-17B-500"
RULE_HG = "WAC 296-17B-560(1), (3), (4)"
RULE_SG = "WAC 296-17B-560(2), -900"


@dataclass(frozen=True, slots=True)
class HazardGroup:
    """The participant's hazard group and the AHI it came from (None when the case gave the HG)."""

    hazard_group: int
    average_hazard_index: Decimal | None


def compute_standard_premium(rows: Sequence[PremiumRow], ws: Worksheet) -> Decimal:
    """Standard premium: AF + MA premium of the coverage period, summed over classes and members.

    Rule: WAC 296-17B-500; a group's SP is the sum over its members (-200).
    """
    for index, row in enumerate(rows):
        who = f"member {row.member}, " if row.member else ""
        ws.add(f"sp.{index}", f"Standard premium, {who}class {row.risk_class}", row.total,
               formula=f"AF {row.accident_fund} + MA {row.medical_aid}", rule=RULE_SP,
               inputs={"accident_fund": row.accident_fund, "medical_aid": row.medical_aid})
    total = sum((row.total for row in rows), Decimal(0))
    ws.add("sp.total", "Standard premium (SP)", total, rule=RULE_SP,
           formula=" + ".join(str(row.total) for row in rows[:20])
           + (f" + … ({len(rows)} rows)" if len(rows) > 20 else ""))
    return total


def compute_hazard_group(
    rows: Sequence[PremiumRow], *, start: date, rulebook: RetroRulebook, given: int | None,
    ws: Worksheet,
) -> HazardGroup:
    """Hazard group from the premium-weighted average hazard index, AHI half-up to 3 decimals.

    Rule: WAC 296-17B-560(1), (3), (4); class hazard groups from WAC 296-17-901.

    Raises:
        InvalidInput: a class has no hazard group in the case or the rulebook, or SP is zero.
    """
    if given is not None:
        ws.add("hg", "Hazard group (given by the case)", given, rule=RULE_HG,
               sources=[case_source("hazard_group")])
        return HazardGroup(given, None)
    by_class = _premium_by_class(rows, start=start, rulebook=rulebook)
    index = rulebook.hazard_index.at(start)
    total = sum((premium for premium, _ in by_class.values()), Decimal(0))
    if total == 0:
        raise InvalidInput("standard premium is zero: no average hazard index (WAC 296-17B-560)",
                           [ErrorDetail("standard_premium", "total must be > 0")])
    adjusted_total = Decimal(0)
    for (risk_class, group), (premium, source) in by_class.items():
        factor = index.value[group]
        adjusted = premium * factor
        adjusted_total += adjusted
        ws.add(f"hg.class.{risk_class}", f"Adjusted SP, class {risk_class} (HG {group})", adjusted,
               formula=f"{premium} × hazard index {factor}", rule=RULE_HG,
               inputs={"standard_premium": premium, "hazard_index": factor},
               sources=[source, index.source])
    ahi = THREE_PLACES.apply(adjusted_total / total)
    ws.add("hg.ahi", "Average hazard index (AHI)", ahi, rule=RULE_HG, rounding=THREE_PLACES.name,
           formula=f"{adjusted_total} ÷ {total}")
    bands = rulebook.ahi_bands.at(start)
    band = next((b for b in bands.value if b.low <= ahi <= b.high), None)
    if band is None:
        raise InvalidInput(f"AHI {ahi} is in no hazard-group band (WAC 296-17B-560(4))")
    ws.add("hg", "Hazard group", band.hazard_group, rule=RULE_HG, sources=[bands.source],
           formula=f"AHI {ahi} in band {band.low}–{band.high}")
    return HazardGroup(band.hazard_group, ahi)


def _premium_by_class(
    rows: Sequence[PremiumRow], *, start: date, rulebook: RetroRulebook,
) -> dict[tuple[str, int], tuple[Decimal, Source]]:
    """SP per (class, hazard group); a class with no hazard group is an error naming it."""
    found: dict[tuple[str, int], tuple[Decimal, Source]] = {}
    problems: list[ErrorDetail] = []
    for position, row in enumerate(rows):
        lookup = _class_group(row, start=start, rulebook=rulebook)
        if lookup is None:
            problems.append(ErrorDetail(
                f"standard_premium[{position}].risk_class",
                f"class {row.risk_class} has no hazard group in the rulebook in force on {start} "
                f"(WAC 296-17-901); give hazard_group in the case"))
            continue
        key = (row.risk_class, lookup.value)
        premium = found[key][0] if key in found else Decimal(0)
        found[key] = (premium + row.total, lookup.source)
    if problems:
        raise InvalidInput.of(problems)
    return found


def _class_group(row: PremiumRow, *, start: date, rulebook: RetroRulebook) -> Lookup[int] | None:
    if row.hazard_group is not None:
        return from_case(f"hazard group of class {row.risk_class}", row.hazard_group, RULE_HG)
    table = rulebook.class_hazard_group
    if not table.has(row.risk_class):
        return None
    return table.at(row.risk_class, start)


def compute_size_group(
    standard_premium: Decimal, *, start: date, rulebook: RetroRulebook, given: int | None,
    ws: Worksheet, step: str = "sg", label: str = "Size group",
) -> int:
    """The size-range row holding the SP; below the first row is size group 1, the last is open.

    Rule: WAC 296-17B-560(2), -900.
    """
    if given is not None:
        ws.add(step, f"{label} (given by the case)", given, rule=RULE_SG,
               sources=[case_source("size_group")])
        return given
    table = rulebook.size_groups.at(start)
    row = size_group_row(table.value, standard_premium)
    upper = "and above" if row.high is None else f"to {row.high}"
    ws.add(step, label, row.size_group, rule=RULE_SG, sources=[table.source],
           formula=f"SP {standard_premium} in row {row.low} {upper}")
    return row.size_group


def size_group_row(rows: Sequence[SizeGroupRow], premium: Decimal) -> SizeGroupRow:
    """The row with the greatest lower bound not above `premium` (the first row when none is)."""
    ordered = sorted(rows, key=lambda r: r.low)
    chosen = ordered[0]
    for row in ordered:
        if row.low <= premium:
            chosen = row
    return chosen

