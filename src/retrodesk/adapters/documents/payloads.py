"""The JSON each template reads: one function per document, every value a printed string.

Rule citations printed on the documents come from programs.md §10–§14 and WAC 296-17B.
"""

from __future__ import annotations

from decimal import Decimal

from retrodesk.adapters.documents.formatting import (
    grouped,
    long_date,
    money,
    ordinal_adjustment,
    party,
    percent,
    period,
    result_kind,
    worksheet,
)
from retrodesk.programs.documents import (
    AdjustmentNotice,
    AppealCaseFile,
    DenialNotice,
    FurtherOrder,
    MemberRefundStatement,
    NoticeOfDecision,
    PlanAgreement,
    ProbationNotice,
    TrainingHandout,
)
from retrodesk.programs.sanction_documents import AssessmentOrder, RemovalNotice

__all__ = [
    "STANDARD_TERMS", "agreement", "assessment_order", "case_file", "decision", "denial",
    "further_order", "handout", "notice", "probation", "refund_statement", "removal",
]

Json = dict[str, object]

STANDARD_TERMS: tuple[tuple[str, str], ...] = (
    ("The retrospective premium is calculated at three mandatory adjustments; the third is final.",
     "WAC 296-17B-400"),
    ("Each adjustment results in a refund when the retrospective premium is below the comparison "
     "base, or an additional premium (assessment) when it is above it.", "WAC 296-17B-400, -410"),
    ("The losses of each occurrence are limited to the single loss limit elected, and the "
     "aggregate loss ratio is held between the elected minimum and maximum loss ratios.",
     "WAC 296-17B-300, -540, -550"),
    ("The participant of record owes its assessments; a group's refunds are paid to, and its "
     "assessments billed to, the sponsoring organization.", "WAC 296-17B-200, -780"),
    ("Enrollment does not renew itself; each coverage period requires a new application "
     "received by its deadline.", "WAC 296-17B-100, -230"),
    ("Claims suppression, paying medical providers for industrial injuries, or undisclosed "
     "conditions on members' refund shares bring removal and a permanent bar.", "WAC 296-17B-720"),
    ("A group with a net assessment in two consecutive coverage periods is placed on probation; "
     "a third brings denial of future enrollment.", "WAC 296-17B-730; RCW 51.18.050"),
    ("Each adjustment order may be protested in writing within 60 days of its notice date, or "
     "appealed to the Board of Industrial Insurance Appeals.", "RCW 51.52.050; WAC 296-17B-700"),
)


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _header(title: str, reference: str, on: str, to: Json, illustrative: tuple[str, ...]) -> Json:
    return {"title": title, "reference": reference, "date": on, "addressee": to,
            "illustrative": list(illustrative)}


def agreement(doc: PlanAgreement) -> Json:
    """Retrospective Rating Plan Agreement. Rule: WAC 296-17B-100, -220…-240, -300."""
    terms = [*STANDARD_TERMS, *doc.extra_terms]
    return _header("Retrospective Rating Plan Agreement", doc.agreement_id,
                   long_date(doc.issued_on), party(doc.participant), doc.illustrative) | {
        "is_group": doc.is_group, "group_name": doc.group_name,
        "category": doc.industry_category, "period": period(doc.coverage_start, doc.coverage_end),
        "basis": f"{doc.plan_basis.capitalize()}-based plan",
        "slol": ("Unlimited" if doc.single_loss_limit is None
                 else money(doc.single_loss_limit)), "max_lr": percent(doc.maximum_loss_ratio),
        "min_lr": percent(doc.minimum_loss_ratio),
        "signer": doc.signer_name, "signer_title": doc.signer_title,
        "members": [party(m) for m in doc.members],
        "terms": [{"text": text, "rule": rule} for text, rule in terms],
    }


def notice(doc: AdjustmentNotice) -> Json:
    """Refund or additional premium notice. Rule: WAC 296-17B-400, -410, -750, -780."""
    kind = result_kind(doc.result)
    title = ("Retrospective Rating Refund Notice" if doc.is_refund
             else "Retrospective Rating Additional Premium Notice")
    return _header(title, doc.notice_id, long_date(doc.notice_date), party(doc.participant),
                   doc.illustrative) | {
        "kind": kind, "group_name": doc.group_name,
        "period": period(doc.coverage_start, doc.coverage_end),
        "adjustment": ordinal_adjustment(doc.adjustment_number),
        "valuation_date": long_date(doc.valuation_date), "basis": doc.plan_basis,
        "sp": money(doc.standard_premium), "rp": money(doc.retro_premium),
        "base": money(doc.comparison_base), "base_label": _capitalized(doc.comparison_base_label),
        "forfeited": money(doc.forfeited) if doc.forfeited else "",
        "amount": money(abs(doc.result)),
        "protest_deadline": long_date(doc.protest_deadline),
        "payment_due": long_date(doc.payment_due) if doc.payment_due else "",
        "worksheet": worksheet(doc.worksheet), "worksheet_reference": doc.worksheet_reference,
        "members": [{"member": party(m.member), "sp": money(m.standard_premium),
                     "losses": money(m.loss_incurred)} for m in doc.members],
        "rulebook": doc.rulebook,
    }


def further_order(doc: FurtherOrder) -> Json:
    """Further order that an adjustment may be revised. Rule: WAC 296-17B-700."""
    return _header("Further Order: Adjustment Subject to Revision", doc.order_id,
                   long_date(doc.order_date), party(doc.participant), doc.illustrative) | {
        "period": period(doc.coverage_start, doc.coverage_end),
        "adjustment": ordinal_adjustment(doc.adjustment_number),
        "valuation_date": long_date(doc.valuation_date),
        "original_notice": doc.original_notice_id,
        "original_date": long_date(doc.original_notice_date),
        "protest_received": long_date(doc.protest_received),
        "claim": doc.claim_number, "dispute": doc.dispute,
    }


def decision(doc: NoticeOfDecision) -> Json:
    """Notice of Decision with both worksheets side by side. Rule: RCW 51.52.050, .060."""
    return _header("Notice of Decision", doc.decision_id, long_date(doc.decision_date),
                   party(doc.participant), doc.illustrative) | {
        "period": period(doc.coverage_start, doc.coverage_end),
        "adjustment": ordinal_adjustment(doc.adjustment_number),
        "valuation_date": long_date(doc.valuation_date),
        "original_notice": doc.original_notice_id,
        "original_date": long_date(doc.original_notice_date),
        "protest_received": long_date(doc.protest_received),
        "protested": list(doc.protested), "decision": doc.decision, "reasons": list(doc.reasons),
        "claim": doc.claim_in_dispute,
        "comparison": [{"step": r.step, "label": r.label, "original": grouped(r.original),
                        "revised": grouped(r.revised), "rule": r.rule,
                        "changed": r.original != r.revised} for r in doc.comparison],
        "original_result": f"{result_kind(doc.original_result)} {money(abs(doc.original_result))}",
        "revised_result": f"{result_kind(doc.revised_result)} {money(abs(doc.revised_result))}",
        "difference": money(abs(doc.difference)),
        "difference_kind": "paid to you" if doc.difference > 0 else "billed to you",
        "has_difference": doc.difference != 0,
        "restated": [{"adjustment": ordinal_adjustment(r.adjustment_number),
                      "original": money(r.original_result), "restated": money(r.restated_result)}
                     for r in doc.restated],
        "appeal_deadline": long_date(doc.appeal_deadline),
    }


def _standing(doc: ProbationNotice | DenialNotice, title: str) -> Json:
    return _header(title, doc.notice_id, long_date(doc.notice_date), party(doc.sponsor),
                   doc.illustrative) | {
        "group_name": doc.group_name, "category": doc.industry_category,
        "periods": [{"period": period(p.coverage_start, p.coverage_end),
                     "result": f"{result_kind(p.net_result)} {money(abs(p.net_result))}"}
                    for p in doc.periods],
        "appeal_deadline": long_date(doc.appeal_deadline),
    }


def probation(doc: ProbationNotice) -> Json:
    """Probation notice. Rule: WAC 296-17B-730."""
    return _standing(doc, "Notice of Probation") | {"steps": list(doc.corrective_steps)}


def denial(doc: DenialNotice) -> Json:
    """Denial-of-enrollment notice with the five-year bar. Rule: WAC 296-17B-730; RCW 51.18.050."""
    return _standing(doc, "Notice of Denial of Enrollment") | {
        "bar_ends": long_date(doc.bar_ends)}


def _case_notice(item: AdjustmentNotice | FurtherOrder | NoticeOfDecision) -> Json:
    if isinstance(item, AdjustmentNotice):
        return notice(item) | {"doc": "adjustment_notice"}
    if isinstance(item, FurtherOrder):
        return further_order(item) | {"doc": "further_order"}
    return decision(item) | {"doc": "notice_of_decision"}


def case_file(doc: AppealCaseFile) -> Json:
    """Appeal case file: notices, worksheets, claims, timeline. Rule: RCW 51.52.060."""
    return _header("Appeal Case File", doc.case_id, long_date(doc.prepared_on),
                   party(doc.participant), doc.illustrative) | {
        "docket": doc.docket_number, "period": period(doc.coverage_start, doc.coverage_end),
        "adjustment": ordinal_adjustment(doc.adjustment_number),
        "valuation_date": long_date(doc.valuation_date),
        "notices": [_case_notice(n) for n in doc.notices],
        "worksheets": [{"title": w.title, "rows": worksheet(w.rows)} for w in doc.worksheets],
        "claims": [{"claim": c.claim_number, "injury_date": long_date(c.injury_date),
                    "type": c.claim_type, "status": c.status, "af": money(c.case_incurred_af),
                    "ma": money(c.case_incurred_ma), "loss": money(c.loss_incurred)}
                   for c in doc.claims],
        "timeline": [{"date": long_date(e.on), "event": e.event, "rule": e.rule}
                     for e in sorted(doc.timeline, key=lambda e: e.on)],
    }


def refund_statement(doc: MemberRefundStatement) -> Json:
    """Member refund statement. Rule: WAC 296-17B-200, -720(3)."""
    return _header("Member Refund Statement", doc.statement_id, long_date(doc.statement_date),
                   party(doc.recipient), doc.illustrative) | {
        "sponsor": party(doc.sponsor), "group_name": doc.group_name,
        "period": period(doc.coverage_start, doc.coverage_end),
        "adjustment": ordinal_adjustment(doc.adjustment_number),
        "group_refund": money(doc.group_refund), "holdback_rate": percent(doc.holdback_rate),
        "holdback": money(doc.holdback), "cap_rate": percent(doc.payout_cap_rate),
        "paid_before": money(doc.paid_before), "distributed": money(doc.distributed),
        "shares": [{"member": party(s.member), "pool": s.pool, "basis": s.basis,
                    "amount": money(s.amount)} for s in doc.shares],
        "shares_total": money(sum((s.amount for s in doc.shares), Decimal("0"))),
        "forfeited_by": [party(p) for p in doc.forfeited_by],
    }


def handout(doc: TrainingHandout) -> Json:
    """Training handout from a worked example (product.md: instruct district office staff)."""
    return _header(doc.title, "Training handout", long_date(doc.prepared_on),
                   {"name": "", "account": "", "address": []}, doc.illustrative) | {
        "summary": list(doc.summary),
        "inputs": [{"label": label, "value": grouped(value)} for label, value in doc.inputs],
        "steps": [{"step": s.step, "label": s.label, "value": grouped(s.value),
                   "formula": s.formula, "rule": s.rule, "explanation": s.explanation}
                  for s in doc.steps],
        "takeaways": list(doc.takeaways),
    }


def removal(doc: RemovalNotice) -> Json:
    """Removal notice for prohibited conduct with the permanent bar. Rule: WAC 296-17B-720."""
    return _header("Notice of Removal from Retrospective Rating", doc.notice_id,
                   long_date(doc.notice_date), party(doc.participant), doc.illustrative) | {
        "group_name": doc.group_name, "conduct": doc.conduct, "findings": doc.findings,
        "periods": [period(start, end) for start, end in doc.removed_periods],
        "owed": [{"notice": o.notice_id, "adjustment": ordinal_adjustment(o.adjustment_number),
                  "amount": money(o.amount)} for o in doc.owed],
        "appeal_deadline": long_date(doc.appeal_deadline),
    }


def assessment_order(doc: AssessmentOrder) -> Json:
    """Notice and order of assessment for collection. Rule: RCW 51.48.120; WAC 296-17B-780."""
    return _header("Notice and Order of Assessment", doc.order_id, long_date(doc.served_on),
                   party(doc.participant), doc.illustrative) | {
        "group_name": doc.group_name, "notice": doc.notice_id,
        "notice_date": long_date(doc.notice_date),
        "period": period(doc.coverage_start, doc.coverage_end),
        "adjustment": ordinal_adjustment(doc.adjustment_number), "amount": money(doc.amount),
        "payment_due": long_date(doc.payment_due), "final_on": long_date(doc.final_on),
    }
