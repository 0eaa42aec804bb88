"""Where the packaged rule data sits: `retrodesk/rules/data/<plan>/`, shipped as package data."""

from __future__ import annotations

from pathlib import Path

__all__ = ["packaged_folder"]

# A plain path beside the code: importlib.resources would add its import time to every calculation.
DATA = Path(__file__).resolve().parent / "data"


def packaged_folder(plan: str) -> Path:
    """The folder of one plan's packaged rule data (`retro`, `experience`)."""
    return DATA / plan
