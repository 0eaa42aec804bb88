"""Retro calculation speed: median of one calculation through the Python API, and CLI cold start.

Targets (issue 2): 20 claims under 2 ms, 5,000 claims under 150 ms, `retrodesk calc retro` for one
case under 0.4 s. Run: `.venv/bin/python bench/retro_bench.py`.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from retrodesk.rating import retro

TYPES = ("time_loss", "medical_only", "kept_on_salary", "ppd", "pension", "fatal")


def make_case(claims: int, seed: int = 7) -> dict[str, object]:
    """A participant with `claims` claims, rulebook factors (no what-ifs), SLOL 250,000."""
    rng = random.Random(seed)
    start = date(2023, 10, 1)
    found = []
    for index in range(claims):
        kind = rng.choices(TYPES, weights=(30, 60, 4, 3, 1, 0.2))[0]
        af = "0.00" if kind == "medical_only" else f"{rng.uniform(0, 90000):.2f}"
        found.append({
            "id": f"C{index}", "occurrence": f"E{index // 3}" if index % 7 == 0 else None,
            "type": kind, "injury_date": (start + timedelta(days=rng.randrange(365))).isoformat(),
            "status": rng.choice(("open", "closed")), "af_paid": af,
            "af_reserve": f"{rng.uniform(0, 20000):.2f}", "ma_paid": f"{rng.uniform(0, 30000):.2f}",
            "ma_reserve": f"{rng.uniform(0, 5000):.2f}",
        })
    premium = str(max(600000, claims * 6000))
    return {
        "coverage_period_start": start.isoformat(), "adjustment": 1,
        "plan": {"basis": "loss", "single_loss_limit": "250000", "max_loss_ratio": "1.20",
                 "min_loss_ratio": "0.40"},
        "standard_premium": [
            {"risk_class": "0510-00", "accident_fund": premium, "medical_aid": "300000.00"},
            {"risk_class": "4904-00", "accident_fund": "200000.00", "medical_aid": "50000.00"}],
        "claims": found,
    }


def median_ms(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def cli_cold_start_s(case: dict[str, object], repeat: int = 7) -> float:
    command = Path(sys.executable).with_name("retrodesk")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "case.json"
        path.write_text(json.dumps(case), encoding="utf-8")
        times = []
        for _ in range(repeat):
            began = time.perf_counter()
            subprocess.run([str(command), "calc", "retro", str(path)], check=True,
                           capture_output=True)
            times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    print(f"nproc: {os.cpu_count()}")
    retro.calculate(make_case(5))  # load the packaged rulebook once, as a long-running process does
    for claims, repeat, target in ((20, 200, 2.0), (5000, 15, 150.0)):
        document = make_case(claims)
        case = retro.parse_case(document)
        calc = median_ms(lambda case=case: retro.calculate(case), repeat)
        parsed = median_ms(lambda document=document: retro.calculate(document), repeat)
        full = median_ms(lambda document=document: retro.calculate(document).as_dict(), repeat)
        print(f"{claims:>5} claims: calculate {calc:8.2f} ms (target < {target:g} ms); "
              f"parse + calculate {parsed:8.2f} ms; parse + calculate + as_dict {full:8.2f} ms")
    cold = cli_cold_start_s(make_case(20))
    print(f"CLI cold start, one case of 20 claims: {cold:.3f} s (target < 0.4 s)")


if __name__ == "__main__":
    main()
