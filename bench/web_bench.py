"""Web benchmark on the demo book: page times, and a retro-calculation load test.

    python bench/web_bench.py [--database-url URL] [--employers N] [--seconds 60] [--clients 16]

Builds (or reuses) the demo database, serves it with `retrodesk serve` on 127.0.0.1, then
1. times the group page, the employer page and the worklist (median and p95, target p95 < 150 ms);
2. runs `--clients` concurrent clients posting retro calculations for `--seconds` seconds
   (throughput, median, p95 and errors; target p95 < 25 ms, zero errors).
Only 127.0.0.1 is contacted; the load is bounded by the clients and the duration.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import httpx
from sqlalchemy import select

from retrodesk.adapters.db.tables import EmployerRecord, GroupRecord
from retrodesk.entrypoints.bootstrap import build_services
from retrodesk.entrypoints.cli.demo import DEFAULT_SEED, prepare_demo
from retrodesk.entrypoints.credentials import hash_token, new_token
from retrodesk.entrypoints.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
CASE = json.loads((ROOT / "src/retrodesk/entrypoints/web/static/examples/retro.json").read_text())
RESULTS = ROOT / "bench" / "results"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def describe(name: str, millis: list[float]) -> dict[str, object]:
    row = {"name": name, "count": len(millis), "median_ms": round(statistics.median(millis), 1),
           "p95_ms": round(percentile(millis, 0.95), 1), "max_ms": round(max(millis), 1)}
    print(f"{name:<22} n={row['count']:<5} median {row['median_ms']:>7} ms   "
          f"p95 {row['p95_ms']:>7} ms   max {row['max_ms']:>7} ms")
    return row


def prepare(url: str, employers: int) -> tuple[str, str, list[str], list[str]]:
    """The coordinator's password, an API token, and the ids of groups and employers to visit."""
    settings = Settings(database_url=url)
    logins = prepare_demo(settings, employers=employers, seed=DEFAULT_SEED)
    password = next(login.password for login in logins if login.username == "demo-coordinator")
    services = build_services(settings)
    token = new_token()
    with services.uow("bench") as uow:
        user = uow.users.by_username("demo-district-staff")
        assert user is not None
        uow.users.update(replace(user, api_token_hash=hash_token(token)))
        uow.commit()
    with services.session_factory() as db:
        groups = list(db.scalars(select(GroupRecord.group_id)))
        accounts = list(db.scalars(select(EmployerRecord.account_id)))
    services.engine.dispose()
    return password, token, groups, accounts


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "RETRODESK_DATABASE_URL": url}
    command = [str(Path(sys.executable).with_name("retrodesk")), "serve", "--port", str(port),
               "--workers", str(workers)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/login", timeout=1)
            return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the server did not start")


def signed_in(base: str, password: str) -> httpx.Client:
    # The session cookie is Secure; over plain http to 127.0.0.1 it is passed along by hand.
    client = httpx.Client(base_url=base, timeout=30)
    page = client.get("/login")
    cookie = page.cookies["retrodesk_session"]
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert csrf is not None
    answer = client.post("/login", data={"username": "demo-coordinator", "password": password,
                                         "csrf_token": csrf.group(1)},
                         cookies={"retrodesk_session": cookie})
    assert answer.status_code == 303, answer.text
    client.cookies.set("retrodesk_session", answer.cookies["retrodesk_session"])
    return client


def time_pages(client: httpx.Client, paths: list[str], name: str) -> dict[str, object]:
    client.get(paths[0])  # warm up
    millis = []
    for path in paths:
        start = time.perf_counter()
        response = client.get(path)
        millis.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return describe(name, millis)


def _client(port: int, token: str, stop_at: float) -> tuple[list[float], int]:
    """One load client: post the retro example case until `stop_at` (a wall-clock time)."""
    body = json.dumps(CASE).encode("utf-8")
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    millis, bad = [], 0
    while time.time() < stop_at:
        start = time.perf_counter()
        connection.request("POST", "/api/v1/calc/retro", body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        millis.append((time.perf_counter() - start) * 1000)
        bad += response.status != 200
    connection.close()
    return millis, bad


def load(base: str, token: str, clients: int, seconds: float) -> dict[str, object]:
    """`clients` processes (one connection each, so no client waits on another's GIL) posting
    the retro example case for `seconds` seconds."""
    port = int(base.rsplit(":", 1)[1])
    context = multiprocessing.get_context("spawn")
    with context.Pool(clients) as pool:
        stop_at = time.time() + 3 + seconds   # the clients start together, after spawning
        began = time.monotonic() + 3
        outcomes = pool.starmap(_client, [(port, token, stop_at)] * clients)
    elapsed = time.monotonic() - began
    millis = [m for mine, _ in outcomes for m in mine]
    row = describe(f"retro calc x{clients}", millis)
    row.update(throughput_per_s=round(len(millis) / elapsed, 1),
               errors=sum(bad for _, bad in outcomes), seconds=round(elapsed, 1))
    print(f"{'':<22} throughput {row['throughput_per_s']} req/s, errors {row['errors']}")
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=f"sqlite:///{RESULTS / 'demo-bench.db'}")
    parser.add_argument("--employers", type=int, default=5_000)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    password, token, groups, accounts = prepare(args.database_url, args.employers)
    print(f"demo database ready in {time.monotonic() - started:.1f} s "
          f"({len(accounts)} employers, {len(groups)} groups); cores: {os.cpu_count()}")
    port = free_port()
    server = serve(args.database_url, port, args.workers)
    try:
        base = f"http://127.0.0.1:{port}"
        rng = random.Random(7)
        client = signed_in(base, password)
        rows = [
            time_pages(client, [f"/groups/{rng.choice(groups)}" for _ in range(args.pages)],
                       "group page"),
            time_pages(client, [f"/employers/{rng.choice(accounts)}" for _ in range(args.pages)],
                       "employer page"),
            time_pages(client, ["/"] * args.pages, "worklist"),
        ]
        client.close()
        rows.append(load(base, token, args.clients, args.seconds))
    finally:
        server.terminate()
        server.wait(timeout=30)
    (RESULTS / "web_bench.json").write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
