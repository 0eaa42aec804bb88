"""Export of records in their file layout: rows as dicts keyed by the layout's column names.

Streams in primary-key order (bounded memory), so an export re-imports to the same records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, Select, Table, select

from retrodesk.adapters.db.tables import (
    AdjustmentResultRecord,
    ClaimRecord,
    ClaimValuationRecord,
    EmployerRecord,
    EnrollmentRecord,
    GroupRecord,
    MembershipRecord,
    OwnershipLinkRecord,
    QuarterlyReportRecord,
    SponsorRecord,
)
from retrodesk.adapters.db.workflow_tables import notice_rows
from retrodesk.programs.records import RecordKind

__all__ = ["export_rows"]

_PAGE = 5_000


def _t(record: type) -> Table:
    table: Table = record.__table__  # type: ignore[attr-defined]
    return table


def _ordered(table: Table) -> Select[Any]:
    return select(table).order_by(*table.primary_key.columns)


def _stream(connection: Connection, statement: Select[Any]) -> Iterator[dict[str, Any]]:
    result = connection.execution_options(yield_per=_PAGE).execute(statement).mappings()
    for row in result:
        yield dict(row)


def _employers(connection: Connection) -> Iterator[dict[str, Any]]:
    links = _t(OwnershipLinkRecord)
    related: dict[str, list[str]] = defaultdict(list)
    for low, high in connection.execute(select(links.c.account_id, links.c.related_id)):
        related[low].append(high)
        related[high].append(low)
    for row in _stream(connection, _ordered(_t(EmployerRecord))):
        row["commonly_owned_with"] = tuple(sorted(related.get(row["account_id"], ())))
        yield row


def _claims(connection: Connection) -> Iterator[dict[str, Any]]:
    claims, valuations = _t(ClaimRecord), _t(ClaimValuationRecord)
    columns = [*claims.c, *(c for c in valuations.c if c.name not in claims.c)]
    statement = (select(*columns)
                 .join_from(claims, valuations, claims.c.claim_number == valuations.c.claim_number)
                 .order_by(claims.c.claim_number, valuations.c.valuation_date))
    return _stream(connection, statement)


def _adjustments(connection: Connection) -> Iterator[dict[str, Any]]:
    table = _t(AdjustmentResultRecord)
    for row in _stream(connection, select(table).order_by(table.c.id)):
        row["computed_at"] = row["computed_at"].isoformat()
        yield row


_TABLES = {
    RecordKind.REPORTS: QuarterlyReportRecord, RecordKind.SPONSORS: SponsorRecord,
    RecordKind.GROUPS: GroupRecord, RecordKind.MEMBERSHIPS: MembershipRecord,
    RecordKind.ENROLLMENTS: EnrollmentRecord,
}


def export_rows(connection: Connection, kind: RecordKind) -> Iterator[dict[str, Any]]:
    """Every record of a kind, in key order, keyed by its file layout's column names."""
    if kind is RecordKind.EMPLOYERS:
        return _employers(connection)
    if kind is RecordKind.CLAIMS:
        return _claims(connection)
    if kind is RecordKind.ADJUSTMENTS:
        return _adjustments(connection)
    if kind is RecordKind.NOTICES:
        return notice_rows(connection)
    return _stream(connection, _ordered(_t(_TABLES[kind])))
