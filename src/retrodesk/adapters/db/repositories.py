"""SQL repositories: each reads and writes one kind of record through the unit of work's session.

Writes go through the ORM session, so the audit hook records them; uniqueness and reference
failures surface as `Conflict` at flush.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from retrodesk.adapters.db.asof import (
    claim_as_of,
    class_code_counts,
    class_hours,
    losses_as_of,
    reports_as_of,
)
from retrodesk.adapters.db.audit import list_history
from retrodesk.adapters.db.errors import translate_db_errors
from retrodesk.adapters.db.mapping import to_record_values, to_value
from retrodesk.adapters.db.tables import (
    AdjustmentResultRecord,
    Base,
    ClaimRecord,
    ClaimValuationRecord,
    EmployerRecord,
    EnrollmentRecord,
    GroupRecord,
    MembershipRecord,
    OwnershipLinkRecord,
    QuarterlyReportRecord,
    SponsorRecord,
    UserRecord,
)
from retrodesk.kernel.errors import NotFound
from retrodesk.programs.records import (
    AdjustmentResult,
    AuditEntry,
    Claim,
    ClaimAsOf,
    ClaimValuation,
    CodeCount,
    Employer,
    Enrollment,
    Group,
    Membership,
    ParticipantKind,
    QuarterlyReport,
    Sponsor,
    User,
)

__all__ = [
    "SqlAdjustmentResultRepository",
    "SqlAuditLog",
    "SqlClaimRepository",
    "SqlEmployerRepository",
    "SqlEnrollmentRepository",
    "SqlGroupRepository",
    "SqlMembershipRepository",
    "SqlReportRepository",
    "SqlSponsorRepository",
    "SqlUserRepository",
]

V = TypeVar("V")
R = TypeVar("R", bound=Base)


class _Sql(Generic[V, R]):
    """Get, add and update of one value type stored in one record type."""

    value_type: type[V]
    record_type: type[R]

    def __init__(self, session: Session) -> None:
        self._session = session

    def _get(self, *key: object) -> V | None:
        record = self._session.get(self.record_type, key if len(key) > 1 else key[0])
        return None if record is None else to_value(self.value_type, record)

    def _all(self, statement: Select[Any]) -> list[V]:
        return [to_value(self.value_type, r) for r in self._session.scalars(statement)]

    def _add(self, value: V) -> R:
        record = self.record_type(**to_record_values(value))
        with translate_db_errors():
            self._session.add(record)
            self._session.flush()
        return record

    def _update(self, value: V, *key: object) -> None:
        record = self._session.get(self.record_type, key if len(key) > 1 else key[0])
        if record is None:
            raise NotFound(f"no {self.record_type.__tablename__} record {key}")
        with translate_db_errors():
            for name, item in to_record_values(value).items():
                if getattr(record, name) != item:
                    setattr(record, name, item)
            self._session.flush()


class SqlEmployerRepository(_Sql[Employer, EmployerRecord]):
    value_type, record_type = Employer, EmployerRecord

    def get(self, account_id: str) -> Employer | None:
        return self._get(account_id)

    def add(self, employer: Employer) -> None:
        self._add(employer)

    def update(self, employer: Employer) -> None:
        self._update(employer, employer.account_id)

    def list(self, *, offset: int = 0, limit: int = 100) -> list[Employer]:
        return self._all(select(EmployerRecord).order_by(EmployerRecord.account_id)
                         .offset(offset).limit(limit))

    def legal_names(self, account_ids: Collection[str]) -> dict[str, str]:
        e = EmployerRecord
        rows = self._session.execute(select(e.account_id, e.legal_name)
                                     .where(e.account_id.in_(list(account_ids)))).tuples()
        return dict(rows.all())

    def commonly_owned(self, account_id: str) -> set[str]:
        """Rule: WAC 296-17B-770 — the whole connected set of commonly owned employers."""
        family, frontier = {account_id}, {account_id}
        links = OwnershipLinkRecord
        while frontier:
            rows = self._session.execute(select(links.account_id, links.related_id).where(
                or_(links.account_id.in_(frontier), links.related_id.in_(frontier)))).all()
            reached = {a for row in rows for a in row} - family
            family |= reached
            frontier = reached
        return family - {account_id}


class SqlReportRepository(_Sql[QuarterlyReport, QuarterlyReportRecord]):
    value_type, record_type = QuarterlyReport, QuarterlyReportRecord

    def for_accounts(self, account_ids: Sequence[str], first_quarter: date,
                     last_quarter: date, *, as_of: date | None = None) -> list[QuarterlyReport]:
        return reports_as_of(self._session.connection(), account_ids, first_quarter,
                             last_quarter, as_of)

    def versions(self, account_id: str, quarter_start: date,
                 risk_class: str) -> list[QuarterlyReport]:
        r = QuarterlyReportRecord
        return self._all(select(r).where(
            r.account_id == account_id, r.quarter_start == quarter_start,
            r.risk_class == risk_class).order_by(r.known_from))

    def hours_by_class(self, classes: Collection[str], first_quarter: date, last_quarter: date,
                       *, as_of: date) -> dict[str, Decimal]:
        return class_hours(self._session.connection(), classes, first_quarter, last_quarter,
                           as_of)


class SqlClaimRepository(_Sql[Claim, ClaimRecord]):
    value_type, record_type = Claim, ClaimRecord

    def get(self, claim_number: str) -> Claim | None:
        return self._get(claim_number)

    def valuations(self, claim_number: str) -> list[ClaimValuation]:
        v = ClaimValuationRecord
        rows = self._session.scalars(select(v).where(v.claim_number == claim_number)
                                     .order_by(v.valuation_date))
        return [to_value(ClaimValuation, r) for r in rows]

    def as_of(self, claim_number: str, as_of: date) -> ClaimAsOf | None:
        return claim_as_of(self._session.connection(), claim_number, as_of)

    def losses_as_of(self, account_ids: Sequence[str], injury_from: date, injury_to: date,
                     as_of: date) -> list[ClaimAsOf]:
        return losses_as_of(self._session.connection(), account_ids, injury_from, injury_to,
                            as_of)

    def code_counts(self, classes: Collection[str], injury_from: date, injury_to: date, *,
                    as_of: date) -> list[CodeCount]:
        return class_code_counts(self._session.connection(), classes, injury_from, injury_to,
                                 as_of)


class SqlSponsorRepository(_Sql[Sponsor, SponsorRecord]):
    value_type, record_type = Sponsor, SponsorRecord

    def get(self, sponsor_id: str) -> Sponsor | None:
        return self._get(sponsor_id)

    def add(self, sponsor: Sponsor) -> None:
        self._add(sponsor)

    def list(self) -> list[Sponsor]:
        return self._all(select(SponsorRecord).order_by(SponsorRecord.sponsor_id))


class SqlGroupRepository(_Sql[Group, GroupRecord]):
    value_type, record_type = Group, GroupRecord

    def get(self, group_id: str) -> Group | None:
        return self._get(group_id)

    def add(self, group: Group) -> None:
        self._add(group)

    def for_sponsor(self, sponsor_id: str) -> list[Group]:
        return self._all(select(GroupRecord).where(GroupRecord.sponsor_id == sponsor_id)
                         .order_by(GroupRecord.group_id))


class SqlMembershipRepository(_Sql[Membership, MembershipRecord]):
    value_type, record_type = Membership, MembershipRecord

    def get(self, sponsor_id: str, account_id: str) -> Membership | None:
        return self._get(sponsor_id, account_id)

    def add(self, membership: Membership) -> None:
        self._add(membership)

    def for_sponsor(self, sponsor_id: str) -> list[Membership]:
        m = MembershipRecord
        return self._all(select(m).where(m.sponsor_id == sponsor_id).order_by(m.account_id))


class SqlEnrollmentRepository(_Sql[Enrollment, EnrollmentRecord]):
    value_type, record_type = Enrollment, EnrollmentRecord

    def get(self, kind: ParticipantKind, participant_id: str,
            coverage_start: date) -> Enrollment | None:
        return self._get(kind.value, participant_id, coverage_start)

    def add(self, enrollment: Enrollment) -> None:
        self._add(enrollment)

    def update(self, enrollment: Enrollment) -> None:
        self._update(enrollment, enrollment.participant_kind.value, enrollment.participant_id,
                     enrollment.coverage_start)

    def members(self, group_id: str, coverage_start: date) -> list[Enrollment]:
        e = EnrollmentRecord
        return self._all(select(e).where(
            e.group_id == group_id, e.coverage_start == coverage_start,
            e.participant_kind == ParticipantKind.EMPLOYER.value).order_by(e.participant_id))

    def for_period(self, coverage_start: date, *, members: bool = True) -> list[Enrollment]:
        e = EnrollmentRecord
        query = select(e).where(e.coverage_start == coverage_start)
        if not members:
            query = query.where(or_(e.participant_kind == ParticipantKind.GROUP.value,
                                    e.group_id.is_(None)))
        return self._all(query.order_by(e.participant_kind, e.participant_id))


class SqlAdjustmentResultRepository(_Sql[AdjustmentResult, AdjustmentResultRecord]):
    value_type, record_type = AdjustmentResult, AdjustmentResultRecord

    def add(self, result: AdjustmentResult) -> None:
        self._add(result)

    def for_participant(self, kind: ParticipantKind,
                        participant_id: str) -> list[AdjustmentResult]:
        a = AdjustmentResultRecord
        return self._all(select(a).where(
            a.participant_kind == kind.value, a.participant_id == participant_id)
            .order_by(a.coverage_start, a.adjustment_number, a.valuation_date, a.revision))


class SqlUserRepository(_Sql[User, UserRecord]):
    value_type, record_type = User, UserRecord

    def get(self, user_id: int) -> User | None:
        return self._get(user_id)

    def by_username(self, username: str) -> User | None:
        found = self._all(select(UserRecord).where(UserRecord.username == username))
        return found[0] if found else None

    def by_token_hash(self, token_hash: str) -> User | None:
        found = self._all(select(UserRecord).where(UserRecord.api_token_hash == token_hash))
        return found[0] if found else None

    def add(self, user: User) -> User:
        values = to_record_values(user)
        values.pop("id")
        record = UserRecord(**values)
        with translate_db_errors():
            self._session.add(record)
            self._session.flush()
        return replace(user, id=record.id)

    def update(self, user: User) -> None:
        if user.id is None:
            raise NotFound("a user without an id has not been stored")
        self._update(user, user.id)


class SqlAuditLog:
    def __init__(self, session: Session) -> None:
        self._session = session

    def history(self, table_name: str, record_key: str) -> list[AuditEntry]:
        return list_history(self._session.connection(), table_name, record_key)
