"""Filing applications (individual, new group, renewal, member joining) and member removal
requests from the web: every problem is named by its field, and each filer stays in scope.

Rule: WAC 296-17B-100 (individual), -220…-250 (new group and renewal), -280 (members join and
leave). A sponsor files only for its own groups, an employer only for itself; program staff
file for anyone. The application is date-stamped today and its deadline checked by the use case.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from retrodesk.entrypoints.bootstrap import Services
from retrodesk.entrypoints.web.access import Action, Principal
from retrodesk.kernel.errors import ErrorDetail, InvalidInput, NotPermitted
from retrodesk.programs import enrollment
from retrodesk.programs.commands import FileApplication, RequestRemoval
from retrodesk.programs.records import Role
from retrodesk.programs.workflow import Application, ApplicationKind, RemovalRequest

__all__ = ["APPLICATION_FIELDS", "REMOVAL_FIELDS", "file_application", "request_removal"]

T = TypeVar("T")
Fields = Mapping[str, str]

PLAN = ("plan_basis", "single_loss_limit", "max_loss_ratio", "min_loss_ratio", "signer_name",
        "signer_title")
REQUIRED: dict[ApplicationKind, tuple[str, ...]] = {
    ApplicationKind.INDIVIDUAL: ("account_id", "plan_basis", "max_loss_ratio", "min_loss_ratio",
                                 "signer_name"),
    ApplicationKind.NEW_GROUP: ("sponsor_id", "group_name", "industry_category", "plan_basis",
                                "max_loss_ratio", "min_loss_ratio", "signer_name"),
    ApplicationKind.RENEWAL: ("group_id", "plan_basis", "max_loss_ratio", "min_loss_ratio",
                              "signer_name"),
    ApplicationKind.MEMBER: ("group_id", "account_id"),
}
APPLICATION_FIELDS = ("kind", "coverage_start", "first_quarter", "account_id", "group_id",
                      "sponsor_id", "group_name", "industry_category", *PLAN, "members")
REMOVAL_FIELDS = ("group_id", "account_id", "next_coverage_start")
FILED_BY: dict[Role, frozenset[ApplicationKind]] = {
    Role.SPONSOR: frozenset({ApplicationKind.NEW_GROUP, ApplicationKind.RENEWAL,
                             ApplicationKind.MEMBER}),
    Role.EMPLOYER: frozenset({ApplicationKind.INDIVIDUAL, ApplicationKind.MEMBER}),
}


class _Reader:
    """Reads typed fields from text, keeping every problem under the field's name."""

    def __init__(self, fields: Fields) -> None:
        self.fields = {k: str(v).strip() for k, v in fields.items() if v is not None}
        self.errors: list[ErrorDetail] = []

    def text(self, name: str) -> str | None:
        return self.fields.get(name) or None

    def parsed(self, name: str, parse: Callable[[str], T], what: str) -> T | None:
        raw = self.text(name)
        if raw is None:
            return None
        try:
            return parse(raw)
        except (ValueError, InvalidOperation):
            self.errors.append(ErrorDetail(name, f"enter {what}"))
            return None

    def require(self, names: tuple[str, ...]) -> None:
        self.errors += [ErrorDetail(n, "required") for n in names if self.text(n) is None]

    def raise_errors(self) -> None:
        if self.errors:
            raise InvalidInput.of(self.errors)


def _decimal(raw: str) -> Decimal:
    value = Decimal(raw.replace(",", "").replace("$", ""))
    if not value.is_finite() or value < 0:
        raise ValueError(raw)
    return value


def _command(read: _Reader, kind: ApplicationKind, services: Services,
             actor: str) -> FileApplication:
    start = read.parsed("coverage_start", date.fromisoformat, "a date (YYYY-MM-DD)")
    first = read.parsed("first_quarter", date.fromisoformat, "a date (YYYY-MM-DD)")
    if read.text("coverage_start") is None:
        read.errors.append(ErrorDetail("coverage_start", "required"))
    read.require(REQUIRED[kind])
    basis = read.text("plan_basis")
    if basis is not None and basis not in ("premium", "loss"):
        read.errors.append(ErrorDetail("plan_basis", "choose premium or loss"))
    limit, most, least = (read.parsed(n, _decimal, "a non-negative number")
                          for n in ("single_loss_limit", "max_loss_ratio", "min_loss_ratio"))
    read.raise_errors()
    assert start is not None  # noqa: S101 - checked above: raise_errors() leaves only valid input
    members = tuple(m for m in (read.text("members") or "").replace(",", " ").split() if m)
    return FileApplication(
        application_id=f"APP-{services.clock.today():%Y%m%d}-{secrets.token_hex(3).upper()}",
        kind=kind, coverage_start=start, received_on=services.clock.today(), actor=actor,
        first_quarter=first, account_id=read.text("account_id"), group_id=read.text("group_id"),
        sponsor_id=read.text("sponsor_id"), industry_category=read.text("industry_category"),
        group_name=read.text("group_name"), plan_basis=basis, single_loss_limit=limit,
        max_loss_ratio=most, min_loss_ratio=least, signer_name=read.text("signer_name") or "",
        signer_title=read.text("signer_title") or "", members=members)


def _no_group(group_id: str) -> InvalidInput:
    # the same words whether the group is missing or another sponsor's: scope leaks nothing
    return InvalidInput.of([ErrorDetail("group_id", f"no group {group_id}")])


def _group_sponsor(services: Services, user: Principal, group_id: str | None) -> str | None:
    """The sponsor of `group_id` (None when no group is named); a group not found is an error."""
    if group_id is None:
        return None
    with services.program_ports(user.username).uow as uow:
        group = uow.groups.get(group_id)
    if group is None:
        raise _no_group(group_id)
    return group.sponsor_id


def _in_scope(user: Principal, cmd: FileApplication, group_sponsor: str | None) -> None:
    if user.scope.unrestricted:
        return
    if cmd.kind not in FILED_BY.get(user.role, frozenset()):
        raise NotPermitted(f"a {user.role.value} may not file a {cmd.kind.value} application")
    if user.role is Role.EMPLOYER and cmd.account_id != user.employer_account_id:
        raise InvalidInput.of([ErrorDetail("account_id", "an employer applies only for itself")])
    if user.role is Role.SPONSOR and cmd.kind is ApplicationKind.NEW_GROUP and \
            cmd.sponsor_id != user.sponsor_id:
        raise InvalidInput.of([ErrorDetail("sponsor_id", "a sponsor applies only for itself")])
    if user.role is Role.SPONSOR and cmd.group_id and group_sponsor != user.sponsor_id:
        raise _no_group(cmd.group_id)


def file_application(services: Services, user: Principal, fields: Fields) -> Application:
    """Parse the form (or JSON body), check the filer's scope and file the application today."""
    user.require(Action.APPLY)
    read = _Reader(fields)
    try:
        kind = ApplicationKind(read.text("kind") or "")
    except ValueError:
        raise InvalidInput.of([ErrorDetail("kind", "choose individual, new_group, renewal or "
                                                   "member")]) from None
    cmd = _command(read, kind, services, user.username)
    sponsor = _group_sponsor(services, user, cmd.group_id)
    _in_scope(user, cmd, sponsor)
    if kind is ApplicationKind.RENEWAL:
        cmd = replace(cmd, sponsor_id=sponsor)  # a renewal is the group's sponsor's
    return enrollment.file_application(cmd, services.program_ports(user.username))


def request_removal(services: Services, user: Principal, fields: Fields) -> RemovalRequest:
    """A written request that a member leave its group at the end of the current period (-280)."""
    user.require(Action.APPLY)
    read = _Reader(fields)
    read.require(REMOVAL_FIELDS)
    start = read.parsed("next_coverage_start", date.fromisoformat, "a date (YYYY-MM-DD)")
    read.raise_errors()
    group_id, account_id = read.text("group_id") or "", read.text("account_id") or ""
    sponsor = _group_sponsor(services, user, group_id)
    if user.role is Role.SPONSOR and sponsor != user.sponsor_id:
        raise _no_group(group_id)
    if user.role is Role.EMPLOYER and account_id != user.employer_account_id:
        raise InvalidInput.of([ErrorDetail("account_id", "an employer asks only for itself")])
    assert start is not None  # noqa: S101 - required and parsed above
    return enrollment.request_removal(RequestRemoval(
        request_id=f"RM-{services.clock.today():%Y%m%d}-{secrets.token_hex(3).upper()}",
        group_id=group_id, account_id=account_id, next_coverage_start=start,
        received_on=services.clock.today(), actor=user.username),
        services.program_ports(user.username))
