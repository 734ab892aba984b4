"""Foundation figures: CLI start-up, embedding speed, knowledge-base search latency.

Run: .venv/bin/python -m benchmarks.bench_foundation
Targets (2-core machine): `rulebook --help` and `rulebook doctor` < 1.5 s; embedding 10,000
short texts < 5 s; search p50 <= 20 ms with 10,000 indexed documents.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RULEBOOK = str(Path(sys.executable).with_name("rulebook"))

ZH_WORDS = "用户 投诉 物流 退款 客服 情绪 愤怒 商品 质量 快递 延迟 态度 售后 咨询 订单 地址 优惠 价格 包装 破损".split()
EN_WORDS = "customer complaint refund delivery late search product relevance query shoe phone app review crash login price quality support agent order".split()


def synthetic_texts(count: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for i in range(count):
        words = ZH_WORDS if i % 2 else EN_WORDS
        joiner = "" if i % 2 else " "
        texts.append(joiner.join(rng.choice(words) for _ in range(rng.randint(6, 16))) + f" #{i}")
    return texts


def time_command(args: list[str], env: dict[str, str], runs: int = 5) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([RULEBOOK, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    from assistant.llm.embeddings import HashingEmbedder
    from assistant.core.settings import Settings
    from knowledge.base import KnowledgeBase

    workdir = Path(tempfile.mkdtemp(prefix="rulebook-bench-"))
    env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL")}
    env["RULEBOOK_DATA_DIR"] = str(workdir / "data")
    try:
        help_s = time_command(["--help"], env)
        doctor_s = time_command(["doctor"], env)
        print(f"startup  rulebook --help   median {help_s:.2f} s   (target < 1.5 s)")
        print(f"startup  rulebook doctor   median {doctor_s:.2f} s   (target < 1.5 s)")

        texts = synthetic_texts(10_000)
        embedder = HashingEmbedder(1024)
        embedder.embed(texts[:10])
        start = time.perf_counter()
        embedder.embed(texts)
        embed_s = time.perf_counter() - start
        print(f"embed    10,000 short texts  {embed_s:.2f} s   (target < 5 s)")

        settings = Settings(_env_file=None, data_dir=workdir / "data", openai_api_key=None, openai_base_url=None)
        kb = KnowledgeBase(settings, embedder=embedder)
        metadata = [
            {"kind": ("project", "rule", "example")[i % 3], "project": f"p{i % 50}", "project_name": f"P{i % 50}",
             "task_type": ("sentiment", "ner", "search_relevance")[i % 3], "language": "zh" if i % 2 else "en",
             "label": "", "polarity": ""}
            for i in range(len(texts))
        ]
        start = time.perf_counter()
        for offset in range(0, len(texts), 2000):
            kb.add_raw([f"d{i}" for i in range(offset, offset + 2000)], texts[offset : offset + 2000], metadata[offset : offset + 2000])
        index_s = time.perf_counter() - start
        print(f"index    10,000 documents into Chroma  {index_s:.2f} s")

        queries = synthetic_texts(200, seed=1)
        for query in queries[:10]:
            kb.search(query, 5)
        latencies = []
        for query in queries:
            start = time.perf_counter()
            kb.search(query, 5)
            latencies.append((time.perf_counter() - start) * 1000)
        filtered = []
        for query in queries[:100]:
            start = time.perf_counter()
            kb.search(query, 5, task_type="sentiment", kind="example")
            filtered.append((time.perf_counter() - start) * 1000)
        print(f"search   p50 {statistics.median(latencies):.1f} ms  p95 {statistics.quantiles(latencies, n=20)[18]:.1f} ms   (target p50 <= 20 ms)")
        print(f"search   with filters p50 {statistics.median(filtered):.1f} ms")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
