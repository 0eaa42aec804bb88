"""Loss-control analysis for the employer and group pages and the API: read within the caller's
scope (the participant is read first), as known today or on a given day
(programs/losscontrol.py)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from retrodesk.entrypoints.bootstrap import Services
from retrodesk.entrypoints.web import records
from retrodesk.entrypoints.web.access import Action, Principal
from retrodesk.entrypoints.web.workflows import history, new_id, read_record
from retrodesk.entrypoints.web.workviews import recommendation_visible
from retrodesk.kernel.errors import ErrorDetail, InvalidInput, NotPermitted
from retrodesk.programs import losscontrol
from retrodesk.programs.commands import FollowUp, Recommend
from retrodesk.programs.losscontrol import LossProfile, WatchItem, loss_profile, watch_list
from retrodesk.programs.records import ParticipantKind
from retrodesk.programs.workflow import Recommendation

__all__ = ["ADVICE_FIELDS", "follow_up", "profile", "recommend", "recommendation",
           "recommendations", "watch"]

ADVICE_FIELDS = ("area", "advice", "follow_up_on")


def _in_scope(db: Session, user: Principal, kind: ParticipantKind, participant_id: str) -> None:
    if kind is ParticipantKind.EMPLOYER:
        records.employer(db, user.scope, participant_id)
    else:
        records.group(db, user.scope, participant_id)


def profile(services: Services, db: Session, user: Principal, kind: ParticipantKind,
            participant_id: str, as_of: date | None = None) -> LossProfile:
    """The participant's injuries against its classes' experience in the book."""
    _in_scope(db, user, kind, participant_id)
    return loss_profile(services.program_ports(user.username), kind, participant_id,
                        as_of or services.clock.today())


def watch(services: Services, user: Principal) -> list[WatchItem]:
    """Enrolled participants whose injuries need attention (program staff only). It reads every
    enrolled participant's records, so it is kept until the day or the records change."""
    if not user.is_staff:
        raise NotPermitted("the loss-control watch list is the program staff's")
    return services.until_changed("loss-watch", lambda: watch_list(
        services.program_ports(user.username), services.clock.today()))


def recommendations(services: Services, user: Principal, kind: ParticipantKind,
                    participant_id: str) -> list[Recommendation]:
    """A participant's loss-control recommendations (call after it was read within scope)."""
    with services.program_ports(user.username).uow as uow:
        return losscontrol.recommendations_of(uow, kind, participant_id)


def recommend(services: Services, db: Session, user: Principal, kind: ParticipantKind,
              participant_id: str, fields: dict[str, str]) -> Recommendation:
    """Record advice about a problem area, to follow up on the given day (staff)."""
    user.require(Action.ADVISE)
    _in_scope(db, user, kind, participant_id)
    try:
        follow_up_on = date.fromisoformat(fields.get("follow_up_on", ""))
    except ValueError:
        raise InvalidInput.of([ErrorDetail("follow_up_on", "choose a day (YYYY-MM-DD)")]) from None
    return losscontrol.recommend(Recommend(
        recommendation_id=new_id(services, "LC"), participant_kind=kind.value,
        participant_id=participant_id, area=fields.get("area", ""),
        advice=fields.get("advice", ""), follow_up_on=follow_up_on, actor=user.username),
        services.program_ports(user.username))


def recommendation(services: Services, db: Session, user: Principal,
                   recommendation_id: str) -> dict[str, object]:
    """One recommendation with its history, if its participant is in the caller's scope."""
    recommendation_visible(db, user.scope, recommendation_id)
    found = read_record(services, user, lambda uow: uow.recommendations.get(recommendation_id),
                        f"recommendation {recommendation_id} not found")
    return {"recommendation": found, "history": history(db, "recommendation", recommendation_id)}


def follow_up(services: Services, db: Session, user: Principal, recommendation_id: str,
              outcome: str) -> Recommendation:
    """Record what the follow-up found (staff); the recommendation is closed."""
    user.require(Action.ADVISE)
    recommendation_visible(db, user.scope, recommendation_id)
    return losscontrol.follow_up(FollowUp(recommendation_id=recommendation_id, outcome=outcome,
                                          actor=user.username),
                                 services.program_ports(user.username))
