"""Rulebook against a real model behind a real server: llama.cpp's Python server, SmolLM2-135M.

Prints:
- pre-labeling throughput (items per second) at concurrency 1 and 4;
- prompt tokens per item at batch sizes 1 and 8 (the server's own usage figures);
- per structured-output method, the share of answers that needed a repair or a re-ask
  (pre-labeling: items re-asked; breakdown: answers repaired, re-asked or failed).

Needs the server environment that `.ci/run` builds (or RULEBOOK_LLAMA_PYTHON). Run:
    .venv/bin/python -m benchmarks.bench_real_model [--items 16]
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "real_model" / "data"
sys.path.insert(0, str(ROOT))


def _items(count: int, tmp: Path) -> Path:
    rows = []
    for name in ("items_en.csv", "items_zh.csv"):
        with open(DATA / name, newline="", encoding="utf-8") as handle:
            rows += list(csv.DictReader(handle))
    picked = [{"id": f"{row['id']}-{n}", "text": row["text"]} for n, row in enumerate((rows * (count // len(rows) + 1))[:count])]
    path = tmp / f"items{count}.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "text"])
        writer.writeheader()
        writer.writerows(picked)
    return path


def _settings(base_url: str, tmp: Path, **env: str):
    from assistant.core.settings import Settings

    values = {
        "openai_base_url": base_url,
        "model": "smollm2-135m",
        "request_timeout": 600,
        "structured_attempts": 2,
        "data_dir": tmp / "data",
        **env,
    }
    return Settings(_env_file=None, **values)


def _prelabel(base_url: str, tmp: Path, items: Path, *, batch: int, concurrency: int, method: str = "auto", proxy=None):
    from assistant.prelabel.job import run_job
    from assistant.prelabel.prelabeler import Prelabeler
    from assistant.rulebook.export import load_rulebook

    book = load_rulebook(DATA / "rulebook_en.json")
    settings = _settings(base_url, tmp, structured_method=method)
    labeler = Prelabeler(book, settings=settings, batch_size=batch, concurrency=concurrency, cache=False)
    if proxy is not None:
        proxy.reset()
    started = time.perf_counter()
    summary = run_job(book, items, tmp / f"pre-{batch}-{concurrency}-{method}.jsonl", labeler=labeler)
    return summary, time.perf_counter() - started, labeler


def _breakdown(base_url: str, tmp: Path, method: str) -> str:
    """How each of two breakdown answers came out: as is, repaired, re-asked, or failed."""
    from datetime import date

    from assistant.breakdown.five_w2h import llm_draft
    from assistant.core.errors import RulebookError
    from assistant.llm.factory import get_llm

    llm = get_llm(_settings(base_url, tmp, structured_method=method, max_answer_tokens=700))
    results = []
    original = llm.structured

    def spy(*args, **kwargs):
        results.append(original(*args, **kwargs))
        return results[-1]

    llm.structured = spy  # type: ignore[method-assign]
    outcomes = []
    for request in ("We need to tag 2,000 support emails as refund, complaint or other by next Friday",
                    "我们想让客服机器人更懂用户的投诉，分成愤怒投诉、一般不满、中性咨询三类"):
        try:
            llm_draft(request, llm, [], {}, date(2026, 11, 30))
            outcomes.append("repaired" if results[-1].repairs else ("re-asked" if results[-1].attempts > 1 else "as is"))
        except RulebookError as error:
            outcomes.append(f"failed ({type(error).__name__})")
    return ", ".join(outcomes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=8, help="items per pre-labeling run")
    parser.add_argument("--breakdown", action="store_true", help="also break down two requests per structured method")
    args = parser.parse_args()
    from tests.real_model.proxy import RecordingProxy
    from tests.real_model.server import ServerUnavailable, llama_cpp_server

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        os.environ.pop("OPENAI_API_KEY", None)
        try:
            server = llama_cpp_server(tmp / "server.log")
            base = server.__enter__()
        except ServerUnavailable as error:
            sys.exit(f"bench_real_model: {error}; run .ci/run (or set RULEBOOK_LLAMA_PYTHON)")
        try:
            with RecordingProxy(base.rsplit("/v1", 1)[0]) as proxy:
                url = proxy.base_url
                items = _items(args.items, tmp)
                print(f"llama-cpp-python server, SmolLM2-135M-Instruct Q4_1, n_ctx 4096, {os.cpu_count()} CPU(s); {args.items} items")
                _prelabel(url, tmp, _items(2, tmp), batch=1, concurrency=1)  # warm-up: model pages, auto's method
                for concurrency in (1, 4):
                    summary, seconds, _ = _prelabel(url, tmp, items, batch=8, concurrency=concurrency, proxy=proxy)
                    print(f"throughput, batch 8, --concurrency {concurrency}: {summary.total / seconds:.2f} items/s "
                          f"({summary.counts}; {len(proxy.chat)} requests)", flush=True)
                for batch in (1, 8):
                    summary, seconds, _ = _prelabel(url, tmp, items, batch=batch, concurrency=1, proxy=proxy)
                    prompt, completion = proxy.usage()
                    print(f"prompt tokens per item, batch {batch}: {prompt / summary.total:.0f} "
                          f"(completion {completion / summary.total:.0f} per item; {summary.total / seconds:.2f} items/s)", flush=True)
                for method in ("json_schema", "function_calling", "json_mode"):
                    summary, seconds, labeler = _prelabel(url, tmp, items, batch=8, concurrency=1, method=method, proxy=proxy)
                    share = labeler.stats.reasked / summary.total if summary.total else 0.0
                    answers = [r for r in proxy.chat if r["status"] == 200]
                    line = (f"{method:16s} pre-label: {share:.0%} of items re-asked ({len(answers)} answers for "
                            f"{summary.total} items), {summary.counts.get('error', 0)} error records")
                    if args.breakdown:
                        line += f"; breakdown (en, zh): {_breakdown(url, tmp, method)}"
                    print(line, flush=True)
        finally:
            server.__exit__(None, None, None)


if __name__ == "__main__":
    main()
