"""The one place that talks to a chat model: the `LLM` interface and `ChatLLM`.

Steps ask `llm.structured(prompt, variables, OutputModel, step=...)` and get a
validated pydantic object (with the raw answer kept) or a typed error. Behind
it sits any LangChain chat model: `ChatOpenAI` for an OpenAI-compatible
endpoint, or a fake model in tests. `get_llm` (assistant.llm.factory) builds
the configured one.

`ChatLLM` is put together from small parts, each in its own module:
- `methods`: the structured-output methods and their fallback (`auto` order);
- `failures`: what a failed request means (transient, a refused method, a
  configuration or context-length error);
- `retries`: retries of transient failures (429, 5xx, timeouts), the only retry layer;
- `answers`: reading, parsing and repairing an answer, and the feedback after an invalid one;
- `usage`: answer bounds, timeouts and token accounting;
- `transport`: one request sent straight through the openai client;
- `batch_bodies`: request bodies for the Batch API.

Every request carries a bound on the answer's length (`STEP_ANSWER_TOKENS`); an
answer cut off at that bound is reported as such, never re-asked as "invalid
JSON". Whatever the method, the answer is parsed and validated here; an invalid
answer is asked again with the validation error fed back (this module's loop,
separate from the transport retries), a bounded number of times, then reported
as `StructuredOutputError` naming the step.
"""

from __future__ import annotations

import dataclasses
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, AsyncIterator, Awaitable, Callable, Generic, Iterator, Protocol

from pydantic import BaseModel, ValidationError

from assistant.core.errors import AnswerCutOffError, ConfigurationError, LLMError, StructuredOutputError
from assistant.core.messages import Message
from assistant.llm.answers import M, _feedback_messages, answer_text, excerpt, parse_and_repair
from assistant.llm.batch_bodies import BatchBodies
from assistant.llm.failures import _classify, _MethodRefused
from assistant.llm.methods import StructuredMethods, _schema_of, _way_name
from assistant.llm.retries import TransportRetries
from assistant.llm.transport import _is_openai, _ssl_context
from assistant.llm.usage import Accounting, Usage
from assistant.llm.pii import Masking

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from assistant.llm.prompts import Prompt

__all__ = ["LLM", "ChatLLM", "StructuredResult", "Usage"]


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
    # Personal data masked in the request (assistant.llm.pii.Masking), None when masking is off. `value` has
    # the values restored; `raw` is the answer as the model sent it (placeholders in place).
    masking: Any = None


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


@dataclass
class ChatLLM(StructuredMethods, Accounting, TransportRetries, BatchBodies):
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
    # Personal data is masked in every request and restored in every answer when set (assistant.llm.pii.Detector).
    pii: Any = None

    # -- plumbing ------------------------------------------------------------------------------
    def _masking(self) -> Any:
        """A new request's masking of personal data (assistant.llm.pii), or None when masking is off."""
        if self.pii is None:
            return None

        return Masking(self.pii)

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
            Message("error.chat.cut_off", step=step, bound=bound, output=output.__name__, method=method, answer=excerpt(raw, 200)),
            step=step,
            raw=raw,
            attempts=attempt,
        )

    def _invalid(self, step: str, output: type[BaseModel], method: str, raw: str) -> StructuredOutputError:
        return StructuredOutputError(
            Message("error.chat.invalid", step=step, output=output.__name__, tries=self.attempts, method=method, answer=raw[:300]),
            step=step,
            raw=raw,
            attempts=self.attempts,
        )

    # -- the interface -------------------------------------------------------------------------
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
        masking = self._masking()
        bound = self.bound(step, max_tokens)
        refusals: list[str] = []
        for method, variant in self._ways():
            if not self._worth_trying(variant, refusals):
                continue
            messages = self._messages_for(base, method, variant, _schema_of(output))
            if masking is not None:
                messages = masking.messages(messages)
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
                    value=masking.restore_value(value) if masking is not None else value,
                    raw=raw,
                    method=method,
                    attempts=attempt,
                    model=self.model,
                    prompt_id=prompt.id,
                    prompt_tokens=prompt_tokens,
                    completion_tokens=completion_tokens,
                    repairs=repairs,
                    masking=masking,
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
        masking = self._masking()
        if masking is not None:
            messages = masking.messages(messages)
        bound = self.bound(step)
        message = self._invoke(self._bound_chat(bound), messages, method=None, step=step, bound=bound)
        raw = answer_text(message)
        self._record_usage(message, messages, raw)
        return masking.restore(raw) if masking is not None else raw

    def stream(self, prompt: "Prompt", variables: dict[str, Any], *, step: str) -> Iterator[str]:
        """The answer in pieces; its tokens are counted (the server's figures, else estimated) even
        when the reader stops early, because the server generates (and a paid API bills) them anyway."""
        messages = prompt.render(variables)
        masking = self._masking()
        if masking is not None:
            messages = masking.messages(messages)
        restorer = masking.restorer() if masking is not None else None
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
                    shown = restorer.feed(text) if restorer is not None else text
                    if shown:
                        yield shown
            if restorer is not None:
                rest = restorer.flush()
                if rest:
                    yield rest
        except Exception as error:  # noqa: BLE001
            kind = _classify(error, method=None, model=self.model, host=self.host, step=step)
            if isinstance(kind, ConfigurationError):
                raise kind from error
            raise LLMError(Message("error.chat.streaming_failed", step=step, reason=str(error)), step=step) from error
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
        masking = self._masking()
        if masking is not None:  # the prompt first (stable placeholders in the prefix), then a schema listing item ids
            base = masking.messages(base)
            schema = masking.json(schema) if schema is not None else None
            described_schema = masking.json(described_schema) if described_schema is not None else None
        bound = self.bound(step, max_tokens)
        refusals: list[str] = []
        for method, variant in self._ways():
            if not self._worth_trying(variant, refusals):
                continue
            messages = self._messages_for(base, method, variant, described_schema or schema or _schema_of(output))
            if masking is not None:
                messages = masking.messages(messages)
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
                    value=masking.restore_value(value) if masking is not None else value,
                    raw=raw,
                    method=method,
                    attempts=attempt,
                    model=self.model,
                    prompt_id=prompt.id,
                    prompt_tokens=prompt_tokens,
                    completion_tokens=completion_tokens,
                    logprobs=(token_logprobs or {}).get("content") if isinstance(token_logprobs, dict) else None,
                    repairs=repairs,
                    masking=masking,
                )
            if refused:
                continue
            raise self._invalid(step, output, method, raw)
        raise self._all_refused(step, refusals)
