"""Worklist benchmark: the coordinator's worklist built cold (no cache) on a prepared database.

    RETRODESK_DATABASE_URL=sqlite:///demo.db python bench/worklist_bench.py [--repeat 7]

Prepare the database with `retrodesk demo --no-serve` first. Each repeat builds the worklist
from the database in a fresh unit of work (the web app keeps a built worklist until the day or
the records change; here it is not used); prints the median and the slowest build, with the
notice headers read on their own (the bulk of it).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from retrodesk.entrypoints.bootstrap import build_services
from retrodesk.entrypoints.settings import Settings
from retrodesk.programs.worklist import worklist


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    services = build_services(Settings())
    ports, today = services.program_ports("bench"), services.clock.today()
    builds, headers = [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        items = worklist(ports, today).items
        builds.append(time.perf_counter() - start)
        with ports.uow:
            start = time.perf_counter()
            notices = len(ports.uow.notices.headers())
            headers.append(time.perf_counter() - start)
    print(f"cores {os.cpu_count()}  items {len(items)}  notices {notices}")
    print(f"worklist build  median {statistics.median(builds) * 1000:.0f} ms  "
          f"max {max(builds) * 1000:.0f} ms")
    print(f"notice headers  median {statistics.median(headers) * 1000:.0f} ms")
    services.engine.dispose()


if __name__ == "__main__":
    main()
