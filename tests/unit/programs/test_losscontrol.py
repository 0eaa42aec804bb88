"""Loss-control analysis (programs/losscontrol.py; docs/loss-control.md): a participant's
injuries by cause, part of body and nature against the book's experience in its classes."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrodesk.kernel.errors import Conflict, InvalidInput, NotFound
from retrodesk.programs.commands import FollowUp, Recommend
from retrodesk.programs.events import history
from retrodesk.programs.lifecycle import RecommendationState
from retrodesk.programs.losscontrol import (
    analyze,
    follow_up,
    loss_profile,
    recommend,
    watch_list,
)
from retrodesk.programs.records import (
    Claim,
    ClaimAsOf,
    ClaimValuation,
    CodeCount,
    Enrollment,
    ParticipantKind,
    QuarterlyReport,
)
from retrodesk.programs.worklist import worklist
from tests.unit.programs.world import employer, make_ports, quarters

AS_OF = date(2026, 1, 15)          # window: 2023-01-01 – 2025-12-31
CLASS = "0510-00"


def _hours(ports, account: str, per_quarter: str) -> None:
    ports.uow.employers.add(employer(account))
    for quarter in quarters(date(2023, 1, 1), 12):
        ports.uow.reports.add(QuarterlyReport(
            account_id=account, quarter_start=quarter, risk_class=CLASS, known_from=quarter,
            hours=Decimal(per_quarter), accident_fund=Decimal(1), medical_aid=Decimal(1),
            stay_at_work=Decimal(0), supplemental_pension=Decimal(0)))


def _claim(ports, number: str, account: str, cause: str, body: str, *,
           injury: date = date(2024, 5, 1), valued: date = date(2025, 12, 31)) -> None:
    ports.uow.claims.add(Claim(
        claim_number=number, account_id=account, risk_class=CLASS, injury_kind="injury",
        injury_date=injury, received_date=injury, occurrence=None, is_fatal=False,
        is_public_health_emergency=False, body_part_code=body, nature_code=None,
        cause_code=cause))
    ports.uow.claims.add_valuation(ClaimValuation(
        claim_number=number, valuation_date=valued, claim_type="time_loss", status="open",
        af_paid=Decimal("600.00"), af_reserve=Decimal("250.00"), ma_paid=Decimal("100.00"),
        ma_reserve=Decimal("50.00")))


def book():
    """E1 works 12,000 hours, E2 36,000, both in one class; the book has 12 claims in it."""
    ports = make_ports(AS_OF)
    _hours(ports, "E1", "1000")
    _hours(ports, "E2", "3000")
    for n in range(4):
        _claim(ports, f"A71-{n}", "E1", "71", "31")          # E1: 4 falls, hands
    _claim(ports, "A42", "E1", "42", "31")
    for n in range(2):
        _claim(ports, f"B71-{n}", "E2", "71", "42")
    _claim(ports, "B31", "E2", "42", "31")
    for n in range(4):
        _claim(ports, f"B42-{n}", "E2", "42", "42")
    _claim(ports, "OLD", "E1", "71", "31", injury=date(2022, 6, 1))      # before the window
    _claim(ports, "LATE", "E2", "71", "31", valued=date(2026, 3, 31))    # not known yet
    return ports


def test_a_participant_is_compared_with_its_class_per_hour_worked() -> None:
    profile = loss_profile(book(), ParticipantKind.EMPLOYER, "E1", AS_OF)
    assert (profile.injury_from, profile.injury_to) == (date(2023, 1, 1), date(2025, 12, 31))
    assert (profile.hours, profile.claims, profile.incurred) == (
        Decimal("12000"), 5, Decimal("5000.00"))
    # expected = 12,000 h × 12 claims ÷ 48,000 h
    assert (profile.expected_claims, profile.frequency, profile.expected_frequency) == (
        Decimal("3.00"), Decimal("83.33"), Decimal("50.00"))
    causes = {line.code: line for line in profile.by_dimension["cause"]}
    assert (causes["71"].claims, causes["71"].expected, causes["71"].ratio,
            causes["71"].incurred, causes["71"].is_problem) == (
        4, Decimal("1.50"), Decimal("2.67"), Decimal("4000.00"), True)
    assert (causes["42"].claims, causes["42"].expected, causes["42"].is_problem) == (
        1, Decimal("1.50"), False)
    parts = {line.code: line for line in profile.by_dimension["body_part"]}
    assert (parts["31"].claims, parts["31"].expected) == (5, Decimal("1.50"))
    assert (parts["42"].claims, parts["42"].expected) == (0, Decimal("1.50"))
    [uncoded] = profile.by_dimension["nature"]
    assert (uncoded.code, uncoded.claims, uncoded.is_problem) == ("uncoded", 5, False)
    assert [(name, line.code) for name, line in profile.problems] == [
        ("body_part", "31"), ("cause", "71")]                  # excess 3.5, then 2.5
    steps = {line.step: line for line in profile.worksheet}
    assert steps["expected"].formula == (
        "Σ class hours × book claims ÷ book hours (0510-00: 12,000.00 h × 12 ÷ 48,000.00 h)")
    assert steps["problem.cause.71"].value == "4"
    assert all(line.rule for line in profile.worksheet)


def test_a_participant_in_line_with_its_class_has_no_problem_area() -> None:
    profile = loss_profile(book(), ParticipantKind.EMPLOYER, "E2", AS_OF)
    assert (profile.claims, profile.expected_claims) == (7, Decimal("9.00"))
    assert profile.problems == []                  # 5 claims of cause 42 vs 4.50 expected: < 1.5×


codes = st.sampled_from(["11", "42", "71", None])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["A", "B"]), codes, codes), max_size=25),
       st.dictionaries(st.sampled_from(["A", "B"]),
                       st.decimals(min_value=1, max_value=100000, places=0), min_size=1))
def test_code_lines_add_up_to_the_totals(claims, hours) -> None:
    """Claims per code add up to the claims; expected per code to the expected (to the cent
    per line), since each code's baseline is a part of its class's."""
    mine = [ClaimAsOf(claim=Claim(
        claim_number=f"C{i}", account_id="E", risk_class=risk_class, injury_kind="injury",
        injury_date=date(2024, 1, 1), received_date=date(2024, 1, 1), occurrence=None,
        is_fatal=False, is_public_health_emergency=False, body_part_code=body,
        nature_code=None, cause_code=cause), valuation=ClaimValuation(
        claim_number=f"C{i}", valuation_date=date(2025, 1, 1), claim_type="medical_only",
        status="closed", af_paid=Decimal(0), af_reserve=Decimal(0), ma_paid=Decimal(1),
        ma_reserve=Decimal(0)), as_of=AS_OF) for i, (risk_class, cause, body) in enumerate(claims)]
    book_counts = [CodeCount(risk_class=c.claim.risk_class, cause_code=c.claim.cause_code,
                             body_part_code=c.claim.body_part_code, nature_code=None, claims=2)
                   for c in mine]
    book_hours = {k: v * 3 for k, v in hours.items()}
    profile = analyze("x", date(2023, 1, 1), date(2025, 12, 31), AS_OF, hours, mine,
                      book_hours, book_counts)
    for lines in profile.by_dimension.values():
        assert sum(line.claims for line in lines) == profile.claims
        assert abs(sum(line.expected for line in lines) - profile.expected_claims) <= (
            Decimal("0.005") * (len(lines) + 1))


def _enroll(ports, account: str) -> None:
    ports.uow.enrollments.add(Enrollment(
        participant_kind=ParticipantKind.EMPLOYER, participant_id=account,
        coverage_start=date(2025, 4, 1), account_id=account, group_id=None,
        first_quarter=date(2025, 4, 1), last_quarter=date(2026, 1, 1), plan_basis="premium",
        single_loss_limit=None, max_loss_ratio=Decimal("1.2000"),
        min_loss_ratio=Decimal("0.4000"), application_received=date(2025, 2, 1),
        signer_name="x", signer_title="owner", is_endorsed=False))


def test_the_watch_list_holds_the_enrolled_participants_that_need_attention() -> None:
    ports = book()
    assert watch_list(ports, AS_OF) == []                  # nobody enrolled yet
    _enroll(ports, "E1")
    _enroll(ports, "E2")
    [item] = watch_list(ports, AS_OF)                      # E2 is in line with its class
    assert (item.kind, item.participant_id, item.ratio) == (
        ParticipantKind.EMPLOYER, "E1", Decimal("1.67"))   # 5 claims ÷ 3.00 expected
    assert item.as_dict()["problems"][0]["code"] == "31"
    assert item.profile == loss_profile(ports, ParticipantKind.EMPLOYER, "E1", AS_OF)


def test_a_recommendation_is_followed_up_from_the_worklist_and_closed() -> None:
    ports = book()
    with pytest.raises(InvalidInput) as bad:
        recommend(Recommend(recommendation_id="R0", participant_kind="employer",
                            participant_id="E1", area=" ", advice="",
                            follow_up_on=date(2026, 1, 14), actor="c"), ports)
    assert [(d.path, d.message) for d in bad.value.details] == [
        ("area", "is required"), ("advice", "is required"),
        ("follow_up_on", "2026-01-14 is before today")]
    with pytest.raises(NotFound):
        recommend(Recommend(recommendation_id="R0", participant_kind="group",
                            participant_id="G404", area="cause 71", advice="x",
                            follow_up_on=date(2026, 3, 1), actor="c"), ports)
    given = recommend(Recommend(recommendation_id="R1", participant_kind="employer",
                                participant_id="E1", area="cause 71",
                                advice="Guardrails and fall-protection training.",
                                follow_up_on=date(2026, 4, 15), actor="coordinator"), ports)
    assert (given.given_on, given.state) == (AS_OF, RecommendationState.OPEN)
    assert worklist(ports, date(2026, 3, 31)).section("follow_ups") == []   # over two weeks off
    due = worklist(ports, date(2026, 4, 1)).section("follow_ups")
    assert [(i.subject, i.due) for i in due] == [("R1", date(2026, 4, 15))]
    assert "cause 71 given to employer E1 on 2026-01-15" in due[0].detail
    with pytest.raises(InvalidInput, match="outcome"):
        follow_up(FollowUp(recommendation_id="R1", outcome=" ", actor="c"), ports)
    closed = follow_up(FollowUp(recommendation_id="R1", outcome="Rails installed; no new falls.",
                                actor="coordinator"), ports)
    assert (closed.state, closed.followed_up_on) == (RecommendationState.FOLLOWED_UP, AS_OF)
    assert worklist(ports, date(2026, 4, 1)).section("follow_ups") == []
    with pytest.raises(Conflict):
        follow_up(FollowUp(recommendation_id="R1", outcome="again", actor="c"), ports)
    assert [t.to_state for t in history(ports.uow, "recommendation", "R1")] == [
        "open", "followed_up"]
