"""Synthetic-book benchmark: `retrodesk synth` for N employers into SQLite or PostgreSQL.

    .venv/bin/python bench/synth_bench.py [--employers 100000] [--backend sqlite|postgres]

Prints wall time, CPU time (this process, and its generator workers), peak resident memory
(this process, the largest worker, and their sum as an upper bound) and the rows per table.
Targets (issue 4): 100,000 employers in under 3 minutes and under 2 GB, on each backend.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_databases import fresh_database, peak_rss_mb

from retrodesk.adapters.db.uow import sql_uow_factory
from retrodesk.adapters.synth.book import generate_book


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--as-of", default="2026-11-29")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, fresh_database(args.backend,
                                                                  Path(folder)) as engine:
        factory = sql_uow_factory(engine, actor="bench")
        started, cpu = time.perf_counter(), time.process_time()
        summaries = generate_book(factory, employers=args.employers, seed=args.seed,
                                  as_of=date.fromisoformat(args.as_of))
        wall, used = time.perf_counter() - started, time.process_time() - cpu
    rows = {t: n for s in summaries for t, n in s.inserted.items()}
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    worker_rss = workers.ru_maxrss / 1024
    memory = peak_rss_mb() + worker_rss
    print(f"synth {args.employers} employers into {args.backend}: wall {wall:.1f} s, "
          f"cpu {used:.1f} s (+ workers {workers.ru_utime + workers.ru_stime:.1f} s), "
          f"peak RSS {peak_rss_mb():.0f} MiB (+ largest worker {worker_rss:.0f} MiB), "
          f"nproc {os.cpu_count()}")
    print("rows: " + ", ".join(f"{t} {n}" for t, n in sorted(rows.items())))
    print(f"target: under 180 s and 2048 MiB -> "
          f"{'met' if wall < 180 and memory < 2048 else 'NOT met'}")


if __name__ == "__main__":
    main()
