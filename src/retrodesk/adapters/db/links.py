"""Common-ownership links named on employer rows, written after every employer row of the file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select, tuple_

from retrodesk.adapters.db.kinds import EMPLOYERS, Part
from retrodesk.adapters.db.tables import OwnershipLinkRecord

if TYPE_CHECKING:
    from retrodesk.adapters.db.loader import BulkLoader, LoadRun

__all__ = ["LinkCollector"]

LINKS = Part(OwnershipLinkRecord.__table__)  # type: ignore[arg-type]


class LinkCollector:
    """Pairs of commonly owned accounts (stored once, lower id first), with the row naming them."""

    def __init__(self) -> None:
        self._pairs: dict[tuple[str, str], int] = {}

    def add(self, row_number: int, values: dict[str, Any]) -> None:
        account = values["account_id"]
        for other in values.get("commonly_owned_with") or ():
            pair = (min(account, other), max(account, other))
            self._pairs.setdefault(pair, row_number)

    def finish(self, loader: BulkLoader, run: LoadRun) -> None:
        """Check that every linked account exists (in the file or the database), then upsert."""
        accounts = {a for pair in self._pairs for a in pair}
        in_file = run.seen.get(EMPLOYERS.name, {})
        known = loader.existing_keys(EMPLOYERS, accounts) | {
            a for a in accounts if hash((a,)) in in_file}
        rows = []
        for (low, high), number in sorted(self._pairs.items()):
            for account in (low, high):
                if account not in known:
                    run.problem(number, "commonly_owned_with", f"unknown employer {account!r}")
            rows.append((number, {"account_id": low, "related_id": high} | run.provenance))
        keys = [(r["account_id"], r["related_id"]) for _, r in rows]
        existing = {k: {"account_id": k[0], "related_id": k[1]}
                    for k in _existing_pairs(loader, keys)}
        loader.upsert(run, LINKS, rows, existing)


def _existing_pairs(loader: BulkLoader, keys: list[tuple[str, str]]) -> set[tuple[str, str]]:
    table = LINKS.table
    found: set[tuple[str, str]] = set()
    for start in range(0, len(keys), 5_000):
        batch = keys[start:start + 5_000]
        found.update((r[0], r[1]) for r in loader.connection.execute(
            select(table.c.account_id, table.c.related_id).where(
                tuple_(table.c.account_id, table.c.related_id).in_(batch))))
    return found
