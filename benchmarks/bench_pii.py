"""Personal-data masking figures: the CPU it adds per pre-labelled item (assistant.llm.pii).

Run: .venv/bin/python -m benchmarks.bench_pii
Prints milliseconds per item for 25-item requests of Chinese customer messages with order ids,
amounts and dates (ordinary numbers, the common case) and with planted personal values.
Seen on the 2-core dev machine (busy): 0.08-0.13 ms per ordinary item (1M items: about 2 CPU minutes),
under 1 ms per item that carries five personal values.
"""

from __future__ import annotations

import random
import time


def per_item(texts: list[str], batch: int = 25) -> tuple[float, int]:
    from assistant.llm.pii import Detector, Masking

    detector = Detector({"EMPLOYEE_ID": r"EMP-\d{6}"})
    requests = ["\n".join(f'<item id="m{j}">{t}</item>' for j, t in enumerate(texts[i : i + batch])) for i in range(0, len(texts), batch)]
    masked = 0
    started = time.perf_counter()
    for request in requests:
        masking = Masking(detector)
        masking.mask(request)
        masked += sum(masking.masked.values())
    return (time.perf_counter() - started) / len(texts) * 1000, masked


def main(count: int = 25_000) -> None:
    rng = random.Random(1)
    ordinary = [
        f"退款七天了没人处理，我要打12315投诉你们，订单号{rng.randint(10**9, 10**12)}，金额{rng.randint(1, 9999)}.50元，2024-11-{rng.randint(1, 28):02d}下单"
        for _ in range(count)
    ]
    planted = [
        f"客户手机+86 138-1234-{rng.randint(1000, 9999)}，邮箱 user{n}@example.cn，卡号 4111 1111 1111 1111，IP 10.0.{n % 250}.{rng.randint(1, 250)}，工号EMP-{rng.randint(100000, 999999)}"
        for n in range(count)
    ]
    for name, texts in (("ordinary numbers", ordinary), ("planted personal values", planted)):
        ms, masked = per_item(texts)
        print(f"{name:<24} {ms:.3f} ms per item ({count:,} items, {masked:,} values masked)")


if __name__ == "__main__":
    main()
