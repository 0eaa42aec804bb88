"""Standard premium as of each valuation date: a report corrected after adjustment 1 changes
adjustment 2 but not a recalculation of adjustment 1 (WAC 296-17B-500; retro.md §4.1)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from retrodesk.programs import adjustments, protests
from retrodesk.programs.cases import build_case
from retrodesk.programs.commands import (
    DecideProtest,
    FileProtest,
    ProgramPorts,
    RecordResolution,
    RunAdjustments,
)
from retrodesk.programs.records import ParticipantKind
from retrodesk.programs.schedule import ScheduledAdjustment
from tests.unit.programs.test_adjustments import START, book

FIRST, SECOND = date(2026, 3, 31), date(2027, 3, 31)
AUDITED_ON = date(2026, 5, 20)                     # after valuation 1, before valuation 2
NOTICE_1, NOTICE_2 = "group-G1-2024-07-01-1-r0", "group-G1-2024-07-01-2-r0"


def _audit_raises_e1(ports: ProgramPorts, by: str) -> None:
    """An audit adds a version of E1's 2024Q4 line known from AUDITED_ON."""
    uow = ports.uow
    [line] = uow.reports.for_accounts(["E1"], date(2024, 10, 1), date(2024, 10, 1))
    uow.reports.add(replace(  # type: ignore[attr-defined]
        line, known_from=AUDITED_ON, accident_fund=line.accident_fund + Decimal(by)))


def _premium(case: dict[str, object]) -> Decimal:
    rows = case["standard_premium"]
    assert isinstance(rows, list)
    return sum((Decimal(r["accident_fund"]) + Decimal(r["medical_aid"]) for r in rows),
               Decimal(0))


def test_a_correction_after_valuation_1_changes_adjustment_2_not_a_recalculation_of_1() -> None:
    ports = book(date(2026, 4, 15))
    adjustments.run_adjustments(RunAdjustments(valuation_date=FIRST), ports)
    original = protests.get_notice(ports, NOTICE_1)
    assert original.standard_premium == Decimal("500000.00")   # E1 4 × 100,000 + E2 2 × 50,000
    _audit_raises_e1(ports, "10000.00")
    group = ports.uow.enrollments.get(ParticipantKind.GROUP, "G1", START)
    assert group is not None
    again = build_case(ports.uow, group, ScheduledAdjustment(START, 1, FIRST), None)
    assert _premium(again) == Decimal("500000.00")          # as known on valuation 1
    ports.clock.set(date(2027, 4, 15))  # type: ignore[attr-defined]
    adjustments.run_adjustments(RunAdjustments(valuation_date=SECOND), ports)
    assert protests.get_notice(ports, NOTICE_2).standard_premium == Decimal("510000.00")
    protests.file_protest(FileProtest(
        protest_id="P1", notice_id=NOTICE_1, received_on=date(2026, 6, 1), grounds="C1 reserve",
        claim_number="C1", dispute="time-loss order under appeal", actor="clerk"), ports)
    protests.record_resolution(RecordResolution(
        protest_id="P1", notified_on=date(2027, 4, 16), resolution="order reversed",
        resolved_claim={"af_reserve": "0.00", "status": "closed"}, actor="clerk"), ports)
    protests.decide_protest(DecideProtest(protest_id="P1", decision="Revised.", reasons=(),
                                          actor="coord"), ports)
    revised = ports.uow.notices.get("group-G1-2024-07-01-1-r1")
    assert revised is not None
    assert revised.valuation_date == FIRST
    assert revised.standard_premium == original.standard_premium == Decimal("500000.00")
    assert _premium(revised.case) == _premium(original.case)
    assert revised.retro_premium != original.retro_premium      # the claim's resolution counts


def test_a_line_first_reported_after_the_valuation_date_is_not_in_its_premium() -> None:
    ports = book(date(2026, 4, 15))
    [line] = ports.uow.reports.for_accounts(["E9"], START, START)
    ports.uow.reports.add(replace(  # type: ignore[attr-defined]
        line, risk_class="4910-00", known_from=date(2026, 4, 1)))
    e9 = ports.uow.enrollments.get(ParticipantKind.EMPLOYER, "E9", START)
    assert e9 is not None
    before = build_case(ports.uow, e9, ScheduledAdjustment(START, 1, FIRST), None)
    after = build_case(ports.uow, e9, ScheduledAdjustment(START, 2, SECOND), Decimal(0))
    assert _premium(after) - _premium(before) == line.accident_fund + line.medical_aid
    assert "4910-00" not in {r["risk_class"] for r in before["standard_premium"]}
