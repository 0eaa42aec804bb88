"""The experience factor from the records (programs/experience.py) on the in-memory adapters.

The expected case is written out by hand from the records below (which quarters fall in which
fiscal year, which claim is in the period, which valuation counts), so the use case's case
building is checked against an independent reading, and the engine then rates both.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from retrodesk.adapters.memory import InMemoryUnitOfWork
from retrodesk.kernel.errors import InvalidInput, NotFound
from retrodesk.kernel.money import FOUR_PLACES
from retrodesk.kernel.periods import add_months
from retrodesk.programs.experience import review_experience, valuation_date_for
from retrodesk.programs.records import Claim, ClaimValuation, Employer, QuarterlyReport
from retrodesk.rating.experience import Claim as RatedClaim
from retrodesk.rating.experience import ExperienceCase, ExposureRow, calculate

D = Decimal
CLASS, OTHER = "0510-00", "5301-00"
ZERO = D(0)


def _employer(uow: InMemoryUnitOfWork, account: str) -> None:
    uow.employers.add(Employer(account_id=account, legal_name=f"{account} LLC",
                               governing_class=CLASS, opened_on=date(2021, 7, 1),
                               is_in_good_standing=True, standing_reason=None,
                               standing_as_of=date(2021, 7, 1)))


def _report(uow: InMemoryUnitOfWork, account: str, quarter: date, risk_class: str, hours: str,
            known_from: date | None = None) -> None:
    uow.reports.add(QuarterlyReport(
        account_id=account, quarter_start=quarter, risk_class=risk_class,
        known_from=known_from or quarter, hours=D(hours), accident_fund=ZERO, medical_aid=ZERO,
        stay_at_work=ZERO, supplemental_pension=ZERO))


def _claim(uow: InMemoryUnitOfWork, number: str, injury: date, claim_type: str,
           values: list[tuple[date, str]], *, received: date | None = None,
           kind: str = "injury", risk_class: str = CLASS, emergency: bool = False,
           account: str = "E1") -> None:
    """values: (valuation date, AF paid); MA paid is a fixed 1,000.00, reserves are 0."""
    uow.claims.add(Claim(
        claim_number=number, account_id=account, risk_class=risk_class, injury_kind=kind,
        injury_date=injury, received_date=received or injury, occurrence=None,
        is_fatal=claim_type == "fatal", is_public_health_emergency=emergency,
        body_part_code=None, nature_code=None, cause_code=None))
    for on, af_paid in values:
        uow.claims.add_valuation(ClaimValuation(
            claim_number=number, valuation_date=on, claim_type=claim_type, status="open",
            af_paid=D(af_paid), af_reserve=ZERO, ma_paid=D("1000.00"), ma_reserve=ZERO))


@pytest.fixture
def uow() -> InMemoryUnitOfWork:
    """E1 reports 10,000 hours a quarter from July 2021 (FY2022) on, plus 500 hours of a second
    class in Q1 2024; a correction of Q2 2024 became known after the 2026 valuation date."""
    uow = InMemoryUnitOfWork()
    _employer(uow, "E1")
    _employer(uow, "E2")
    for quarter in (add_months(date(2021, 7, 1), 3 * n) for n in range(16)):  # to Q2 2025
        _report(uow, "E1", quarter, CLASS, "10000")
    _report(uow, "E1", date(2024, 1, 1), OTHER, "500")
    _report(uow, "E1", date(2024, 4, 1), CLASS, "19000", known_from=date(2025, 8, 1))
    _report(uow, "E2", date(2024, 1, 1), CLASS, "2000")
    _claim(uow, "C1", date(2022, 3, 10), "time_loss",
           [(date(2023, 1, 1), "30000"), (date(2025, 5, 1), "45000"), (date(2025, 9, 1), "90000")])
    _claim(uow, "C2", date(2023, 8, 1), "medical_only", [(date(2023, 9, 1), "2500")])
    _claim(uow, "C3", date(2022, 1, 15), "time_loss", [(date(2022, 6, 1), "8000")],
           emergency=True)
    _claim(uow, "C4", date(2023, 2, 1), "time_loss", [(date(2023, 6, 1), "7000")],
           risk_class="7204-00")
    _claim(uow, "C5", date(2019, 5, 1), "time_loss", [(date(2022, 1, 1), "12000")],
           received=date(2021, 9, 1), kind="occupational_disease")
    _claim(uow, "C6", date(2021, 6, 30), "time_loss", [(date(2021, 12, 1), "20000")])
    _claim(uow, "C7", date(2024, 2, 1), "kept_on_salary", [(date(2024, 3, 1), "3000")])
    _claim(uow, "C8", date(2024, 5, 1), "time_loss", [(date(2025, 7, 1), "50000")])
    return uow


def _rated(number: str, injury: date, af_paid: str, *, compensable: bool = True,
           **facts: object) -> RatedClaim:
    return RatedClaim(id=number, injury_date=injury, compensable=compensable,
                      af_paid=D(af_paid), ma_paid=D("1000.00"),
                      risk_class=str(facts.pop("risk_class", CLASS)), **facts)  # type: ignore[arg-type]


def _hours(*rows: tuple[str, int, str]) -> tuple[ExposureRow, ...]:
    return tuple(ExposureRow(c, fy, D(h)) for c, fy, h in rows)


C5 = _rated("C5", date(2019, 5, 1), "12000", occupational_disease=True,
            received_date=date(2021, 9, 1))
# Rating year 2026: FY2022..FY2024 (7/1/2021 – 6/30/2024), valued June 1, 2025. C1 at its
# 2025-05-01 valuation; C6 (FY2021) and C8 (FY2024, valued only after June 1, 2025) are out;
# the Q2 2024 correction was not known yet.
EXPECTED_2026 = ExperienceCase(
    rating_year=2026, valuation_date=date(2025, 6, 1), employer="E1",
    exposure=_hours((CLASS, 2022, "40000"), (CLASS, 2023, "40000"), (CLASS, 2024, "40000"),
                    (OTHER, 2024, "500")),
    claims=(_rated("C1", date(2022, 3, 10), "45000"),
            _rated("C2", date(2023, 8, 1), "2500", compensable=False),
            _rated("C3", date(2022, 1, 15), "8000", excluded="public_health_emergency"),
            _rated("C4", date(2023, 2, 1), "7000", risk_class="7204-00"), C5,
            _rated("C7", date(2024, 2, 1), "3000", compensable=False)))
# Rating year 2025: FY2021..FY2023, valued June 1, 2024: C6 in, C1 at its 2023 valuation, C2
# (August 2023: FY2024) not yet.
EXPECTED_2025 = ExperienceCase(
    rating_year=2025, valuation_date=date(2024, 6, 1), employer="E1",
    exposure=_hours((CLASS, 2022, "40000"), (CLASS, 2023, "40000")),
    claims=(_rated("C1", date(2022, 3, 10), "30000"),
            _rated("C3", date(2022, 1, 15), "8000", excluded="public_health_emergency"),
            _rated("C4", date(2023, 2, 1), "7000", risk_class="7204-00"), C5,
            _rated("C6", date(2021, 6, 30), "20000")))
# Rating year 2024: FY2020..FY2022 — the first year with hours, so no prior factor.
EXPECTED_2024 = ExperienceCase(
    rating_year=2024, valuation_date=date(2023, 6, 1), employer="E1",
    exposure=_hours((CLASS, 2022, "40000")),
    claims=(_rated("C1", date(2022, 3, 10), "30000"),
            _rated("C3", date(2022, 1, 15), "8000", excluded="public_health_emergency"), C5,
            _rated("C6", date(2021, 6, 30), "20000")))


F2024 = calculate(EXPECTED_2024).experience_factor
F2025 = calculate(replace(EXPECTED_2025, prior_factor=F2024)).experience_factor


def test_the_case_is_built_from_the_records_as_known_on_the_valuation_date(uow) -> None:
    review = review_experience(uow, "E1", 2026)
    assert review.previous == replace(EXPECTED_2025, prior_factor=F2024)
    assert review.case == replace(EXPECTED_2026, prior_factor=F2025)
    assert review.result.experience_factor == calculate(review.case).experience_factor
    assert review.result.as_dict()["valuation_date"] == "2025-06-01"


def test_the_factor_and_its_prior_chain_are_exact(uow) -> None:
    review = review_experience(uow, "E1", 2026)
    assert (F2024, F2025, review.result.experience_factor) == (
        D("1.1388"), D("0.8541"), D("0.6406"))
    # 2025 and 2026 are held at 75% of the prior factor (WAC 296-17-865), so the chain matters.
    assert review.result.as_dict()["limitation"] == "cap_decrease"
    assert FOUR_PLACES.apply(D("0.75") * F2024) == F2025
    statuses = {c["id"]: (c["status"], c["reason"]) for c in review.result.as_dict()["claims"]}
    assert statuses["C3"] == ("excluded", "public_health_emergency")
    assert statuses["C4"] == ("excluded", "preferred_worker")
    assert statuses["C5"] == ("rated", None)


def test_minimum_impacts_and_the_parts_of_the_change_add_up(uow) -> None:
    review = review_experience(uow, "E1", 2026)
    minimum = review.minimum
    assert minimum.controllable == minimum.actual - minimum.minimum
    assert minimum.actual == review.result.rating.capped
    assert {i.claim.claim.id for i in review.impacts.impacts} == {"C1", "C2", "C5", "C7"}
    attribution = review.attribution
    assert attribution is not None
    assert attribution.previous.factor == F2025
    assert attribution.current.factor == review.result.experience_factor
    assert sum(p.points for p in attribution.parts) == attribution.change
    parts = {p.name: p.claims for p in attribution.parts}
    assert parts["claims_leaving"] == ("C6",)
    assert parts["claims_entering"] == ("C2", "C7")
    assert review.as_dict()["attribution"]["change"] == str(attribution.change)


def test_a_new_employer_has_no_prior_factor_and_no_attribution(uow) -> None:
    review = review_experience(uow, "E2", 2026)
    assert review.case.prior_factor is None
    assert review.previous is None
    assert review.attribution is None
    assert review.case.exposure == _hours((CLASS, 2024, "2000"))
    assert review.as_dict()["attribution"] is None


def test_the_valuation_date_is_a_parameter(uow) -> None:
    assert valuation_date_for(2026) == date(2025, 6, 1)
    later = review_experience(uow, "E1", 2026, valuation_date=date(2025, 9, 30))
    values = {c.id: c.af_paid for c in later.case.claims}
    assert values["C1"] == D("90000")            # its September 2025 valuation
    assert values["C8"] == D("50000")            # valued in July 2025
    assert later.case.exposure[2] == ExposureRow(CLASS, 2024, D("49000"))  # the correction
    assert later.case.prior_factor == F2025      # earlier years keep their own valuation


def test_an_unknown_employer_or_claim_type_is_refused(uow) -> None:
    with pytest.raises(NotFound):
        review_experience(uow, "NOPE", 2026)
    _claim(uow, "C9", date(2023, 3, 1), "mystery", [(date(2023, 4, 1), "10")])
    with pytest.raises(InvalidInput, match="mystery"):
        review_experience(uow, "E1", 2026)
