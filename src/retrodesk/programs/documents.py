"""What each document the programs issue shows, and the port that renders it to PDF.

Plain values only (str, Decimal, date, tuples of rows): the workflows build them, an adapter
renders them. Amounts are Decimal dollars, a result > 0 is a refund and < 0 an assessment;
ratios are fractions (1.20 = 120 %). A document computed with illustrative tables or factors
lists them in `illustrative`, and the rendered document says so prominently (retro.md §12).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from retrodesk.programs.sanction_documents import SanctionRenderer
from retrodesk.rating.worksheet import Line

__all__ = [
    "AdjustmentNotice", "AppealCaseFile", "CaseWorksheet", "ClaimValuation", "ComparisonRow",
    "DenialNotice", "DocumentRenderer", "FurtherOrder", "HandoutStep", "MemberContribution",
    "MemberRefundStatement", "MemberShare", "NoticeOfDecision", "Party", "PeriodResult",
    "PlanAgreement", "ProbationNotice", "RestatedAdjustment", "StandingNotice", "TimelineEvent",
    "TrainingHandout", "WorksheetRow", "compare_worksheets", "handout_steps", "worksheet_rows",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Party:
    """An addressee or subject of a document: employer, sponsor or member."""

    name: str
    account_id: str = ""                      # L&I account / UBI as printed
    address: tuple[str, ...] = ()             # address lines, top to bottom


@dataclass(frozen=True, slots=True)
class WorksheetRow:
    """One worksheet line as a document prints it."""

    step: str
    label: str
    value: str
    formula: str = ""
    rule: str = ""


def worksheet_rows(lines: Iterable[Line]) -> tuple[WorksheetRow, ...]:
    """Worksheet lines (rating.worksheet.Line) as document rows, in order."""
    return tuple(WorksheetRow(ln.step, ln.label, ln.value, ln.formula, ln.rule) for ln in lines)


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanAgreement:
    """Retrospective Rating Plan Agreement, generated from an approved application.

    Rule: WAC 296-17B-100 (individual), -220/-230/-240 (group), -300 (plan options).
    """

    agreement_id: str
    issued_on: date
    participant: Party                        # the employer, or the sponsor for a group
    is_group: bool
    coverage_start: date
    coverage_end: date
    plan_basis: str                           # "premium" or "loss"
    single_loss_limit: Decimal | None         # None: Unlimited (no single loss limit)
    maximum_loss_ratio: Decimal
    minimum_loss_ratio: Decimal
    signer_name: str
    signer_title: str
    group_name: str = ""
    industry_category: str = ""
    members: tuple[Party, ...] = ()           # group members enrolled at signature
    extra_terms: tuple[tuple[str, str], ...] = ()  # (text, rule) after the standard terms
    illustrative: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class MemberContribution:
    """A group member's part of an adjustment (programs.md §10)."""

    member: Party
    standard_premium: Decimal
    loss_incurred: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class AdjustmentNotice:
    """Refund notice or Retrospective Rating Additional Premium Notice for one adjustment.

    Rule: WAC 296-17B-400, -410, -750, -780; protest RCW 51.52.050.
    """

    notice_id: str
    notice_date: date
    participant: Party
    coverage_start: date
    coverage_end: date
    adjustment_number: int                    # 1, 2 or 3 (final)
    valuation_date: date
    plan_basis: str
    standard_premium: Decimal
    retro_premium: Decimal
    comparison_base: Decimal                  # SP at adjustment 1, RP(n−1) after
    comparison_base_label: str
    result: Decimal                           # > 0 refund, < 0 assessment
    protest_deadline: date
    worksheet: tuple[WorksheetRow, ...]
    worksheet_reference: str = ""
    payment_due: date | None = None           # assessments only (-780)
    forfeited: Decimal = Decimal(0)           # refund kept: calculated after removal (-720)
    group_name: str = ""
    members: tuple[MemberContribution, ...] = ()
    rulebook: str = ""                        # rule version(s) used
    illustrative: tuple[str, ...] = ()

    @property
    def is_refund(self) -> bool:
        return self.result >= 0


@dataclass(frozen=True, slots=True, kw_only=True)
class FurtherOrder:
    """Further order that an adjustment may be revised once a claim dispute is resolved.

    Rule: WAC 296-17B-700.
    """

    order_id: str
    order_date: date
    participant: Party
    coverage_start: date
    coverage_end: date
    adjustment_number: int
    valuation_date: date
    original_notice_id: str
    original_notice_date: date
    protest_received: date
    claim_number: str
    dispute: str                              # the pending decision, as the protest names it
    illustrative: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    """One worksheet step, original value beside revised value."""

    step: str
    label: str
    original: str
    revised: str
    rule: str = ""


def compare_worksheets(original: Iterable[WorksheetRow],
                       revised: Iterable[WorksheetRow]) -> tuple[ComparisonRow, ...]:
    """Pair two worksheets step by step (in original order, then steps only the revision has)."""
    def keyed(rows: Iterable[WorksheetRow]) -> dict[tuple[str, int], WorksheetRow]:
        seen: Counter[str] = Counter()        # a step id may repeat (one line per claim)
        out = {}
        for row in rows:
            seen[row.step] += 1
            out[(row.step, seen[row.step])] = row
        return out

    before, after = keyed(original), keyed(revised)
    merged = {**after, **before}              # the original's label and rule where both exist
    keys = [*before, *(k for k in after if k not in before)]
    return tuple(ComparisonRow(merged[k].step, merged[k].label, before[k].value if k in before
                               else "", after[k].value if k in after else "", merged[k].rule)
                 for k in keys)


@dataclass(frozen=True, slots=True, kw_only=True)
class RestatedAdjustment:
    """A later adjustment whose comparison base a revised order restates (programs.md §14)."""

    adjustment_number: int
    original_result: Decimal
    restated_result: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class NoticeOfDecision:
    """Notice of Decision answering a protest, with the recalculated worksheet.

    Rule: RCW 51.52.050, .060; WAC 296-17B-700.
    """

    decision_id: str
    decision_date: date
    participant: Party
    coverage_start: date
    coverage_end: date
    adjustment_number: int
    valuation_date: date
    original_notice_id: str
    original_notice_date: date
    protest_received: date
    protested: tuple[str, ...]                # what the protest disputed
    decision: str                             # e.g. "The adjustment is revised."
    reasons: tuple[str, ...]
    comparison: tuple[ComparisonRow, ...]     # see compare_worksheets()
    original_result: Decimal
    revised_result: Decimal
    appeal_deadline: date
    claim_in_dispute: str = ""                # claim recalculated under -700, if any
    restated: tuple[RestatedAdjustment, ...] = ()
    illustrative: tuple[str, ...] = ()

    @property
    def difference(self) -> Decimal:
        """Paid (> 0) or billed (< 0) without interest (WAC 296-17B-700)."""
        return self.revised_result - self.original_result


@dataclass(frozen=True, slots=True, kw_only=True)
class PeriodResult:
    """A coverage period's cumulative result at its final adjustment (programs.md §13)."""

    coverage_start: date
    coverage_end: date
    net_result: Decimal                       # < 0 is a net assessment


@dataclass(frozen=True, slots=True, kw_only=True)
class StandingNotice:
    """Fields shared by the probation and denial notices to a group's sponsor."""

    notice_id: str
    notice_date: date
    sponsor: Party
    group_name: str
    industry_category: str
    periods: tuple[PeriodResult, ...]         # the consecutive net assessments, oldest first
    appeal_deadline: date
    illustrative: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ProbationNotice(StandingNotice):
    """Probation after net assessments in two consecutive coverage periods.

    Rule: WAC 296-17B-730; RCW 51.18.050.
    """

    corrective_steps: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class DenialNotice(StandingNotice):
    """Denial of future enrollment after a third consecutive net assessment; five-year bar.

    Rule: WAC 296-17B-730; RCW 51.18.050.
    """

    bar_ends: date                            # last day of the sponsor's bar in this category


@dataclass(frozen=True, slots=True, kw_only=True)
class CaseWorksheet:
    """A worksheet exhibit of the case file."""

    title: str
    rows: tuple[WorksheetRow, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimValuation:
    """A claim as valued on the adjustment's valuation date (WAC 296-17B-510…-540)."""

    claim_number: str
    injury_date: date
    claim_type: str
    status: str
    case_incurred_af: Decimal
    case_incurred_ma: Decimal
    loss_incurred: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineEvent:
    """A dated event of the case, with the rule that set its date or deadline."""

    on: date
    event: str
    rule: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class AppealCaseFile:
    """One bundle for an appeal to the Board of Industrial Insurance Appeals.

    Rule: RCW 51.52.060; WAC 296-17B-700.
    """

    case_id: str
    prepared_on: date
    participant: Party
    coverage_start: date
    coverage_end: date
    adjustment_number: int
    valuation_date: date
    notices: tuple[AdjustmentNotice | FurtherOrder | NoticeOfDecision, ...]  # text as issued
    worksheets: tuple[CaseWorksheet, ...]
    claims: tuple[ClaimValuation, ...]
    timeline: tuple[TimelineEvent, ...]
    docket_number: str = ""                   # BIIA docket, once assigned
    illustrative: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class MemberShare:
    """One member's amount from one distribution pool (programs.md §11)."""

    member: Party
    pool: str                                 # e.g. "Premium share (25 %)"
    basis: str                                # the member's basis, as printed
    amount: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class MemberRefundStatement:
    """Distribution of a group refund to members, on the terms disclosed at enrollment.

    Rule: WAC 296-17B-200, -720(3). A member's copy lists only that member's shares.
    """

    statement_id: str
    statement_date: date
    recipient: Party                          # the sponsor, or one member
    sponsor: Party
    group_name: str
    coverage_start: date
    coverage_end: date
    adjustment_number: int
    group_refund: Decimal                     # cumulative refund to date
    holdback_rate: Decimal
    holdback: Decimal
    payout_cap_rate: Decimal
    paid_before: Decimal
    distributed: Decimal                      # paid to all members at this adjustment
    shares: tuple[MemberShare, ...]
    illustrative: tuple[str, ...] = ()
    forfeited_by: tuple[Party, ...] = ()      # members removed for prohibited conduct (-720)


@dataclass(frozen=True, slots=True)
class HandoutStep:
    """A worksheet line with the plain-language explanation a trainer gives for it."""

    step: str
    label: str
    value: str
    formula: str
    rule: str
    explanation: str


def handout_steps(
    rows: Iterable[WorksheetRow], explanations: Mapping[str, str]
) -> tuple[HandoutStep, ...]:
    """Worksheet rows with explanations by step id, else its longest dotted prefix ("slol")."""
    def explain(step: str) -> str:
        parts = step.split(".")
        found = (explanations.get(".".join(parts[:n])) for n in range(len(parts), 0, -1))
        return next((text for text in found if text is not None), "")

    return tuple(HandoutStep(r.step, r.label, r.value, r.formula, r.rule, explain(r.step))
                 for r in rows)


@dataclass(frozen=True, slots=True, kw_only=True)
class TrainingHandout:
    """Training handout for district office staff, generated from a worked example."""

    title: str
    prepared_on: date
    summary: tuple[str, ...]                  # the scenario, one sentence a line
    inputs: tuple[tuple[str, str], ...]       # (label, value as printed)
    steps: tuple[HandoutStep, ...]
    takeaways: tuple[str, ...] = ()
    illustrative: tuple[str, ...] = ()


class DocumentRenderer(SanctionRenderer, Protocol):
    """Renders each document to PDF bytes."""

    def plan_agreement(self, doc: PlanAgreement) -> bytes: ...
    def adjustment_notice(self, doc: AdjustmentNotice) -> bytes: ...
    def further_order(self, doc: FurtherOrder) -> bytes: ...
    def notice_of_decision(self, doc: NoticeOfDecision) -> bytes: ...
    def probation_notice(self, doc: ProbationNotice) -> bytes: ...
    def denial_notice(self, doc: DenialNotice) -> bytes: ...
    def appeal_case_file(self, doc: AppealCaseFile) -> bytes: ...
    def member_refund_statement(self, doc: MemberRefundStatement) -> bytes: ...
    def training_handout(self, doc: TrainingHandout) -> bytes: ...
