"""The read side of the pages: paginated, sortable, searchable lists, scoped in the query.

Each list is a `ListView`: a select, the columns a person may sort by, the columns search looks
in, and how the caller's scope narrows the rows. Scope is a WHERE clause, so a sponsor's or an
employer's query never returns another's rows, whatever page, sort or export asks for them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, Subquery, and_, false, func, or_, select, true
from sqlalchemy.orm import Session

from retrodesk.adapters.db.tables import (
    ClaimRecord,
    ClaimValuationRecord,
    EmployerRecord,
    EnrollmentRecord,
    GroupRecord,
    SponsorRecord,
)
from retrodesk.entrypoints.web.access import Scope

__all__ = ["VIEWS", "ListQuery", "ListView", "Page", "employer_visible", "group_visible"]

MAX_PAGE = 200


@dataclass(frozen=True, slots=True)
class ListQuery:
    """What a person asked of a list: search text, sort column and direction, and a page."""

    q: str = ""
    sort: str = ""
    descending: bool = False
    page: int = 1
    size: int = 50

    @property
    def offset(self) -> int:
        return (max(self.page, 1) - 1) * self.size


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a list: its rows (as plain dicts), the total and the query that made it."""

    columns: tuple[str, ...]
    rows: list[dict[str, Any]]
    total: int
    query: ListQuery

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.size))


def group_visible(scope: Scope) -> ColumnElement[bool]:
    """Groups the scope may read: all (staff), its sponsor's (sponsor), none (employer)."""
    sponsor = scope.sponsor()
    return true() if sponsor is None else (
        GroupRecord.sponsor_id == sponsor if scope.employer() is None else false())


def employer_visible(scope: Scope) -> ColumnElement[bool]:
    """Accounts the scope may read: all, its own (employer), or its groups' members (sponsor)."""
    if scope.unrestricted:
        return true()
    if (own := scope.employer()) is not None:
        return EmployerRecord.account_id == own
    members = (select(EnrollmentRecord.account_id)
               .join(GroupRecord, GroupRecord.group_id == EnrollmentRecord.group_id)
               .where(GroupRecord.sponsor_id == scope.sponsor()))
    return EmployerRecord.account_id.in_(members)


def _latest_valuation() -> Subquery:
    return (select(ClaimValuationRecord.claim_number,
                   func.max(ClaimValuationRecord.valuation_date).label("valued"))
            .group_by(ClaimValuationRecord.claim_number).subquery())


@dataclass(frozen=True, slots=True)
class ListView:
    """A list the pages and exports show."""

    name: str
    base: Callable[[], Select[Any]]
    sortable: Mapping[str, Any]
    searchable: tuple[Any, ...]
    visible: Callable[[Scope], ColumnElement[bool]]
    default_sort: str

    def _select(self, scope: Scope, query: ListQuery) -> Select[Any]:
        stmt = self.base().where(self.visible(scope))
        if query.q.strip():
            needle = f"%{query.q.strip().lower()}%"
            stmt = stmt.where(or_(*(func.lower(c).like(needle) for c in self.searchable)))
        return stmt

    def page(self, db: Session, scope: Scope, query: ListQuery) -> Page:
        stmt = self._select(scope, query)
        total = db.scalar(select(func.count()).select_from(stmt.subquery())) or 0
        column = self.sortable.get(query.sort, self.sortable[self.default_sort])
        size = min(max(query.size, 1), MAX_PAGE)
        rows = db.execute(stmt.order_by(column.desc() if query.descending else column.asc())
                          .offset(query.offset).limit(size)).mappings().all()
        return Page(tuple(self.sortable), [dict(r) for r in rows], total, query)

    def all_rows(self, db: Session, scope: Scope, query: ListQuery) -> Iterator[dict[str, Any]]:
        """Every row the query matches, for exports (streamed, in the page's sort order)."""
        column = self.sortable.get(query.sort, self.sortable[self.default_sort])
        stmt = self._select(scope, query).order_by(column.desc() if query.descending else column)
        for row in db.execute(stmt.execution_options(yield_per=1000)).mappings():
            yield dict(row)


def _employers() -> Select[Any]:
    return select(EmployerRecord.account_id, EmployerRecord.legal_name,
                  EmployerRecord.governing_class, EmployerRecord.opened_on,
                  EmployerRecord.is_in_good_standing)


def _groups() -> Select[Any]:
    return (select(GroupRecord.group_id, GroupRecord.name, SponsorRecord.name.label("sponsor"),
                   GroupRecord.sponsor_id, GroupRecord.industry_category,
                   GroupRecord.coverage_start)
            .join(SponsorRecord, SponsorRecord.sponsor_id == GroupRecord.sponsor_id))


def _claims() -> Select[Any]:
    latest = _latest_valuation()
    value = ClaimValuationRecord
    return (select(ClaimRecord.claim_number, ClaimRecord.account_id, EmployerRecord.legal_name,
                   ClaimRecord.injury_date, ClaimRecord.injury_kind, value.status,
                   value.valuation_date, value.af_paid, value.af_reserve, value.ma_paid,
                   value.ma_reserve)
            .join(EmployerRecord, EmployerRecord.account_id == ClaimRecord.account_id)
            .join(latest, latest.c.claim_number == ClaimRecord.claim_number)
            .join(value, and_(value.claim_number == ClaimRecord.claim_number,
                              value.valuation_date == latest.c.valued)))


VIEWS: dict[str, ListView] = {
    "employers": ListView(
        "employers", _employers,
        {"account_id": EmployerRecord.account_id, "legal_name": EmployerRecord.legal_name,
         "governing_class": EmployerRecord.governing_class, "opened_on": EmployerRecord.opened_on,
         "is_in_good_standing": EmployerRecord.is_in_good_standing},
        (EmployerRecord.account_id, EmployerRecord.legal_name, EmployerRecord.governing_class),
        employer_visible, "legal_name"),
    "groups": ListView(
        "groups", _groups,
        {"group_id": GroupRecord.group_id, "name": GroupRecord.name,
         "sponsor": SponsorRecord.name, "sponsor_id": GroupRecord.sponsor_id,
         "industry_category": GroupRecord.industry_category,
         "coverage_start": GroupRecord.coverage_start},
        (GroupRecord.group_id, GroupRecord.name, SponsorRecord.name),
        group_visible, "name"),
    "claims": ListView(
        "claims", _claims,
        {"claim_number": ClaimRecord.claim_number, "account_id": ClaimRecord.account_id,
         "legal_name": EmployerRecord.legal_name, "injury_date": ClaimRecord.injury_date,
         "injury_kind": ClaimRecord.injury_kind, "status": ClaimValuationRecord.status,
         "valuation_date": ClaimValuationRecord.valuation_date},
        (ClaimRecord.claim_number, ClaimRecord.account_id, EmployerRecord.legal_name),
        employer_visible, "injury_date"),
}
