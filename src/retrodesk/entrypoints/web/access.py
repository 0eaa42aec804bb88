"""Who may see and do what: the signed-in principal, role permissions and record scope.

Scope is applied where records are read (see `scope` below and the readers in `records`), never
only in templates: a sponsor reads its own groups and their members, an employer its own account.
A record outside the caller's scope is reported as not found, so its existence does not leak.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from retrodesk.kernel.errors import NotFound, NotPermitted
from retrodesk.programs.records import Role

__all__ = ["Action", "Principal", "Scope"]

STAFF = frozenset({Role.COORDINATOR, Role.DISTRICT_STAFF, Role.ACTUARY, Role.ADMINISTRATOR})


class Action(StrEnum):
    """Things a user may do beyond reading what is in scope."""

    CALCULATE = "calculate"
    ENROLL = "enroll"
    APPLY = "apply"                  # file an application or a member removal request
    RUN_ADJUSTMENTS = "run_adjustments"
    FILE_PROTEST = "file_protest"
    DECIDE_PROTEST = "decide_protest"
    RECORD_APPEAL = "record_appeal"
    REMOVE_PARTICIPANT = "remove_participant"  # for prohibited conduct (WAC 296-17B-720)
    COLLECT = "collect"              # serve orders of assessment, record contests (RCW 51.48.120)
    RECORD_TRAINING = "record_training"  # safety-seminar attendance
    DISTRIBUTE = "distribute"        # share a group refund with its members (programs.md §11)
    ADVISE = "advise"                # loss-control recommendations and their follow-up
    EXPORT = "export"
    MANAGE_USERS = "manage_users"


_ALLOWED: dict[Role, frozenset[Action]] = {
    Role.COORDINATOR: frozenset(Action) - {Action.MANAGE_USERS},
    Role.DISTRICT_STAFF: frozenset({Action.CALCULATE, Action.EXPORT}),
    Role.ACTUARY: frozenset({Action.CALCULATE, Action.RUN_ADJUSTMENTS, Action.EXPORT}),
    Role.ADMINISTRATOR: frozenset(Action),
    # A participant protests its own adjustment (WAC 296-17B-700); it reads only its own records.
    # It also applies, and asks for a member's removal, for itself (WAC 296-17B-100, -280).
    # A sponsor also shares its groups' refunds with their members (WAC 296-17B-200).
    Role.SPONSOR: frozenset({Action.CALCULATE, Action.FILE_PROTEST, Action.APPLY,
                             Action.EXPORT, Action.DISTRIBUTE}),
    Role.EMPLOYER: frozenset({Action.CALCULATE, Action.FILE_PROTEST, Action.APPLY,
                              Action.EXPORT}),
}


@dataclass(frozen=True, slots=True)
class Principal:
    """The signed-in user as the web layer sees it."""

    user_id: int
    username: str
    role: Role
    sponsor_id: str | None = None
    employer_account_id: str | None = None

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF

    def may(self, action: Action) -> bool:
        return action in _ALLOWED[self.role]

    def require(self, action: Action) -> None:
        if not self.may(action):
            role, verb = self.role.value.replace("_", " "), action.value.replace("_", " ")
            raise NotPermitted(f"a {role} may not {verb}")

    @property
    def scope(self) -> Scope:
        return Scope(self)


@dataclass(frozen=True, slots=True)
class Scope:
    """The records a principal may read: all of them (staff), or one sponsor's or employer's."""

    principal: Principal

    @property
    def unrestricted(self) -> bool:
        return self.principal.is_staff

    def sponsor(self) -> str | None:
        """The only sponsor whose groups may be read, or None for everyone (staff)."""
        return None if self.unrestricted else (self.principal.sponsor_id or "")

    def employer(self) -> str | None:
        """The only employer account that may be read, or None when not an employer user."""
        return self.principal.employer_account_id if self.principal.role is Role.EMPLOYER else None

    def sees_group(self, sponsor_id: str | None) -> bool:
        if self.unrestricted:
            return True
        return self.principal.role is Role.SPONSOR and sponsor_id == self.principal.sponsor_id

    def sees_employer(self, account_id: str, group_sponsor_ids: Iterable[str | None] = ()) -> bool:
        """Staff see every account; an employer its own; a sponsor the members of its groups."""
        if self.unrestricted:
            return True
        if self.principal.role is Role.EMPLOYER:
            return account_id == self.principal.employer_account_id
        return any(self.sees_group(s) for s in group_sponsor_ids)

    def check(self, visible: bool, what: str) -> None:
        if not visible:
            raise NotFound(f"{what} not found")
