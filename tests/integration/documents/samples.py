"""Sample documents from the retro.md §13 worked example (scenario A, ILLUSTRATIVE factors)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from retrodesk.programs.documents import (
    AdjustmentNotice,
    AppealCaseFile,
    CaseWorksheet,
    ClaimValuation,
    DenialNotice,
    FurtherOrder,
    MemberContribution,
    MemberRefundStatement,
    MemberShare,
    NoticeOfDecision,
    Party,
    PeriodResult,
    PlanAgreement,
    ProbationNotice,
    RestatedAdjustment,
    TimelineEvent,
    TrainingHandout,
    WorksheetRow,
    compare_worksheets,
    handout_steps,
)

D = Decimal
ILLUSTRATIVE = ("DLDF (illustrative method)", "ELR (illustrative method)",
                "PAF 0.92 (illustrative)", "insurance charge factors PICF/PISF (illustrative)")

SPONSOR = Party(name="Cascade Builders Association", account_id="900-123-45",
                address=("1200 Harbor Way", "Tacoma, WA 98402"))
MEMBERS = (
    Party(name="Evergreen Framing LLC", account_id="456-789-01"),
    Party(name="O'Brien & Sons Roofing <Inc.> #1 $", account_id="456-789-02"),
)
START, END = date(2023, 10, 1), date(2024, 9, 30)
VALUATION = date(2025, 7, 4)

ORIGINAL = (
    WorksheetRow("sp.total", "Standard premium", "1000000.00", "Σ SP per class and fund",
                 "WAC 296-17B-500"),
    WorksheetRow("claim.C1.loss_incurred", "Loss incurred, claim C1", "168375.00",
                 "prelim AF + prelim MA", "WAC 296-17B-540"),
    WorksheetRow("losses.total", "Loss incurred L", "527402.35", "Σ per claim",
                 "WAC 296-17B-540"),
    WorksheetRow("corridor.ratio", "Loss ratio (L × PAF) / SP", "0.4852", "485,210.16 / SP",
                 "WAC 296-17B-550"),
    WorksheetRow("paec", "Premium administration expense charge", "73000.00", "SP × 0.073",
                 "WAC 296-17B-420"),
    WorksheetRow("ilec", "Incurred loss and expense charge", "545861.43", "A × 1.125",
                 "WAC 296-17B-430"),
    WorksheetRow("nic", "Net insurance charge", "35000.00", "0.035 × SP", "WAC 296-17B-440"),
    WorksheetRow("rp", "Retrospective premium", "653861.43", "PAEC + ILEC + NIC",
                 "WAC 296-17B-410"),
    WorksheetRow("result", "Result (refund)", "346138.57", "SP − RP", "WAC 296-17B-400"),
)
REVISED = tuple(
    {"claim.C1.loss_incurred": WorksheetRow(r.step, r.label, "98375.00", r.formula, r.rule),
     "losses.total": WorksheetRow(r.step, r.label, "457402.35", r.formula, r.rule),
     "rp": WorksheetRow(r.step, r.label, "583861.43", r.formula, r.rule),
     "result": WorksheetRow(r.step, r.label, "416138.57", r.formula, r.rule)}.get(r.step, r)
    for r in ORIGINAL
)


def agreement(illustrative: tuple[str, ...] = ()) -> PlanAgreement:
    return PlanAgreement(
        agreement_id="RRPA-2023-0042", issued_on=date(2023, 8, 15), participant=SPONSOR,
        is_group=True, group_name="Cascade Builders Retro Group", industry_category="Construction",
        coverage_start=START, coverage_end=END, plan_basis="premium",
        single_loss_limit=D("250000"), maximum_loss_ratio=D("1.20"), minimum_loss_ratio=D("0.40"),
        signer_name="Dana Whitfield", signer_title="Executive Director", members=MEMBERS,
        extra_terms=(("Refund shares follow the distribution terms disclosed at enrollment.",
                      "WAC 296-17B-720(3)"),),
        illustrative=illustrative,
    )


REFUND = D("346138.57")


def notice(result: Decimal = REFUND,
           illustrative: tuple[str, ...] = ILLUSTRATIVE) -> AdjustmentNotice:
    return AdjustmentNotice(
        notice_id="ADJ-2023-0042-1", notice_date=date(2025, 7, 31), participant=SPONSOR,
        coverage_start=START, coverage_end=END, adjustment_number=1, valuation_date=VALUATION,
        plan_basis="premium", standard_premium=D("1000000.00"), retro_premium=D("653861.43"),
        comparison_base=D("1000000.00"), comparison_base_label="Standard premium",
        result=result, protest_deadline=date(2025, 9, 29), worksheet=ORIGINAL,
        worksheet_reference="WS-88213", payment_due=None if result >= 0 else date(2025, 8, 30),
        group_name="Cascade Builders Retro Group",
        members=(MemberContribution(member=MEMBERS[0], standard_premium=D("600000.00"),
                                    loss_incurred=D("342611.50")),
                 MemberContribution(member=MEMBERS[1], standard_premium=D("400000.00"),
                                    loss_incurred=D("184790.85"))),
        rulebook="WA retro 2023-10-01", illustrative=illustrative,
    )


def further_order() -> FurtherOrder:
    return FurtherOrder(
        order_id="FO-2025-0007", order_date=date(2025, 9, 10), participant=SPONSOR,
        coverage_start=START, coverage_end=END, adjustment_number=1, valuation_date=VALUATION,
        original_notice_id="ADJ-2023-0042-1", original_notice_date=date(2025, 7, 31),
        protest_received=date(2025, 9, 2), claim_number="C1",
        dispute="Time-loss compensation order of June 12, 2025 under appeal (BIIA 25 11111)",
        illustrative=ILLUSTRATIVE,
    )


def decision(illustrative: tuple[str, ...] = ILLUSTRATIVE) -> NoticeOfDecision:
    return NoticeOfDecision(
        decision_id="NOD-2026-0003", decision_date=date(2026, 2, 2), participant=SPONSOR,
        coverage_start=START, coverage_end=END, adjustment_number=1, valuation_date=VALUATION,
        original_notice_id="ADJ-2023-0042-1", original_notice_date=date(2025, 7, 31),
        protest_received=date(2025, 9, 2),
        protested=("Loss incurred on claim C1 (time-loss order under appeal)",),
        decision="The adjustment is revised: the refund increases by $70,000.00.",
        reasons=("The time-loss order on claim C1 was reversed on December 1, 2025.",
                 "Recalculated as of the valuation date with the claim's resolved values."),
        comparison=compare_worksheets(ORIGINAL, REVISED),
        original_result=D("346138.57"), revised_result=D("416138.57"),
        appeal_deadline=date(2026, 4, 3), claim_in_dispute="C1",
        restated=(RestatedAdjustment(adjustment_number=2, original_result=D("-12000.00"),
                                     restated_result=D("-82000.00")),),
        illustrative=illustrative,
    )


PERIODS = (
    PeriodResult(coverage_start=date(2020, 10, 1), coverage_end=date(2021, 9, 30),
                 net_result=D("-41250.00")),
    PeriodResult(coverage_start=date(2021, 10, 1), coverage_end=date(2022, 9, 30),
                 net_result=D("-18730.55")),
)


def probation() -> ProbationNotice:
    return ProbationNotice(
        notice_id="PRB-2024-0002", notice_date=date(2024, 2, 1), sponsor=SPONSOR,
        group_name="Cascade Builders Retro Group", industry_category="Construction",
        periods=PERIODS, appeal_deadline=date(2024, 4, 1),
        corrective_steps=("Update the fall-protection section of the safety plan.",
                          "Report claims to the claims manager within 3 days."))


def denial() -> DenialNotice:
    third = PeriodResult(coverage_start=date(2022, 10, 1), coverage_end=date(2023, 9, 30),
                         net_result=D("-9120.10"))
    return DenialNotice(
        notice_id="DEN-2025-0001", notice_date=date(2025, 2, 3), sponsor=SPONSOR,
        group_name="Cascade Builders Retro Group", industry_category="Construction",
        periods=(*PERIODS, third), appeal_deadline=date(2025, 4, 4), bar_ends=date(2028, 9, 30))


def case_file() -> AppealCaseFile:
    return AppealCaseFile(
        case_id="CASE-2026-0001", prepared_on=date(2026, 4, 20), participant=SPONSOR,
        coverage_start=START, coverage_end=END, adjustment_number=1, valuation_date=VALUATION,
        notices=(notice(), further_order(), decision()),
        worksheets=(CaseWorksheet(title="Adjustment 1 as issued", rows=ORIGINAL),
                    CaseWorksheet(title="Adjustment 1 recalculated", rows=REVISED)),
        claims=(ClaimValuation(claim_number="C1", injury_date=date(2023, 11, 2),
                               claim_type="time_loss", status="closed",
                               case_incurred_af=D("120000.00"), case_incurred_ma=D("60000.00"),
                               loss_incurred=D("168375.00")),
                ClaimValuation(claim_number="C3", injury_date=date(2024, 1, 9),
                               claim_type="medical_only", status="closed",
                               case_incurred_af=D("0.00"), case_incurred_ma=D("4000.00"),
                               loss_incurred=D("4284.00"))),
        timeline=(TimelineEvent(on=date(2025, 9, 2), event="Protest received naming claim C1",
                                rule="WAC 296-17B-700"),
                  TimelineEvent(on=date(2025, 7, 31), event="Refund notice issued",
                                rule="WAC 296-17B-750"),
                  TimelineEvent(on=date(2026, 3, 20), event="Appeal filed with the BIIA",
                                rule="RCW 51.52.060")),
        docket_number="BIIA 26 10234", illustrative=ILLUSTRATIVE,
    )


def refund_statement(illustrative: tuple[str, ...] = ()) -> MemberRefundStatement:
    return MemberRefundStatement(
        statement_id="MRS-2025-0042-1", statement_date=date(2025, 8, 20), recipient=MEMBERS[0],
        sponsor=SPONSOR, group_name="Cascade Builders Retro Group", coverage_start=START,
        coverage_end=END, adjustment_number=1, group_refund=D("346138.57"),
        holdback_rate=D("0.25"), holdback=D("86534.64"), payout_cap_rate=D("0.40"),
        paid_before=D("0.00"), distributed=D("103841.57"),
        shares=(MemberShare(member=MEMBERS[0], pool="Premium share (25%)",
                            basis="SP $600,000.00 of $1,000,000.00", amount=D("15576.24")),
                MemberShare(member=MEMBERS[0], pool="Performance (50%)",
                            basis="SP − losses $257,388.50", amount=D("31288.13"))),
        illustrative=illustrative,
    )


def handout() -> TrainingHandout:
    explanations = {
        "rp": "The retrospective premium is the sum of the three charges; nothing else is added.",
        "result": "Adjustment 1 compares RP with the standard premium; a positive result is a "
                  "refund.",
    }
    return TrainingHandout(
        title="Reading a retro adjustment worksheet", prepared_on=date(2025, 3, 3),
        summary=("Coverage period starting October 1, 2023; adjustment 1.",
                 "Premium-basis plan, SLOL $250,000, loss ratios 40%–120%."),
        inputs=(("Standard premium", "1000000.00"), ("PAF", "0.92")),
        steps=handout_steps(ORIGINAL, explanations),
        takeaways=("Every line cites the rule that applies it.",),
        illustrative=ILLUSTRATIVE,
    )
