"""Peak memory of an offline pre-label job as the input grows: 100k and 1M rows, CSV and JSONL.

Run: .venv/bin/python -m benchmarks.bench_memory            (100k and 1M rows; ~10 minutes on 2 cores)
     .venv/bin/python -m benchmarks.bench_memory 20000 100000   (other sizes)

For each size and format: a file of short Chinese and English customer messages (ids in an "id"
column, every 10th row without one so ids are generated too) is written to a temporary directory;
`run_job` (the offline engine, JSONL output) runs in a fresh child process; the parent prints the
child's peak RSS (resource.getrusage(RUSAGE_CHILDREN).ru_maxrss, read after each child, which is
the largest child so far -- so the sizes run smallest first) and the wall time, and checks that the
output has one record per row.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULEBOOK = ROOT / "tests" / "data" / "rulebook_complaints_zh.json"
TEXTS = [
    "退款七天了没人处理，我要打12315投诉你们",
    "物流怎么还没到，都五天了",
    "请问这件外套有M码吗",
    "谢谢客服，问题解决了，给你好评",
    "The parcel is a week late and nobody answers my emails",
    "Thanks, the replacement arrived and works fine",
]
CHILD = """
import sys, time
from assistant.prelabel.job import run_job
started = time.perf_counter()
summary = run_job(sys.argv[1], sys.argv[2], sys.argv[3], engine="offline", cache=False, progress=False)
print(summary.total, summary.counts.get("labeled", 0), summary.counts.get("abstain", 0), summary.counts.get("error", 0), f"{time.perf_counter() - started:.1f}")
"""


def rows(n: int):
    for i in range(n):
        text = f"{TEXTS[i % len(TEXTS)]} #{i}"
        yield ("" if i % 10 == 9 else f"item-{i}"), text


def write_file(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        if path.suffix == ".csv":
            writer = csv.writer(handle)
            writer.writerow(["id", "text"])
            writer.writerows(rows(n))
        else:
            for item_id, text in rows(n):
                handle.write(json.dumps({"id": item_id, "text": text}, ensure_ascii=False) + "\n")


def child(command: list[str], env: dict[str, str], workdir: Path) -> tuple[float, float, str]:
    """Run a child process; its own peak RSS in MB (os.wait4's rusage of that child), wall seconds, stdout."""
    log, err = workdir / "child.out", workdir / "child.err"
    started = time.perf_counter()
    with log.open("w") as stdout, err.open("w") as stderr:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if process.returncode:
        print(err.read_text()[-2000:], file=sys.stderr)
        raise SystemExit(f"the child failed: {command[-3:]}")
    return usage.ru_maxrss / 1024, wall, log.read_text()  # ru_maxrss is in kB on Linux


def run(n: int, fmt: str, workdir: Path) -> None:
    source = workdir / f"items_{n}.{fmt}"
    write_file(source, n)
    out = workdir / f"out_{n}_{fmt}.jsonl"
    env = {**os.environ, "RULEBOOK_DATA_DIR": str(workdir / "data"), "OPENAI_API_KEY": "", "OPENAI_BASE_URL": ""}
    peak_mb, wall, stdout = child([sys.executable, "-c", CHILD, str(RULEBOOK), str(source), str(out)], env, workdir)
    total, labeled, abstain, error, job_s = stdout.split()
    with out.open("rb") as handle:
        lines = sum(1 for _ in handle)
    assert lines == n == int(total), (lines, n, total)
    print(
        f"{n:>9,} rows {fmt:<5}  peak RSS {peak_mb:7.1f} MB  wall {wall:6.1f} s (job {job_s} s)  "
        f"input {source.stat().st_size / 2**20:6.1f} MB  output {out.stat().st_size / 2**20:7.1f} MB  "
        f"labeled {labeled} abstain {abstain} error {error}"
    )
    source.unlink()
    out.unlink()


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [100_000, 1_000_000]
    with tempfile.TemporaryDirectory(prefix="bench_memory_") as tmp:
        workdir = Path(tmp)
        env = {**os.environ, "RULEBOOK_DATA_DIR": str(workdir / "data")}
        baseline, _, _ = child([sys.executable, "-c", "import assistant.prelabel.job, numpy"], env, workdir)
        print(f"baseline (python + the job's imports) peak RSS {baseline:.1f} MB")
        for n in sorted(sizes):
            for fmt in ("csv", "jsonl"):
                run(n, fmt, workdir)


if __name__ == "__main__":
    main()
