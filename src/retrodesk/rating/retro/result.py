"""The retro result and its JSON form, exactly in the shape of spec/calc-io.md ("retro").

Money is written with exactly two decimals; factors as given or tabulated. Fields beyond the
contract's example are additive (coverage period, valuation date, AHI, PAF, loss ratio, group
members, plan violations, warnings).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property

from retrodesk.kernel.money import FOUR_PLACES, factor_text, money_text
from retrodesk.rating.retro.claim_lines import claim_lines
from retrodesk.rating.retro.losses import ClaimResult, Losses
from retrodesk.rating.retro.plan_options import PlanViolation
from retrodesk.rating.worksheet import Line, Provenance
from retrodesk.rules.retro.book import Basis

__all__ = ["MemberContribution", "RetroResult", "illustrative_notice", "outcome_kind"]


def illustrative_notice(provenance: Provenance) -> str | None:
    """The notice retro.md §12 requires when any input is illustrative, naming those inputs."""
    used = [f"{s.name} ({s.version})" for s in provenance.sources
            if s.origin.value == "illustrative"]
    if not used:
        return None
    return f"ILLUSTRATIVE: computed with illustrative {', '.join(used)}; not an L&I figure"


def outcome_kind(amount: Decimal) -> str:
    """Rule: WAC 296-17B-400 — refund when positive, assessment when negative."""
    return "refund" if amount > 0 else "assessment" if amount < 0 else "none"


@dataclass(frozen=True, slots=True)
class MemberContribution:
    """A group member's standard premium and its claims' loss incurred (WAC 296-17B-200)."""

    member: str
    standard_premium: Decimal
    loss_incurred: Decimal
    claim_count: int

    def as_dict(self) -> dict[str, object]:
        return {"member": self.member, "standard_premium": money_text(self.standard_premium),
                "loss_incurred": money_text(self.loss_incurred), "claim_count": self.claim_count}


@dataclass(frozen=True, kw_only=True)
class RetroResult:
    """One adjustment of one coverage period: every figure, its worksheet and its provenance.

    The per-claim worksheet lines are built from `losses` when the worksheet is first read, so a
    calculation whose worksheet nobody reads (a statewide run, the PAF solver) does not pay for
    thousands of lines.
    """

    coverage_period_start: date
    adjustment: int
    valuation_date: date
    basis: Basis
    standard_premium: Decimal
    hazard_group: int
    average_hazard_index: Decimal | None
    size_group: int
    losses: Losses
    losses_incurred: Decimal
    performance_adjustment_factor: Decimal
    loss_ratio: Decimal
    adjusted_losses: Decimal              # A, unrounded (retro.md §4.6)
    losses_capped: Decimal                # A ÷ PAF, unrounded
    loss_ratio_limit_applied: str
    premium_admin_expense_charge: Decimal
    incurred_loss_expense_charge: Decimal
    insurance_charge_factor: Decimal
    insurance_savings_factor: Decimal
    net_insurance_charge: Decimal
    retro_premium: Decimal
    compared_with: Decimal
    highest_possible_premium: Decimal | None
    plan_violations: tuple[PlanViolation, ...]
    members: tuple[MemberContribution, ...]
    warnings: tuple[str, ...]
    provenance: Provenance
    worksheet_head: tuple[Line, ...]      # lines before the per-claim steps
    worksheet_tail: tuple[Line, ...]      # lines after them (corridor, charges, result)

    @property
    def claims(self) -> tuple[ClaimResult, ...]:
        return self.losses.claims

    @cached_property
    def worksheet(self) -> tuple[Line, ...]:
        """Every line in pipeline order (retro.md §11)."""
        return (*self.worksheet_head, *claim_lines(self.losses), *self.worksheet_tail)

    @property
    def result_amount(self) -> Decimal:
        """compared_with − retro_premium: > 0 refund, < 0 assessment (WAC 296-17B-400)."""
        return self.compared_with - self.retro_premium

    @property
    def result_kind(self) -> str:
        return outcome_kind(self.result_amount)

    @property
    def is_illustrative(self) -> bool:
        return self.provenance.illustrative

    def line(self, step: str) -> Line:
        """The worksheet line with this step id."""
        for line in self.worksheet:
            if line.step == step:
                return line
        raise KeyError(step)

    def as_dict(self) -> dict[str, object]:
        """The contract's JSON object (spec/calc-io.md, retro result)."""
        out: dict[str, object] = {
            "coverage_period_start": self.coverage_period_start.isoformat(),
            "adjustment": self.adjustment,
            "valuation_date": self.valuation_date.isoformat(),
            "plan_basis": self.basis.value,
            "standard_premium": money_text(self.standard_premium),
            "hazard_group": self.hazard_group,
            "average_hazard_index": _factor(self.average_hazard_index),
            "size_group": self.size_group,
            "claims": [_claim(c) for c in self.claims],
            "losses_incurred": money_text(self.losses_incurred),
            "performance_adjustment_factor": _factor(self.performance_adjustment_factor),
            "loss_ratio": factor_text(self.loss_ratio),
            "adjusted_losses": money_text(self.adjusted_losses),
            "losses_capped": money_text(self.losses_capped),
            "loss_ratio_limit_applied": self.loss_ratio_limit_applied,
            "premium_admin_expense_charge": money_text(self.premium_admin_expense_charge),
            "incurred_loss_expense_charge": money_text(self.incurred_loss_expense_charge),
            "insurance_charge_factor": _factor(self.insurance_charge_factor),
            "insurance_savings_factor": _factor(self.insurance_savings_factor),
            "net_insurance_charge": money_text(self.net_insurance_charge),
            "retro_premium": money_text(self.retro_premium),
            "compared_with": money_text(self.compared_with),
            "result": {"kind": self.result_kind, "amount": money_text(abs(self.result_amount))},
            "highest_possible_premium": _factor(_four(self.highest_possible_premium)),
            "plan_violations": [v.as_dict() for v in self.plan_violations],
            "warnings": list(self.warnings),
            "provenance": self.provenance.as_dict(),
            "worksheet": [line.as_dict() for line in self.worksheet],
        }
        if self.members:
            out["members"] = [m.as_dict() for m in self.members]
        return out


def _four(value: Decimal | None) -> Decimal | None:
    return None if value is None else FOUR_PLACES.apply(value)


def _factor(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _claim(claim: ClaimResult) -> dict[str, object]:
    out: dict[str, object] = {
        "id": claim.id,
        "initial_af": money_text(claim.initial_af), "initial_ma": money_text(claim.initial_ma),
        "limited_af": money_text(claim.limited_af), "limited_ma": money_text(claim.limited_ma),
        "prelim_af": money_text(claim.prelim_af), "prelim_ma": money_text(claim.prelim_ma),
        "loss_incurred": money_text(claim.loss_incurred),
        "type": claim.type, "status": claim.status, "reason": claim.reason,
        "occurrence": claim.occurrence,
        "assignment_date": claim.assignment_date.isoformat() if claim.assignment_date else None,
        "case_incurred_af": money_text(claim.case_incurred_af),
        "case_incurred_ma": money_text(claim.case_incurred_ma),
        "recovery_factor": format(claim.recovery_factor, "f"),
    }
    if claim.member is not None:
        out["member"] = claim.member
    return out
