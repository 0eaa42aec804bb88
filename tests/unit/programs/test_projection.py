"""The projected next adjustment of a group (programs/projection.py) on the in-memory adapters:
what the projection shows is what the adjustment run then issues."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from retrodesk.kernel.errors import NotFound
from retrodesk.programs import adjustments
from retrodesk.programs.commands import RunAdjustments
from retrodesk.programs.projection import project_next_adjustment
from retrodesk.programs.records import ParticipantKind
from tests.unit.programs.test_adjustments import START, book

RUN_DATE = date(2026, 4, 15)


def _issued_retro_premium(ports, number: int) -> Decimal:
    notice = ports.uow.notices.get(adjustments.notice_id_for(
        ParticipantKind.GROUP, "G1", START, number))
    assert notice is not None
    return notice.retro_premium


def test_nothing_is_projected_before_the_coverage_period_ends() -> None:
    assert project_next_adjustment(book(date(2025, 6, 1)), "G1") is None


def test_the_projection_is_the_adjustment_the_run_then_issues() -> None:
    ports = book(RUN_DATE)
    first = project_next_adjustment(ports, "G1")
    assert first is not None
    assert (first.coverage_start, first.number, first.valuation_date) == (
        START, 1, date(2026, 3, 31))
    adjustments.run_adjustments(RunAdjustments(valuation_date=date(2026, 3, 31)), ports)
    assert Decimal(first.result["retro_premium"]) == _issued_retro_premium(ports, 1)
    second = project_next_adjustment(ports, "G1")
    assert second is not None
    assert (second.number, second.valuation_date) == (2, date(2027, 3, 31))
    # Adjustment 2 is compared with the retro premium adjustment 1 issued (WAC 296-17B-400).
    assert Decimal(second.result["compared_with"]) == _issued_retro_premium(ports, 1)


def test_an_unknown_group_is_not_found() -> None:
    with pytest.raises(NotFound):
        project_next_adjustment(book(RUN_DATE), "G404")
