"""Removal from retrospective rating for prohibited conduct, and its removal notice.

Rule: WAC 296-17B-720 (programs.md §12, §15.1 Active → Removed): removal effective on the date
of the notice, a permanent bar (enforced at review, `sanctions.check_permanent_bar`), liability
for assessments from participation before removal (listed on the notice), and forfeiture of
refunds from adjustments calculated after removal (applied by the adjustment runs).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from retrodesk.kernel.errors import Conflict, InvalidInput, required
from retrodesk.programs.adjustments import participant_party
from retrodesk.programs.commands import ProgramPorts, RemoveParticipant
from retrodesk.programs.deadlines import DeadlineKind, deadline_for
from retrodesk.programs.events import record_creation, record_transition
from retrodesk.programs.lifecycle import APPLICATION, ApplicationState
from retrodesk.programs.records import ParticipantKind
from retrodesk.programs.sanction_documents import OwedAssessment, RemovalNotice
from retrodesk.programs.sanctions import CONDUCT, RULE
from retrodesk.programs.schedule import coverage_end
from retrodesk.programs.workflow import Application, IssuedDocument, ProhibitedConduct, Sanction

__all__ = ["remove_participant"]

REMOVABLE = (ApplicationState.ENROLLED, ApplicationState.ACTIVE)


def _participant(ports: ProgramPorts, cmd: RemoveParticipant) -> tuple[ParticipantKind,
                                                                        str | None]:
    """The participant's kind and, for a group, its sponsor; refuses an unknown participant."""
    try:
        kind = ParticipantKind(cmd.participant_kind)
        ProhibitedConduct(cmd.conduct)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from exc
    if kind is ParticipantKind.GROUP:
        group = required(ports.uow.groups.get(cmd.participant_id), f"no group {cmd.participant_id}")
        return kind, group.sponsor_id
    required(ports.uow.employers.get(cmd.participant_id), f"no employer {cmd.participant_id}")
    return kind, None


def _is_participants(app: Application, kind: ParticipantKind, participant_id: str) -> bool:
    if kind is ParticipantKind.GROUP:
        return app.group_id == participant_id
    return app.account_id == participant_id


def _remove_applications(ports: ProgramPorts, kind: ParticipantKind, participant_id: str,
                         actor: str) -> list[Application]:
    """Enrolled and active applications of the participant move to Removed (§15.1)."""
    removed = []
    for app in ports.uow.applications.list():
        if app.state in REMOVABLE and _is_participants(app, kind, participant_id):
            record_transition(ports.uow, APPLICATION, "application", app.application_id,
                              app.state, ApplicationState.REMOVED, actor=actor,
                              at=ports.clock.now(), rule=RULE, note="prohibited conduct")
            moved = replace(app, state=ApplicationState.REMOVED, version=app.version + 1)
            ports.uow.applications.update(moved)
            removed.append(moved)
    return removed


def _owed(ports: ProgramPorts, kind: ParticipantKind, participant_id: str,
          before: date) -> tuple[OwedAssessment, ...]:
    """Additional premiums issued before the removal, each adjustment in its latest revision."""
    latest = {}
    for n in sorted(ports.uow.notices.list(), key=lambda n: n.revision):
        if (n.participant_kind, n.participant_id) == (kind.value, participant_id) \
                and n.notice_date < before:
            latest[(n.coverage_start, n.adjustment_number)] = n
    return tuple(OwedAssessment(n.notice_id, n.coverage_start, n.adjustment_number,
                                -n.result_amount)
                 for _, n in sorted(latest.items()) if n.result_amount < 0)


def remove_participant(cmd: RemoveParticipant, ports: ProgramPorts) -> Sanction:
    """Remove a participant for prohibited conduct and issue the removal notice (PDF).

    Rule: WAC 296-17B-720; the notice is an appealable order (RCW 51.52.050, .060).

    Raises:
        NotFound: no such employer or group. Conflict: the sanction id exists.
        InvalidInput: an unknown participant kind or conduct.
    """
    with ports.uow:
        uow, today = ports.uow, ports.clock.today()
        if uow.sanctions.get(cmd.sanction_id) is not None:
            raise Conflict(f"sanction {cmd.sanction_id} already exists")
        kind, sponsor_id = _participant(ports, cmd)
        removed = _remove_applications(ports, kind, cmd.participant_id, cmd.actor)
        sanction = Sanction(
            sanction_id=cmd.sanction_id, participant_kind=kind.value,
            participant_id=cmd.participant_id, sponsor_id=sponsor_id,
            conduct=ProhibitedConduct(cmd.conduct), findings=cmd.findings, notice_date=today,
            removed_applications=tuple(a.application_id for a in removed),
            document_id=f"removal-{cmd.sanction_id}")
        party, group_name = participant_party(ports, kind.value, cmd.participant_id)
        document = RemovalNotice(
            notice_id=sanction.document_id, notice_date=today, participant=party,
            group_name=group_name, conduct=CONDUCT[sanction.conduct], findings=cmd.findings,
            removed_periods=tuple((a.coverage_start, coverage_end(a.coverage_start))
                                  for a in removed),
            owed=_owed(ports, kind, cmd.participant_id, today),
            appeal_deadline=deadline_for(DeadlineKind.BIIA_APPEAL, today, ports.calendar).due)
        record_creation(uow, "sanction", cmd.sanction_id, "removed", actor=cmd.actor,
                        at=ports.clock.now(), rule=RULE, note=sanction.conduct.value)
        uow.documents.add(IssuedDocument(
            document_id=sanction.document_id, kind="removal_notice", subject=cmd.sanction_id,
            issued_on=today, pdf=ports.renderer.removal_notice(document)))
        uow.sanctions.add(sanction)
        uow.commit()
    return sanction
