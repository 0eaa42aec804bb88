"""Fixtures for loading official retro tables into a temporary rules folder."""

import csv
from pathlib import Path

import pytest

RATIOS = ("0.00", "0.30", "0.40", "0.60", "1.00", "1.60")
CHARGE = {"0.40": "0.3000", "1.00": "0.1000", "1.60": "0.0200"}
SAVINGS = {"0.00": "0.0000", "0.30": "0.0500", "0.60": "0.1200"}


def insurance_rows() -> list[list[str]]:
    """A complete, valid insurance table: every HG × basis × family × kind, size group 1."""
    rows = [["hazard_group", "basis", "family", "kind", "size_group", "single_loss_limit", *RATIOS]]
    for hg in range(1, 10):
        for basis in ("premium", "loss"):
            for family, limit in (("unlimited", ""), ("limited", "250000")):
                for kind, factors in (("charge", CHARGE), ("savings", SAVINGS)):
                    rows.append(
                        [
                            str(hg),
                            basis,
                            family,
                            kind,
                            "1",
                            limit,
                            *(factors.get(r, "") for r in RATIOS),
                        ]
                    )
    return rows


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (hidden ones too) with its bytes."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    } | {str(p.relative_to(folder)) + "/": b"" for p in folder.rglob("*") if p.is_dir()}


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    return tmp_path / "retrodesk-rules"
