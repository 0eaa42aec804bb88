"""Per-claim worksheet lines: assignment, initial loss, single loss limit, ELR and recovery.

Rule: WAC 296-17B-510, -530, -540 (retro.md §11). A large participant has thousands of claims, so
these lines are built when the worksheet is first read (RetroResult.worksheet), directly rather
than through `Worksheet.add`; the sources they cite are recorded in the provenance at calculation.
"""

from __future__ import annotations

from decimal import Decimal

from retrodesk.kernel.money import CENTS
from retrodesk.rating.retro.losses import FATAL, INCLUDED, ClaimResult, Losses
from retrodesk.rating.worksheet import Line
from retrodesk.rules.model import Source
from retrodesk.rules.retro.book import Fund

__all__ = ["claim_lines", "claim_sources"]

RULE_CLAIMS = "WAC 296-17B-510, -530"
RULE_INITIAL = "WAC 296-17B-540(1), -810"
RULE_SLOL = "WAC 296-17B-540(2)"
RULE_ELR = "WAC 296-17B-540(3), -830"
RULE_RECOVERY = "WAC 296-17B-540"


def claim_sources(losses: Losses) -> list[Source]:
    """Every source the per-claim lines cite: DLDFs by type and fund, fatality values, ELRs."""
    found = [lookup.source for lookup in losses.dldf.values()]
    if losses.fatality is not None:
        found.append(losses.fatality.source)
    found.extend(lookup.source for lookup in losses.elr.values())
    return found


def claim_lines(losses: Losses) -> list[Line]:
    """The Claims, Initial, SLOL, ELR and Recovery lines, step by step (retro.md §11)."""
    dldf = {key: (f"{lookup.value:f}", lookup.source.name) for key, lookup in losses.dldf.items()}
    fatal_sources: tuple[str, ...] = ()
    if losses.fatality is not None:
        fatal_sources = (losses.fatality.source.name,)
    counted = [c for c in losses.claims if c.status == INCLUDED]
    lines = [_claim_line(c) for c in losses.claims]
    for claim in counted:
        if claim.type == FATAL:
            lines.append(Line(f"initial.{claim.id}", f"Initial loss, claim {claim.id} (fatality)",
                              f"{claim.initial_af + claim.initial_ma:f}",
                              f"fatality values AF {claim.initial_af:f} + MA {claim.initial_ma:f}",
                              RULE_INITIAL, _pair(claim.initial_af, claim.initial_ma),
                              sources=fatal_sources))
            continue
        (af, af_name), (ma, ma_name) = dldf[(claim.type, Fund.AF)], dldf[(claim.type, Fund.MA)]
        lines.append(Line(
            f"initial.{claim.id}", f"Initial loss, claim {claim.id}",
            f"{claim.initial_af + claim.initial_ma:f}",
            f"AF {claim.case_incurred_af:f} × DLDF {af} = {claim.initial_af:f}; "
            f"MA {claim.case_incurred_ma:f} × DLDF {ma} = {claim.initial_ma:f}",
            RULE_INITIAL, _pair(claim.initial_af, claim.initial_ma), CENTS.name,
            (af_name, ma_name)))
    _slol_lines(lines, losses, {c.id: c for c in counted})
    _elr_and_recovery_lines(lines, losses, counted)
    return lines


def _pair(af: Decimal, ma: Decimal) -> dict[str, str]:
    return {"af": f"{af:f}", "ma": f"{ma:f}"}


def _claim_line(claim: ClaimResult) -> Line:
    when = "last exposure" if claim.kind == "occupational_disease" else "injury"
    label = f"Claim {claim.id} ({claim.type}, {when} {claim.assignment_date})"
    if claim.member:
        label += f", member {claim.member}"
    ci = _pair(claim.case_incurred_af, claim.case_incurred_ma)
    if claim.status != INCLUDED:
        what = "excluded" if claim.status == "excluded" else "not assigned"
        return Line(f"claims.{claim.id}", f"{label}: {what}", "0.00",
                    f"{what}: {claim.reason}; zero loss", RULE_CLAIMS, ci)
    return Line(f"claims.{claim.id}", f"{label}: case incurred",
                f"{claim.case_incurred_af + claim.case_incurred_ma:f}",
                f"AF {claim.case_incurred_af:f} + MA {claim.case_incurred_ma:f}", RULE_CLAIMS, ci)


def _slol_lines(lines: list[Line], losses: Losses, counted: dict[str, ClaimResult]) -> None:
    limit = losses.single_loss_limit
    if limit is None:
        lines.append(Line("slol", "Single loss occurrence limit", "Unlimited",
                          "no limit elected: limited loss = initial loss", RULE_SLOL))
        return
    for occurrence in losses.occurrences:
        relation = ">" if occurrence.is_limited else "≤"
        scale = f"; scale {limit:f} ÷ {occurrence.total:f}" if occurrence.is_limited else \
            "; unchanged"
        lines.append(Line(f"slol.{occurrence.name}",
                          f"Occurrence {occurrence.name}: total initial T",
                          f"{occurrence.total:f}",
                          f"T = {occurrence.total:f} {relation} SLOL {limit:f}{scale}", RULE_SLOL,
                          {"claims": ", ".join(occurrence.claim_ids)}))
        if not occurrence.is_limited:
            continue
        for claim_id in occurrence.claim_ids:
            c = counted[claim_id]
            lines.append(Line(
                f"slol.{occurrence.name}.{c.id}", f"Limited loss, claim {c.id}",
                f"{c.limited_af + c.limited_ma:f}",
                f"AF {c.initial_af:f} × {limit:f} ÷ {occurrence.total:f} = {c.limited_af:f}; "
                f"MA {c.initial_ma:f} × {limit:f} ÷ {occurrence.total:f} = {c.limited_ma:f}",
                RULE_SLOL, _pair(c.limited_af, c.limited_ma), CENTS.name))


def _elr_and_recovery_lines(
    lines: list[Line], losses: Losses, counted: list[ClaimResult],
) -> None:
    if not counted:
        return
    elr_af, elr_ma = losses.elr[Fund.AF], losses.elr[Fund.MA]
    names = (elr_af.source.name, elr_ma.source.name)
    af, ma = f"{elr_af.value:f}", f"{elr_ma.value:f}"
    for c in counted:
        lines.append(Line(
            f"elr.{c.id}", f"Preliminary loss, claim {c.id}", f"{c.prelim_af + c.prelim_ma:f}",
            f"AF {c.limited_af:f} × ELR {af} = {c.prelim_af:f}; "
            f"MA {c.limited_ma:f} × ELR {ma} = {c.prelim_ma:f}",
            RULE_ELR, _pair(c.prelim_af, c.prelim_ma), CENTS.name, names))
    for c in counted:
        reason = f" ({c.recovery_reason})" if c.recovery_reason else ""
        lines.append(Line(
            f"recovery.{c.id}", f"Loss incurred, claim {c.id}", f"{c.loss_incurred:f}",
            f"({c.prelim_af:f} + {c.prelim_ma:f}) × recovery factor {c.recovery_factor:f}{reason}",
            RULE_RECOVERY, rounding=CENTS.name))
