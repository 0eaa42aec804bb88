"""The repository ports behave the same on the in-memory adapter and on SQL (both databases)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from retrodesk.adapters.db.uow import sql_uow_factory
from retrodesk.adapters.memory import InMemoryUnitOfWork, MemoryDatabase
from retrodesk.kernel.errors import Conflict
from retrodesk.programs.records import (
    AdjustmentResult,
    Employer,
    Enrollment,
    Group,
    Membership,
    ParticipantKind,
    Sponsor,
)
from tests.integration.db.databases import FixedClock, backend_engine

EMPLOYER = Employer(account_id="600000001", legal_name="Acme Roofing LLC",
                    governing_class="0507-00", opened_on=date(2015, 1, 1),
                    is_in_good_standing=True, standing_reason=None, standing_as_of=date(2024, 1, 1))
MEMBER = dataclasses.replace(EMPLOYER, account_id="600000002", legal_name="Acme Framing LLC")
SPONSOR = Sponsor(sponsor_id="S1", name="Cascade Builders Association", founded_on=date(2001, 5, 1),
                  purpose="trade association", industry_category="c")
GROUP = Group(group_id="G1", sponsor_id="S1", name="Builders Retro Group",
              industry_category="c", coverage_start=date(2025, 1, 1))
START = date(2025, 1, 1)
GROUP_PLAN = Enrollment(
    participant_kind=ParticipantKind.GROUP, participant_id="G1", coverage_start=START,
    account_id=None, group_id="G1", first_quarter=START, last_quarter=date(2025, 10, 1),
    plan_basis="premium", single_loss_limit=Decimal("250000.00"),
    max_loss_ratio=Decimal("1.2000"), min_loss_ratio=Decimal("0.4000"),
    application_received=date(2024, 10, 20), signer_name="D. Kim", signer_title="President",
    is_endorsed=False)
MEMBERSHIP = dataclasses.replace(
    GROUP_PLAN, participant_kind=ParticipantKind.EMPLOYER, participant_id="600000002",
    account_id="600000002", plan_basis=None, single_loss_limit=None, max_loss_ratio=None,
    min_loss_ratio=None, is_endorsed=True)
RESULT = AdjustmentResult(
    participant_kind=ParticipantKind.GROUP, participant_id="G1", coverage_start=START,
    adjustment_number=1, valuation_date=date(2026, 9, 30), revision=0,
    standard_premium=Decimal("1800000.00"), retro_premium=Decimal("1650000.00"),
    result_kind="refund", result_amount=Decimal("150000.00"), provenance="illustrative",
    worksheet=[{"step": "sp", "value": "1800000.00"}], rule_versions={"pae": "WSR 23-17-146"},
    computed_at=datetime(2026, 10, 15, 9, 30, tzinfo=UTC))


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def make_uow(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], Any]]:
    if request.param == "memory":
        database = MemoryDatabase()
        yield lambda: InMemoryUnitOfWork(database)
        return
    engine = backend_engine(request, request.param, tmp_path)
    yield sql_uow_factory(engine, actor="tester", clock=FixedClock())
    engine.dispose()


def _store(make_uow: Callable[[], Any], *adds: tuple[str, object]) -> None:
    with make_uow() as uow:
        for repository, value in adds:
            getattr(uow, repository).add(value)
        uow.commit()


def test_an_employer_is_stored_read_and_updated(make_uow: Callable[[], Any]) -> None:
    _store(make_uow, ("employers", EMPLOYER), ("employers", MEMBER))
    changed = dataclasses.replace(EMPLOYER, legal_name="Acme Roofing and Siding LLC")
    with make_uow() as uow:
        uow.employers.update(changed)
        uow.commit()
    with make_uow() as uow:
        assert uow.employers.get("600000001") == changed
        assert uow.employers.get("600000999") is None
        assert uow.employers.list(offset=1, limit=5) == [MEMBER]


def test_nothing_is_kept_without_a_commit(make_uow: Callable[[], Any]) -> None:
    with make_uow() as uow:
        uow.employers.add(EMPLOYER)
    with make_uow() as uow:
        assert uow.employers.get(EMPLOYER.account_id) is None


def test_sponsors_groups_and_memberships_are_found_by_sponsor(make_uow: Callable[[], Any]) -> None:
    membership = Membership(sponsor_id="S1", account_id="600000002",
                            dues_paid_since=date(2020, 1, 1))
    _store(make_uow, ("employers", MEMBER), ("sponsors", SPONSOR), ("groups", GROUP),
           ("memberships", membership))
    with make_uow() as uow:
        assert uow.sponsors.get("S1") == SPONSOR
        assert uow.sponsors.list() == [SPONSOR]
        assert uow.groups.for_sponsor("S1") == [GROUP]
        assert uow.memberships.get("S1", "600000002") == membership
        assert uow.memberships.for_sponsor("S1") == [membership]


def test_enrollments_are_keyed_by_participant_and_period(make_uow: Callable[[], Any]) -> None:
    _store(make_uow, ("employers", MEMBER), ("sponsors", SPONSOR), ("groups", GROUP),
           ("enrollments", GROUP_PLAN), ("enrollments", MEMBERSHIP))
    with make_uow() as uow:
        assert uow.enrollments.get(ParticipantKind.GROUP, "G1", START) == GROUP_PLAN
        assert uow.enrollments.members("G1", START) == [MEMBERSHIP]
        assert len(uow.enrollments.for_period(START)) == 2
        later = dataclasses.replace(MEMBERSHIP, first_quarter=date(2025, 4, 1))
        uow.enrollments.update(later)
        uow.commit()
    with make_uow() as uow:
        assert uow.enrollments.get(ParticipantKind.EMPLOYER, "600000002", START) == later


def test_an_adjustment_result_is_issued_once(make_uow: Callable[[], Any]) -> None:
    _store(make_uow, ("adjustment_results", RESULT))
    with make_uow() as uow:
        assert uow.adjustment_results.for_participant(ParticipantKind.GROUP, "G1") == [RESULT]
        with pytest.raises(Conflict):
            uow.adjustment_results.add(RESULT)
    revised = dataclasses.replace(RESULT, revision=1, retro_premium=Decimal("1600000.00"))
    _store(make_uow, ("adjustment_results", revised))
    with make_uow() as uow:
        assert uow.adjustment_results.for_participant(ParticipantKind.GROUP, "G1") == [
            RESULT, revised]
