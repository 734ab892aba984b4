"""Client-side rate limit (requests per minute) for the LLM engine: aiolimiter's leaky bucket."""

from __future__ import annotations

from aiolimiter import AsyncLimiter

from assistant.core.errors import InputError
from assistant.core.messages import Message


# =============================================================================================
# Rate limit
# =============================================================================================
class RequestRate:
    """At most `rpm` requests per minute, spread evenly: one request every 60/rpm seconds (no burst).

    A thin wrapper of `aiolimiter.AsyncLimiter(1, 60 / rpm)`, a bucket holding one request. Waiters
    are served in order. Bound to the event loop it is first used on (the engine makes one per run).
    """

    def __init__(self, rpm: float) -> None:
        if rpm <= 0:
            raise InputError(Message("error.ratelimit.rpm_not_positive", rpm=str(rpm)))
        self.rpm = rpm
        self._limiter = AsyncLimiter(1, 60.0 / rpm)

    async def acquire(self) -> None:
        await self._limiter.acquire()
