"""Reading speed of the offline engine: seconds per request to break a request down and to draft its rulebook.

Run: .venv/bin/python -m benchmarks.bench_reading [--set FILE ...] [--small-cache]
Every development set (the quality benchmark's DEFAULT_SETS) is read once, in order, on one seeded workspace, as
the case tests read them. Wall and CPU seconds are printed per step; on a machine shared with other work, compare
CPU seconds. `--small-cache` puts the re module's pattern cache back to Python's default (512 patterns), to show
what assistant/breakdown/__init__.py's larger cache saves.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.bench_quality import DEFAULT_SETS, load_cases, seeded_workspace


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, action="append", help="request set (YAML); repeatable; default: every development set")
    parser.add_argument("--small-cache", action="store_true", help="use Python's default pattern cache of 512")
    args = parser.parse_args(argv)

    from assistant.breakdown.five_w2h import break_down
    from assistant.rulebook.draft import draft_rulebook

    if args.small_cache:
        setattr(re, "_MAXCACHE", 512)  # noqa: B010 - typeshed does not declare the private name
        re.purge()
    cases = [case for path in (args.set or DEFAULT_SETS) for case in load_cases(path)]
    wall = {"breakdown": 0.0, "draft": 0.0}
    cpu = {"breakdown": 0.0, "draft": 0.0}
    with tempfile.TemporaryDirectory(prefix="rulebook-reading-") as tmp:
        workspace = seeded_workspace(Path(tmp))
        past = {project.id: project for project in workspace.store.past_projects()}
        for case in cases:
            today = date.fromisoformat(str(case.get("today") or date.today().isoformat()))
            w, c = time.perf_counter(), time.process_time()
            breakdown = break_down(case["text"], workspace.kb, past, None, today=today)
            w2, c2 = time.perf_counter(), time.process_time()
            try:
                draft_rulebook(breakdown, past, workspace.kb, workspace.embedder, workspace.settings, None)
            except Exception:  # noqa: BLE001 - a failed draft still took its time; the quality benchmark counts failures
                pass
            wall["breakdown"] += w2 - w
            cpu["breakdown"] += c2 - c
            wall["draft"] += time.perf_counter() - w2
            cpu["draft"] += time.process_time() - c2
    cache = getattr(re, "_MAXCACHE", "unknown")
    print(f"requests read                  {len(cases):6d}   (pattern cache: {cache})")
    for step in ("breakdown", "draft"):
        print(f"{step:9s} per request, wall    {wall[step] / len(cases):6.3f} s   cpu {cpu[step] / len(cases):6.3f} s   (total wall {wall[step]:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
