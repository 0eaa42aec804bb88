"""Document and chart rendering speed: medians over distinct inputs (no compiler cache hits).

Measures: renderer start (fonts loaded once), one refund notice with the engine's §13 scenario A
worksheet (53 lines), one Notice of Decision, one appeal case file, one chart to SVG.
Run from the repository root: `PYTHONPATH=. .venv/bin/python bench/documents_bench.py`.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from tests.integration.documents import samples

from retrodesk.adapters.documents import charts
from retrodesk.adapters.documents.render import TypstDocumentRenderer
from retrodesk.programs.documents import worksheet_rows
from retrodesk.rating.retro import premium

ROOT = Path(__file__).parents[1]
RUNS = 30


def median_ms(run: Callable[[int], object], runs: int = RUNS) -> float:
    """Median wall time of `run(i)` in milliseconds; `i` makes each input distinct."""
    times = []
    for i in range(runs):
        start = time.perf_counter()
        run(i)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    start = time.perf_counter()
    renderer = TypstDocumentRenderer()
    print(f"renderer start: {(time.perf_counter() - start) * 1000:.1f} ms")
    case = json.loads((ROOT / "tests/golden/cases/retro/e2e_scenario_a_premium.json").read_text())
    result = premium.calculate(case["case"])
    notice = replace(samples.notice(), worksheet=worksheet_rows(result.worksheet))
    decision, case_file = samples.decision(), samples.case_file()
    figures = {
        "refund notice, 53-line worksheet": median_ms(lambda i: renderer.adjustment_notice(
            replace(notice, notice_id=f"ADJ-{i}", result=Decimal(i) + Decimal("0.01")))),
        "Notice of Decision": median_ms(lambda i: renderer.notice_of_decision(
            replace(decision, decision_id=f"NOD-{i}"))),
        "appeal case file": median_ms(lambda i: renderer.appeal_case_file(
            replace(case_file, case_id=f"CASE-{i}"))),
        "loss-ratio chart to SVG": median_ms(lambda i: charts.loss_ratio_refunds_svg([
            charts.PeriodPerformance(f"20{10 + k}-10", Decimal("0.5") + k, Decimal(i * 1000 - k))
            for k in range(6)])),
    }
    print(f"cpus: {os.cpu_count()}, runs per figure: {RUNS}")
    for name, ms in figures.items():
        print(f"{name}: median {ms:.1f} ms")


if __name__ == "__main__":
    main()
