"""Which rule tables a calculation uses: the packaged rulebook plus tables an administrator loaded.

Loaded official tables live in the directory named by `RETRODESK_RULES_DIR` (default
`./retrodesk-rules`); each supersedes the packaged illustrative table for its effective dates.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["rules_dir", "tables_for"]


def rules_dir() -> Path:
    """The folder of loaded official tables (`RETRODESK_RULES_DIR`, default `./retrodesk-rules`)."""
    return Path(os.environ.get("RETRODESK_RULES_DIR", "retrodesk-rules"))


def tables_for(kind: str) -> dict[str, object]:
    """Keyword arguments for `calculate(case, **tables)` of a kind (empty: packaged rulebook)."""
    folder = rules_dir()
    if kind == "retro" and folder.is_dir():
        from retrodesk.rules.retro.catalog import load_retro_rulebook

        return {"rulebook": load_retro_rulebook(folder)}
    if kind in ("experience", "premium") and (folder / "experience").is_dir():
        from retrodesk.rules.experience.loading import official_rulebook

        return {"rulebook": official_rulebook(folder)}
    return {}
