"""Retries of transient failures (429, 5xx, timeouts, connection errors, broken responses), with
tenacity: exponential backoff with jitter, a server's Retry-After honoured (up to 60 s), at most
RULEBOOK_MAX_RETRIES retries, then the seam's typed `LLMError` naming the endpoint and the last
status. This is the seam's only retry layer (the openai client's own retries are switched off so
they do not multiply); the re-asking of an invalid answer with validation feedback is a separate
loop in `assistant.llm.chat`.

The waits go through `ChatLLM.sleep` / `ChatLLM.async_sleep`, so tests replace them and never wait.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Awaitable, Callable, NoReturn

from tenacity import (
    AsyncRetrying,
    RetryCallState,
    RetryError,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential_jitter,
)

from assistant.core.errors import ConfigurationError, LLMError
from assistant.core.messages import Message
from assistant.llm.answers import Messages
from assistant.llm.failures import _BoundTooLarge, _classify, _TokenFieldRefused, _Transient
from assistant.llm.transport import _DirectChatCall
from assistant.llm.usage import DEFAULT_ANSWER_TOKENS, Usage

RETRY_AFTER_LIMIT = 60.0  # seconds: a longer Retry-After is not waited out in full


class _TryAgain(Exception):
    """A failed request worth sending again: `error` is what failed; `at_once` skips the wait (the
    next request uses another token field or a smaller answer bound)."""

    def __init__(self, error: BaseException, *, at_once: bool = False) -> None:
        super().__init__(str(error))
        self.error = error
        self.at_once = at_once


class _Request:
    """What changes between the tries of one request: its answer bound and how often it timed out."""

    def __init__(self, bound: int) -> None:
        self.bound = bound
        self.timeouts = 0


def retry_after(error: BaseException) -> float | None:
    """The seconds a server's Retry-After header asks for (capped at RETRY_AFTER_LIMIT), or None."""
    headers = getattr(getattr(error, "response", None), "headers", None)
    if headers is None:
        return None
    try:
        seconds = float(headers.get("retry-after") or 0)
    except (TypeError, ValueError):
        return None
    return min(seconds, RETRY_AFTER_LIMIT) if seconds > 0 else None


def _status(error: BaseException) -> str:
    """The last failure in a word: its HTTP status, or its kind."""
    code = getattr(error, "status_code", None)
    if code is not None:
        return f"HTTP {code}"
    if isinstance(error, (TimeoutError, asyncio.TimeoutError)) or "timeout" in type(error).__name__.lower():
        return "timed out"
    return type(error).__name__


class TransportRetries:
    """The retrying part of `ChatLLM` (a mixin: its state lives in ChatLLM's fields)."""

    model: str
    host: str
    max_retries: int
    backoff: float
    token_field: str
    sleep: Callable[[float], None]
    async_sleep: Callable[[float], Awaitable[None]] | None
    usage: Usage

    # -- the policy ----------------------------------------------------------------------------
    def _wait(self, state: RetryCallState) -> float:
        """Seconds before the next try: none after an adjusted request; else exponential backoff with
        jitter (`backoff` seconds doubled per try, plus up to half of `backoff` at random), or the
        server's Retry-After when it asks for longer."""
        failure = state.outcome.exception() if state.outcome is not None else None
        if not isinstance(failure, _TryAgain) or failure.at_once:
            return 0.0
        delay = float(wait_exponential_jitter(initial=self.backoff, max=RETRY_AFTER_LIMIT, jitter=self.backoff / 2)(state))
        asked = retry_after(failure.error)
        return max(delay, asked) if asked is not None else delay

    def _counted(self, state: RetryCallState) -> None:
        self.usage.retries += 1

    def _policy(self) -> dict[str, Any]:
        """tenacity's settings for one request (built per request: tests swap `sleep` on the fly)."""
        return {
            "retry": retry_if_exception_type(_TryAgain),
            "stop": stop_after_attempt(self.max_retries + 1),
            "wait": self._wait,
            "before_sleep": self._counted,
        }

    def _exhausted(self, exhausted: RetryError, step: str) -> NoReturn:
        """Raise the typed error after the last try, naming the endpoint and the last status."""
        failure = exhausted.last_attempt.exception()
        error = failure.error if isinstance(failure, _TryAgain) else failure
        last: str | Message = Message("error.retries.unknown") if error is None else _status(error)
        if last == "timed out":
            last = Message("error.retries.timed_out")
        raise LLMError(
            Message("error.retries.kept_failing", step=step, host=self.host, tries=self.max_retries + 1, last=last, reason=str(error)),
            step=step,
        ) from error

    # -- what a failure means ------------------------------------------------------------------
    @staticmethod
    def _is_timeout(error: BaseException) -> bool:
        try:
            import openai
        except ImportError:  # pragma: no cover
            return False
        return isinstance(error, (openai.APITimeoutError, TimeoutError, asyncio.TimeoutError))

    def _after_failure(self, error: Exception, messages: Messages, request: _Request, *, method: str | None, step: str) -> _TryAgain:
        """What a failed try leads to, shared by `_invoke` and `_ainvoke`: a `_TryAgain` (adjusting the
        request's bound or token field first), or the typed error raised when it is not worth retrying."""
        if self._is_timeout(error):
            request.timeouts += 1
            self._abandoned(messages, request.bound)  # type: ignore[attr-defined]
        kind = error if isinstance(error, _Transient) else _classify(error, method=method, model=self.model, host=self.host, step=step)
        if isinstance(kind, _TokenFieldRefused):
            self._switch_token_field()
            return _TryAgain(error, at_once=True)
        if isinstance(kind, _BoundTooLarge) and kind.room < request.bound:
            request.bound = kind.room
            return _TryAgain(error, at_once=True)
        if isinstance(kind, _Transient):
            return _TryAgain(error)
        if isinstance(kind, _BoundTooLarge) or kind is error:
            raise LLMError(Message("error.retries.failed", step=step, reason=str(error)), step=step) from error
        raise kind from error

    def _switch_token_field(self) -> None:
        self.token_field = "max_completion_tokens" if self.token_field == "max_tokens" else "max_tokens"

    # -- the requests --------------------------------------------------------------------------
    def _invoke(self, runnable: Any, messages: Messages, *, method: str | None, step: str, bound: int = DEFAULT_ANSWER_TOKENS) -> Any:
        """Invoke with bounded retries of transient failures."""
        request = _Request(bound)
        retrying = Retrying(sleep=lambda seconds: self.sleep(seconds) if seconds > 0 else None, **self._policy())
        try:
            for attempt in retrying:
                with attempt:
                    started = time.monotonic()
                    try:
                        if isinstance(runnable, _DirectChatCall):
                            timeout = self._timeout_for(request.timeouts, request.bound)  # type: ignore[attr-defined]
                            result = runnable.invoke(messages, bound=request.bound, timeout=timeout)
                        else:
                            result = runnable.invoke(messages)
                    except (ConfigurationError, LLMError):
                        raise
                    except Exception as error:  # noqa: BLE001 - classified by _after_failure
                        raise self._after_failure(error, messages, request, method=method, step=step) from error
                    return self._answered(result, started)  # type: ignore[attr-defined]
        except RetryError as exhausted:
            self._exhausted(exhausted, step)
        raise AssertionError("unreachable")  # pragma: no cover

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
        """Await with bounded retries of transient failures (the async twin of `_invoke`);
        `before_request` is awaited before every HTTP request, retries included."""
        sleep = self.async_sleep or asyncio.sleep

        async def wait(seconds: float) -> None:
            if seconds > 0:
                await sleep(seconds)

        request = _Request(bound)
        try:
            async for attempt in AsyncRetrying(sleep=wait, **self._policy()):
                with attempt:
                    if before_request is not None:
                        await before_request()
                    started = time.monotonic()
                    try:
                        if isinstance(runnable, _DirectChatCall):
                            timeout = self._timeout_for(request.timeouts, request.bound)  # type: ignore[attr-defined]
                            result = await runnable.ainvoke(messages, bound=request.bound, timeout=timeout)
                        else:
                            result = await runnable.ainvoke(messages)
                    except (ConfigurationError, LLMError):
                        raise
                    except Exception as error:  # noqa: BLE001 - classified by _after_failure
                        raise self._after_failure(error, messages, request, method=method, step=step) from error
                    return self._answered(result, started)  # type: ignore[attr-defined]
        except RetryError as exhausted:
            self._exhausted(exhausted, step)
        raise AssertionError("unreachable")  # pragma: no cover
