"""A small book of business on the in-memory adapters, with a frozen clock, for program tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from retrodesk.adapters.memory import FrozenClock, InMemoryUnitOfWork, MemoryDatabase
from retrodesk.kernel.periods import add_months
from retrodesk.programs.adjustments import BuiltinRetroEngine
from retrodesk.programs.commands import ProgramPorts
from retrodesk.programs.documents import DocumentRenderer
from retrodesk.programs.records import (
    Claim,
    ClaimValuation,
    Employer,
    Membership,
    QuarterlyReport,
    Sponsor,
)

ENGINE = BuiltinRetroEngine()


@dataclass
class RecordingRenderer:
    """Keeps every document it was asked to render; the 'PDF' names the document."""

    documents: list[object] = field(default_factory=list)

    def _render(self, doc: object) -> bytes:
        self.documents.append(doc)
        return f"%PDF {type(doc).__name__}".encode()

    plan_agreement = adjustment_notice = further_order = notice_of_decision = _render
    probation_notice = denial_notice = appeal_case_file = _render
    member_refund_statement = training_handout = _render
    removal_notice = assessment_order = _render

    def of(self, kind: type) -> list:
        return [d for d in self.documents if isinstance(d, kind)]


def make_ports(day: date, renderer: DocumentRenderer | None = None,
               database: MemoryDatabase | None = None) -> ProgramPorts:
    return ProgramPorts(uow=InMemoryUnitOfWork(database), clock=FrozenClock(day), engine=ENGINE,
                        renderer=renderer or RecordingRenderer())


def employer(account: str, *, good: bool = True, as_of: date = date(2024, 1, 1)) -> Employer:
    return Employer(account_id=account, legal_name=f"{account} Construction LLC",
                    governing_class="0510-00", opened_on=date(2005, 1, 1),
                    is_in_good_standing=good, standing_reason=None, standing_as_of=as_of)


def quarters(first: date, count: int) -> list[date]:
    return [add_months(first, 3 * i) for i in range(count)]


def seed_employer(ports: ProgramPorts, account: str, premium_per_quarter: str,
                  first_quarter: date = date(2022, 1, 1), count: int = 20) -> None:
    uow = ports.uow
    uow.employers.add(employer(account))
    half = Decimal(premium_per_quarter) / 2
    for quarter in quarters(first_quarter, count):
        uow.reports.add(QuarterlyReport(   # type: ignore[attr-defined]
            account_id=account, quarter_start=quarter, risk_class="0510-00", known_from=quarter,
            hours=Decimal(1000),
            accident_fund=half, medical_aid=half, stay_at_work=Decimal(0),
            supplemental_pension=Decimal(0)))


def seed_sponsor(ports: ProgramPorts, members: list[str], since: date = date(2015, 1, 1)) -> None:
    ports.uow.sponsors.add(Sponsor(sponsor_id="S1", name="Builders Association",
                                   founded_on=date(2000, 1, 1), purpose="trade association",
                                   industry_category="c"))
    for account in members:
        ports.uow.memberships.add(Membership(sponsor_id="S1", account_id=account,
                                             dues_paid_since=since))


def seed_claim(ports: ProgramPorts, number: str, account: str, injury: date,
               valuations: list[tuple[date, str, str]]) -> None:
    """valuations: (valuation date, status, AF reserve) with fixed paid amounts."""
    claims = ports.uow.claims
    claims.add(Claim(  # type: ignore[attr-defined]
        claim_number=number, account_id=account, risk_class="0510-00", injury_kind="injury",
        injury_date=injury, received_date=injury, occurrence=None, is_fatal=False,
        is_public_health_emergency=False, body_part_code=None, nature_code=None,
        cause_code=None))
    for on, status, reserve in valuations:
        claims.add_valuation(ClaimValuation(  # type: ignore[attr-defined]
            claim_number=number, valuation_date=on, claim_type="time_loss", status=status,
            af_paid=Decimal("20000.00"), af_reserve=Decimal(reserve),
            ma_paid=Decimal("10000.00"), ma_reserve=Decimal("5000.00")))
