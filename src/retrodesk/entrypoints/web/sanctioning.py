"""Removals for prohibited conduct, for the pages and the API: reading one within the caller's
scope, and the staff's removal through the programs' use case.

Rule: WAC 296-17B-720 (removal, permanent bar, forfeiture). A participant sees its own removal
(an order it may appeal); only program staff remove.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from retrodesk.entrypoints.bootstrap import Services
from retrodesk.entrypoints.web.access import Action, Principal
from retrodesk.entrypoints.web.workflows import documents_of, history, new_id, read_record
from retrodesk.entrypoints.web.workviews import sanction_visible
from retrodesk.kernel.errors import ErrorDetail, InvalidInput
from retrodesk.programs import removal
from retrodesk.programs.commands import RemoveParticipant
from retrodesk.programs.records import ParticipantKind
from retrodesk.programs.sanctions import CONDUCT
from retrodesk.programs.workflow import ProhibitedConduct, Sanction

__all__ = ["CONDUCT_CHOICES", "REMOVAL_FIELDS", "remove_participant", "sanction"]

REMOVAL_FIELDS = ("participant_kind", "participant_id", "conduct", "findings")
CONDUCT_CHOICES = tuple((c.value, CONDUCT[c]) for c in ProhibitedConduct)


def sanction(services: Services, db: Session, user: Principal, sanction_id: str) -> dict[str, Any]:
    """A removal with its notice and history, if the caller may see its participant."""
    sanction_visible(db, user.scope, sanction_id)
    found = read_record(services, user, lambda uow: uow.sanctions.get(sanction_id),
                        f"removal {sanction_id} not found")
    return {"sanction": found, "conduct": CONDUCT[found.conduct],
            "documents": documents_of(db, [sanction_id]),
            "history": history(db, "sanction", sanction_id)}


def remove_participant(services: Services, user: Principal, fields: dict[str, str]) -> Sanction:
    """Remove an employer or a group for prohibited conduct, effective today, and issue the
    removal notice. The fields are the form's or the API body's, by `REMOVAL_FIELDS`."""
    user.require(Action.REMOVE_PARTICIPANT)
    problems = [ErrorDetail(name, "is required") for name in REMOVAL_FIELDS
                if not fields.get(name, "").strip()]
    if fields.get("participant_kind") and fields["participant_kind"] not in {
            k.value for k in ParticipantKind}:
        problems.append(ErrorDetail("participant_kind", "must be employer or group"))
    if fields.get("conduct") and fields["conduct"] not in {c.value for c in ProhibitedConduct}:
        problems.append(ErrorDetail("conduct", "is not one of the kinds of prohibited conduct "
                                               "in WAC 296-17B-720"))
    if problems:
        raise InvalidInput.of(problems)
    return removal.remove_participant(RemoveParticipant(
        sanction_id=new_id(services, "RM"), participant_kind=fields["participant_kind"],
        participant_id=fields["participant_id"].strip(), conduct=fields["conduct"],
        findings=fields["findings"].strip(), actor=user.username),
        services.program_ports(user.username))
