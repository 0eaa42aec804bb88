"""State machines of the programs: application, adjustment, protest/appeal and group standing.

Rule: programs.md §15. Each lifecycle is a plain table of allowed moves; a move not in the table is
refused with a sentence saying why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from retrodesk.kernel.errors import Conflict, ErrorDetail

__all__ = [
    "ADJUSTMENT",
    "APPEAL",
    "APPLICATION",
    "COLLECTION",
    "PROTEST",
    "STANDING",
    "AdjustmentState",
    "AppealState",
    "ApplicationState",
    "CollectionState",
    "Lifecycle",
    "ProtestState",
    "StandingState",
]


class ApplicationState(StrEnum):
    """Application and enrollment (programs.md §15.1)."""

    DRAFT = "draft"
    RECEIVED = "received"
    AWAITING_ENDORSEMENT = "awaiting_endorsement"
    UNDER_REVIEW = "under_review"
    APPROVED = "approved"
    AGREEMENT_SENT = "agreement_sent"
    ENROLLED = "enrolled"
    ACTIVE = "active"
    COMPLETED = "completed"
    REMOVED = "removed"
    REFUSED = "refused"


class AdjustmentState(StrEnum):
    """One adjustment of one coverage period (programs.md §15.2)."""

    SCHEDULED = "scheduled"
    VALUED = "valued"
    CALCULATED = "calculated"
    ISSUED = "issued"
    PROTESTED = "protested"
    DECIDED = "decided"
    APPEALED = "appealed"
    FINAL = "final"


class ProtestState(StrEnum):
    """A protest and the appeals that follow it (programs.md §15.3)."""

    RECEIVED = "received"
    REFUSED = "refused"
    UNDER_REVIEW = "under_review"
    FURTHER_ORDER_ISSUED = "further_order_issued"
    DISPUTE_PENDING = "dispute_pending"
    RESOLUTION_NOTIFIED = "resolution_notified"
    RECALCULATED = "recalculated"
    DECIDED = "decided"
    BIIA_APPEAL = "biia_appeal"
    BIIA_DECIDED = "biia_decided"
    SUPERIOR_COURT = "superior_court"
    CLOSED = "closed"


class AppealState(StrEnum):
    """An appeal case: at the Board, decided, in superior court, closed (programs.md §15.3)."""

    BIIA_APPEAL = "biia_appeal"
    BIIA_DECIDED = "biia_decided"
    SUPERIOR_COURT = "superior_court"
    CLOSED = "closed"


class CollectionState(StrEnum):
    """A notice and order of assessment for collection (RCW 51.48.120; programs.md §14)."""

    SERVED = "served"
    RECONSIDERATION_REQUESTED = "reconsideration_requested"
    APPEALED = "appealed"
    FINAL = "final"


class RecommendationState(StrEnum):
    """A loss-control recommendation to a participant, followed up by the coordinator."""

    OPEN = "open"
    FOLLOWED_UP = "followed_up"


class StandingState(StrEnum):
    """A group's standing after its final adjustments (programs.md §15.4)."""

    CLEAR = "clear"
    ONE_NET_ASSESSMENT = "one_net_assessment"
    PROBATION = "probation"
    DENIED = "denied"


@dataclass(frozen=True, slots=True)
class Lifecycle:
    """A named table of allowed transitions between states."""

    name: str
    moves: Mapping[str, frozenset[str]]

    def allows(self, current: str, target: str) -> bool:
        return target in self.moves.get(current, frozenset())

    def check(self, current: str, target: str) -> None:
        """Refuse a move the table does not allow.

        Raises:
            Conflict: with a sentence naming the states and what is allowed instead.
        """
        if self.allows(current, target):
            return
        allowed = sorted(self.moves.get(current, frozenset()))
        then = (f"from {current} it can only become {', '.join(allowed)}" if allowed
                else f"{current} is a final state")
        message = f"{self.name} in state {current} cannot become {target}: {then}"
        raise Conflict(message, [ErrorDetail("state", message)])


def _table(pairs: Mapping[StrEnum, tuple[StrEnum, ...]]) -> Mapping[str, frozenset[str]]:
    return {str(state): frozenset(str(t) for t in targets) for state, targets in pairs.items()}


A = ApplicationState
APPLICATION = Lifecycle("an application", _table({
    A.DRAFT: (A.RECEIVED,),
    A.RECEIVED: (A.REFUSED, A.AWAITING_ENDORSEMENT, A.UNDER_REVIEW),
    A.AWAITING_ENDORSEMENT: (A.UNDER_REVIEW, A.REFUSED),
    A.UNDER_REVIEW: (A.REFUSED, A.APPROVED),
    A.APPROVED: (A.AGREEMENT_SENT,),
    A.AGREEMENT_SENT: (A.ENROLLED,),
    A.ENROLLED: (A.ACTIVE, A.REMOVED),
    A.ACTIVE: (A.COMPLETED, A.REMOVED),
}))

J = AdjustmentState
ADJUSTMENT = Lifecycle("an adjustment", _table({
    J.SCHEDULED: (J.VALUED,),
    J.VALUED: (J.CALCULATED,),
    J.CALCULATED: (J.ISSUED,),
    J.ISSUED: (J.FINAL, J.PROTESTED, J.APPEALED),
    J.PROTESTED: (J.DECIDED,),
    J.DECIDED: (J.FINAL, J.APPEALED),
    J.APPEALED: (J.FINAL,),
}))

P = ProtestState
PROTEST = Lifecycle("a protest", _table({
    P.RECEIVED: (P.REFUSED, P.UNDER_REVIEW, P.FURTHER_ORDER_ISSUED),
    P.FURTHER_ORDER_ISSUED: (P.DISPUTE_PENDING,),
    P.DISPUTE_PENDING: (P.RESOLUTION_NOTIFIED,),
    P.RESOLUTION_NOTIFIED: (P.RECALCULATED,),
    P.RECALCULATED: (P.DECIDED,),
    P.UNDER_REVIEW: (P.DECIDED,),
    P.DECIDED: (P.CLOSED, P.BIIA_APPEAL),
    P.BIIA_APPEAL: (P.BIIA_DECIDED,),
    P.BIIA_DECIDED: (P.CLOSED, P.SUPERIOR_COURT),
    P.SUPERIOR_COURT: (P.CLOSED,),
}))

V = AppealState
APPEAL = Lifecycle("an appeal", _table({
    V.BIIA_APPEAL: (V.BIIA_DECIDED, V.CLOSED),
    V.BIIA_DECIDED: (V.CLOSED, V.SUPERIOR_COURT),
    V.SUPERIOR_COURT: (V.CLOSED,),
}))

S = StandingState
# A revised final result (decided protest or appeal) may also step a standing back one level.
STANDING = Lifecycle("a group's standing", _table({
    S.CLEAR: (S.ONE_NET_ASSESSMENT,),
    S.ONE_NET_ASSESSMENT: (S.CLEAR, S.PROBATION),
    S.PROBATION: (S.CLEAR, S.DENIED, S.ONE_NET_ASSESSMENT),
}))

C = CollectionState
# Final 30 days after service unless reconsideration is requested or an appeal filed in time.
COLLECTION = Lifecycle("an order of assessment", _table({
    C.SERVED: (C.FINAL, C.RECONSIDERATION_REQUESTED, C.APPEALED),
    C.RECONSIDERATION_REQUESTED: (C.FINAL, C.APPEALED),
    C.APPEALED: (C.FINAL,),
}))

R = RecommendationState
RECOMMENDATION = Lifecycle("a loss-control recommendation", _table({
    R.OPEN: (R.FOLLOWED_UP,),
}))
