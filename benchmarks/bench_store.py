"""Shared-store figures: versioned writes by several processes at once, on SQLite and on PostgreSQL.

Run: .venv/bin/python -m benchmarks.bench_store [--processes 4] [--writes 50]
PostgreSQL is measured when RULEBOOK_TEST_DATABASE_URL is set (`source .ci/servers.sh` starts one).
Prints, per database: store open time (first open with migrations, then a reopen), and for N
processes each adding W versions of one project's artifact at once: total writes per second,
and whether the versions came out as 1..N*W with none lost or doubled.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import secrets
import tempfile
import time
from pathlib import Path

from sqlalchemy import text


def _writer(url: str, project_id: str, writes: int, start: "multiprocessing.synchronize.Event") -> None:
    from assistant.core.store import Store

    store = Store(url)
    start.wait()
    for number in range(writes):
        store.add_artifact(project_id, "breakdown", {"version": 0, "by": os.getpid(), "n": number})


def measure(name: str, url: str, processes: int, writes: int) -> None:
    from assistant.core.store import Store

    began = time.perf_counter()
    store = Store(url)
    first_open = time.perf_counter() - began
    began = time.perf_counter()
    Store(url)
    reopen = time.perf_counter() - began
    project = store.create_project("bench", "并发写入 concurrent writes")
    start = multiprocessing.Event()
    workers = [multiprocessing.Process(target=_writer, args=(url, project.id, writes, start)) for _ in range(processes)]
    for worker in workers:
        worker.start()
    time.sleep(2.0)  # let every process import and open the store
    began = time.perf_counter()
    start.set()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - began
    versions = [row.version for row in store.artifacts(project.id, "breakdown")]
    total = processes * writes
    ok = versions == list(range(1, total + 1)) and all(worker.exitcode == 0 for worker in workers)
    print(
        f"{name:<11} open {first_open * 1000:6.0f} ms (reopen {reopen * 1000:4.0f} ms)   "
        f"{processes} processes x {writes} versioned writes: {total / elapsed:6.0f} writes/s   "
        f"versions 1..{total} {'intact' if ok else 'BROKEN: ' + str(versions[:10])}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--writes", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        measure("SQLite", f"sqlite:///{Path(folder) / 'bench.db'}", args.processes, args.writes)
    base = os.environ.get("RULEBOOK_TEST_DATABASE_URL")
    if not base:
        print("PostgreSQL  not measured: set RULEBOOK_TEST_DATABASE_URL (`source .ci/servers.sh`)")
        return
    from assistant.core.db import open_engine

    schema = f"bench_{secrets.token_hex(4)}"
    admin = open_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"  # a schema of its own
        measure("PostgreSQL", url, args.processes, args.writes)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


if __name__ == "__main__":
    main()
