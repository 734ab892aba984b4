"""Evaluation and extraction speed: bootstrap CIs on 10,000 items, extractors on hostile input.

Run: .venv/bin/python -m benchmarks.bench_evaluation
"""

from __future__ import annotations

import random
import time
from datetime import date


def main() -> None:
    from assistant.breakdown.extract import extract_facts
    from evaluation.bootstrap import fast_bootstrap
    from evaluation.metrics import cohen_kappa, gwet_ac1, krippendorff_alpha, percent_agreement

    rng = random.Random(1)
    labels = ["a", "b", "c", "d"]
    rows = []
    for _ in range(10_000):
        first = rng.choice(labels)
        second = first if rng.random() < 0.8 else rng.choice(labels)
        rows.append([first, second if rng.random() > 0.05 else None])
    a = [row[0] for row in rows]
    b = [row[1] for row in rows]
    points = {
        "percent": percent_agreement(a, b),
        "cohen": cohen_kappa(a, b),
        "ac1": gwet_ac1(rows),
        "alpha_nominal": krippendorff_alpha(rows),
    }
    start = time.perf_counter()
    for kind, point in points.items():
        fast_bootstrap(point, kind, rows, labels, n=1000)
    print(f"bootstrap  1,000 resamples x 4 metrics on 10,000 items: {time.perf_counter() - start:.2f} s")

    text = "1" * 3000 + "ten " * 1500 + "一" * 3000 + "3万5千条 " * 300 + "by " * 1000
    start = time.perf_counter()
    extract_facts(text, date(2026, 11, 27))
    print(f"extract    hostile 18,000-character request: {time.perf_counter() - start:.2f} s")
    request = "老板说要做电商评论的情感分析，大概5万条，12月15日前交付，预算3万元左右，每条最好不超过30秒。"
    start = time.perf_counter()
    for _ in range(1000):
        extract_facts(request, date(2026, 11, 27))
    print(f"extract    1,000 typical requests: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
