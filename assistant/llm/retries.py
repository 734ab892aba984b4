"""Retries of transient failures (429, 5xx, timeouts, broken responses): the seam's only retry
layer (the openai client's own retries are switched off so they do not multiply)."""

from __future__ import annotations

import asyncio
import random
import time
from typing import Any, Awaitable, Callable

from assistant.core.errors import ConfigurationError, LLMError
from assistant.llm.answers import Messages
from assistant.llm.failures import _BoundTooLarge, _classify, _TokenFieldRefused, _Transient
from assistant.llm.transport import _DirectChatCall
from assistant.llm.usage import DEFAULT_ANSWER_TOKENS


class TransportRetries:
    """The retrying part of `ChatLLM` (a mixin: its state lives in ChatLLM's fields)."""

    model: str
    host: str
    max_retries: int
    backoff: float
    token_field: str
    sleep: Callable[[float], None]
    async_sleep: Callable[[float], Awaitable[None]] | None

    def _retry_or_raise(self, error: Exception, retry: int, *, method: str | None, step: str) -> float:
        """After a failed request: the seconds to wait before retrying, or raise the typed error."""
        kind = error if isinstance(error, _Transient) else _classify(error, method=method, model=self.model, host=self.host, step=step)
        if isinstance(kind, _Transient):
            if retry == self.max_retries:
                raise LLMError(
                    f"step '{step}': the LLM at {self.host} kept failing after {self.max_retries + 1} tries: {kind}",
                    step=step,
                ) from error
            return self._retry_delay(error, retry)
        if kind is error:
            raise LLMError(f"step '{step}': LLM call failed: {error}", step=step) from error
        raise kind from error

    @staticmethod
    def _is_timeout(error: BaseException) -> bool:
        try:
            import openai
        except ImportError:  # pragma: no cover
            return False
        return isinstance(error, (openai.APITimeoutError, TimeoutError, asyncio.TimeoutError))

    def _after_failure(
        self, error: Exception, messages: Messages, bound: int, timeouts: int, retry: int, *, method: str | None, step: str
    ) -> tuple[int, int, float | None]:
        """What a failed attempt leads to, shared by `_invoke` and `_ainvoke`: the answer bound and
        timeout count for the next attempt, and the seconds to wait first (None: try again at once,
        with another token field or a smaller bound). Raises when the failure is not worth retrying."""
        if self._is_timeout(error):
            timeouts += 1
            self._abandoned(messages, bound)
        kind = _classify(error, method=method, model=self.model, host=self.host, step=step)
        if isinstance(kind, _TokenFieldRefused):
            self._switch_token_field()
            return bound, timeouts, None
        if isinstance(kind, _BoundTooLarge) and kind.room < bound:
            return kind.room, timeouts, None
        return bound, timeouts, self._retry_or_raise(error, retry, method=method, step=step)

    def _invoke(self, runnable: Any, messages: Messages, *, method: str | None, step: str, bound: int = DEFAULT_ANSWER_TOKENS) -> Any:
        """Invoke with bounded retries of transient failures."""
        timeouts = 0
        for retry in range(self.max_retries + 1):
            try:
                started = time.monotonic()
                if isinstance(runnable, _DirectChatCall):
                    result = runnable.invoke(messages, bound=bound, timeout=self._timeout_for(timeouts, bound))
                else:
                    result = runnable.invoke(messages)
                return self._answered(result, started)
            except (ConfigurationError, LLMError):
                raise
            except Exception as error:  # noqa: BLE001 - classified by _after_failure
                bound, timeouts, delay = self._after_failure(error, messages, bound, timeouts, retry, method=method, step=step)
                if delay is not None:
                    self.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def _switch_token_field(self) -> None:
        self.token_field = "max_completion_tokens" if self.token_field == "max_tokens" else "max_tokens"

    def _retry_delay(self, error: BaseException, retry: int) -> float:
        """Exponential backoff with jitter; a server's Retry-After (up to 60 s) is honoured."""
        delay = self.backoff * (2**retry) * random.uniform(0.75, 1.25)
        response = getattr(error, "response", None)
        headers = getattr(response, "headers", None)
        if headers is not None:
            try:
                delay = max(delay, min(float(headers.get("retry-after") or 0), 60.0))
            except (TypeError, ValueError):
                pass
        return delay

    async def _ainvoke(
        self,
        runnable: Any,
        messages: Messages,
        *,
        method: str | None,
        step: str,
        before_request: Callable[[], Awaitable[None]] | None = None,
        bound: int = DEFAULT_ANSWER_TOKENS,
    ) -> Any:
        """Await with bounded retries of transient failures (the async twin of `_invoke`)."""
        sleep = self.async_sleep or asyncio.sleep
        timeouts = 0
        for retry in range(self.max_retries + 1):
            if before_request is not None:
                await before_request()
            try:
                started = time.monotonic()
                if isinstance(runnable, _DirectChatCall):
                    result = await runnable.ainvoke(messages, bound=bound, timeout=self._timeout_for(timeouts, bound))
                else:
                    result = await runnable.ainvoke(messages)
                return self._answered(result, started)
            except (ConfigurationError, LLMError):
                raise
            except Exception as error:  # noqa: BLE001 - classified by _after_failure
                bound, timeouts, delay = self._after_failure(error, messages, bound, timeouts, retry, method=method, step=step)
                if delay is not None:
                    await sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover
