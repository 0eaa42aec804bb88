"""The in-memory record repositories (adapters/memory.py) answer like the SQL ones."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text

from retrodesk.adapters.db.engine import make_engine
from retrodesk.adapters.db.tables import Base
from retrodesk.adapters.db.workflow import SqlWorkflowUnitOfWork, sql_workflow_uow_factory
from retrodesk.adapters.memory import FrozenClock, InMemoryUnitOfWork
from retrodesk.kernel.errors import Conflict
from retrodesk.programs.ports import ParsedRow, SourceInfo, WorkflowUnitOfWork
from retrodesk.programs.records import (
    AdjustmentResult,
    Claim,
    ClaimValuation,
    Enrollment,
    Group,
    ParticipantKind,
    QuarterlyReport,
    RecordKind,
    Sponsor,
)
from tests.unit.programs.world import employer

BACKENDS = ["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
A, B, C, D = "600000001", "600000002", "600000003", "600000004"
Q = [date(2024, 7, 1), date(2024, 10, 1), date(2025, 1, 1), date(2025, 4, 1)]


def _employer_row(account: str, linked: tuple[str, ...]) -> dict[str, object]:
    return {"account_id": account, "legal_name": f"Employer {account}",
            "governing_class": "0510-00", "opened_on": date(2010, 1, 1),
            "is_in_good_standing": True, "standing_reason": None,
            "standing_as_of": date(2024, 1, 1), "commonly_owned_with": linked}


def _claim_row(number: str, account: str, injury: date, valued: date,
               reserve: str) -> dict[str, object]:
    return {"claim_number": number, "account_id": account, "risk_class": "0510-00",
            "injury_kind": "injury", "injury_date": injury, "received_date": injury,
            "occurrence": None, "is_fatal": False, "is_public_health_emergency": False,
            "body_part_code": None, "nature_code": None, "cause_code": None,
            "valuation_date": valued, "claim_type": "time_loss", "status": "open",
            "af_paid": Decimal("100.00"), "af_reserve": Decimal(reserve),
            "ma_paid": Decimal("50.00"), "ma_reserve": Decimal("0.00")}


EMPLOYERS = [_employer_row(A, (B,)), _employer_row(B, (C,)), _employer_row(C, ()),
             _employer_row(D, ())]
REPORTS = [{"account_id": acct, "quarter_start": q, "risk_class": "0510-00",
            "hours": Decimal("100.00"), "accident_fund": Decimal("10.00"),
            "medical_aid": Decimal("5.00"), "stay_at_work": Decimal("0.00"),
            "supplemental_pension": Decimal("0.00")} for acct in (B, A) for q in Q]
CLAIMS = [_claim_row("C2", A, date(2024, 8, 1), date(2025, 6, 30), "900.00"),
          _claim_row("C2", A, date(2024, 8, 1), date(2026, 6, 30), "100.00"),
          _claim_row("C1", B, date(2025, 3, 1), date(2025, 6, 30), "500.00"),
          _claim_row("C3", A, date(2025, 8, 1), date(2025, 12, 31), "1.00")]


def _load(uow: SqlWorkflowUnitOfWork, kind: RecordKind, rows: list[dict[str, object]]) -> None:
    uow.loader.load(kind, [ParsedRow(i + 2, row) for i, row in enumerate(rows)], None)


def _seed_memory(uow: InMemoryUnitOfWork) -> None:
    for row in EMPLOYERS:
        uow.employers.add(replace(employer(str(row["account_id"])),
                                  legal_name=str(row["legal_name"]),
                                  opened_on=date(2010, 1, 1)))
        for other in row["commonly_owned_with"]:
            uow.employers.link_ownership(str(row["account_id"]), other)
    for row in REPORTS:
        uow.reports.add(QuarterlyReport(**row, known_from=row["quarter_start"]))
    for row in CLAIMS:
        claim_fields = {k: row[k] for k in Claim.__dataclass_fields__}
        uow.claims.add(Claim(**claim_fields))
        value_fields = {k: row[k] for k in ClaimValuation.__dataclass_fields__}
        uow.claims.add_valuation(ClaimValuation(**value_fields))


@pytest.fixture(params=BACKENDS)
def uow(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[WorkflowUnitOfWork]:
    if request.param == "memory":
        memory = InMemoryUnitOfWork()
        _seed_memory(memory)
        yield memory
        return
    if request.param == "sqlite":
        path = tmp_path / "retrodesk.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        engine = make_engine(f"sqlite:///{path}")
    else:
        engine = make_engine(request.getfixturevalue("postgres_url"))
        names = [t.name for t in Base.metadata.sorted_tables if t.name != "risk_classes"]
        with engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {', '.join(names)} RESTART IDENTITY CASCADE"))
    sql = sql_workflow_uow_factory(engine, actor="tester", clock=FrozenClock(date(2026, 1, 5)))()
    with sql:
        for kind, rows in ((RecordKind.EMPLOYERS, EMPLOYERS), (RecordKind.REPORTS, REPORTS),
                           (RecordKind.CLAIMS, CLAIMS)):
            _load(sql, kind, rows)
        sql.commit()
    yield sql
    engine.dispose()


def test_commonly_owned_is_the_connected_family(uow: WorkflowUnitOfWork) -> None:
    with uow:
        assert uow.employers.commonly_owned(A) == {B, C}
        assert uow.employers.commonly_owned(D) == set()


def test_reports_are_read_by_account_and_quarter_range_in_order(uow: WorkflowUnitOfWork) -> None:
    with uow:
        found = uow.reports.for_accounts([A, B], Q[1], Q[2])
    assert [(r.account_id, r.quarter_start) for r in found] == [
        (A, Q[1]), (A, Q[2]), (B, Q[1]), (B, Q[2])]
    assert found[0].accident_fund == Decimal("10.00")


def test_a_corrected_report_line_is_read_as_of_any_date(uow: WorkflowUnitOfWork) -> None:
    corrected = dict(REPORTS[4], accident_fund=Decimal("12.50"))      # A, Q[0]
    audited = date(2025, 9, 30)
    with uow:
        if isinstance(uow, InMemoryUnitOfWork):
            uow.reports.add(QuarterlyReport(**corrected, known_from=audited))
        else:
            uow.loader.load(RecordKind.REPORTS, [ParsedRow(2, corrected)],  # type: ignore[attr-defined]
                            SourceInfo("audit.csv", "", audited))
        uow.commit()
    with uow:
        def q0(as_of: date | None) -> list[tuple[date, Decimal]]:
            return [(r.known_from, r.accident_fund)
                    for r in uow.reports.for_accounts([A], Q[0], Q[0], as_of=as_of)]
        assert q0(date(2024, 6, 30)) == []
        assert q0(date(2025, 9, 29)) == [(Q[0], Decimal("10.00"))]
        assert q0(audited) == q0(None) == [(audited, Decimal("12.50"))]
        assert [r.known_from for r in uow.reports.versions(A, Q[0], "0510-00")] == [Q[0], audited]
        assert len(uow.reports.for_accounts([A, B], Q[0], Q[3], as_of=audited)) == 8


def test_claims_are_read_as_of_a_valuation_date(uow: WorkflowUnitOfWork) -> None:
    with uow:
        claims = uow.claims
        found = claims.losses_as_of([A, B], date(2024, 7, 1), date(2025, 6, 30), date(2026, 3, 31))
        assert claims.as_of("C3", date(2025, 12, 30)) is None
        later = claims.losses_as_of([A], date(2024, 7, 1), date(2025, 6, 30), date(2026, 6, 30))
    assert [(c.claim.claim_number, c.valuation.af_reserve) for c in found] == [
        ("C1", Decimal("500.00")), ("C2", Decimal("900.00"))]
    assert [(c.claim.claim_number, c.valuation.af_reserve) for c in later] == [
        ("C2", Decimal("100.00"))]


def test_the_book_wide_baseline_reads_hours_by_class_and_counts_claims_as_known(
        uow: WorkflowUnitOfWork) -> None:
    with uow:
        hours = uow.reports.hours_by_class(["0510-00", "4808-00"], Q[0], Q[3],
                                           as_of=date(2026, 1, 5))
        early = uow.reports.hours_by_class(["0510-00"], Q[0], Q[3], as_of=Q[1])
        counts = uow.claims.code_counts(["0510-00"], date(2024, 7, 1), date(2025, 6, 30),
                                        as_of=date(2026, 1, 5))
        unvalued = uow.claims.code_counts(["0510-00"], date(2024, 7, 1), date(2025, 6, 30),
                                          as_of=date(2025, 6, 29))
        other = uow.claims.code_counts(["4808-00"], date(2024, 7, 1), date(2025, 6, 30),
                                       as_of=date(2026, 1, 5))
    assert hours == {"0510-00": Decimal("800.00")}           # 2 employers × 4 quarters × 100
    assert early == {"0510-00": Decimal("400.00")}           # Q[2], Q[3] not yet known
    assert [(n.risk_class, n.cause_code, n.claims) for n in counts] == [("0510-00", None, 2)]
    assert unvalued == []                                    # first valued on 2025-06-30
    assert other == []


def _enrollment(participant: str, kind: ParticipantKind, group: str | None) -> Enrollment:
    return Enrollment(participant_kind=kind, participant_id=participant,
                      coverage_start=Q[0], account_id=None if group == participant else participant,
                      group_id=group, first_quarter=Q[0], last_quarter=Q[3],
                      plan_basis="premium" if kind is ParticipantKind.GROUP else None,
                      single_loss_limit=None,
                      max_loss_ratio=Decimal("1.2000") if kind is ParticipantKind.GROUP else None,
                      min_loss_ratio=Decimal("0.4000") if kind is ParticipantKind.GROUP else None,
                      application_received=date(2024, 6, 1), signer_name="x",
                      signer_title="owner", is_endorsed=kind is ParticipantKind.EMPLOYER)


def test_legal_names_are_read_for_the_accounts_that_exist(uow: WorkflowUnitOfWork) -> None:
    with uow:
        assert uow.employers.legal_names([A, B, "missing"]) == {A: f"Employer {A}",
                                                                B: f"Employer {B}"}
        assert uow.employers.legal_names([]) == {}


def test_enrollments_of_a_group_and_a_period(uow: WorkflowUnitOfWork) -> None:
    with uow:
        uow.sponsors.add(Sponsor(sponsor_id="S1", name="S", founded_on=date(2000, 1, 1),
                                 purpose="trade", industry_category="c"))
        uow.groups.add(Group(group_id="G1", sponsor_id="S1", name="G", industry_category="c",
                             coverage_start=Q[0]))
        for enrollment in (_enrollment("G1", ParticipantKind.GROUP, "G1"),
                           _enrollment(B, ParticipantKind.EMPLOYER, "G1"),
                           _enrollment(A, ParticipantKind.EMPLOYER, "G1")):
            uow.enrollments.add(enrollment)
        uow.commit()
    with uow:
        members = uow.enrollments.members("G1", Q[0])
        period = uow.enrollments.for_period(Q[0])
        participants = uow.enrollments.for_period(Q[0], members=False)
        group = uow.enrollments.get(ParticipantKind.GROUP, "G1", Q[0])
    assert [m.participant_id for m in members] == [A, B]
    assert [(e.participant_kind, e.participant_id) for e in period] == [
        (ParticipantKind.EMPLOYER, A), (ParticipantKind.EMPLOYER, B),
        (ParticipantKind.GROUP, "G1")]
    assert [(e.participant_kind, e.participant_id) for e in participants] == [
        (ParticipantKind.GROUP, "G1")]                  # the members are the group's
    assert group is not None
    assert group.max_loss_ratio == Decimal("1.2000")


def test_an_adjustment_result_is_stored_once(uow: WorkflowUnitOfWork) -> None:
    result = AdjustmentResult(
        participant_kind=ParticipantKind.EMPLOYER, participant_id=A, coverage_start=Q[0],
        adjustment_number=1, valuation_date=date(2026, 3, 31), revision=0,
        standard_premium=Decimal("60.00"), retro_premium=Decimal("50.00"), result_kind="refund",
        result_amount=Decimal("10.00"), provenance="illustrative", worksheet=[],
        rule_versions=[], computed_at=datetime(2026, 4, 1, tzinfo=UTC))
    with uow:
        uow.adjustment_results.add(result)
        uow.adjustment_results.add(replace(result, revision=1, adjustment_number=1))
        uow.commit()
    with uow:
        stored = uow.adjustment_results.for_participant(ParticipantKind.EMPLOYER, A)
        assert [r.revision for r in stored] == [0, 1]
        with pytest.raises(Conflict):
            _store(uow, result)


def _store(uow: WorkflowUnitOfWork, result: AdjustmentResult) -> None:
    """Add and commit: a duplicate may be refused by `add` or, in SQL, at the commit."""
    uow.adjustment_results.add(result)
    uow.commit()
