""""As of" reads: a claim, a set of accounts' losses or their quarterly reports, as known on any
past date.

Valuations and report versions are never overwritten, so the state known on a day is each
claim's latest valuation dated on or before that day (retro.md §4.3: losses valued as of the
adjustment's valuation date), and each report line's latest version known on or before it
(retro.md §4.1: standard premium re-read as of each valuation date).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy import Connection, Table, and_, func, select

from retrodesk.adapters.db.mapping import to_value
from retrodesk.adapters.db.tables import ClaimRecord, ClaimValuationRecord, QuarterlyReportRecord
from retrodesk.programs.records import (
    Claim,
    ClaimAsOf,
    ClaimValuation,
    CodeCount,
    QuarterlyReport,
)

__all__ = ["claim_as_of", "class_code_counts", "class_hours", "losses_as_of", "reports_as_of"]

CLAIMS: Table = ClaimRecord.__table__  # type: ignore[assignment]
VALUATIONS: Table = ClaimValuationRecord.__table__  # type: ignore[assignment]
REPORTS: Table = QuarterlyReportRecord.__table__  # type: ignore[assignment]
_BATCH = 1_000


def _latest(as_of: date) -> object:
    """Each claim's latest valuation date on or before `as_of`."""
    return (select(VALUATIONS.c.claim_number,
                   func.max(VALUATIONS.c.valuation_date).label("valuation_date"))
            .where(VALUATIONS.c.valuation_date <= as_of)
            .group_by(VALUATIONS.c.claim_number))


def _query(as_of: date, *conditions: object) -> object:
    latest = _latest(as_of).where(*conditions).subquery()  # type: ignore[attr-defined]
    return (select(CLAIMS, *(c for c in VALUATIONS.c if c.name not in CLAIMS.c),
                   VALUATIONS.c.valuation_date)
            .join(latest, latest.c.claim_number == CLAIMS.c.claim_number)
            .join(VALUATIONS, and_(VALUATIONS.c.claim_number == latest.c.claim_number,
                                   VALUATIONS.c.valuation_date == latest.c.valuation_date))
            .order_by(CLAIMS.c.claim_number))


def _rows(connection: Connection, statement: object, as_of: date) -> list[ClaimAsOf]:
    found = []
    for row in connection.execute(statement).mappings():  # type: ignore[call-overload]
        values = dict(row)
        found.append(ClaimAsOf(claim=to_value(Claim, values),
                               valuation=to_value(ClaimValuation, values), as_of=as_of))
    return found


def claim_as_of(connection: Connection, claim_number: str, as_of: date) -> ClaimAsOf | None:
    """The claim as known on `as_of`, or None when it had no valuation by then."""
    found = _rows(connection, _query(as_of, VALUATIONS.c.claim_number == claim_number), as_of)
    return found[0] if found else None


def losses_as_of(
    connection: Connection, account_ids: Sequence[str], injury_from: date, injury_to: date,
    as_of: date,
) -> list[ClaimAsOf]:
    """Claims of the accounts injured in `[injury_from, injury_to]`, as known on `as_of`.

    Rule: WAC 296-17B-510 (a claim belongs to the period holding its injury date, or for an
    occupational disease its date of last injurious exposure, stored as `injury_date`).
    """
    found: list[ClaimAsOf] = []
    ordered = sorted(set(account_ids))
    for start in range(0, len(ordered), _BATCH):
        in_scope = select(CLAIMS.c.claim_number).where(
            CLAIMS.c.account_id.in_(ordered[start:start + _BATCH]),
            CLAIMS.c.injury_date.between(injury_from, injury_to))
        found.extend(_rows(connection, _query(
            as_of, VALUATIONS.c.claim_number.in_(in_scope)), as_of))
    return sorted(found, key=lambda c: c.claim.claim_number)


def _report_versions(accounts: Sequence[str], first_quarter: date, last_quarter: date,
                     as_of: date | None) -> object:
    """Each report line's latest `known_from` (on or before `as_of` when given)."""
    r = REPORTS.c
    latest = (select(r.account_id, r.quarter_start, r.risk_class,
                     func.max(r.known_from).label("known_from"))
              .where(r.account_id.in_(accounts), r.quarter_start.between(first_quarter,
                                                                         last_quarter))
              .group_by(r.account_id, r.quarter_start, r.risk_class))
    if as_of is not None:
        latest = latest.where(r.known_from <= as_of)
    chosen = latest.subquery()
    return (select(REPORTS)
            .join(chosen, and_(*(r[n] == chosen.c[n] for n in (
                "account_id", "quarter_start", "risk_class", "known_from"))))
            .order_by(r.account_id, r.quarter_start, r.risk_class))


def reports_as_of(connection: Connection, account_ids: Sequence[str], first_quarter: date,
                  last_quarter: date, as_of: date | None) -> list[QuarterlyReport]:
    """The accounts' report lines of the quarters in range, each as known on `as_of` (the
    latest version when None); a line first reported after `as_of` is not there yet.

    Rule: WAC 296-17B-500 (standard premium as of the valuation date, retro.md §4.1).
    """
    found: list[QuarterlyReport] = []
    ordered = sorted(set(account_ids))
    for start in range(0, len(ordered), _BATCH):
        statement = _report_versions(ordered[start:start + _BATCH], first_quarter, last_quarter,
                                     as_of)
        found.extend(to_value(QuarterlyReport, dict(row)) for row in
                     connection.execute(statement).mappings())  # type: ignore[call-overload]
    return sorted(found, key=lambda r: (r.account_id, r.quarter_start, r.risk_class))


def class_hours(connection: Connection, classes: Collection[str], first_quarter: date,
                last_quarter: date, as_of: date) -> dict[str, Decimal]:
    """Hours of every employer in each class over the quarters, each report line in its
    version known on `as_of` (the book-wide exposure a participant is compared with)."""
    r = REPORTS.c
    chosen = (select(r.account_id, r.quarter_start, r.risk_class,
                     func.max(r.known_from).label("known_from"))
              .where(r.risk_class.in_(sorted(classes)), r.known_from <= as_of,
                     r.quarter_start.between(first_quarter, last_quarter))
              .group_by(r.account_id, r.quarter_start, r.risk_class)).subquery()
    statement = (select(r.risk_class, func.sum(r.hours, type_=r.hours.type))
                 .join(chosen, and_(*(r[n] == chosen.c[n] for n in (
                     "account_id", "quarter_start", "risk_class", "known_from"))))
                 .group_by(r.risk_class))
    return {risk_class: hours for risk_class, hours in connection.execute(statement)
            if hours is not None}


def class_code_counts(connection: Connection, classes: Collection[str], injury_from: date,
                      injury_to: date, as_of: date) -> list[CodeCount]:
    """Claims of every employer in the classes, injured in the range and known on `as_of` (valued
    by then, as `losses_as_of` reads a participant's), counted by class, cause, body part and
    nature."""
    c = CLAIMS.c
    keys = (c.risk_class, c.cause_code, c.body_part_code, c.nature_code)
    valued = select(VALUATIONS.c.claim_number).where(VALUATIONS.c.valuation_date <= as_of)
    statement = (select(*keys, func.count())
                 .where(c.risk_class.in_(sorted(classes)), c.claim_number.in_(valued),
                        c.injury_date.between(injury_from, injury_to))
                 .group_by(*keys))
    found = [CodeCount(risk_class=row[0], cause_code=row[1], body_part_code=row[2],
                       nature_code=row[3], claims=row[4]) for row in connection.execute(statement)]
    return sorted(found, key=lambda n: (n.risk_class, n.cause_code or "", n.body_part_code or "",
                                        n.nature_code or ""))
