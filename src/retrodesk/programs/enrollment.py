"""Enrollment: applications → checks → Retrospective Rating Plan Agreement → signed → enrolled.

Rule: WAC 296-17B-100, -220…-280; programs.md §2–§9, §15.1. Only a signed agreement makes an
enrollment; member renewal is automatic unless a timely removal request exists (-280).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from retrodesk.kernel.errors import Conflict, required
from retrodesk.kernel.periods import add_months, quarter_start
from retrodesk.programs import eligibility as el
from retrodesk.programs.commands import (
    EndorseApplication,
    FileApplication,
    ProgramPorts,
    RecordSignature,
    RenewMembers,
    RequestRemoval,
    ReviewApplication,
    SendAgreement,
)
from retrodesk.programs.deadlines import DeadlineKind, deadline_for, ensure_timely
from retrodesk.programs.documents import Party, PlanAgreement
from retrodesk.programs.events import record_transition
from retrodesk.programs.lifecycle import APPLICATION, ApplicationState
from retrodesk.programs.qualification import DEADLINES, run_checks
from retrodesk.programs.records import Enrollment, Group, ParticipantKind
from retrodesk.programs.sanctions import barring_sanction
from retrodesk.programs.schedule import coverage_end
from retrodesk.programs.workflow import Application, ApplicationKind, IssuedDocument, RemovalRequest

__all__ = [
    "endorse_application",
    "file_application",
    "get_application",
    "record_signature",
    "renew_members",
    "request_removal",
    "review_application",
    "send_agreement",
]

S = ApplicationState


def get_application(ports: ProgramPorts, application_id: str) -> Application:
    return required(ports.uow.applications.get(application_id), f"no application {application_id}")


def _move(ports: ProgramPorts, app: Application, target: S, actor: str, *, rule: str = "",
          note: str = "") -> Application:
    record_transition(ports.uow, APPLICATION, "application", app.application_id, app.state, target,
                      actor=actor, at=ports.clock.now(), rule=rule, note=note)
    return replace(app, state=target)


def _save(ports: ProgramPorts, before: Application, after: Application) -> Application:
    saved = replace(after, version=before.version + 1)
    ports.uow.applications.update(saved)
    return saved


def file_application(cmd: FileApplication, ports: ProgramPorts) -> Application:
    """Date-stamp an application; refuse it at once when late, with the deadline it missed.

    Rule: programs.md §9, §15.1 (Received → Refused | AwaitingEndorsement | UnderReview).
    """
    with ports.uow:
        if ports.uow.applications.get(cmd.application_id) is not None:
            raise Conflict(f"application {cmd.application_id} already exists")
        first = cmd.first_quarter or cmd.coverage_start
        app = Application(
            application_id=cmd.application_id, kind=cmd.kind, coverage_start=cmd.coverage_start,
            first_quarter=quarter_start(first), account_id=cmd.account_id, group_id=cmd.group_id,
            sponsor_id=cmd.sponsor_id, industry_category=cmd.industry_category,
            group_name=cmd.group_name, plan_basis=cmd.plan_basis,
            single_loss_limit=cmd.single_loss_limit, max_loss_ratio=cmd.max_loss_ratio,
            min_loss_ratio=cmd.min_loss_ratio, signer_name=cmd.signer_name,
            signer_title=cmd.signer_title, members=cmd.members)
        app = replace(_move(ports, app, S.RECEIVED, cmd.actor), received_on=cmd.received_on)
        anchor = app.first_quarter if cmd.kind is ApplicationKind.MEMBER else cmd.coverage_start
        deadline = deadline_for(DEADLINES[cmd.kind], anchor, ports.calendar)
        check = el.check_deadline("deadline", deadline, cmd.received_on)
        if not check.passed:
            app = replace(_move(ports, app, S.REFUSED, cmd.actor, rule=deadline.rule,
                                note=check.message), checks=(check,), refusal=check.message)
        elif cmd.kind is ApplicationKind.MEMBER:
            app = _move(ports, app, S.AWAITING_ENDORSEMENT, cmd.actor, rule="WAC 296-17B-280")
        else:
            app = _move(ports, app, S.UNDER_REVIEW, cmd.actor)
        ports.uow.applications.add(app)
        ports.uow.commit()
    return app


def endorse_application(cmd: EndorseApplication, ports: ProgramPorts) -> Application:
    """The sponsor endorses a member application (certifies dues-paying membership, -280)."""
    with ports.uow:
        app = get_application(ports, cmd.application_id)
        saved = _save(ports, app, _move(ports, app, S.UNDER_REVIEW, cmd.actor,
                                        rule="WAC 296-17B-280", note="endorsed by the sponsor"))
        ports.uow.commit()
    return saved


def review_application(cmd: ReviewApplication, ports: ProgramPorts) -> Application:
    """Run every check; approve when all pass, otherwise refuse listing every failure."""
    with ports.uow:
        app = get_application(ports, cmd.application_id)
        APPLICATION.check(app.state, S.APPROVED)
        results = tuple(run_checks(ports, app, cmd))
        failed = el.failures(results)
        refusal = "; ".join(f"{r.check_id}: {r.message}" for r in failed)
        target = S.REFUSED if failed else S.APPROVED
        moved = _move(ports, app, target, cmd.actor, note=refusal or "every check passed")
        saved = _save(ports, app, replace(moved, checks=results, refusal=refusal))
        ports.uow.commit()
    return saved


def _elections(ports: ProgramPorts, app: Application) -> tuple[str, Decimal | None,
                                                              Decimal, Decimal]:
    """The application's own elections, or for a member the group's for the period."""
    if app.kind is ApplicationKind.MEMBER:
        group = ports.uow.enrollments.get(ParticipantKind.GROUP, app.group_id or "",
                                          app.coverage_start)
        if group is not None:
            return (group.plan_basis or "", group.single_loss_limit,
                    group.max_loss_ratio or Decimal(0), group.min_loss_ratio or Decimal(0))
    return (app.plan_basis or "", app.single_loss_limit, app.max_loss_ratio or Decimal(0),
            app.min_loss_ratio or Decimal(0))


def _participant(ports: ProgramPorts, app: Application) -> Party:
    if app.kind in (ApplicationKind.NEW_GROUP, ApplicationKind.RENEWAL):
        sponsor = ports.uow.sponsors.get(app.sponsor_id or "")
        return Party(name=sponsor.name if sponsor else app.sponsor_id or "",
                     account_id=app.sponsor_id or "")
    employer = ports.uow.employers.get(app.account_id or "")
    return Party(name=employer.legal_name if employer else app.account_id or "",
                 account_id=app.account_id or "")


def _agreement(ports: ProgramPorts, app: Application, document_id: str) -> PlanAgreement:
    basis, limit, high, low = _elections(ports, app)
    is_group = app.kind is not ApplicationKind.INDIVIDUAL
    members = tuple(Party(name=m, account_id=m) for m in app.members)
    return PlanAgreement(
        agreement_id=document_id, issued_on=ports.clock.today(),
        participant=_participant(ports, app), is_group=is_group,
        coverage_start=app.first_quarter, coverage_end=coverage_end(app.coverage_start),
        plan_basis=basis, single_loss_limit=limit, maximum_loss_ratio=high,
        minimum_loss_ratio=low, signer_name=app.signer_name, signer_title=app.signer_title,
        group_name=app.group_name or "", industry_category=app.industry_category or "",
        members=members)


def send_agreement(cmd: SendAgreement, ports: ProgramPorts) -> Application:
    """Generate the Retrospective Rating Plan Agreement (PDF) and mark it sent."""
    with ports.uow:
        app = get_application(ports, cmd.application_id)
        APPLICATION.check(app.state, S.AGREEMENT_SENT)
        document_id = f"agreement-{app.application_id}"
        pdf = ports.renderer.plan_agreement(_agreement(ports, app, document_id))
        ports.uow.documents.add(IssuedDocument(document_id=document_id, kind="plan_agreement",
                                               subject=app.application_id,
                                               issued_on=ports.clock.today(), pdf=pdf))
        moved = _move(ports, app, S.AGREEMENT_SENT, cmd.actor)
        saved = _save(ports, app, replace(moved, agreement_document=document_id))
        ports.uow.commit()
    return saved


def _enrollment(app: Application, *, signed_on: date) -> Enrollment:
    is_group = app.kind in (ApplicationKind.NEW_GROUP, ApplicationKind.RENEWAL)
    is_member = app.kind is ApplicationKind.MEMBER
    return Enrollment(
        participant_kind=ParticipantKind.GROUP if is_group else ParticipantKind.EMPLOYER,
        participant_id=app.participant_id, coverage_start=app.coverage_start,
        account_id=None if is_group else app.account_id,
        group_id=app.group_id, first_quarter=app.first_quarter,
        last_quarter=add_months(app.coverage_start, 9),
        plan_basis=None if is_member else app.plan_basis,
        single_loss_limit=None if is_member else app.single_loss_limit,
        max_loss_ratio=None if is_member else app.max_loss_ratio,
        min_loss_ratio=None if is_member else app.min_loss_ratio,
        application_received=app.received_on or signed_on, signer_name=app.signer_name,
        signer_title=app.signer_title, is_endorsed=is_member)


def record_signature(cmd: RecordSignature, ports: ProgramPorts) -> Application:
    """The signed agreement makes the enrollment (and, for a new group, its members' ones)."""
    with ports.uow:
        app = get_application(ports, cmd.application_id)
        moved = _move(ports, app, S.ENROLLED, cmd.actor, note=f"signed {cmd.signed_on}")
        uow = ports.uow
        if app.kind is ApplicationKind.NEW_GROUP and uow.groups.get(app.group_id or "") is None:
            uow.groups.add(Group(group_id=app.group_id or "", sponsor_id=app.sponsor_id or "",
                                 name=app.group_name or "", coverage_start=app.coverage_start,
                                 industry_category=app.industry_category or ""))
        uow.enrollments.add(_enrollment(app, signed_on=cmd.signed_on))
        for account in app.members:
            member = replace(app, kind=ApplicationKind.MEMBER, account_id=account, members=())
            uow.enrollments.add(_enrollment(member, signed_on=cmd.signed_on))
        saved = _save(ports, app, replace(moved, agreement_signed_on=cmd.signed_on))
        uow.commit()
    return saved


def request_removal(cmd: RequestRemoval, ports: ProgramPorts) -> RemovalRequest:
    """Record a timely written removal request; a late one is refused with its deadline."""
    deadline = deadline_for(DeadlineKind.MEMBER_REMOVAL, cmd.next_coverage_start, ports.calendar)
    ensure_timely(deadline, cmd.received_on, "the removal request")
    request = RemovalRequest(request_id=cmd.request_id, group_id=cmd.group_id,
                             account_id=cmd.account_id, received_on=cmd.received_on,
                             next_coverage_start=cmd.next_coverage_start)
    with ports.uow:
        ports.uow.removals.add(request)
        ports.uow.commit()
    return request


def renew_members(cmd: RenewMembers, ports: ProgramPorts) -> list[str]:
    """Copy each member's enrollment into the next period unless removed or not in good standing.

    Rule: WAC 296-17B-280 (automatic re-enrollment); -720 (a member removed for prohibited
    conduct is permanently barred). Returns the renewed account ids.
    """
    previous = add_months(cmd.next_coverage_start, -12)
    with ports.uow:
        uow = ports.uow
        removed = {r.account_id for r in uow.removals.list()
                   if r.group_id == cmd.group_id
                   and r.next_coverage_start == cmd.next_coverage_start}
        renewed = []
        for member in uow.enrollments.members(cmd.group_id, previous):
            employer = uow.employers.get(member.participant_id)
            if member.participant_id in removed or employer is None or \
                    not employer.is_in_good_standing or \
                    barring_sanction(uow, accounts=[member.participant_id]) is not None:
                continue
            if uow.enrollments.get(ParticipantKind.EMPLOYER, member.participant_id,
                                   cmd.next_coverage_start) is None:
                uow.enrollments.add(replace(member, coverage_start=cmd.next_coverage_start,
                                            first_quarter=cmd.next_coverage_start,
                                            last_quarter=add_months(cmd.next_coverage_start, 9)))
                renewed.append(member.participant_id)
        uow.commit()
    return renewed
