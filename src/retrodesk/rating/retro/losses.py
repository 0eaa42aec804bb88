"""Losses incurred, claim by claim: assignment, case incurred, DLDF, fatality, SLOL, ELR, recovery.

Rule: WAC 296-17B-510 (assignment), -520/-530 (case incurred, exclusions), -540 (initial loss,
single loss occurrence limit, ELR factors, recovery). Rounding points R1–R4 of retro.md §9; L is
an exact sum (R5).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from retrodesk.kernel.errors import ErrorDetail, InvalidInput
from retrodesk.kernel.money import CENTS
from retrodesk.kernel.periods import add_months, quarter_start
from retrodesk.rating.retro.factors import Factors
from retrodesk.rating.retro.inputs import Claim, RetroCase
from retrodesk.rules.model import Lookup
from retrodesk.rules.retro.book import FatalityValues, Fund

__all__ = ["FATAL", "ClaimResult", "Losses", "Occurrence", "compute_losses"]

FATAL = "fatal"
INCLUDED, EXCLUDED, NOT_ASSIGNED = "included", "excluded", "not_assigned"
ZERO = Decimal("0.00")
ONE = Decimal(1)


@dataclass(frozen=True, slots=True)
class ClaimResult:
    """One claim's figures per fund at each rounding point (zeros when not counted)."""

    id: str
    type: str
    kind: str                        # injury | occupational_disease
    member: str | None
    occurrence: str | None
    assignment_date: date | None
    status: str                      # included | excluded | not_assigned
    reason: str | None
    case_incurred_af: Decimal
    case_incurred_ma: Decimal
    initial_af: Decimal = ZERO
    initial_ma: Decimal = ZERO
    limited_af: Decimal = ZERO
    limited_ma: Decimal = ZERO
    prelim_af: Decimal = ZERO
    prelim_ma: Decimal = ZERO
    recovery_factor: Decimal = ONE
    recovery_reason: str | None = None
    loss_incurred: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One event for the single loss occurrence limit: total initial loss T and its claims."""

    name: str
    total: Decimal
    is_limited: bool
    claim_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Losses:
    """Per-claim results, occurrences, the factors used and L (exact sum, retro.md §9 R5)."""

    claims: tuple[ClaimResult, ...]
    occurrences: tuple[Occurrence, ...]
    losses_incurred: Decimal
    single_loss_limit: Decimal | None
    elr: Mapping[Fund, Lookup[Decimal]]
    dldf: Mapping[tuple[str, Fund], Lookup[Decimal]]
    fatality: Lookup[FatalityValues] | None


def compute_losses(case: RetroCase, factors: Factors) -> Losses:
    """Loss incurred for every claim and their sum L.

    Rule: WAC 296-17B-510, -530, -540.

    Raises:
        InvalidInput: a claim type or exclusion reason the rulebook does not know.
        RuleNotInForce: a DLDF, ELR factor or fatality value missing for the period.
    """
    _check_claims(case, factors)
    start = case.coverage_period_start
    end = add_months(start, 12)
    reasons = {c.id: _not_assigned(c, start, end, case.enrolled_quarters) for c in case.claims}
    counted = [c for c in case.claims if c.excluded is None and reasons[c.id] is None]
    fatality = factors.fatality() if any(c.type == FATAL for c in counted) else None
    # Claim types in first-claim order (not a set), so the sources are listed the same every run.
    dldf = {(t, f): factors.dldf(t, f) for t in dict.fromkeys(c.type for c in counted)
            if t != FATAL for f in Fund}
    initial = {c.id: _initial(c, dldf, fatality) for c in counted}
    occurrences = _occurrences(counted, initial, case.plan.single_loss_limit)
    elr = {fund: factors.elr(fund) for fund in Fund} if counted else {}
    results = [_result(c, reasons[c.id], initial.get(c.id), occurrences, elr, case)
               for c in case.claims]
    total = sum((r.loss_incurred for r in results), Decimal(0))
    return Losses(claims=tuple(results), occurrences=tuple(o for o, _ in occurrences.values()),
                  losses_incurred=total, single_loss_limit=case.plan.single_loss_limit,
                  elr=elr, dldf=dldf, fatality=fatality)


def _check_claims(case: RetroCase, factors: Factors) -> None:
    """Every claim type and exclusion reason must be in the rulebook's enumerations."""
    if not case.claims:
        return
    types = factors.claim_types()
    reasons = factors.rulebook.excluded_reasons.at(case.coverage_period_start).value
    problems: list[ErrorDetail] = []
    for index, claim in enumerate(case.claims):
        if claim.type not in types:
            problems.append(ErrorDetail(f"claims[{index}].type", f"unknown claim type "
                                        f"{claim.type!r}; known: {', '.join(types)} "
                                        f"(WAC 296-17B-810, -840)"))
        if claim.excluded is not None and claim.excluded not in reasons:
            problems.append(ErrorDetail(
                f"claims[{index}].excluded", f"{claim.excluded!r} is not an exclusion in force "
                f"for coverage periods starting {case.coverage_period_start}; in force: "
                f"{', '.join(sorted(reasons)) or 'none'} (WAC 296-17B-530)"))
    if problems:
        raise InvalidInput.of(problems)


def _not_assigned(
    claim: Claim, start: date, end: date, enrolled: Mapping[str | None, frozenset[date]] | None,
) -> str | None:
    """Why a claim does not belong to the period [start, end), or None when it does (-510)."""
    day = claim.assignment_date
    what = "last injurious exposure" if claim.kind == "occupational_disease" else "injury date"
    if day is None or not start <= day < end:
        return (f"{what} {day} is outside the coverage period {start} to "
                f"{end - timedelta(days=1)} (WAC 296-17B-510)")
    if enrolled is None:
        return None
    quarters = enrolled.get(claim.member, enrolled.get(None))
    if quarters is not None and quarter_start(day) not in quarters:
        who = f"member {claim.member}" if claim.member else "the participant"
        return (f"{what} {day} falls in quarter {quarter_start(day)}, for which {who} was not "
                f"enrolled (WAC 296-17B-200, -510)")
    return None


def _initial(
    claim: Claim, dldf: Mapping[tuple[str, Fund], Lookup[Decimal]],
    fatality: Lookup[FatalityValues] | None,
) -> tuple[Decimal, Decimal]:
    """Initial loss per fund: round2(case incurred × DLDF), or the fatality values (R1)."""
    if claim.type == FATAL and fatality is not None:
        return fatality.value.af, fatality.value.ma
    af = claim.case_incurred_af * dldf[(claim.type, Fund.AF)].value
    ma = claim.case_incurred_ma * dldf[(claim.type, Fund.MA)].value
    return CENTS.apply(af), CENTS.apply(ma)


def _occurrences(
    counted: list[Claim], initial: Mapping[str, tuple[Decimal, Decimal]], limit: Decimal | None,
) -> dict[tuple[bool, str], tuple[Occurrence, Decimal]]:
    """Occurrences keyed by (shared?, name) with T; a claim with no occurrence is its own event."""
    members: dict[tuple[bool, str], list[str]] = {}
    for claim in counted:
        key = (True, claim.occurrence) if claim.occurrence else (False, claim.id)
        members.setdefault(key, []).append(claim.id)
    found: dict[tuple[bool, str], tuple[Occurrence, Decimal]] = {}
    for key, ids in members.items():
        total = sum((initial[i][0] + initial[i][1] for i in ids), Decimal(0))
        is_limited = limit is not None and total > limit
        found[key] = (Occurrence(key[1], total, is_limited, tuple(ids)), total)
    return found


def _result(
    claim: Claim, reason: str | None, initial: tuple[Decimal, Decimal] | None,
    occurrences: Mapping[tuple[bool, str], tuple[Occurrence, Decimal]],
    elr: Mapping[Fund, Lookup[Decimal]], case: RetroCase,
) -> ClaimResult:
    """SLOL share (R2), preliminary loss (R3) and loss incurred after recovery (R4)."""
    if initial is None:
        return ClaimResult(claim.id, claim.type, claim.kind, claim.member, claim.occurrence,
                           claim.assignment_date, EXCLUDED if reason is None else NOT_ASSIGNED,
                           reason or claim.excluded, claim.case_incurred_af, claim.case_incurred_ma)
    initial_af, initial_ma = initial
    key = (True, claim.occurrence) if claim.occurrence else (False, claim.id)
    occurrence, total = occurrences[key]
    limited_af, limited_ma = initial_af, initial_ma
    limit = case.plan.single_loss_limit
    if occurrence.is_limited and limit is not None:
        limited_af = CENTS.apply(initial_af * limit / total)
        limited_ma = CENTS.apply(initial_ma * limit / total)
    prelim_af = CENTS.apply(limited_af * elr[Fund.AF].value)
    prelim_ma = CENTS.apply(limited_ma * elr[Fund.MA].value)
    recovery = claim.recovery_factor if claim.recovery_factor is not None else ONE
    loss = CENTS.apply((prelim_af + prelim_ma) * recovery)
    return ClaimResult(
        claim.id, claim.type, claim.kind, claim.member, claim.occurrence, claim.assignment_date,
        INCLUDED,
        None, claim.case_incurred_af, claim.case_incurred_ma, initial_af, initial_ma, limited_af,
        limited_ma, prelim_af, prelim_ma, recovery, claim.recovery_reason, loss,
    )
