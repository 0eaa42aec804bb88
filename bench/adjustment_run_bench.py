"""Adjustment run benchmark: time to compute and issue every adjustment due on a date.

Builds an in-memory book (groups of members plus individual employers, one coverage period,
claims valued on the first valuation date), then times `run_adjustments` with a renderer that
returns a stub PDF (rendering is measured by documents_bench.py) and a re-run that finds
everything already done. Prints medians over the repeats.

    .venv/bin/python bench/adjustment_run_bench.py [--groups 20] [--members 10]
        [--individuals 200] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from datetime import date
from decimal import Decimal

from retrodesk.adapters.memory import FrozenClock, InMemoryUnitOfWork
from retrodesk.programs.adjustments import BuiltinRetroEngine, run_adjustments
from retrodesk.programs.commands import ProgramPorts, RunAdjustments
from retrodesk.programs.records import (
    Claim,
    ClaimValuation,
    Employer,
    Enrollment,
    Group,
    ParticipantKind,
    QuarterlyReport,
)

START = date(2024, 7, 1)
QUARTERS = (date(2024, 7, 1), date(2024, 10, 1), date(2025, 1, 1), date(2025, 4, 1))


class StubRenderer:
    def _pdf(self, doc: object) -> bytes:
        return b"%PDF-stub"

    plan_agreement = adjustment_notice = further_order = notice_of_decision = _pdf
    probation_notice = denial_notice = appeal_case_file = _pdf
    member_refund_statement = training_handout = _pdf


def _employer(uow: InMemoryUnitOfWork, account: str, index: int) -> None:
    uow.employers.add(Employer(account_id=account, legal_name=account, governing_class="0510-00",
                               opened_on=date(2000, 1, 1), is_in_good_standing=True,
                               standing_reason=None, standing_as_of=date(2024, 1, 1)))
    premium = Decimal(20000 + 1000 * (index % 50))
    for quarter in QUARTERS:
        uow.reports.add(QuarterlyReport(account_id=account, quarter_start=quarter,
                                        risk_class="0510-00", known_from=quarter,
                                        hours=Decimal(1000),
                                        accident_fund=premium, medical_aid=premium / 2,
                                        stay_at_work=Decimal(0), supplemental_pension=Decimal(0)))
    for n in range(index % 3):
        number = f"{account}-{n}"
        uow.claims.add(Claim(claim_number=number, account_id=account, risk_class="0510-00",
                             injury_kind="injury", injury_date=date(2024, 9, 1 + n),
                             received_date=date(2024, 9, 10), occurrence=None, is_fatal=False,
                             is_public_health_emergency=False, body_part_code=None,
                             nature_code=None, cause_code=None))
        uow.claims.add_valuation(ClaimValuation(
            claim_number=number, valuation_date=date(2026, 3, 1), claim_type="time_loss",
            status="open", af_paid=Decimal("5000.00"), af_reserve=Decimal("20000.00"),
            ma_paid=Decimal("2000.00"), ma_reserve=Decimal("1000.00")))


def _enrollment(participant: str, kind: ParticipantKind, group: str | None) -> Enrollment:
    is_member = kind is ParticipantKind.EMPLOYER and group is not None
    return Enrollment(participant_kind=kind, participant_id=participant, coverage_start=START,
                      account_id=None if kind is ParticipantKind.GROUP else participant,
                      group_id=group, first_quarter=START, last_quarter=QUARTERS[-1],
                      plan_basis=None if is_member else "premium",
                      single_loss_limit=None if is_member else Decimal("250000"),
                      max_loss_ratio=None if is_member else Decimal("1.20"),
                      min_loss_ratio=None if is_member else Decimal("0.40"),
                      application_received=date(2024, 6, 1), signer_name="x",
                      signer_title="owner", is_endorsed=is_member)


def build(groups: int, members: int, individuals: int) -> InMemoryUnitOfWork:
    uow = InMemoryUnitOfWork()
    index = 0
    for g in range(groups):
        group_id = f"G{g:04d}"
        uow.groups.add(Group(group_id=group_id, sponsor_id="S1", name=group_id,
                             industry_category="c", coverage_start=START))
        uow.enrollments.add(_enrollment(group_id, ParticipantKind.GROUP, group_id))
        for _ in range(members):
            account = f"{600000000 + index}"
            _employer(uow, account, index)
            uow.enrollments.add(_enrollment(account, ParticipantKind.EMPLOYER, group_id))
            index += 1
    for _ in range(individuals):
        account = f"{600000000 + index}"
        _employer(uow, account, index)
        uow.enrollments.add(_enrollment(account, ParticipantKind.EMPLOYER, None))
        index += 1
    return uow


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=20)
    parser.add_argument("--members", type=int, default=10)
    parser.add_argument("--individuals", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    engine = BuiltinRetroEngine()
    first, again = [], []
    for _ in range(args.repeat):
        ports = ProgramPorts(uow=build(args.groups, args.members, args.individuals),
                             clock=FrozenClock(date(2026, 4, 15)), engine=engine,
                             renderer=StubRenderer())
        command = RunAdjustments(valuation_date=date(2026, 3, 31))
        started = time.perf_counter()
        summary = run_adjustments(command, ports)
        first.append(time.perf_counter() - started)
        started = time.perf_counter()
        run_adjustments(command, ports)
        again.append(time.perf_counter() - started)
    participants = summary.computed_count
    print(f"cpus={os.cpu_count()} participants={participants} "
          f"(groups={args.groups}×{args.members} members, individuals={args.individuals})")
    print(f"first run: median {statistics.median(first):.3f} s, "
          f"{participants / statistics.median(first):.0f} adjustments/s")
    print(f"re-run (all already done): median {statistics.median(again):.3f} s")


if __name__ == "__main__":
    main()
