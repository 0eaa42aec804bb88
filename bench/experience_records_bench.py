"""Experience factor from the records: time to review one employer (its case for the rating year
and the chain of prior years built from the database, then factor, minimum, claim impacts and
the year-over-year attribution), as the employer page and its API call it.

    .venv/bin/python bench/experience_records_bench.py DATABASE_URL [--year 2026] [--sample 200]

Prints the median, 95th percentile and maximum over a sample of employers (every n-th account),
and the time for the employer with the most claims.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from sqlalchemy import func, select

from retrodesk.adapters.db.engine import make_engine, make_session_factory
from retrodesk.adapters.db.tables import ClaimRecord, EmployerRecord
from retrodesk.adapters.db.uow import SqlUnitOfWork, UtcClock
from retrodesk.programs.experience import review_experience


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--sample", type=int, default=200)
    args = parser.parse_args()
    factory = make_session_factory(make_engine(args.url))
    with factory() as db:
        accounts = list(db.scalars(select(EmployerRecord.account_id)
                                   .order_by(EmployerRecord.account_id)))
        busiest = db.execute(select(ClaimRecord.account_id, func.count()).group_by(
            ClaimRecord.account_id).order_by(func.count().desc()).limit(1)).one()
    step = max(1, len(accounts) // args.sample)
    sample = accounts[::step][:args.sample]

    def review(account: str) -> float:
        started = time.perf_counter()
        with SqlUnitOfWork(factory, actor="bench", clock=UtcClock()) as uow:
            review_experience(uow, account, args.year)
        return time.perf_counter() - started

    review(sample[0])                                  # warm: rulebook and connections
    times = sorted(review(a) for a in sample)
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"cpus {os.cpu_count()}, employers {len(accounts)}, sample {len(sample)}, "
          f"rating year {args.year}")
    print(f"per employer: median {statistics.median(times) * 1000:.1f} ms, "
          f"p95 {p95 * 1000:.1f} ms, max {times[-1] * 1000:.1f} ms")
    print(f"busiest employer {busiest[0]} ({busiest[1]} claims): "
          f"{review(busiest[0]) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
