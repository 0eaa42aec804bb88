"""The retro worksheet as text a district office clerk can follow, each line citing its rule."""

from __future__ import annotations

import re
from decimal import Decimal

from retrodesk.kernel.money import format_money
from retrodesk.rating.retro.result import RetroResult, illustrative_notice
from retrodesk.rating.worksheet import Line

__all__ = ["render_text"]

# Worksheet sections in pipeline order (retro.md §11), keyed by the step id's first part.
SECTIONS = {
    "valuation": "Valuation",
    "sp": "Standard premium",
    "hg": "Hazard group",
    "sg": "Size group",
    "claims": "Claims assigned to the coverage period",
    "initial": "Initial loss incurred (case incurred × DLDF, or fatality values)",
    "slol": "Single loss occurrence limit",
    "elr": "Preliminary loss incurred (× ELR factors)",
    "recovery": "Loss incurred per claim (× recovery factor)",
    "corridor": "Loss-ratio corridor",
    "charges": "Charges",
    "rp": "Retrospective premium and result",
    "plan": "Plan options",
    "illustrative": "Provenance",
}
WIDTH = 64
MONEY = re.compile(r"-?\d+\.\d\d")


def render_text(result: RetroResult) -> str:
    """The worksheet for a person: heading, notices, then one entry per line with its rule."""
    out = [f"RETROSPECTIVE RATING WORKSHEET — coverage period starting "
           f"{result.coverage_period_start}, adjustment {result.adjustment} "
           f"({result.basis.value} basis), valuation {result.valuation_date}"]
    notice = illustrative_notice(result.provenance)
    if notice:
        out.append(notice)
    out.extend(f"WARNING: {warning}" for warning in result.warnings)
    section = ""
    for line in result.worksheet:
        head = line.step.split(".", 1)[0]
        if head != section:
            section = head
            out.extend(["", SECTIONS.get(head, head).upper()])
        out.extend(_entry(line))
    if result.members:
        out.extend(["", "GROUP MEMBERS' CONTRIBUTIONS (WAC 296-17B-200)"])
        out.extend(f"  member {m.member:<20} "
                   f"standard premium {format_money(m.standard_premium):>16}   "
                   f"loss incurred {format_money(m.loss_incurred):>14} ({m.claim_count} claims)"
                   for m in result.members)
    amount = abs(result.result_amount)
    out.extend(["", f"RESULT: {result.result_kind} {format_money(amount)} "
                    f"(retro premium {format_money(result.retro_premium)}, compared with "
                    f"{format_money(result.compared_with)})"])
    return "\n".join(out)


def _entry(line: Line) -> list[str]:
    label = line.label if len(line.label) < WIDTH else line.label[:WIDTH - 1] + "…"
    value = f"{Decimal(line.value):,.2f}" if MONEY.fullmatch(line.value) else line.value
    first = f"  {label:<{WIDTH}} {value:>18}"
    detail = [part for part in (line.formula, line.rounding and f"rounded {line.rounding}") if part]
    second = f"      {'; '.join(detail)}  [{line.rule}]" if detail else f"      [{line.rule}]"
    return [first, second]
