"""Import benchmark: a loss run of N rows (default 1,000,000) from CSV into SQLite or PostgreSQL.

    .venv/bin/python bench/import_bench.py [--rows 1000000] [--backend sqlite|postgres]

Writes an employers file (one account per 50 claims) and a loss-run CSV (claims valued on two
to four year-ends), imports the employers, then times the import of the loss run: every row is
parsed, validated, checked against the accounts and classes, written and audited in one
transaction. Targets (issue 4): under 2 minutes and under 2 GB for 1,000,000 rows.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_databases import fresh_database, peak_rss_mb

from retrodesk.adapters.db.uow import sql_uow_factory
from retrodesk.adapters.files.layouts import LAYOUTS
from retrodesk.adapters.files.records import FileRecords
from retrodesk.programs.imports import ImportRecords, import_records
from retrodesk.programs.records import RecordKind

CLASSES = ("0510-00", "4904-00", "6504-00", "5201-00", "0601-00", "6406-00", "1101-00")
TYPES = ("medical_only",) * 6 + ("time_loss", "time_loss", "kept_on_salary", "ppd")


def write_files(folder: Path, rows: int) -> tuple[Path, Path]:
    rnd = random.Random(42)
    accounts = max(1, rows // 125)
    employers, loss_run = folder / "employers.csv", folder / "loss_run.csv"
    with employers.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(LAYOUTS[RecordKind.EMPLOYERS].names)
        for index in range(accounts):
            out.writerow([f"{600_000_001 + index}", f"Employer {index}", rnd.choice(CLASSES),
                          "2010-01-01", "true", "", "2024-01-01", ""])
    with loss_run.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(LAYOUTS[RecordKind.CLAIMS].names)
        written, claim = 0, 0
        while written < rows:
            claim += 1
            year = rnd.randint(2019, 2023)
            injury = f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
            facts = [f"L{claim:09d}", f"{600_000_001 + rnd.randrange(accounts)}",
                     rnd.choice(CLASSES), "injury", injury, injury, "", "false", "false",
                     "42", "10", "71"]
            kind = rnd.choice(TYPES)
            for valued in range(year, min(year + rnd.randint(2, 4), 2025)):
                paid = rnd.randint(100, 90_000)
                out.writerow([*facts, f"{valued}-12-31", kind, "open", f"{paid * 0.6:.2f}",
                              f"{paid * 0.3:.2f}", f"{paid * 0.4:.2f}", f"{paid * 0.2:.2f}"])
                written += 1
                if written == rows:
                    break
    return employers, loss_run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name, fresh_database(args.backend, Path(name)) as engine:
        folder = Path(name)
        employers, loss_run = write_files(folder, args.rows)
        factory = sql_uow_factory(engine, actor="bench")
        files = FileRecords()
        import_records(ImportRecords(kind=RecordKind.EMPLOYERS, path=employers),
                       uow=factory(), files=files)
        before = peak_rss_mb()
        started, cpu = time.perf_counter(), time.process_time()
        summary = import_records(ImportRecords(kind=RecordKind.CLAIMS, path=loss_run),
                                 uow=factory(), files=files)
        wall, used = time.perf_counter() - started, time.process_time() - cpu
    print(f"import {summary.rows_read} loss-run rows into {args.backend}: wall {wall:.1f} s, "
          f"cpu {used:.1f} s, peak RSS {peak_rss_mb():.0f} MiB (before import {before:.0f} MiB), "
          f"nproc {os.cpu_count()}")
    print("inserted: " + ", ".join(f"{t} {n}" for t, n in sorted(summary.inserted.items())))
    print(f"target: under 120 s and 2048 MiB -> "
          f"{'met' if wall < 120 and peak_rss_mb() < 2048 else 'NOT met'}")


if __name__ == "__main__":
    main()
