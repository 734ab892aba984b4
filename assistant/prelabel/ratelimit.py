"""Client-side rate limit (requests per minute) for the LLM engine."""

from __future__ import annotations

import asyncio
import time
from typing import Any, Callable

from assistant.core.errors import InputError


# =============================================================================================
# Rate limit
# =============================================================================================
class TokenBucket:
    """At most `rpm` requests per minute, spread evenly (burst of `burst`).

    `clock` and `sleep` are injectable so the spacing can be checked without waiting.
    """

    def __init__(
        self,
        rpm: float,
        *,
        burst: int = 1,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Any] = asyncio.sleep,
    ) -> None:
        if rpm <= 0:
            raise InputError(f"rpm must be positive, got {rpm}")
        self.rate = rpm / 60.0
        self.capacity = float(max(1, burst))
        self.tokens = self.capacity
        self.clock, self.sleep = clock, sleep
        self.updated = clock()
        self._lock: asyncio.Lock | None = None

    async def acquire(self) -> None:
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:  # waiters are served in order
            while True:
                now = self.clock()
                self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
                self.updated = now
                if self.tokens >= 1:
                    self.tokens -= 1
                    return
                await self.sleep((1 - self.tokens) / self.rate)
