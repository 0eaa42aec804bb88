"""Loss-control analysis for the employer and group pages and the API: read within the caller's
scope (the participant is read first), as known today or on a given day
(programs/losscontrol.py)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from retrodesk.entrypoints.bootstrap import Services
from retrodesk.entrypoints.web import records
from retrodesk.entrypoints.web.access import Principal
from retrodesk.programs.losscontrol import LossProfile, loss_profile
from retrodesk.programs.records import ParticipantKind

__all__ = ["profile"]


def profile(services: Services, db: Session, user: Principal, kind: ParticipantKind,
            participant_id: str, as_of: date | None = None) -> LossProfile:
    """The participant's injuries against its classes' experience in the book."""
    if kind is ParticipantKind.EMPLOYER:
        records.employer(db, user.scope, participant_id)
    else:
        records.group(db, user.scope, participant_id)
    return loss_profile(services.program_ports(user.username), kind, participant_id,
                        as_of or services.clock.today())
