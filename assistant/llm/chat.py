"""The one place that talks to a chat model.

Steps ask `llm.structured(prompt, variables, OutputModel, step=...)` and get a
validated pydantic object (with the raw answer kept) or a typed error. Behind
it sits any LangChain chat model: `ChatOpenAI` for an OpenAI-compatible
endpoint, or a fake model in tests.

Structured output differs between servers. `auto` tries JSON-schema output,
then the schema inside JSON mode (llama-cpp-python's grammar), then function
calling, then JSON mode with the schema described in the prompt, moving on when
the server refuses a method (HTTP 400, or any status whose message names the
refused parameter) and remembering what worked. Every request carries a bound
on the answer's length (`STEP_ANSWER_TOKENS`); an answer cut off at that bound
is reported as such, never re-asked as "invalid JSON". Whatever the method, the answer is parsed and validated here; an
invalid answer is retried with the validation error fed back, a bounded number
of times, then reported as `StructuredOutputError` naming the step.

This layer owns retries of transient failures (429, 5xx, timeouts, broken
responses), with exponential backoff; the openai client's own retries are
switched off so they do not multiply. 400/401/403/404 are configuration
errors, reported at once with the fix named; a prompt longer than the model's
context is a `ContextLengthError` saying what to shorten.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import random
import re
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, AsyncIterator, Awaitable, Callable, Generic, Iterator, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from assistant.core.errors import (
    AnswerCutOffError,
    ConfigurationError,
    ContextLengthError,
    LLMError,
    StructuredOutputError,
)

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from assistant.llm.prompts import Prompt
    from assistant.core.settings import Settings

M = TypeVar("M", bound=BaseModel)
METHODS = ("json_schema", "function_calling", "json_mode")
Messages = list[tuple[str, str]]


@dataclass
class StructuredResult(Generic[M]):
    """A validated answer and where it came from."""

    value: M
    raw: str
    method: str
    attempts: int
    model: str
    prompt_id: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    logprobs: list[dict[str, Any]] | None = None  # per-token log-probabilities of `raw`, when the endpoint sent them
    repairs: list[str] = field(default_factory=list)  # certain fixes applied to the answer (see assistant.llm.repairs)


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

    def add(self, other: "Usage") -> None:
        for name in ("prompt_tokens", "completion_tokens", "requests", "abandoned", "estimated_tokens"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


class LLM(Protocol):
    """What pipeline steps may ask of a language model."""

    model: str

    def structured(self, prompt: "Prompt", variables: dict[str, Any], output: type[M], *, step: str) -> StructuredResult[M]:
        ...

    def text(self, prompt: "Prompt", variables: dict[str, Any], *, step: str) -> str:
        ...

    def stream(self, prompt: "Prompt", variables: dict[str, Any], *, step: str) -> Iterator[str]:
        ...

    def ping(self) -> str:
        ...


# ---------------------------------------------------------------------------------------------
# Answer bounds
# ---------------------------------------------------------------------------------------------
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
FEEDBACK_EXCERPT_CHARS = 600  # of an invalid answer, fed back with the validation error
COLD_START_FACTOR = 5.0  # the first request to a server may wait this many request timeouts

# json_schema is sent in the OpenAI shape; llama-cpp-python's server refuses that shape but
# constrains the answer by a grammar when the schema travels inside `json_object`.
WAYS = (("json_schema", "openai"), ("json_schema", "json_object+schema"), ("function_calling", ""), ("json_mode", ""))


# ---------------------------------------------------------------------------------------------
# Error classification
# ---------------------------------------------------------------------------------------------
class _Transient(Exception):
    """A failure worth retrying: rate limit, server error, timeout, broken response."""


class _MethodRefused(Exception):
    """The server refused the structured-output method (by status 400, or by a message naming it)."""


class _BoundTooLarge(Exception):
    """The prompt fits the context but prompt + answer bound does not: ask again with the room left."""

    def __init__(self, room: int) -> None:
        super().__init__(f"{room} tokens of room for the answer")
        self.room = room


_CONTEXT_FIGURES = re.compile(r"maximum context length is (\d+) tokens.*?(\d+) in the messages, (\d+) in the completion", re.S)


def _context_room(error: BaseException) -> int | None:
    """OpenAI's (and llama.cpp's) "maximum context length is C tokens ... (P in the messages, A in the
    completion)": the tokens left for the answer when the messages alone fit, else None."""
    match = _CONTEXT_FIGURES.search(str(error))
    if not match:
        return None
    context, prompt = int(match.group(1)), int(match.group(2))
    room = context - prompt - 8
    return room if room >= 16 and int(match.group(3)) > room else None


class _TokenFieldRefused(Exception):
    """The server refused the answer-bound field (max_tokens vs max_completion_tokens)."""


_CONTEXT_WORDS = (
    "context_length_exceeded",
    "maximum context length",
    "context length",
    "context window",
    "exceeds the context",
    "exceed context window",
    "too many tokens",
    "prompt is too long",
    "input is too long",
    "n_ctx",
)
_METHOD_WORDS = ("response_format", "json_schema", "json_object", "tool_choice", "tools", "function_call", "grammar")
_REFUSAL_WORDS = ("not support", "unsupported", "validation error", "invalid", "should be", "unknown", "not allowed", "not implemented", "extra inputs")


def _error_text(error: BaseException) -> str:
    """The server's own message (the JSON error body when there is one), lower-cased."""
    body = getattr(error, "body", None)
    parts = [str(error)]
    if isinstance(body, dict):
        parts.append(json.dumps(body, ensure_ascii=False))
    return " ".join(parts).lower()


def is_context_error(error: BaseException) -> bool:
    text = _error_text(error)
    return any(word in text for word in _CONTEXT_WORDS)


def is_method_refusal(error: BaseException) -> bool:
    """A server's refusal of a structured-output parameter, whatever the status code.

    llama-cpp-python's server answers `response_format: json_schema` with HTTP 500 and a pydantic
    validation message naming `response_format`; others use 400 or 422.
    """
    text = _error_text(error)
    return any(word in text for word in _METHOD_WORDS) and any(word in text for word in _REFUSAL_WORDS)


def _classify(error: BaseException, *, method: str | None, model: str, host: str, step: str = "") -> BaseException:
    """Map a provider exception to what this layer does with it."""
    try:
        import openai
    except ImportError:  # pragma: no cover - openai is a core dependency
        return error
    where = f"step '{step}': " if step else ""
    if isinstance(error, (openai.APITimeoutError, openai.APIConnectionError, openai.RateLimitError)):
        return _Transient(str(error))
    if isinstance(error, openai.APIStatusError) and error.status_code in (400, 413, 422, 500) and is_context_error(error):
        room = _context_room(error)
        if room is not None:
            return _BoundTooLarge(room)
        return ContextLengthError(
            f"{where}the prompt is too long for the context of model {model!r} at {host} ({error.status_code}: "
            f"{_server_message(error)}). Send less: a smaller --batch-size, a trimmed rulebook (RULEBOOK_TOKEN_BUDGET), "
            "a shorter request; or give the model a larger context (llama.cpp: --n_ctx, Ollama: num_ctx, vLLM: --max-model-len)",
            step=step or None,
        )
    if isinstance(error, openai.APIStatusError) and error.status_code in (400, 422) and "max_tokens" in _error_text(error) and "max_completion_tokens" in _error_text(error):
        return _TokenFieldRefused(str(error))
    if method in METHODS and isinstance(error, openai.APIStatusError) and (
        error.status_code == 400 or (error.status_code in (422, 500, 501) and is_method_refusal(error))
    ):
        return _MethodRefused(f"{error.status_code}: {_server_message(error)}")
    if isinstance(error, openai.InternalServerError):
        return _Transient(str(error))
    if isinstance(error, openai.AuthenticationError):
        return ConfigurationError(
            f"the LLM endpoint {host} rejected the API key (401). Set a valid OPENAI_API_KEY"
        )
    if isinstance(error, openai.PermissionDeniedError):
        return ConfigurationError(f"the LLM endpoint {host} denied access (403) to model {model!r}; check the key's permissions")
    if isinstance(error, openai.NotFoundError):
        return ConfigurationError(
            f"the LLM endpoint {host} does not know model {model!r} or the URL is wrong (404). "
            "Check RULEBOOK_MODEL and OPENAI_BASE_URL (it usually ends in /v1)"
        )
    if isinstance(error, openai.BadRequestError):
        return ConfigurationError(f"the LLM endpoint {host} rejected the request (400): {error}")
    if isinstance(error, openai.APIStatusError) and error.status_code >= 500:
        return _Transient(str(error))
    if isinstance(error, (openai.APIResponseValidationError, json.JSONDecodeError)):
        return _Transient(f"unreadable response: {error}")
    return error


def _server_message(error: BaseException) -> str:
    body = getattr(error, "body", None)
    message = body.get("message") if isinstance(body, dict) else None
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        message = body["error"].get("message")
    text = " ".join(str(message or error).split())
    return text if len(text) <= 300 else text[:299] + "…"


# ---------------------------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------------------------
_FENCE = re.compile(r"^```(?:json)?\s*(.*?)\s*```$", re.S)


def answer_text(message: Any) -> str:
    """The JSON-bearing text of an AI message: tool-call arguments, or the content."""
    tool_calls = getattr(message, "tool_calls", None) or []
    if tool_calls:
        call = tool_calls[0]
        if isinstance(call.get("args"), str):
            return call["args"]
        return json.dumps(call.get("args", {}), ensure_ascii=False)
    invalid = getattr(message, "invalid_tool_calls", None) or []
    if invalid:
        return str(invalid[0].get("args") or "")
    content = getattr(message, "content", message)
    if isinstance(content, list):
        content = "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
    return str(content)


def _json_text(text: str) -> str:
    stripped = text.strip()
    fenced = _FENCE.match(stripped)
    if fenced:
        stripped = fenced.group(1)
    if not stripped.startswith("{"):
        start, end = stripped.find("{"), stripped.rfind("}")
        if start != -1 and end > start:
            stripped = stripped[start : end + 1]
    return stripped


def parse_answer(text: str, output: type[M]) -> M:
    """Validate an answer's JSON against the output model (fences and surrounding prose tolerated)."""
    return output.model_validate_json(_json_text(text))


def parse_and_repair(text: str, output: type[M]) -> tuple[M, list[str]]:
    """`parse_answer`, with the certain repairs of `assistant.llm.repairs` when validation fails.

    Raises the original validation error when no certain repair makes the answer valid.
    """
    from assistant.llm.repairs import repair_answer

    stripped = _json_text(text)
    try:
        return output.model_validate_json(stripped), []
    except ValidationError as error:
        try:
            data = json.loads(stripped)
        except ValueError:
            raise error from None
        notes = repair_answer(data)
        if not notes:
            raise
        try:
            return output.model_validate(data), notes
        except ValidationError:
            raise error from None


def _schema_instructions(schema: dict[str, Any]) -> str:
    text = json.dumps(schema, ensure_ascii=False)
    return (
        "\n\nAnswer with one JSON object only, no prose and no code fences. "
        f"It must validate against this JSON Schema:\n{text}"
    )


@lru_cache(maxsize=1)
def _ssl_context() -> Any:
    """httpx's default TLS context, built once per process (loading the CA bundle takes ~40 ms)."""
    import httpx

    return httpx.create_ssl_context()


@lru_cache(maxsize=64)
def _cached_schema_instructions(schema_json: str) -> str:
    return _schema_instructions(json.loads(schema_json))


def _slim_schema(schema: Any) -> Any:
    """A JSON schema without "title" annotations: the same constraints, a smaller request body.

    The openai client walks the whole request on every call, so schema size is CPU per request.
    """
    if isinstance(schema, dict):
        return {
            key: (_slim_schema(value) if key not in ("properties", "$defs") else {k: _slim_schema(v) for k, v in value.items()})
            for key, value in schema.items()
            if key != "title"
        }
    if isinstance(schema, list):
        return [_slim_schema(value) for value in schema]
    return schema


def excerpt(raw: str, limit: int = FEEDBACK_EXCERPT_CHARS) -> str:
    """The start and end of a long answer, with how much was left out (for feedback and messages)."""
    if len(raw) <= limit:
        return raw
    head, tail = raw[: limit * 2 // 3], raw[-(limit // 3) :]
    return f"{head} […{len(raw) - len(head) - len(tail)} characters left out…] {tail}"


def _feedback(error: Exception) -> str:
    if isinstance(error, ValidationError):
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['msg']}" for e in error.errors()[:10]
        )
    else:
        problems = str(error)[:500]
    return (
        f"Your previous answer was not valid: {problems}. "
        "Answer again with one JSON object that fixes these problems and matches the schema exactly."
    )


def _feedback_messages(raw: str, error: Exception) -> Messages:
    """What the next attempt adds: a bounded excerpt of the invalid answer and the error, never the whole answer."""
    return [("assistant", excerpt(raw) or "(empty answer)"), ("user", _feedback(error))]


# ---------------------------------------------------------------------------------------------
# The chat-model LLM
# ---------------------------------------------------------------------------------------------
@dataclass
class ChatLLM:
    """An `LLM` over any LangChain chat model."""

    chat: "BaseChatModel"
    model: str
    method: str = "auto"
    attempts: int = 3
    max_retries: int = 3
    backoff: float = 0.5
    host: str = "local"
    sleep: Callable[[float], None] = time.sleep
    usage: Usage = field(default_factory=Usage)
    _working_method: str | None = None
    # The async path (`astructured`): its backoff waits (tests pass a no-op) and whether the
    # endpoint refused the `logprobs` parameter (then it is not sent again).
    async_sleep: Callable[[float], Awaitable[None]] | None = None
    _logprobs_refused: bool = False
    # Answer bounds and timeouts (see STEP_ANSWER_TOKENS and `_timeout_for`).
    timeout: float = 60.0
    answer_tokens: int | None = None  # RULEBOOK_MAX_ANSWER_TOKENS: replaces every step's bound
    token_field: str = "max_tokens"  # the field the server honours; OpenAI's own API: max_completion_tokens
    count_tokens: Callable[[str], int] | None = None  # for estimates of unreported usage
    _working_variant: str = ""
    _warm: bool = False
    _rate: float | None = None  # measured answer tokens per second of this server

    # -- plumbing ------------------------------------------------------------------------------
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

    def _answered(self, result: Any, started: float) -> Any:
        """Book an answered request (count, warm server, measured speed) and pass its result on."""
        self.usage.requests += 1
        self._warm = True
        self._measured(result, time.monotonic() - started)
        return result

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

    def _messages_for(self, base: Messages, method: str, variant: str, schema: dict[str, Any]) -> Messages:
        """The request's messages; JSON mode describes the schema in the system message (a schema inside
        `json_object` is enforced by the server's grammar and needs no description)."""
        messages: Messages = list(base)
        if method == "json_mode":
            role, content = messages[0]
            messages[0] = (role, content + _cached_schema_instructions(json.dumps(schema, ensure_ascii=False, sort_keys=True)))
        return messages

    def _read_answer(self, result: Any, output: type[M]) -> tuple[Any, str, M | Exception, list[str]]:
        """The reply message, its raw text, the validated value (or the validation error) and repair notes."""
        message = result["raw"] if isinstance(result, dict) else result
        raw = answer_text(message)
        try:
            value, notes = parse_and_repair(raw, output)
            return message, raw, value, notes
        except (ValidationError, ValueError) as error:
            return message, raw, error, []

    @staticmethod
    def _finish_reason(message: Any) -> str | None:
        metadata = getattr(message, "response_metadata", None) or {}
        return metadata.get("finish_reason")

    def _cut_off(self, step: str, output: type[BaseModel], method: str, raw: str, bound: int, attempt: int) -> AnswerCutOffError:
        return AnswerCutOffError(
            f"step '{step}': the answer was cut off at its bound of {bound} tokens (finish_reason \"length\") "
            f"before it was a complete {output.__name__} (method {method}); the model rambled or the bound is too small. "
            f"Set RULEBOOK_MAX_ANSWER_TOKENS higher, or use a larger model; answer began: {excerpt(raw, 200)!r}",
            step=step,
            raw=raw,
            attempts=attempt,
        )

    def _invalid(self, step: str, output: type[BaseModel], method: str, raw: str) -> StructuredOutputError:
        return StructuredOutputError(
            f"step '{step}': the LLM gave no valid {output.__name__} in {self.attempts} tries "
            f"(method {method}); last answer: {raw[:300]!r}",
            step=step,
            raw=raw,
            attempts=self.attempts,
        )

    def _all_refused(self, step: str, refusals: list[str]) -> ConfigurationError:
        return ConfigurationError(
            f"step '{step}': the LLM endpoint {self.host} refused every structured-output method "
            f"({'; '.join(refusals)}). Set RULEBOOK_STRUCTURED_METHOD to one the server supports"
        )

    def _ways(self) -> list[tuple[str, str]]:
        if self._working_method:
            return [(self._working_method, self._working_variant)]
        return [way for way in WAYS if self.method == "auto" or way[0] == self.method]

    def _worth_trying(self, variant: str, refusals: list[str]) -> bool:
        """The schema inside `json_object` is tried only after a refusal of the OpenAI shape that
        names `json_object` as accepted (llama-cpp-python: "Input should be 'text' or 'json_object'")."""
        if variant != "json_object+schema" or self._working_method:
            return True
        return bool(refusals) and "json_object" in refusals[-1]

    def _runnable(self, output: type[BaseModel], method: str, variant: str = "", schema: dict[str, Any] | None = None, logprobs: bool = False) -> Any:
        """What to invoke for a method; the answer is always parsed and validated here, raw kept."""
        if _is_openai(self.chat):
            return _DirectChatCall(self, _request_kwargs(output, method, variant, schema or _schema_of(output), logprobs))
        if method == "json_mode":
            return self.chat
        if method == "json_schema":
            raise NotImplementedError("JSON-schema output needs an OpenAI-compatible endpoint")
        return self.chat.with_structured_output(output, method=method, include_raw=True)

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

    # -- the interface -------------------------------------------------------------------------
    def structured(
        self,
        prompt: "Prompt",
        variables: dict[str, Any],
        output: type[M],
        *,
        step: str,
        max_tokens: int | None = None,
    ) -> StructuredResult[M]:
        base = prompt.render(variables)
        bound = self.bound(step, max_tokens)
        refusals: list[str] = []
        for method, variant in self._ways():
            if not self._worth_trying(variant, refusals):
                continue
            messages = self._messages_for(base, method, variant, _schema_of(output))
            try:
                runnable = self._runnable(output, method, variant)
            except NotImplementedError:
                refusals.append(f"{method}: not supported by this chat model")
                continue
            raw = ""
            for attempt in range(1, self.attempts + 1):
                try:
                    result = self._invoke(runnable, messages, method=method, step=step, bound=bound)
                except _MethodRefused as refusal:
                    refusals.append(f"{_way_name(method, variant)}: {refusal}")
                    break
                message, raw, value, repairs = self._read_answer(result, output)
                prompt_tokens, completion_tokens = self._record_usage(message, messages, raw)
                if isinstance(value, Exception):
                    if self._finish_reason(message) == "length":
                        raise self._cut_off(step, output, method, raw, bound, attempt)
                    messages = messages + _feedback_messages(raw, value)
                    continue
                self._working_method, self._working_variant = method, variant
                return StructuredResult(
                    value=value,
                    raw=raw,
                    method=method,
                    attempts=attempt,
                    model=self.model,
                    prompt_id=prompt.id,
                    prompt_tokens=prompt_tokens,
                    completion_tokens=completion_tokens,
                    repairs=repairs,
                )
            else:
                raise self._invalid(step, output, method, raw)
        raise self._all_refused(step, refusals)

    def _bound_chat(self, bound: int) -> Any:
        if _is_openai(self.chat):
            return self.chat.bind(extra_body={self.token_field: bound})
        return self.chat

    def text(self, prompt: "Prompt", variables: dict[str, Any], *, step: str) -> str:
        messages = prompt.render(variables)
        bound = self.bound(step)
        message = self._invoke(self._bound_chat(bound), messages, method=None, step=step, bound=bound)
        raw = answer_text(message)
        self._record_usage(message, messages, raw)
        return raw

    def stream(self, prompt: "Prompt", variables: dict[str, Any], *, step: str) -> Iterator[str]:
        """The answer in pieces; its tokens are counted (the server's figures, else estimated) even
        when the reader stops early, because the server generates (and a paid API bills) them anyway."""
        messages = prompt.render(variables)
        bound = self.bound(step)
        pieces: list[str] = []
        reported: dict[str, int] = {}
        try:
            for chunk in self._bound_chat(bound).stream(messages):
                usage = getattr(chunk, "usage_metadata", None)
                if usage:
                    reported = {"input": int(usage.get("input_tokens") or 0), "output": int(usage.get("output_tokens") or 0)}
                text = answer_text(chunk)
                if text:
                    pieces.append(text)
                    yield text
        except Exception as error:  # noqa: BLE001
            kind = _classify(error, method=None, model=self.model, host=self.host, step=step)
            if isinstance(kind, ConfigurationError):
                raise kind from error
            raise LLMError(f"step '{step}': streaming failed: {error}", step=step) from error
        finally:
            self.usage.requests += 1
            if reported:
                self.usage.prompt_tokens += reported["input"]
                self.usage.completion_tokens += reported["output"]
            else:
                prompt_tokens, completion_tokens = self._prompt_estimate(messages), self._tokens("".join(pieces)) if pieces else 0
                self.usage.prompt_tokens += prompt_tokens
                self.usage.completion_tokens += completion_tokens
                self.usage.estimated_tokens += prompt_tokens + completion_tokens

    def ping(self, model: str | None = None) -> str:
        """One tiny request; returns the model's reply or raises a typed error."""
        chat = self.chat if model is None else self.chat.model_copy(update={"model_name": model})
        bound = self.bound("ping")
        runnable = chat.bind(extra_body={self.token_field: bound}) if _is_openai(chat) else chat
        message = self._invoke(runnable, [("user", "Reply with OK.")], method=None, step="ping", bound=bound)
        return answer_text(message)

    # -- the async path (pre-labeling at scale) ---------------------------------------------
    # The same contract as `structured`, awaited: method fallback, validation feedback, and
    # this layer's bounded retries of transient failures (the only retry layer). Two additions:
    # `before_request` is awaited before every HTTP request, retries included (a client-side
    # rate limiter plugs in here), and `logprobs=True` asks an OpenAI-compatible endpoint for
    # token log-probabilities, returned in `StructuredResult.logprobs` when it sent them.
    @asynccontextmanager
    async def async_session(self) -> AsyncIterator["ChatLLM"]:
        """This LLM with an HTTP client that belongs to the running event loop, closed on exit.

        An async HTTP connection pool cannot outlive its event loop, and LangChain shares one per
        base URL; each `asyncio.run` therefore gets its own pool. Usage is added to this LLM's.
        """
        session = dataclasses.replace(self, usage=Usage())
        session.__dict__.pop("_async_runnables", None)
        http = None
        root = getattr(self.chat, "root_async_client", None)
        if _is_openai(self.chat) and root is not None and hasattr(root, "copy"):
            import openai

            http = openai.DefaultAsyncHttpxClient(verify=_ssl_context())
            client = root.copy(http_client=http)
            session.chat = self.chat.model_copy(update={"root_async_client": client, "async_client": client.chat.completions})
        try:
            yield session
        finally:
            self.usage.add(session.usage)
            if not self._working_method and session._working_method:
                self._working_method, self._working_variant = session._working_method, session._working_variant
            self._logprobs_refused = self._logprobs_refused or session._logprobs_refused
            self._warm = self._warm or session._warm
            self._rate = session._rate or self._rate
            self.token_field = session.token_field
            if http is not None:
                await http.aclose()

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

    def _async_runnable(self, output: type[BaseModel], method: str, variant: str, logprobs: bool, schema: dict[str, Any] | None = None) -> Any:
        """What to await for a method; built once per (output, method, logprobs) and reused unless a schema is given."""
        if schema is not None:
            return self._runnable(output, method, variant, schema, logprobs)
        cache = self.__dict__.setdefault("_async_runnables", {})
        key = (id(self.chat), output, method, variant, logprobs)
        if key not in cache:
            cache[key] = self._runnable(output, method, variant, None, logprobs)
        return cache[key]

    async def astructured(
        self,
        prompt: "Prompt",
        variables: dict[str, Any],
        output: type[M],
        *,
        step: str,
        logprobs: bool = False,
        before_request: Callable[[], Awaitable[None]] | None = None,
        max_tokens: int | None = None,
        schema: dict[str, Any] | None = None,
        described_schema: dict[str, Any] | None = None,
    ) -> StructuredResult[M]:
        """`structured`, awaited; optionally with token log-probabilities and a per-request hook.

        `schema` replaces the output model's JSON schema in the request (e.g. enums of the allowed
        labels and ids, so a constrained decoder can only emit those); `described_schema` is the one
        written into the prompt for JSON mode (kept the same across requests for prompt caching).
        """
        base = prompt.render(variables)
        bound = self.bound(step, max_tokens)
        refusals: list[str] = []
        for method, variant in self._ways():
            if not self._worth_trying(variant, refusals):
                continue
            messages = self._messages_for(base, method, variant, described_schema or schema or _schema_of(output))
            want_logprobs = logprobs and not self._logprobs_refused
            try:
                runnable = self._async_runnable(output, method, variant, want_logprobs, schema)
            except NotImplementedError:
                refusals.append(f"{method}: not supported by this chat model")
                continue
            raw = ""
            attempt = 0
            refused = False
            while attempt < self.attempts:
                attempt += 1
                try:
                    result = await self._ainvoke(
                        runnable, messages, method=method, step=step, before_request=before_request, bound=bound
                    )
                except _MethodRefused as refusal:
                    if want_logprobs and "logprob" in str(refusal).lower():
                        # The server refuses `logprobs`, not the method: ask again without it.
                        self._logprobs_refused, want_logprobs = True, False
                        runnable = self._async_runnable(output, method, variant, False, schema)
                        attempt -= 1
                        continue
                    refusals.append(f"{_way_name(method, variant)}: {refusal}")
                    refused = True
                    break
                message, raw, value, repairs = self._read_answer(result, output)
                prompt_tokens, completion_tokens = self._record_usage(message, messages, raw)
                if isinstance(value, Exception):
                    if self._finish_reason(message) == "length":
                        raise self._cut_off(step, output, method, raw, bound, attempt)
                    messages = messages + _feedback_messages(raw, value)
                    continue
                self._working_method, self._working_variant = method, variant
                token_logprobs = (getattr(message, "response_metadata", None) or {}).get("logprobs")
                return StructuredResult(
                    value=value,
                    raw=raw,
                    method=method,
                    attempts=attempt,
                    model=self.model,
                    prompt_id=prompt.id,
                    prompt_tokens=prompt_tokens,
                    completion_tokens=completion_tokens,
                    logprobs=(token_logprobs or {}).get("content") if isinstance(token_logprobs, dict) else None,
                    repairs=repairs,
                )
            if refused:
                continue
            raise self._invalid(step, output, method, raw)
        raise self._all_refused(step, refusals)


def _way_name(method: str, variant: str) -> str:
    return f"{method} ({variant})" if variant and variant != "openai" else method


def _schema_of(output: type[BaseModel]) -> dict[str, Any]:
    return _slim_schema(output.model_json_schema())


def _request_kwargs(output: type[BaseModel], method: str, variant: str, schema: dict[str, Any], logprobs: bool) -> dict[str, Any]:
    """The request parameters of a structured-output method."""
    kwargs: dict[str, Any] = {}
    if method == "json_schema" and variant == "json_object+schema":
        kwargs["response_format"] = {"type": "json_object", "schema": schema}
    elif method == "json_schema":
        kwargs["response_format"] = {"type": "json_schema", "json_schema": {"name": output.__name__, "schema": schema, "strict": False}}
    elif method == "json_mode":
        kwargs["response_format"] = {"type": "json_object"}
    elif method == "function_calling":
        description = " ".join((output.__doc__ or f"Answer as {output.__name__}").split())
        kwargs["tools"] = [{"type": "function", "function": {"name": output.__name__, "description": description, "parameters": schema}}]
        # Name the tool: some servers (llama-cpp-python) only call a tool that tool_choice names.
        kwargs["tool_choice"] = {"type": "function", "function": {"name": output.__name__}}
    if logprobs:
        # `logprobs` alone gets null back from llama.cpp's Python server; `top_logprobs` makes it send them.
        kwargs["logprobs"] = True
        kwargs["top_logprobs"] = 1
    return kwargs


@dataclass
class _RawMessage:
    """The parts of a chat reply the seam reads (duck-types LangChain's AIMessage for them)."""

    content: str
    usage_metadata: dict[str, int]
    response_metadata: dict[str, Any]
    tool_calls: list[Any] = field(default_factory=list)
    invalid_tool_calls: list[Any] = field(default_factory=list)


class _DirectChatCall:
    """One chat completion for a structured answer, without LangChain's per-call machinery.

    The ChatOpenAI builds the request itself (`_get_request_payload`: model, temperature, the
    messages, plus the method's parameters) and its own openai client sends it (`post(...,
    cast_to=httpx.Response)`: same base URL, key and headers, retries off, HTTP errors raised as
    the openai exception types that `_classify` knows). This layer adds what LangChain would get
    wrong for some servers: the answer bound in the field the server honours (LangChain renames
    `max_tokens` to `max_completion_tokens`, which llama.cpp's Python server ignores), a timeout
    per request, and a named `tool_choice`. The reply is read straight from the JSON. At high
    concurrency this costs well under half the CPU of `ainvoke`.
    """

    def __init__(self, owner: ChatLLM, kwargs: dict[str, Any]) -> None:
        self.owner = owner
        self.kwargs = kwargs

    def _payload(self, chat: Any, messages: Messages, bound: int) -> dict[str, Any]:
        payload = chat._get_request_payload(messages, **self.kwargs)
        payload.pop("stream", None)
        payload.pop("stream_options", None)
        payload.pop("max_tokens", None)
        payload.pop("max_completion_tokens", None)
        payload[self.owner.token_field] = bound
        return payload

    def invoke(self, messages: Messages, *, bound: int, timeout: float) -> Any:
        import httpx

        chat = self.owner.chat
        client = chat.root_client
        response = client.post("/chat/completions", cast_to=httpx.Response, body=self._payload(chat, messages, bound), options={"timeout": timeout})
        return _read_completion(response.content)

    async def ainvoke(self, messages: Messages, *, bound: int, timeout: float) -> Any:
        import httpx

        chat = self.owner.chat
        client = chat.root_async_client
        response = await client.post(
            "/chat/completions", cast_to=httpx.Response, body=self._payload(chat, messages, bound), options={"timeout": timeout}
        )
        return _read_completion(response.content)


def _read_completion(content: bytes) -> _RawMessage:
    data = json.loads(content)  # a broken body is a JSONDecodeError: transient
    try:
        choice = data["choices"][0]
        message = choice["message"]
    except (KeyError, IndexError, TypeError) as error:
        raise _Transient(f"unreadable response: no choices[0].message ({error!r})") from error
    usage = data.get("usage") or {}
    text = message.get("content")
    if isinstance(text, list):
        text = "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in text)
    tool_calls = []
    for call in message.get("tool_calls") or []:
        function = call.get("function") or {}
        tool_calls.append({"name": function.get("name"), "args": function.get("arguments") or "{}", "id": call.get("id")})
    return _RawMessage(
        content=text or "",
        usage_metadata={
            "input_tokens": int(usage.get("prompt_tokens") or 0),
            "output_tokens": int(usage.get("completion_tokens") or 0),
        },
        response_metadata={"logprobs": choice.get("logprobs"), "finish_reason": choice.get("finish_reason")},
        tool_calls=tool_calls,
    )


def _is_openai(chat: Any) -> bool:
    return type(chat).__name__ in {"ChatOpenAI", "AzureChatOpenAI"}


def build_chat_model(settings: "Settings") -> "BaseChatModel":
    """LangChain's ChatOpenAI for the configured OpenAI-compatible endpoint."""
    from langchain_openai import ChatOpenAI

    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "not-needed"
    return ChatOpenAI(
        model=settings.model,
        api_key=key,
        base_url=settings.openai_base_url,
        temperature=settings.temperature,
        timeout=settings.request_timeout,
        max_retries=0,  # this layer owns retries
        stream_usage=True,
    )


def get_llm(settings: "Settings") -> ChatLLM | None:
    """The configured LLM, or None when the offline engine is in use."""
    if not settings.llm_configured:
        return None
    return ChatLLM(
        chat=build_chat_model(settings),
        model=settings.model,
        method=settings.structured_method,
        attempts=settings.structured_attempts,
        max_retries=settings.max_retries,
        host=settings.endpoint_host,
        timeout=settings.request_timeout,
        answer_tokens=settings.max_answer_tokens,
        token_field="max_completion_tokens" if settings.endpoint_host == "api.openai.com" else "max_tokens",
        count_tokens=_token_counter(settings),
    )


def _token_counter(settings: "Settings") -> Callable[[str], int]:
    from assistant.llm.tokens import count_tokens

    return lambda text: count_tokens(text, settings)


def engine_description(settings: "Settings") -> str:
    """One line that says plainly which engine runs."""
    if settings.llm_configured:
        return f"LLM engine: model {settings.model} at {settings.endpoint_host}"
    return "offline engine: no LLM configured (set OPENAI_API_KEY and/or OPENAI_BASE_URL to use one)"


def server_slots(settings: "Settings") -> tuple[int | None, str]:
    """How many requests the LLM server handles at once, and how that is known.

    RULEBOOK_SERVER_SLOTS when set; else asked from the server: llama.cpp's own server reports
    `total_slots` at /props, and llama-cpp-python's server (which answers one request at a time)
    is recognised by its /v1/models listing. None when the server does not say (hosted APIs).
    """
    if settings.server_slots:
        return settings.server_slots, "RULEBOOK_SERVER_SLOTS"
    if not settings.openai_base_url or settings.endpoint_host == "api.openai.com":
        return None, "not asked"
    import httpx

    base = settings.openai_base_url.rstrip("/")
    root = base[: -len("/v1")] if base.endswith("/v1") else base
    headers = {"Authorization": f"Bearer {settings.openai_api_key.get_secret_value()}"} if settings.openai_api_key else {}
    try:
        with httpx.Client(timeout=3.0, headers=headers) as client:
            props = client.get(f"{root}/props")
            if props.status_code == 200:
                slots = props.json().get("total_slots")
                if isinstance(slots, int) and slots > 0:
                    return slots, "the server's /props"
            models = client.get(f"{base}/models")
            if models.status_code == 200:
                data = models.json().get("data") or []
                if data and all(entry.get("owned_by") == "me" and "permissions" in entry for entry in data):
                    return 1, "llama-cpp-python's server answers one request at a time"
    except (httpx.HTTPError, ValueError, AttributeError):
        pass
    return None, "the server does not say"
