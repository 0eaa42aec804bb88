"""Payments of an additional premium (WAC 296-17B-780): whatever is tried, the payments kept
never exceed what the notice owes, a refused payment changes nothing, and the balance is what
an order of assessment would collect (RCW 51.48.120)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrodesk.kernel.errors import Conflict, InvalidInput
from retrodesk.programs import payments
from retrodesk.programs.commands import RecordPayment
from retrodesk.programs.lifecycle import AdjustmentState
from retrodesk.programs.workflow import Notice
from tests.unit.programs.world import make_ports

OWED = Decimal("1000.00")
NOTICE = Notice(
    notice_id="N1", participant_kind="employer", participant_id="E1",
    coverage_start=date(2024, 7, 1), adjustment_number=1, revision=0,
    valuation_date=date(2026, 3, 31), notice_date=date(2026, 4, 15),
    standard_premium=Decimal("5000.00"), retro_premium=Decimal("6000.00"),
    compared_with=Decimal("5000.00"), result_amount=-OWED, protest_deadline=date(2026, 6, 15),
    payment_due=date(2026, 5, 15), case={}, result={}, document_id="D1", run_id="R1",
    state=AdjustmentState.ISSUED)

tries = st.lists(st.decimals(min_value=Decimal("-50"), max_value=Decimal("1200"), places=3),
                 max_size=8)


@settings(max_examples=60, deadline=None)
@given(tries)
def test_payments_never_exceed_what_is_owed_and_refusals_change_nothing(
        amounts: list[Decimal]) -> None:
    ports = make_ports(date(2026, 5, 20))
    with ports.uow:
        ports.uow.notices.add(NOTICE)
        ports.uow.commit()
    kept = Decimal(0)
    for number, amount in enumerate(amounts):
        try:
            payments.record_payment(RecordPayment(
                payment_id=f"P{number}", notice_id="N1", amount=amount,
                received_on=date(2026, 5, 20), actor="clerk"), ports)
        except (InvalidInput, Conflict):
            assert not (Decimal(0) < amount == amount.quantize(Decimal("0.01"))
                        and amount <= OWED - kept), amount       # only a bad one is refused
        else:
            kept += amount
        with ports.uow:
            stored = payments.payments_of(ports.uow, NOTICE)
        assert sum((p.amount for p in stored), Decimal(0)) == kept <= OWED
        assert payments.balance(NOTICE, kept) == OWED - kept
    headers = [NOTICE]  # a Notice carries every header field the look-up reads
    with ports.uow:
        found = payments.unpaid_after_due(headers, ports.uow.payments.list(),  # type: ignore[arg-type]
                                          date(2026, 5, 20))
    assert found == ([(NOTICE, OWED - kept)] if kept < OWED else [])


def test_a_payment_counts_for_its_adjustment_when_the_notice_is_revised() -> None:
    """A recalculation (protest decided) revises the notice: what was paid is deducted from the
    revised amount, and a payment goes against the current revision."""
    ports = make_ports(date(2026, 5, 20))
    revised = replace(NOTICE, notice_id="N1-r1", revision=1, result_amount=Decimal("-600.00"))
    with ports.uow:
        ports.uow.notices.add(NOTICE)
        ports.uow.commit()
    payments.record_payment(RecordPayment(payment_id="P1", notice_id="N1",
                                          amount=Decimal("250.00"),
                                          received_on=date(2026, 5, 1), actor="clerk"), ports)
    with ports.uow:
        ports.uow.notices.add(revised)
        ports.uow.commit()
    with pytest.raises(Conflict, match="was revised by N1-r1"):
        payments.record_payment(RecordPayment(payment_id="P2", notice_id="N1",
                                              amount=Decimal("1.00"),
                                              received_on=date(2026, 5, 20), actor="c"), ports)
    with pytest.raises(InvalidInput, match=r"more than the 350\.00 still owed"):
        payments.record_payment(RecordPayment(payment_id="P2", notice_id="N1-r1",
                                              amount=Decimal("400.00"),
                                              received_on=date(2026, 5, 20), actor="c"), ports)
    with ports.uow:
        unpaid = payments.unpaid_after_due(ports.uow.notices.headers(),
                                           ports.uow.payments.list(), date(2026, 5, 20))
    assert [(n.notice_id, owed) for n, owed in unpaid] == [("N1-r1", Decimal("350.00"))]
