"""Pre-labeling figures: LLM throughput vs concurrency, pipeline overhead, batching, offline speed.

Run: /work/venv/bin/python -m benchmarks.bench_prelabel   (about a minute)

Against the OpenAI-compatible stub from tests.openai_server on 127.0.0.1, answering every batch by a
keyword rule (as the tests do):
- items/s at concurrency 1, 8, 32 with 0.2 s latency per request and batch size 1 (requests =
  items). Target: at least 80% of concurrency ÷ latency.
- pipeline overhead per item with a zero-latency stub (wall time and client CPU per item).
- prompt tokens per item, batch size 1 vs the default batch size (tiktoken, as `--dry-run`
  counts them). Target: at least 3× fewer with batching.
- the offline engine on 10,000 short texts. Target: at least 1,000 items/s.

Two measurement choices, so the figures are about the pipeline rather than the stub:
- The stub runs in a child process: in-process, its HTTP threads would share the client's GIL.
- The stub's handler gets TCP_NODELAY: it writes headers and body as two segments, and with
  Nagle's algorithm on, delayed ACKs add ~40 ms to every response (real servers set TCP_NODELAY).
"""

from __future__ import annotations

import html
import multiprocessing as mp
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULEBOOK = ROOT / "tests" / "data" / "rulebook_complaints_zh.json"
LATENCY = 0.2
ITEM = re.compile(r'<item id="([^"]*)">(.*?)</item>', re.S)
SHORT_TEXTS = [
    "退款七天了没人处理，我要打12315投诉你们",
    "物流怎么还没到，都五天了",
    "请问这件外套有M码吗",
    "谢谢客服，问题解决了，给你好评",
    "快递太慢了，有点失望",
    "发票怎么开",
]


def keyword_label(text: str) -> str:
    if "12315" in text or "投诉" in text:
        return "愤怒投诉"
    if "谢谢" in text or "好评" in text:
        return "正面反馈"
    if "还没" in text or "太慢" in text:
        return "一般不满"
    return "中性咨询"


def responder(body: dict):
    from tests.openai_server import Reply

    user = body["messages"][-1]["content"]
    answers = [
        {"id": html.unescape(i), "label": keyword_label(html.unescape(t)), "confidence": 0.9, "rationale": "keyword rule", "rule": "keywords"}
        for i, t in ITEM.findall(user)
    ]
    return Reply.json({"items": answers})


def _serve(latency: float, connection) -> None:
    import tests.openai_server as stub

    stub._Handler.disable_nagle_algorithm = True
    with stub.OpenAIStubServer(responder=responder, latency=latency) as server:
        connection.send(server.base_url)
        connection.recv()  # serve until told to stop


class Stub:
    """The stub server in a child process."""

    def __init__(self, latency: float) -> None:
        self.latency = latency

    def __enter__(self) -> str:
        self.parent, child = mp.Pipe()
        self.process = mp.Process(target=_serve, args=(self.latency, child), daemon=True)
        self.process.start()
        return self.parent.recv()

    def __exit__(self, *exc) -> None:
        self.parent.send("stop")
        self.process.join(timeout=10)


def texts(count: int, tag: str) -> list[str]:
    return [f"{SHORT_TEXTS[n % len(SHORT_TEXTS)]}（{tag}{n}）" for n in range(count)]


def settings_for(url: str | None, data_dir: Path):
    from assistant.core.settings import Settings

    if url is None:
        return Settings(_env_file=None, data_dir=data_dir, openai_api_key=None, openai_base_url=None)
    return Settings(_env_file=None, data_dir=data_dir, openai_base_url=url, openai_api_key="sk-bench", model="stub-model")


def run_llm(rulebook, url: str, data_dir: Path, items: list[str], concurrency: int) -> tuple[float, float, int]:
    """(wall seconds, client CPU seconds, predictions) for one run at batch size 1, no cache."""
    from assistant.prelabel.api import prelabel

    settings = settings_for(url, data_dir)
    list(prelabel(rulebook, ["warm-up"], settings=settings, cache=False, batch_size=1))
    started, cpu = time.perf_counter(), time.process_time()
    predictions = list(prelabel(rulebook, items, settings=settings, cache=False, batch_size=1, concurrency=concurrency))
    return time.perf_counter() - started, time.process_time() - cpu, len(predictions)


def main() -> int:
    from assistant.prelabel.api import plan, prelabel
    from assistant.rulebook.export import load_rulebook

    rulebook = load_rulebook(RULEBOOK)
    data_dir = Path(tempfile.mkdtemp(prefix="rulebook-bench-prelabel-")) / "data"
    results: list[tuple[str, str, bool | None]] = []
    began = time.perf_counter()

    print(f"LLM throughput: batch size 1 (requests = items), stub latency {LATENCY} s, stub in a child process")
    with Stub(LATENCY) as url:
        for concurrency, count in ((1, 25), (8, 320), (32, 1280)):
            wall, _, done = run_llm(rulebook, url, data_dir, texts(count, f"c{concurrency}-"), concurrency)
            rate, ideal = done / wall, concurrency / LATENCY
            met = rate >= 0.8 * ideal
            line = f"concurrency {concurrency:>2}: {done:>5} items in {wall:5.2f} s = {rate:6.1f} items/s ({rate / ideal:4.0%} of {ideal:.0f})"
            print("  " + line + f"  target ≥80%: {'met' if met else 'NOT met'}")
            results.append((f"throughput c={concurrency}", f"{rate:.1f} items/s ({rate / ideal:.0%} of ideal)", met))

    print("Pipeline overhead: zero-latency stub, batch size 1")
    with Stub(0.0) as url:
        for concurrency in (1, 8):
            wall, cpu, done = run_llm(rulebook, url, data_dir, texts(1000, f"z{concurrency}-"), concurrency)
            line = f"concurrency {concurrency}: {1000 * wall / done:.2f} ms/item wall, {1000 * cpu / done:.2f} ms/item client CPU ({done / wall:.0f} items/s)"
            print("  " + line)
            results.append((f"overhead c={concurrency}", f"{1000 * wall / done:.2f} ms/item", None))

    print("Prompt tokens per item (tiktoken, as --dry-run counts them), 500 short texts")
    items = texts(500, "t")
    one = plan(rulebook, items, settings=settings_for("http://127.0.0.1:9/v1", data_dir), batch_size=1, cache=False)
    batched = plan(rulebook, items, settings=settings_for("http://127.0.0.1:9/v1", data_dir), cache=False)
    ratio = one.prompt_tokens_per_item / batched.prompt_tokens_per_item
    met = ratio >= 3
    print(f"  batch size 1: {one.prompt_tokens_per_item:,.0f} tokens/item ({one.requests} requests, ${one.cost:.4f})")
    print(
        f"  default (batch size {batched.batch_size}): {batched.prompt_tokens_per_item:,.0f} tokens/item "
        f"({batched.requests} requests, ${batched.cost:.4f})"
    )
    print(f"  {ratio:.1f}× fewer prompt tokens per item  target ≥3×: {'met' if met else 'NOT met'}")
    results.append(("batching", f"{ratio:.1f}× fewer prompt tokens/item", met))

    print("Offline engine: 10,000 short texts")
    from benchmarks.bench_foundation import synthetic_texts

    corpus = synthetic_texts(10_000)
    settings = settings_for(None, data_dir)
    list(prelabel(rulebook, corpus[:10], settings=settings))
    started = time.perf_counter()
    done = sum(1 for _ in prelabel(rulebook, corpus, settings=settings))
    wall = time.perf_counter() - started
    met = done / wall >= 1000
    print(f"  {done} items in {wall:.2f} s = {done / wall:,.0f} items/s  target ≥1,000: {'met' if met else 'NOT met'}")
    results.append(("offline", f"{done / wall:,.0f} items/s", met))

    missed = [name for name, _, met in results if met is False]
    print(f"total benchmark time {time.perf_counter() - began:.0f} s")
    print("all targets met" if not missed else f"targets NOT met: {', '.join(missed)}")
    return 0 if not missed else 1


if __name__ == "__main__":
    sys.exit(main())
