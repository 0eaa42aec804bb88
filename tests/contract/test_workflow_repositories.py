"""The workflow repositories honour one contract in memory and in SQL (SQLite, PostgreSQL)."""

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
from retrodesk.adapters.db.workflow import sql_workflow_uow_factory
from retrodesk.adapters.db.workflow_tables import TABLE_NAMES
from retrodesk.adapters.memory import FrozenClock, InMemoryUnitOfWork
from retrodesk.kernel.errors import Conflict
from retrodesk.programs.eligibility import CheckResult
from retrodesk.programs.lifecycle import (
    AdjustmentState,
    ApplicationState,
    ProtestState,
    StandingState,
)
from retrodesk.programs.ports import WorkflowUnitOfWork
from retrodesk.programs.workflow import (
    Application,
    ApplicationKind,
    IssuedDocument,
    Notice,
    NoticeHeader,
    Payment,
    Payout,
    Protest,
    Standing,
    Transition,
)
from tests.integration.documents import samples

BACKENDS = ["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def uow(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[WorkflowUnitOfWork]:
    if request.param == "memory":
        yield InMemoryUnitOfWork()
        return
    if request.param == "sqlite":
        path = tmp_path / "retrodesk.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        engine = make_engine(f"sqlite:///{path}")
    else:
        engine = make_engine(request.getfixturevalue("postgres_url"))
        with engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {', '.join(TABLE_NAMES)}"))
    yield sql_workflow_uow_factory(engine, actor="tester", clock=FrozenClock(date(2026, 1, 5)))()
    engine.dispose()


APPLICATION = Application(
    application_id="A1", kind=ApplicationKind.INDIVIDUAL, coverage_start=date(2026, 7, 1),
    first_quarter=date(2026, 7, 1), account_id="E1", plan_basis="premium",
    single_loss_limit=None, max_loss_ratio=Decimal("1.2000"), min_loss_ratio=Decimal("0.40"),
    received_on=date(2026, 6, 1), state=ApplicationState.UNDER_REVIEW,
    checks=(CheckResult("I2", True, "WAC 296-17B-100(1)(b)", "ok", {"minimum": "5850.00"}),))
NOTICE = Notice(
    notice_id="N1", participant_kind="group", participant_id="G1",
    coverage_start=date(2024, 7, 1), adjustment_number=1, revision=0,
    valuation_date=date(2026, 3, 31), notice_date=date(2026, 4, 15),
    standard_premium=Decimal("500000.00"), retro_premium=Decimal("412345.67"),
    compared_with=Decimal("500000.00"), result_amount=Decimal("87654.33"),
    protest_deadline=date(2026, 6, 15), payment_due=None,
    case={"claims": [{"id": "C1", "af_paid": "20000.00"}]},
    result={"result": {"kind": "refund", "amount": "87654.33"}}, document_id="D1", run_id="R1")
RECORDS = [
    ("applications", APPLICATION),
    ("notices", NOTICE),
    ("protests", Protest(protest_id="P1", notice_id="N1", received_on=date(2026, 5, 1),
                         grounds="x", state=ProtestState.DISPUTE_PENDING,
                         resolved_claim={"af_reserve": "0.00"}, reasons=("a", "b"))),
    ("standings", Standing(group_id="G1", sponsor_id="S1", industry_category="c",
                           state=StandingState.PROBATION,
                           finals=((date(2024, 7, 1), Decimal("-10.50")),),
                           bar_until=date(2031, 6, 30))),
    ("payouts", Payout(group_id="G1", coverage_start=date(2024, 7, 1), adjustment_number=1,
                       paid_on=date(2026, 5, 1), distributed=Decimal("100.01"),
                       amounts={"E1": Decimal("60.00"), "E2": Decimal("40.01")},
                       documents=("S1",))),
    ("documents", IssuedDocument(document_id="D1", kind="adjustment_notice", subject="N1",
                                 issued_on=date(2026, 4, 15), pdf=b"%PDF-1.7 \x00\xff")),
    ("documents", IssuedDocument(document_id="D2", kind="adjustment_notice", subject="N2",
                                 issued_on=date(2025, 7, 31), pdf=b"", notice=samples.notice())),
    ("payments", Payment(payment_id="PAY1", notice_id="N2", participant_kind="employer",
                         participant_id="E1", coverage_start=date(2024, 7, 1),
                         adjustment_number=1, amount=Decimal("1234.56"),
                         received_on=date(2026, 5, 14), reference="check 1001")),
    ("transitions", Transition(entity="protest", entity_id="P1", from_state="received",
                               to_state="dispute_pending", actor="clerk",
                               occurred_at=datetime(2026, 5, 1, 9, 30, tzinfo=UTC))),
]
IDS = [name for name, _ in RECORDS]


@pytest.mark.parametrize(("repository", "record"), RECORDS, ids=IDS)
def test_a_record_reads_back_exactly_as_it_was_stored(uow: WorkflowUnitOfWork, repository: str,
                                                      record: object) -> None:
    with uow:
        getattr(uow, repository).add(record)
        uow.commit()
    with uow:
        assert getattr(uow, repository).get(record.key) == record  # type: ignore[attr-defined]
        assert getattr(uow, repository).list() == [record]


def test_a_key_is_stored_once(uow: WorkflowUnitOfWork) -> None:
    with uow:
        uow.applications.add(APPLICATION)
        with pytest.raises(Conflict):
            uow.applications.add(APPLICATION)


def test_an_update_must_carry_the_next_version(uow: WorkflowUnitOfWork) -> None:
    with uow:
        uow.notices.add(NOTICE)
        uow.commit()
    with uow:
        with pytest.raises(Conflict, match="changed since it was read"):
            uow.notices.update(replace(NOTICE, version=1))
        uow.notices.update(replace(NOTICE, version=2, notice_date=date(2026, 4, 16)))
        uow.commit()
    with uow:
        stored = uow.notices.get("N1")
        assert stored is not None
        assert (stored.version, stored.notice_date) == (2, date(2026, 4, 16))
        with pytest.raises(Conflict):
            uow.notices.update(replace(NOTICE, notice_id="missing", version=2))


def test_nothing_is_kept_without_a_commit(uow: WorkflowUnitOfWork) -> None:
    with uow:
        uow.applications.add(APPLICATION)
    with uow:
        assert uow.applications.get("A1") is None
        assert uow.applications.list() == []


def test_records_are_listed_in_key_order(uow: WorkflowUnitOfWork) -> None:
    with uow:
        for key in ("B", "A", "C"):
            uow.applications.add(replace(APPLICATION, application_id=key))
        uow.commit()
    with uow:
        assert [a.application_id for a in uow.applications.list()] == ["A", "B", "C"]


def test_records_are_found_by_state_in_key_order(uow: WorkflowUnitOfWork) -> None:
    refused = replace(APPLICATION, application_id="A0", state=ApplicationState.REFUSED)
    with uow:
        uow.applications.add(APPLICATION)
        uow.applications.add(refused)
        uow.commit()
    with uow:
        assert uow.applications.in_state({ApplicationState.UNDER_REVIEW}) == [APPLICATION]
        assert uow.applications.in_state({ApplicationState.UNDER_REVIEW,
                                          ApplicationState.REFUSED}) == [refused, APPLICATION]
        assert uow.applications.in_state(set()) == []


def test_notice_headers_carry_the_summary_without_the_case(uow: WorkflowUnitOfWork) -> None:
    protested = replace(NOTICE, notice_id="N2", revision=1, result_amount=Decimal("-5.01"),
                        state=AdjustmentState.PROTESTED, payment_due=date(2026, 5, 15))
    with uow:
        uow.notices.add(NOTICE)
        uow.notices.add(protested)
        uow.commit()
    with uow:
        first = NoticeHeader(notice_id="N1", participant_kind="group", participant_id="G1",
                             coverage_start=date(2024, 7, 1), adjustment_number=1, revision=0,
                             result_amount=Decimal("87654.33"),
                             protest_deadline=date(2026, 6, 15), state=AdjustmentState.ISSUED)
        assert uow.notices.headers() == [first, replace(
            first, notice_id="N2", revision=1, result_amount=Decimal("-5.01"),
            state=AdjustmentState.PROTESTED, payment_due=date(2026, 5, 15))]
        assert uow.notices.headers({AdjustmentState.ISSUED}) == [first]
