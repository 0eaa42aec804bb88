"""Retro rulebook: cold load in a fresh interpreter, first insurance lookup, warm lookups (medians).

Usage: .venv/bin/python bench/retro_rulebook.py
"""

import statistics
import subprocess
import sys
import time
from datetime import date
from decimal import Decimal

COLD = """
import time
t0 = time.perf_counter()
from retrodesk.rules.retro.catalog import load_retro_rulebook
from retrodesk.rules.retro.book import Basis, Family, Kind
from datetime import date
from decimal import Decimal
t1 = time.perf_counter()
book = load_retro_rulebook()
t2 = time.perf_counter()
book.insurance_tables.at(date(2024, 1, 1)).value.rows[
    (5, Basis.PREMIUM, Family.LIMITED, Kind.CHARGE, 14, Decimal("250000"))]
t3 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2)
"""


def cold(runs: int = 7) -> None:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True,
                             check=True).stdout
        samples.append([time.perf_counter() - started, *map(float, out.split())])
    names = ("process total", "import", "load_retro_rulebook()", "first HG lookup")
    for index, name in enumerate(names):
        median = statistics.median(s[index] for s in samples)
        print(f"cold {name:24s} median {median * 1e3:7.1f} ms")


def warm(runs: int = 2000) -> None:
    from retrodesk.rules.retro.book import Basis, Family, Fund, Kind
    from retrodesk.rules.retro.catalog import load_retro_rulebook

    book = load_retro_rulebook()
    day = date(2024, 1, 1)
    key = (5, Basis.PREMIUM, Family.LIMITED, Kind.CHARGE, 14, Decimal("250000"))
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        book.premium_admin_expense.at(day)
        book.fatality.at(day)
        book.insurance_tables.at(day).value.rows[key]
        book.dldf.at((1, "time_loss", Fund.AF), day)
        book.elr.at((1, Fund.MA), day)
        book.paf.at(1, day)
        samples.append(time.perf_counter() - started)
    print(f"warm six lookups            median {statistics.median(samples) * 1e6:7.1f} µs")


if __name__ == "__main__":
    cold()
    warm()
