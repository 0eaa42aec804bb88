"""Probation tracker (WAC 296-17B-730; programs.md §13)."""

from datetime import date
from decimal import Decimal

from retrodesk.programs.lifecycle import StandingState
from retrodesk.programs.probation import FinalResult, compute_standing, provisional_status


def results(*pairs: tuple[int, str]) -> list[FinalResult]:
    return [FinalResult(date(year, 7, 1), Decimal(net)) for year, net in pairs]


def test_one_net_assessment_is_not_yet_probation() -> None:
    assert compute_standing(results((2020, "-1"))).state is StandingState.ONE_NET_ASSESSMENT


def test_two_consecutive_net_assessments_bring_probation() -> None:
    standing = compute_standing(results((2020, "-1"), (2021, "-0.01")))
    assert standing.state is StandingState.PROBATION
    assert standing.streak_count == 2


def test_a_refund_period_ends_probation() -> None:
    assert compute_standing(results((2020, "-1"), (2021, "-1"), (2022, "0"))).state is \
        StandingState.CLEAR


def test_third_consecutive_net_assessment_denies_and_bars_five_years_after_the_period() -> None:
    standing = compute_standing(results((2020, "-1"), (2021, "-1"), (2022, "-1"), (2023, "5")))
    assert standing.state is StandingState.DENIED
    assert standing.bar_until == date(2028, 6, 30)      # period ends 2023-06-30, + 5 years


def test_a_year_not_enrolled_breaks_the_run() -> None:
    standing = compute_standing(results((2019, "-1"), (2020, "-1"), (2022, "-1")))
    assert standing.state is StandingState.ONE_NET_ASSESSMENT


def test_a_revised_result_is_taken_into_account_on_recompute() -> None:
    history = results((2020, "-1"), (2021, "-1"))
    revised = [history[0], FinalResult(date(2021, 7, 1), Decimal("10"))]
    assert compute_standing(revised).state is StandingState.CLEAR


def test_provisional_status_triggers_nothing_and_says_so() -> None:
    assert provisional_status(Decimal("-3"), 1) == "provisional after adjustment 1: net assessment"
