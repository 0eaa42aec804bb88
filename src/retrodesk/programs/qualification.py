"""Every qualification check of an application, on the records as known on the day of its review.

Rule: programs.md §2–§9 and §13. The checks themselves are pure (eligibility.py); this module
gathers their evidence from the records and returns every result, passed or failed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from retrodesk.kernel.errors import ErrorDetail
from retrodesk.kernel.periods import add_months, quarter_start
from retrodesk.programs import eligibility as el
from retrodesk.programs.adjustments import notice_id_for
from retrodesk.programs.commands import ProgramPorts, ReviewApplication
from retrodesk.programs.deadlines import DeadlineKind, deadline_for
from retrodesk.programs.lifecycle import ApplicationState, StandingState
from retrodesk.programs.ports import WorkflowUnitOfWork
from retrodesk.programs.records import ParticipantKind, QuarterlyReport
from retrodesk.programs.sanctions import barring_sanction, check_permanent_bar
from retrodesk.programs.workflow import Application, ApplicationKind

__all__ = ["DEADLINES", "four_quarter_reports", "run_checks"]

ZERO = Decimal("0")
DEADLINES = {
    ApplicationKind.INDIVIDUAL: DeadlineKind.INDIVIDUAL_APPLICATION,
    ApplicationKind.NEW_GROUP: DeadlineKind.NEW_GROUP_NOTICE,
    ApplicationKind.RENEWAL: DeadlineKind.GROUP_RENEWAL,
    ApplicationKind.MEMBER: DeadlineKind.MEMBER_APPLICATION,
}


def four_quarter_reports(uow: WorkflowUnitOfWork, accounts: Sequence[str], before: date,
                         known_on: date) -> list[QuarterlyReport]:
    """Reports of the four calendar quarters before the quarter containing `before`, each as it
    was known on `known_on` (the day of the review: a review replayed or re-read later sees the
    premium the coordinator saw, not reports and audits that came in since)."""
    last = add_months(quarter_start(before), -3)
    return uow.reports.for_accounts(list(accounts), add_months(last, -9), last, as_of=known_on)


def _premium(reports: Sequence[QuarterlyReport]) -> Decimal:
    """Standard premium = accident fund + medical aid (WAC 296-17B-500)."""
    return sum((r.accident_fund + r.medical_aid for r in reports), ZERO)


def _standing(uow: WorkflowUnitOfWork, account_id: str) -> el.AccountStanding | None:
    employer = uow.employers.get(account_id)
    if employer is None:
        return None
    return el.AccountStanding(account_id, employer.is_in_good_standing, employer.standing_as_of)


def _plan_case(app: Application, reports: Sequence[QuarterlyReport]) -> dict[str, Any]:
    """A what-if case for the engine's plan-option validation (retro.md §7, V1–V7)."""
    limit = app.single_loss_limit
    return {
        "coverage_period_start": app.coverage_start.isoformat(), "adjustment": 1,
        "plan": {"basis": app.plan_basis, "single_loss_limit": _text(limit),
                 "max_loss_ratio": _text(app.max_loss_ratio),
                 "min_loss_ratio": _text(app.min_loss_ratio)},
        "standard_premium": [{"risk_class": r.risk_class, "accident_fund": str(r.accident_fund),
                              "medical_aid": str(r.medical_aid)} for r in reports],
        "four_quarter_premium": str(_premium(reports)),
    }


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _elections(check_id: str, ports: ProgramPorts, app: Application,
               reports: Sequence[QuarterlyReport]) -> el.CheckResult:
    if app.plan_basis is None or app.max_loss_ratio is None or app.min_loss_ratio is None:
        missing = [ErrorDetail("plan", "the application must state the plan basis and both loss "
                                       "ratios")]
        return el.check_elections(check_id, missing)
    return el.check_elections(check_id, ports.engine.plan_violations(_plan_case(app, reports)))


def _other_enrollments(uow: WorkflowUnitOfWork, account_id: str, start: date) -> list[str]:
    found = uow.enrollments.get(ParticipantKind.EMPLOYER, account_id, start)
    if found is None:
        return []
    return [f"group {found.group_id}" if found.group_id else "individually"]


def _ownership(check_id: str, uow: WorkflowUnitOfWork, app: Application,
               override: str | None) -> el.CheckResult:
    """Project decision: without a class→category relation on file, every commonly owned employer
    counts as being in the category (the stricter reading of WAC 296-17B-770)."""
    account = app.account_id or ""
    family = {account, *uow.employers.commonly_owned(account)}
    enrolled = {account} | {a for a in family
                            if uow.enrollments.get(ParticipantKind.EMPLOYER, a, app.coverage_start)}
    applying = {a.account_id for a in uow.applications.list()
                if a.coverage_start == app.coverage_start and a.account_id in family
                and a.state is not ApplicationState.REFUSED}
    return el.check_common_ownership(check_id, account, family, family,
                                     enrolled | {a for a in applying if a}, override)


def _bar(uow: WorkflowUnitOfWork, app: Application) -> el.CheckResult:
    sponsor = app.sponsor_id
    standings = [s for s in uow.standings.list() if sponsor is not None and s.sponsor_id == sponsor]
    bars = {s.industry_category: s.bar_until for s in standings if s.bar_until is not None}
    own = uow.standings.get(app.group_id or "")
    return el.check_no_bar("B1", bars, app.industry_category or "", app.coverage_start,
                           is_denied=own is not None and own.state is StandingState.DENIED)


def _deadline(check_id: str, ports: ProgramPorts, app: Application) -> el.CheckResult:
    anchor = app.first_quarter if app.kind is ApplicationKind.MEMBER else app.coverage_start
    deadline = deadline_for(DEADLINES[app.kind], anchor, ports.calendar)
    return el.check_deadline(check_id, deadline, app.received_on or app.coverage_start)


def _individual(ports: ProgramPorts, app: Application,
                cmd: ReviewApplication) -> list[el.CheckResult]:
    uow, account = ports.uow, app.account_id or ""
    reports = four_quarter_reports(uow, [account], app.received_on or app.coverage_start,
                                   ports.clock.today())
    return [
        el.check_good_standing("I1", account, _standing(uow, account)),
        el.check_premium_floor(_premium(reports), ports.engine.size_groups(app.coverage_start)),
        _deadline("I3", ports, app),
        _elections("I4", ports, app, reports),
        el.check_signature("I5", app.signer_title),
        el.check_single_enrollment("I6", account,
                                   _other_enrollments(uow, account, app.coverage_start)),
        _ownership("I7", uow, app, cmd.ownership_override),
    ]


def _member_facts(ports: ProgramPorts, sponsor_id: str, account: str, entry: date,
                  cmd: ReviewApplication) -> el.MemberFacts:
    uow = ports.uow
    membership = uow.memberships.get(sponsor_id, account)
    employer = uow.employers.get(account)
    return el.MemberFacts(
        account, membership is not None, membership is not None,
        membership.dues_paid_since if membership else None, _standing(uow, account),
        _premium(four_quarter_reports(uow, [account], entry, ports.clock.today())),
        frozenset(cmd.related_classes.get(account, ())),
        frozenset({employer.governing_class} if employer else ()))


def _h1_partners(uow: WorkflowUnitOfWork, app: Application, account: str) -> list[str]:
    """Group members of the period that are commonly owned with `account` (assumed to meet H1)."""
    members = {e.participant_id for e in uow.enrollments.members(app.group_id or "",
                                                                 app.coverage_start)}
    return sorted(members & uow.employers.commonly_owned(account))


def _group_member_since(uow: WorkflowUnitOfWork, app: Application,
                        facts: el.MemberFacts) -> date | None:
    """H3's since-date: the employer's dues-paying membership of the group's sponsor, but not
    before the group's first coverage period; None for a group not yet formed.

    Rule: WAC 296-17B-260(3) (a member of the group since before July 25, 1999).
    """
    group = uow.groups.get(app.group_id or "")
    if app.kind is ApplicationKind.NEW_GROUP or group is None or facts.member_since is None:
        return None
    return max(facts.member_since, group.coverage_start)


def _member(ports: ProgramPorts, app: Application, cmd: ReviewApplication) -> list[el.CheckResult]:
    uow, account = ports.uow, app.account_id or ""
    facts = _member_facts(ports, app.sponsor_id or "", account, app.first_quarter, cmd)
    return [
        el.check_good_standing("M1", account, facts.standing),
        el.check_dues("M2", facts),
        el.check_single_enrollment("M3", account,
                                   _other_enrollments(uow, account, app.coverage_start)),
        el.check_homogeneity("M4", facts, app.industry_category or "",
                             _h1_partners(uow, app, account),
                             _group_member_since(uow, app, facts)),
        _deadline("M5", ports, app),
        el.check_signature("M6", app.signer_title),
        _ownership("M7", uow, app, cmd.ownership_override),
        _bar(uow, app),
    ]


def _group_common(ports: ProgramPorts, app: Application, cmd: ReviewApplication,
                  members: Sequence[el.MemberFacts]) -> list[el.CheckResult]:
    """G1–G4, G7 and the group's deadline, elections and bar (new groups and renewals)."""
    uow, evidence = ports.uow, cmd.sponsor_evidence
    category = app.industry_category or ""
    qualify = [el.check_dues("M2", m) for m in members] + [
        el.check_homogeneity("M4", m, category, [], _group_member_since(uow, app, m))
        for m in members] + [
        el.check_good_standing("M1", m.employer_id, m.standing) for m in members]
    failed = sorted({r.message for r in el.failures(qualify)})
    reports = four_quarter_reports(uow, [m.employer_id for m in members], app.coverage_start,
                                   ports.clock.today())
    return [
        el.CheckResult("G1", uow.sponsors.get(app.sponsor_id or "") is not None, "WAC 296-17B-220",
                       f"sponsor {app.sponsor_id} is on record"),
        el.CheckResult("G2", not failed and bool(members), "WAC 296-17B-250",
                       "every member qualifies" if not failed else "; ".join(failed)),
        el.CheckResult("G3", "safety_plan" in evidence, "WAC 296-17B-220",
                       "safety and accident-prevention plan " + _on_file("safety_plan", evidence)),
        el.CheckResult("G4", "claims_cooperation_plan" in evidence, "WAC 296-17B-220",
                       "claims-management cooperation plan "
                       + _on_file("claims_cooperation_plan", evidence)),
        el.CheckResult("G7", "safety_improvement" in evidence, "WAC 296-17B-220",
                       "plan to substantially improve safety "
                       + _on_file("safety_improvement", evidence)),
        _deadline("G8", ports, app),
        _elections("G9", ports, app, reports),
        _bar(uow, app),
    ]


def _on_file(name: str, evidence: frozenset[str]) -> str:
    return "on file" if name in evidence else "missing"


def _group(ports: ProgramPorts, app: Application, cmd: ReviewApplication) -> list[el.CheckResult]:
    uow = ports.uow
    accounts = app.members if app.kind is ApplicationKind.NEW_GROUP else tuple(
        e.participant_id for e in uow.enrollments.members(app.group_id or "",
                                                          add_months(app.coverage_start, -12)))
    members = [_member_facts(ports, app.sponsor_id or "", a, app.coverage_start, cmd)
               for a in accounts]
    results = _group_common(ports, app, cmd, members)
    if app.kind is ApplicationKind.RENEWAL:
        return results
    return [*_sponsor_checks(ports, app, cmd, members), *results,
            el.check_seasoning("G5", members, app.coverage_start), el.check_size("G6", members)]


def _sponsor_checks(ports: ProgramPorts, app: Application, cmd: ReviewApplication,
                    members: Sequence[el.MemberFacts]) -> list[el.CheckResult]:
    """S1–S10 at a group's entry (RCW 51.18.020, .030)."""
    sponsor = ports.uow.sponsors.get(app.sponsor_id or "")
    evidence = cmd.sponsor_evidence
    facts = el.SponsorFacts(
        app.sponsor_id or "", sponsor.founded_on if sponsor else app.coverage_start,
        sponsor.purpose if sponsor else "unknown", "insurance_purpose" in evidence,
        "insurer_or_broker" in evidence, "safety_plan" in evidence,
        "claims_cooperation_plan" in evidence, "safety_improvement" in evidence)
    category = app.industry_category or ""
    similar = [el.check_homogeneity("S7", m, category, [], None) for m in members]
    not_members = sorted(m.employer_id for m in members if not m.is_member)
    return [*el.check_sponsor(facts, app.received_on or app.coverage_start),
            _new_category(ports, app),
            el.CheckResult("S4", not not_members, "RCW 51.18.020(4)",
                           "every employer is a member of the sponsor" if not not_members
                           else "not members of the sponsor: " + ", ".join(not_members)),
            el.check_members_good_standing(members),
            el.check_seasoning("S6", members, app.coverage_start),
            el.CheckResult("S7", all(r.passed for r in similar) and bool(similar),
                           "RCW 51.18.020(7)", "; ".join(r.message for r in similar)),
            el.check_size("S8", members)]


def _new_category(ports: ProgramPorts, app: Application) -> el.CheckResult:
    """S11: the sponsor's most recent group must have finished its second period (-240)."""
    groups = [g for g in ports.uow.groups.for_sponsor(app.sponsor_id or "")
              if g.group_id != app.group_id]
    if not groups:
        return el.check_new_category("S11", app.industry_category or "", None, False)
    latest = max(groups, key=lambda g: g.coverage_start)
    second = add_months(latest.coverage_start, 12)
    final = ports.uow.notices.get(notice_id_for(ParticipantKind.GROUP, latest.group_id, second, 3))
    return el.check_new_category("S11", app.industry_category or "",
                                 (latest.group_id, latest.industry_category), final is not None)


def _permanent_bar(uow: WorkflowUnitOfWork, app: Application) -> el.CheckResult:
    """B2: no employer, group or sponsor of the application was removed (WAC 296-17B-720)."""
    return check_permanent_bar("B2", barring_sanction(
        uow, accounts=(app.account_id or "", *app.members), group_id=app.group_id,
        sponsor_id=app.sponsor_id))


def run_checks(ports: ProgramPorts, app: Application,
               cmd: ReviewApplication) -> list[el.CheckResult]:
    """Every check for the application's kind; the caller approves only if all pass."""
    if app.kind is ApplicationKind.INDIVIDUAL:
        checks = _individual(ports, app, cmd)
    elif app.kind is ApplicationKind.MEMBER:
        checks = _member(ports, app, cmd)
    else:
        checks = _group(ports, app, cmd)
    return [*checks, _permanent_bar(ports.uow, app)]
