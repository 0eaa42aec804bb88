"""Pieces shared by the text worksheets: the underlined heading and the closing sources list."""

from __future__ import annotations

from retrodesk.rating.worksheet import Provenance

__all__ = ["heading", "sources_footer"]


def heading(title: str, employer: str | None) -> list[str]:
    """The title underlined, then the employer when the case names one."""
    lines = [title, "=" * len(title)]
    if employer:
        lines.append(f"Employer: {employer}")
    return lines


def sources_footer(provenance: Provenance, illustrative_note: str) -> list[str]:
    """The illustrative notice when any value is not official, then every source used.

    Rule: experience.md §1.3 — every value says whether it is official or illustrative.
    """
    lines: list[str] = []
    if provenance.illustrative:
        names = ", ".join(dict.fromkeys(provenance.illustrative_names()))
        lines += ["", f"ILLUSTRATIVE: {illustrative_note}: {names}"]
    return [*lines, "", "Sources:",
            *(f"  {s.name}: {s.origin.value} — {s.version}" for s in provenance.sources)]
