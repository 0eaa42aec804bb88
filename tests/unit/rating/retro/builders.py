"""Retro case documents for tests: the retro.md §13 example and small variations of it."""

import copy
import json
from pathlib import Path

EXAMPLE = (Path(__file__).parents[3] / "golden" / "cases" / "retro"
           / "e2e_scenario_a_premium.json")


def example_case() -> dict:
    """retro.md §13, scenario A, premium basis (SP $1,000,000, SLOL $250,000, LR 0.40–1.20)."""
    return copy.deepcopy(json.loads(EXAMPLE.read_text(encoding="utf-8"))["case"])


def claim(claim_id: str, *, af: str = "1000.00", ma: str = "500.00", claim_type: str = "time_loss",
          injury_date: str = "2023-11-01", **extra: object) -> dict:
    """A closed claim with paid amounts only."""
    return {"id": claim_id, "type": claim_type, "injury_date": injury_date, "status": "closed",
            "af_paid": af, "af_reserve": "0.00", "ma_paid": ma, "ma_reserve": "0.00", **extra}


def case_with(claims: list[dict], **changes: object) -> dict:
    """The example case with other claims and top-level fields replaced."""
    found = example_case()
    found["claims"] = claims
    found.update(changes)
    return found
