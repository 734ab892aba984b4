"""Safety figures (issue 14): costs that must stay linear or bounded.

Run: .venv/bin/python -m benchmarks.bench_safety
Targets (2-core machine): a CSV with 160,000 columns and one duplicate name is refused in < 2 s
(it took 26 s while the duplicate check was quadratic); 8 parallel `rulebook answer` processes on
one project all land, each in < 10 s.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def wide_csv_check(columns: int = 160_000) -> float:
    from assistant.integrations.datafiles import read_records
    from assistant.core.errors import InputError

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "wide.csv"
        names = ["text", *(f"c{i}" for i in range(columns - 2)), "c5"]
        path.write_text(",".join(names) + "\n" + ",".join(["x"] * columns) + "\n", encoding="utf-8")
        started = time.perf_counter()
        try:
            read_records(path)
        except InputError:
            pass
        return time.perf_counter() - started


def parallel_answers(processes: int = 8) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "RULEBOOK_DATA_DIR": str(Path(tmp) / "data")}
        rulebook = str(Path(sys.executable).with_name("rulebook"))
        made = subprocess.run([rulebook, "breakdown", "我们想让客服机器人更懂用户的投诉"], env=env, capture_output=True, text=True)
        project = made.stderr.split("saved as project ")[1].split(",")[0]
        fields = ["who.requester", "who.annotator_profile", "who.reviewers", "who.end_users", "where.data_source",
                  "where.channel", "where.domain", "how.qa_plan", "why.business_goal", "why.success_measure"][:processes]
        started = time.perf_counter()
        procs = [subprocess.Popen([rulebook, "answer", project, "--set", f"{field}=x"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for field in fields]
        failures = sum(proc.wait() != 0 for proc in procs)
        return time.perf_counter() - started, failures


if __name__ == "__main__":
    print(f"duplicate-header check, 160,000 columns: {wide_csv_check():.2f} s")
    seconds, failures = parallel_answers()
    print(f"8 parallel `rulebook answer` on one project: {seconds:.1f} s wall, {failures} failed")
