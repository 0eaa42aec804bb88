"""Adjustment runs: due adjustments, idempotent and interrupted runs, notices (programs.md §10)."""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

import retrodesk
from retrodesk.adapters.memory import MemoryDatabase
from retrodesk.kernel.periods import add_months
from retrodesk.programs import adjustments, probation
from retrodesk.programs.commands import ProgramPorts, RunAdjustments
from retrodesk.programs.documents import AdjustmentNotice, ProbationNotice
from retrodesk.programs.events import history
from retrodesk.programs.issued import issued_pdf
from retrodesk.programs.lifecycle import StandingState
from retrodesk.programs.records import Enrollment, Group, ParticipantKind
from retrodesk.programs.workflow import Notice
from tests.unit.programs.world import (
    ENGINE,
    RecordingRenderer,
    make_ports,
    seed_claim,
    seed_employer,
    seed_sponsor,
)

START = date(2024, 7, 1)


def enroll(ports: ProgramPorts, kind: ParticipantKind, participant: str, *,
           group: str | None = None, first: date = START, start: date = START) -> None:
    is_member = group is not None and kind is ParticipantKind.EMPLOYER
    ports.uow.enrollments.add(Enrollment(
        participant_kind=kind, participant_id=participant, coverage_start=start,
        account_id=None if kind is ParticipantKind.GROUP else participant, group_id=group,
        first_quarter=first, last_quarter=add_months(start, 9),
        plan_basis=None if is_member else "premium",
        single_loss_limit=None if is_member else Decimal("250000"),
        max_loss_ratio=None if is_member else Decimal("1.20"),
        min_loss_ratio=None if is_member else Decimal("0.40"),
        application_received=date(2024, 4, 1), signer_name="x", signer_title="owner",
        is_endorsed=is_member))


def book(day: date, renderer: RecordingRenderer | None = None,
         database: MemoryDatabase | None = None) -> ProgramPorts:
    ports = make_ports(day, renderer, database)
    seed_employer(ports, "E1", "100000")
    seed_employer(ports, "E2", "50000")
    seed_employer(ports, "E9", "300000")
    seed_sponsor(ports, ["E1", "E2"])
    ports.uow.groups.add(Group(group_id="G1", sponsor_id="S1", name="Builders Retro Group",
                               industry_category="c", coverage_start=START))
    enroll(ports, ParticipantKind.GROUP, "G1", group="G1")
    enroll(ports, ParticipantKind.EMPLOYER, "E1", group="G1")
    enroll(ports, ParticipantKind.EMPLOYER, "E2", group="G1", first=date(2025, 1, 1))
    enroll(ports, ParticipantKind.EMPLOYER, "E9")
    seed_claim(ports, "C1", "E1", date(2024, 9, 2),
               [(date(2025, 6, 30), "open", "100000"), (date(2026, 3, 31), "open", "300000")])
    seed_claim(ports, "C2", "E2", date(2024, 8, 2), [(date(2025, 6, 30), "open", "50000")])
    return ports


def test_a_run_computes_and_issues_every_due_adjustment_once() -> None:
    renderer = RecordingRenderer()
    ports = book(date(2026, 4, 15), renderer)
    summary = adjustments.run_adjustments(RunAdjustments(valuation_date=date(2026, 3, 31)), ports)
    assert (summary.computed_count, summary.already_done_count,
            summary.notices_issued_count) == (2, 0, 2)
    again = adjustments.run_adjustments(RunAdjustments(valuation_date=date(2026, 3, 31)), ports)
    assert (again.computed_count, again.already_done_count, again.notices_issued_count) == (0, 2, 0)
    assert len(ports.uow.notices.list()) == 2
    assert len(ports.uow.adjustment_results.for_participant(ParticipantKind.GROUP, "G1")) == 1
    issued = [d.notice for d in ports.uow.documents.list() if d.notice is not None]
    assert len(issued) == 2
    assert renderer.of(AdjustmentNotice) == []             # rendered on first download


def test_a_notice_pdf_is_rendered_on_first_download_and_then_kept() -> None:
    renderer = RecordingRenderer()
    ports = book(date(2026, 4, 15), renderer)
    adjustments.run_adjustments(RunAdjustments(valuation_date=date(2026, 3, 31)), ports)
    document_id = ports.uow.documents.list()[0].document_id
    first = issued_pdf(ports, document_id)
    again = issued_pdf(ports, document_id)
    assert first.pdf == again.pdf == b"%PDF AdjustmentNotice"
    assert (first.version, again.version) == (2, 2)
    assert renderer.of(AdjustmentNotice) == [first.notice]


def test_a_group_notice_is_the_sponsors_and_shows_member_contributions() -> None:
    renderer = RecordingRenderer()
    ports = book(date(2026, 4, 15), renderer)
    adjustments.run_adjustments(RunAdjustments(valuation_date=date(2026, 3, 31)), ports)
    doc = next(d.notice for d in ports.uow.documents.list() if d.notice and d.notice.group_name)
    assert doc.participant.name == "Builders Association"
    # E2 joined on 2025-01-01: its two enrolled quarters count, and C2 (injured before) does not
    assert [(m.member.name, m.standard_premium) for m in doc.members] == [
        ("E1 Construction LLC", Decimal("400000.00")),
        ("E2 Construction LLC", Decimal("100000.00"))]
    assert doc.members[1].loss_incurred == Decimal("0.00")
    assert doc.protest_deadline == date(2026, 6, 15)       # 2026-06-14 is a Sunday
    assert doc.valuation_date == date(2026, 3, 31)
    notice = ports.uow.notices.get(doc.notice_id)
    assert notice is not None
    assert [t.to_state for t in history(ports.uow, "adjustment", notice.notice_id)] == [
        "valued", "calculated", "issued"]


class FailingEngine:
    """The real engine, except that it fails for one participant (an interrupted run)."""

    def __init__(self, fail_for: str) -> None:
        self.fail_for = fail_for

    def calculate(self, case: Mapping[str, Any]) -> dict[str, Any]:
        if any(row.get("member") == self.fail_for for row in case["standard_premium"]):
            raise RuntimeError("power cut")
        return ENGINE.calculate(case)

    plan_violations = ENGINE.plan_violations
    size_groups = ENGINE.size_groups


def test_an_interrupted_run_started_again_completes_without_duplicates() -> None:
    database = MemoryDatabase()
    ports = book(date(2026, 4, 15), database=database)
    broken = ProgramPorts(uow=ports.uow, clock=ports.clock, engine=FailingEngine("E1"),
                          renderer=ports.renderer)
    with pytest.raises(RuntimeError):
        adjustments.run_adjustments(RunAdjustments(valuation_date=date(2026, 3, 31)), broken)
    assert len(ports.uow.notices.list()) <= 1
    done = len(ports.uow.notices.list())
    summary = adjustments.run_adjustments(RunAdjustments(valuation_date=date(2026, 3, 31)), ports)
    assert (summary.computed_count, summary.already_done_count) == (2 - done, done)
    assert len(ports.uow.notices.list()) == 2
    assert len(ports.uow.documents.list()) == 2


def test_later_adjustments_compare_with_the_previous_retro_premium() -> None:
    ports = book(date(2028, 4, 20))
    summary = adjustments.run_adjustments(RunAdjustments(valuation_date=date(2028, 3, 31)), ports)
    assert summary.computed_count == 6
    notices = {(n.participant_id, n.adjustment_number): n for n in ports.uow.notices.list()}
    assert notices[("G1", 2)].compared_with == notices[("G1", 1)].retro_premium
    assert notices[("G1", 3)].compared_with == notices[("G1", 2)].retro_premium
    assert [notices[("G1", n)].valuation_date for n in (1, 2, 3)] == [
        date(2026, 3, 31), date(2027, 3, 31), date(2028, 3, 31)]
    standing = ports.uow.standings.get("G1")
    assert standing is not None
    assert standing.finals == ((START, notices[("G1", 3)].standard_premium
                                - notices[("G1", 3)].retro_premium),)


def final_notice(start: date, sp: str, rp: str) -> Notice:
    return Notice(notice_id=f"n-{start}", participant_kind="group", participant_id="G1",
                  coverage_start=start, adjustment_number=3, revision=0,
                  valuation_date=start, notice_date=start, standard_premium=Decimal(sp),
                  retro_premium=Decimal(rp), compared_with=Decimal(rp), result_amount=Decimal(0),
                  protest_deadline=start, payment_due=None, case={}, result={}, document_id="",
                  run_id="")


def test_two_net_assessments_bring_probation_and_three_a_denial_with_notices() -> None:
    renderer = RecordingRenderer()
    ports = book(date(2028, 4, 20), renderer)
    with ports.uow:
        probation.record_final(ports, "G1", final_notice(date(2024, 7, 1), "100", "120"), "sys")
        standing = probation.record_final(ports, "G1", final_notice(date(2025, 7, 1), "100",
                                                                    "101"), "sys")
        assert standing.state is StandingState.PROBATION
        assert [d.periods[1].net_result for d in renderer.of(ProbationNotice)] == [Decimal(-1)]
        denied = probation.record_final(ports, "G1", final_notice(date(2026, 7, 1), "100",
                                                                  "150"), "sys")
        ports.uow.commit()
    assert denied.state is StandingState.DENIED
    assert denied.bar_until == date(2032, 6, 30)
    assert [t.to_state for t in history(ports.uow, "standing", "G1")] == [
        "one_net_assessment", "probation", "denied"]


def test_a_run_reports_its_progress() -> None:
    ports = book(date(2026, 4, 15))
    seen: list[tuple[str, int, int]] = []
    adjustments.run_adjustments(RunAdjustments(valuation_date=date(2026, 3, 31)), ports,
                                lambda stage, done, total: seen.append((stage, done, total)))
    assert seen == [("adjustments", 1, 2), ("adjustments", 2, 2)]


def test_each_notice_keeps_the_snapshot_an_appeal_needs() -> None:
    ports = book(date(2026, 4, 15))
    adjustments.run_adjustments(RunAdjustments(valuation_date=date(2026, 3, 31)), ports)
    notice = ports.uow.notices.get("group-G1-2024-07-01-1-r0")
    assert notice is not None
    assert notice.code_version == retrodesk.__version__
    assert notice.case["valuation_date"] == "2026-03-31"
    assert {s["name"] for s in notice.result["provenance"]["sources"]} >= {"dldf", "elr", "paf"}
    stored = ports.uow.adjustment_results.for_participant(ParticipantKind.GROUP, "G1")[0]
    assert stored.worksheet == notice.result["worksheet"]
    assert stored.rule_versions == notice.result["provenance"]["sources"]
