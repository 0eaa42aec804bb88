"""Lifecycle tables refuse invalid moves with a sentence saying why (programs.md §15)."""

import itertools

import pytest

from retrodesk.kernel.errors import Conflict
from retrodesk.programs.lifecycle import (
    ADJUSTMENT,
    APPLICATION,
    PROTEST,
    STANDING,
    AdjustmentState,
    ApplicationState,
    ProtestState,
    StandingState,
)


def test_an_application_follows_its_happy_path() -> None:
    path = ["draft", "received", "under_review", "approved", "agreement_sent", "enrolled",
            "active", "completed"]
    for current, target in itertools.pairwise(path):
        APPLICATION.check(current, target)


def test_an_unsigned_agreement_cannot_become_active() -> None:
    with pytest.raises(Conflict) as caught:
        APPLICATION.check(ApplicationState.AGREEMENT_SENT, ApplicationState.ACTIVE)
    assert caught.value.message == ("an application in state agreement_sent cannot become "
                                    "active: from agreement_sent it can only become enrolled")


def test_a_refused_application_is_final() -> None:
    with pytest.raises(Conflict, match="refused is a final state"):
        APPLICATION.check(ApplicationState.REFUSED, ApplicationState.UNDER_REVIEW)


def test_a_final_adjustment_cannot_be_protested() -> None:
    assert ADJUSTMENT.allows(AdjustmentState.ISSUED, AdjustmentState.PROTESTED)
    assert not ADJUSTMENT.allows(AdjustmentState.FINAL, AdjustmentState.PROTESTED)


def test_a_disputed_claim_protest_goes_through_the_further_order() -> None:
    assert PROTEST.allows(ProtestState.RECEIVED, ProtestState.FURTHER_ORDER_ISSUED)
    assert not PROTEST.allows(ProtestState.FURTHER_ORDER_ISSUED, ProtestState.DECIDED)


def test_denied_standing_is_final() -> None:
    assert not STANDING.allows(StandingState.DENIED, StandingState.CLEAR)
