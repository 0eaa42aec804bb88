"""Loss-control analysis for the employer and group pages and the API: read within the caller's
scope (the participant is read first), as known today or on a given day
(programs/losscontrol.py)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from retrodesk.entrypoints.bootstrap import Services
from retrodesk.entrypoints.web import records
from retrodesk.entrypoints.web.access import Principal
from retrodesk.kernel.errors import NotPermitted
from retrodesk.programs.losscontrol import LossProfile, WatchItem, loss_profile, watch_list
from retrodesk.programs.records import ParticipantKind

__all__ = ["profile", "watch"]


def profile(services: Services, db: Session, user: Principal, kind: ParticipantKind,
            participant_id: str, as_of: date | None = None) -> LossProfile:
    """The participant's injuries against its classes' experience in the book."""
    if kind is ParticipantKind.EMPLOYER:
        records.employer(db, user.scope, participant_id)
    else:
        records.group(db, user.scope, participant_id)
    return loss_profile(services.program_ports(user.username), kind, participant_id,
                        as_of or services.clock.today())


def watch(services: Services, user: Principal) -> list[WatchItem]:
    """Enrolled participants whose injuries need attention (program staff only). It reads every
    enrolled participant's records, so it is kept until the day or the records change."""
    if not user.is_staff:
        raise NotPermitted("the loss-control watch list is the program staff's")
    return services.until_changed("loss-watch", lambda: watch_list(
        services.program_ports(user.username), services.clock.today()))
