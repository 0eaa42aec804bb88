"""The audit trail of the workflows: every state change, with who, when and the rule.

Rule: programs.md §15 — every transition records who, when and the rule; an invalid transition is
refused (lifecycle tables) before anything is written.
"""

from __future__ import annotations

from datetime import datetime

from retrodesk.programs.lifecycle import Lifecycle
from retrodesk.programs.ports import WorkflowUnitOfWork
from retrodesk.programs.workflow import Transition

__all__ = ["history", "record_creation", "record_transition"]


def record_transition(uow: WorkflowUnitOfWork, lifecycle: Lifecycle, entity: str, entity_id: str,
                      current: str, target: str, *, actor: str, at: datetime, rule: str = "",
                      note: str = "") -> None:
    """Check a move against its lifecycle table and append it to the trail.

    Raises:
        Conflict: the lifecycle does not allow the move (nothing is written).
    """
    lifecycle.check(current, target)
    sequence = 0
    while uow.transitions.get(f"{entity}/{entity_id}/{sequence}") is not None:
        sequence += 1
    uow.transitions.add(Transition(entity=entity, entity_id=entity_id, from_state=current,
                                   to_state=target, actor=actor, occurred_at=at, rule=rule,
                                   note=note, sequence=sequence))


def record_creation(uow: WorkflowUnitOfWork, entity: str, entity_id: str, state: str, *,
                    actor: str, at: datetime, rule: str = "", note: str = "") -> None:
    """The first entry of a record's trail: created in its initial state."""
    uow.transitions.add(Transition(entity=entity, entity_id=entity_id, from_state="",
                                   to_state=state, actor=actor, occurred_at=at, rule=rule,
                                   note=note, sequence=0))


def history(uow: WorkflowUnitOfWork, entity: str, entity_id: str) -> list[Transition]:
    """Every transition of one record, oldest first."""
    found = []
    sequence = 0
    while (step := uow.transitions.get(f"{entity}/{entity_id}/{sequence}")) is not None:
        found.append(step)
        sequence += 1
    return found
