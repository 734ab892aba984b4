"""Answer bounds, request timeouts and usage accounting: requests and tokens, including what a
server generates for requests nobody read to the end."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Callable

from assistant.llm.answers import Messages
from assistant.llm.transport import _is_openai, _RawMessage

# The most tokens each step's answer may take. Sent with every request (servers without a bound
# run to the end of the context: minutes per answer on a small local model). A step not listed gets
# DEFAULT_ANSWER_TOKENS; RULEBOOK_MAX_ANSWER_TOKENS replaces them all; pre-labeling computes its
# bound from the batch size.
STEP_ANSWER_TOKENS = {
    "ping": 5,
    "breakdown": 3000,
    "answer": 3000,
    "rulebook": 6000,
    "revise": 6000,
    "rule suggestions": 1500,
    "quiz_feedback": 800,
    "chat reply": 800,
}
DEFAULT_ANSWER_TOKENS = 2000
COLD_START_FACTOR = 5.0  # the first request to a server may wait this many request timeouts


@dataclass
class Usage:
    """Requests and tokens, including what a server generates for requests nobody read to the end.

    Answered requests count the server's figures (estimated with the token counter when it sends
    none, e.g. streamed answers); abandoned requests (timeouts) count an estimate of the prompt and
    the answer bound, because the server may finish (and a paid API bill) them anyway.
    `estimated_tokens` is the part of the totals that is an estimate.
    """

    prompt_tokens: int = 0
    completion_tokens: int = 0
    requests: int = 0
    abandoned: int = 0
    estimated_tokens: int = 0
    retries: int = 0  # requests sent again after a transient failure (assistant.llm.retries)

    def add(self, other: "Usage") -> None:
        for name in ("prompt_tokens", "completion_tokens", "requests", "abandoned", "estimated_tokens", "retries"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


class Accounting:
    """The bounds, timeouts and bookkeeping part of `ChatLLM` (a mixin: its state lives in ChatLLM's fields)."""

    chat: Any
    usage: Usage
    timeout: float
    answer_tokens: int | None
    count_tokens: Callable[[str], int] | None
    _warm: bool
    _rate: float | None

    def bound(self, step: str, max_tokens: int | None = None) -> int:
        """The answer-token bound of a request of `step`."""
        if step == "ping":
            return STEP_ANSWER_TOKENS["ping"]
        if self.answer_tokens:
            return self.answer_tokens
        return max_tokens or STEP_ANSWER_TOKENS.get(step, DEFAULT_ANSWER_TOKENS)

    def _timeout_for(self, timeouts: int, bound: int = DEFAULT_ANSWER_TOKENS) -> float:
        """Seconds to wait for one request.

        The configured timeout, but never less than twice the time the server has shown it needs
        for an answer of this bound (its measured tokens per second: a small local model on a busy
        CPU can take minutes, and a request given up on keeps a one-at-a-time server busy while the
        retry queues behind it). A cold server (no answer yet) gets COLD_START_FACTOR times the
        timeout; each timeout of the same request doubles it.
        """
        base = self.timeout
        if self._rate:
            base = max(base, 2.0 * bound / self._rate)
        elif not self._warm:
            base *= COLD_START_FACTOR
        return base * (2**timeouts)

    def _measured(self, result: Any, seconds: float) -> None:
        """Update the server's measured speed (answer tokens per second, all time included)."""
        usage = getattr(result, "usage_metadata", None) or {}
        tokens = int(usage.get("output_tokens") or 0)
        if tokens < 8 or seconds <= 0:
            return
        rate = tokens / seconds
        self._rate = rate if self._rate is None else 0.7 * self._rate + 0.3 * rate

    def _tokens(self, text: str) -> int:
        if self.count_tokens is not None:
            try:
                return int(self.count_tokens(text))
            except Exception:  # noqa: BLE001 - an estimate must not fail a request
                pass
        return max(1, len(text) // 4)

    def _prompt_estimate(self, messages: Messages) -> int:
        return sum(4 + self._tokens(content) for _, content in messages) + 3

    def _abandoned(self, messages: Messages, bound: int) -> None:
        """A request given up on (timeout, dropped connection): the server may still bill it in full."""
        self.usage.requests += 1
        self.usage.abandoned += 1
        prompt = self._prompt_estimate(messages)
        self.usage.prompt_tokens += prompt
        self.usage.completion_tokens += bound
        self.usage.estimated_tokens += prompt + bound

    def _answered(self, result: Any, started: float) -> Any:
        """Book an answered request (count, warm server, measured speed) and pass its result on."""
        self.usage.requests += 1
        self._warm = True
        self._measured(result, time.monotonic() - started)
        return result

    def _record_usage(self, message: Any, messages: Messages, raw: str) -> tuple[int, int]:
        """Tokens of an answered request: the server's figures, or an estimate when it sent none."""
        usage = getattr(message, "usage_metadata", None) or {}
        prompt_tokens, completion_tokens = int(usage.get("input_tokens") or 0), int(usage.get("output_tokens") or 0)
        if not prompt_tokens and not completion_tokens and (_is_openai(self.chat) or isinstance(message, _RawMessage)):
            prompt_tokens, completion_tokens = self._prompt_estimate(messages), self._tokens(raw) if raw else 0
            self.usage.estimated_tokens += prompt_tokens + completion_tokens
        self.usage.prompt_tokens += prompt_tokens
        self.usage.completion_tokens += completion_tokens
        return prompt_tokens, completion_tokens
