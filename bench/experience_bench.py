"""Experience-rating benchmark: one employer (3 classes, 20 claims) and a synthetic statewide run.

    .venv/bin/python bench/experience_bench.py [--employers 100000] [--repeat 500]

Prints the median time of one calculation through the Python API (parse the JSON-shaped case,
calculate, with its worksheet) and the total time to rate N synthetic employers one by one in
one process (≈3 exposure rows and ≈1.5 claims each). Targets: under 2 ms and under 60 s.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from decimal import Decimal

from retrodesk.rating import experience
from retrodesk.rules.experience import catalog

YEAR = 2024
CLASSES = ("0510-00", "4904-00", "6504-00", "5201-00", "0601-00", "6406-00", "1101-00", "6602-00")


def _claim(rnd: random.Random, index: int) -> dict[str, object]:
    fiscal = rnd.choice((YEAR - 4, YEAR - 3, YEAR - 2))
    month = rnd.randint(1, 12)
    year = fiscal - 1 if month >= 7 else fiscal
    compensable = rnd.random() < 0.3
    paid = Decimal(rnd.randint(100, 250_000 if compensable else 6_000))
    return {
        "id": f"C{index}",
        "injury_date": f"{year}-{month:02d}-15",
        "compensable": compensable,
        "fatal": rnd.random() < 0.002,
        "af_paid": str(paid if compensable else 0),
        "ma_paid": str(paid // 3),
        "af_reserve": str(rnd.randint(0, 50_000) if compensable else 0),
        "ma_reserve": "0",
    }


def employer(rnd: random.Random, classes: int, claims: int) -> dict[str, object]:
    chosen = rnd.sample(CLASSES, classes)
    exposure = [
        {"risk_class": c, "fiscal_year": fy, "hours": str(rnd.randint(500, 60_000))}
        for c in chosen
        for fy in (YEAR - 4, YEAR - 3, YEAR - 2)
    ]
    return {
        "rating_year": YEAR,
        "exposure": exposure,
        "claims": [_claim(rnd, i) for i in range(claims)],
        "prior_factor": f"{rnd.uniform(0.6, 1.6):.4f}",
    }


def one_employer(repeat: int) -> None:
    document = employer(random.Random(7), 3, 20)
    experience.calculate(experience.parse_case(document))  # warm: rulebook year read once
    case = experience.parse_case(document)
    full, calc = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        experience.calculate(experience.parse_case(document))
        full.append(time.perf_counter() - start)
        start = time.perf_counter()
        experience.calculate(case)
        calc.append(time.perf_counter() - start)
    print(
        f"one employer, 3 classes, 20 claims ({repeat} runs): median parse+calculate "
        f"{statistics.median(full) * 1000:.3f} ms; "
        f"calculate only {statistics.median(calc) * 1000:.3f} ms"
    )


def statewide(count: int) -> None:
    rnd = random.Random(2024)
    documents = []
    for _ in range(count):
        # one class per employer in 3 fiscal years ≈ 3 rows; claims 0–3, mean 1.5
        documents.append(employer(rnd, 1, rnd.choice((0, 1, 1, 2, 2, 3))))
    rows = sum(len(d["exposure"]) for d in documents)  # type: ignore[arg-type]
    claims = sum(len(d["claims"]) for d in documents)  # type: ignore[arg-type]
    start = time.perf_counter()
    factors = [experience.calculate(experience.parse_case(d)).experience_factor for d in documents]
    elapsed = time.perf_counter() - start
    mean = sum(factors, Decimal(0)) / len(factors)
    print(
        f"{count:,} employers ({rows:,} exposure rows, {claims:,} claims) one by one: "
        f"{elapsed:.1f} s ({elapsed / count * 1e6:.0f} µs each); mean factor {mean:.4f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--employers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=500)
    args = parser.parse_args()
    start = time.perf_counter()
    catalog.packaged().year(YEAR)
    print(
        f"cpus: {os.cpu_count()}; rulebook year {YEAR} read in "
        f"{(time.perf_counter() - start) * 1000:.0f} ms"
    )
    one_employer(args.repeat)
    statewide(args.employers)


if __name__ == "__main__":
    main()
