"""The one place that talks to a chat model.

Steps ask `llm.structured(prompt, variables, OutputModel, step=...)` and get a
validated pydantic object (with the raw answer kept) or a typed error. Behind
it sits any LangChain chat model: `ChatOpenAI` for an OpenAI-compatible
endpoint, or a fake model in tests.

Structured output differs between servers. `auto` tries JSON-schema output,
then function calling, then JSON mode with the schema described in the prompt,
moving on when the server refuses a method (HTTP 400) and remembering what
worked. Whatever the method, the answer is parsed and validated here; an
invalid answer is retried with the validation error fed back, a bounded number
of times, then reported as `StructuredOutputError` naming the step.

This layer owns retries of transient failures (429, 5xx, timeouts, broken
responses), with exponential backoff; the openai client's own retries are
switched off so they do not multiply. 400/401/403/404 are configuration
errors, reported at once with the fix named.
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

from .errors import ConfigurationError, LLMError, StructuredOutputError

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from .prompts import Prompt
    from .settings import Settings

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


@dataclass
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0
    requests: int = 0


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
# Error classification
# ---------------------------------------------------------------------------------------------
class _Transient(Exception):
    """A failure worth retrying: rate limit, server error, timeout, broken response."""


class _MethodRefused(Exception):
    """The server refused the structured-output method (HTTP 400 about response_format or tools)."""


def _classify(error: BaseException, *, method: str | None, model: str, host: str) -> BaseException:
    """Map a provider exception to what this layer does with it."""
    try:
        import openai
    except ImportError:  # pragma: no cover - openai is a core dependency
        return error
    if isinstance(error, (openai.APITimeoutError, openai.APIConnectionError, openai.RateLimitError)):
        return _Transient(str(error))
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
        if method in ("json_schema", "function_calling", "json_mode"):
            return _MethodRefused(str(error))
        return ConfigurationError(f"the LLM endpoint {host} rejected the request (400): {error}")
    if isinstance(error, openai.APIStatusError) and error.status_code >= 500:
        return _Transient(str(error))
    if isinstance(error, (openai.APIResponseValidationError, json.JSONDecodeError)):
        return _Transient(f"unreadable response: {error}")
    return error


# ---------------------------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------------------------
_FENCE = re.compile(r"^```(?:json)?\s*(.*?)\s*```$", re.S)


def answer_text(message: Any) -> str:
    """The JSON-bearing text of an AI message: tool-call arguments, or the content."""
    tool_calls = getattr(message, "tool_calls", None) or []
    if tool_calls:
        return json.dumps(tool_calls[0].get("args", {}), ensure_ascii=False)
    invalid = getattr(message, "invalid_tool_calls", None) or []
    if invalid:
        return str(invalid[0].get("args") or "")
    content = getattr(message, "content", message)
    if isinstance(content, list):
        content = "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
    return str(content)


def parse_answer(text: str, output: type[M]) -> M:
    """Validate an answer's JSON against the output model (fences and surrounding prose tolerated)."""
    stripped = text.strip()
    fenced = _FENCE.match(stripped)
    if fenced:
        stripped = fenced.group(1)
    if not stripped.startswith("{"):
        start, end = stripped.find("{"), stripped.rfind("}")
        if start != -1 and end > start:
            stripped = stripped[start : end + 1]
    return output.model_validate_json(stripped)


def _schema_instructions(output: type[BaseModel]) -> str:
    schema = json.dumps(output.model_json_schema(), ensure_ascii=False)
    return (
        "\n\nAnswer with one JSON object only, no prose and no code fences. "
        f"It must validate against this JSON Schema:\n{schema}"
    )


@lru_cache(maxsize=1)
def _ssl_context() -> Any:
    """httpx's default TLS context, built once per process (loading the CA bundle takes ~40 ms)."""
    import httpx

    return httpx.create_ssl_context()


@lru_cache(maxsize=32)
def _cached_schema_instructions(output: type[BaseModel]) -> str:
    return _schema_instructions(output)


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


def _feedback(error: Exception) -> str:
    if isinstance(error, ValidationError):
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['msg']}" for e in error.errors()[:10]
        )
    else:
        problems = str(error)
    return (
        f"Your previous answer was not valid: {problems}. "
        "Answer again with one JSON object that fixes these problems and matches the schema exactly."
    )


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

    # -- plumbing ------------------------------------------------------------------------------
    def _retry_or_raise(self, error: Exception, retry: int, *, method: str | None, step: str) -> float:
        """After a failed request: the seconds to wait before retrying, or raise the typed error."""
        kind = error if isinstance(error, _Transient) else _classify(error, method=method, model=self.model, host=self.host)
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

    def _invoke(self, runnable: Any, messages: Messages, *, method: str | None, step: str) -> Any:
        """Invoke with bounded retries of transient failures."""
        for retry in range(self.max_retries + 1):
            try:
                result = runnable.invoke(messages)
                self.usage.requests += 1
                return result
            except (ConfigurationError, LLMError):
                raise
            except Exception as error:  # noqa: BLE001 - classified by _retry_or_raise
                self.sleep(self._retry_or_raise(error, retry, method=method, step=step))
        raise AssertionError("unreachable")  # pragma: no cover

    def _messages_for(self, base: Messages, method: str, output: type[BaseModel]) -> Messages:
        """The request's messages; JSON mode describes the schema in the system message."""
        messages: Messages = list(base)
        if method == "json_mode":
            role, content = messages[0]
            messages[0] = (role, content + _cached_schema_instructions(output))
        return messages

    def _read_answer(self, result: Any, output: type[M]) -> tuple[Any, str, M | Exception]:
        """The reply message, its raw text, and the validated value or the validation error."""
        message = result["raw"] if isinstance(result, dict) else result
        raw = answer_text(message)
        try:
            return message, raw, parse_answer(raw, output)
        except (ValidationError, ValueError) as error:
            return message, raw, error

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

    def _methods(self) -> list[str]:
        if self._working_method:
            return [self._working_method]
        return list(METHODS) if self.method == "auto" else [self.method]

    def _runnable(self, output: type[BaseModel], method: str) -> Any:
        """What to invoke for a method; the answer is always parsed and validated here, raw kept."""
        if method == "json_mode":
            if _is_openai(self.chat):
                return self.chat.bind(response_format={"type": "json_object"})
            return self.chat
        if method == "json_schema":
            if not _is_openai(self.chat):
                raise NotImplementedError("JSON-schema output needs an OpenAI-compatible endpoint")
            schema = {"name": output.__name__, "schema": output.model_json_schema(), "strict": False}
            return self.chat.bind(response_format={"type": "json_schema", "json_schema": schema})
        return self.chat.with_structured_output(output, method=method, include_raw=True)

    def _record_usage(self, message: Any) -> tuple[int, int]:
        usage = getattr(message, "usage_metadata", None) or {}
        prompt_tokens, completion_tokens = int(usage.get("input_tokens", 0)), int(usage.get("output_tokens", 0))
        self.usage.prompt_tokens += prompt_tokens
        self.usage.completion_tokens += completion_tokens
        return prompt_tokens, completion_tokens

    # -- the interface -------------------------------------------------------------------------
    def structured(self, prompt: "Prompt", variables: dict[str, Any], output: type[M], *, step: str) -> StructuredResult[M]:
        base = prompt.render(variables)
        refusals: list[str] = []
        for method in self._methods():
            messages = self._messages_for(base, method, output)
            try:
                runnable = self._runnable(output, method)
            except NotImplementedError:
                refusals.append(f"{method}: not supported by this chat model")
                continue
            raw = ""
            for attempt in range(1, self.attempts + 1):
                try:
                    result = self._invoke(runnable, messages, method=method, step=step)
                except _MethodRefused as refusal:
                    refusals.append(f"{method}: {refusal}")
                    break
                message, raw, value = self._read_answer(result, output)
                prompt_tokens, completion_tokens = self._record_usage(message)
                if isinstance(value, Exception):
                    messages = messages + [("assistant", raw or "(empty answer)"), ("user", _feedback(value))]
                    continue
                self._working_method = method
                return StructuredResult(
                    value=value,
                    raw=raw,
                    method=method,
                    attempts=attempt,
                    model=self.model,
                    prompt_id=prompt.id,
                    prompt_tokens=prompt_tokens,
                    completion_tokens=completion_tokens,
                )
            else:
                raise self._invalid(step, output, method, raw)
        raise self._all_refused(step, refusals)

    def text(self, prompt: "Prompt", variables: dict[str, Any], *, step: str) -> str:
        message = self._invoke(self.chat, prompt.render(variables), method=None, step=step)
        self._record_usage(message)
        return answer_text(message)

    def stream(self, prompt: "Prompt", variables: dict[str, Any], *, step: str) -> Iterator[str]:
        try:
            for chunk in self.chat.stream(prompt.render(variables)):
                text = answer_text(chunk)
                if text:
                    yield text
        except Exception as error:  # noqa: BLE001
            kind = _classify(error, method=None, model=self.model, host=self.host)
            if isinstance(kind, ConfigurationError):
                raise kind from error
            raise LLMError(f"step '{step}': streaming failed: {error}", step=step) from error

    def ping(self) -> str:
        """One tiny request; returns the model's reply or raises a typed error."""
        message = self._invoke(self.chat.bind(max_tokens=5), [("user", "Reply with OK.")], method=None, step="ping")
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
            self.usage.prompt_tokens += session.usage.prompt_tokens
            self.usage.completion_tokens += session.usage.completion_tokens
            self.usage.requests += session.usage.requests
            self._working_method = self._working_method or session._working_method
            self._logprobs_refused = self._logprobs_refused or session._logprobs_refused
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
    ) -> Any:
        """Await with bounded retries of transient failures (the async twin of `_invoke`)."""
        sleep = self.async_sleep or asyncio.sleep
        for retry in range(self.max_retries + 1):
            if before_request is not None:
                await before_request()
            try:
                result = await runnable.ainvoke(messages)
                self.usage.requests += 1
                return result
            except (ConfigurationError, LLMError):
                raise
            except Exception as error:  # noqa: BLE001 - classified by _retry_or_raise
                await sleep(self._retry_or_raise(error, retry, method=method, step=step))
        raise AssertionError("unreachable")  # pragma: no cover

    def _async_runnable(self, output: type[BaseModel], method: str, logprobs: bool) -> Any:
        """What to await for a method; built once per (output, method, logprobs) and reused."""
        cache = self.__dict__.setdefault("_async_runnables", {})
        key = (id(self.chat), output, method, logprobs)
        if key not in cache:
            if method in ("json_schema", "json_mode") and _is_openai(self.chat):
                if method == "json_schema":
                    schema = {"name": output.__name__, "schema": _slim_schema(output.model_json_schema()), "strict": False}
                    kwargs: dict[str, Any] = {"response_format": {"type": "json_schema", "json_schema": schema}}
                else:
                    kwargs = {"response_format": {"type": "json_object"}}
                if logprobs:
                    kwargs["logprobs"] = True
                cache[key] = _DirectChatCall(self.chat, kwargs)
            else:
                cache[key] = self._runnable(output, method)
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
    ) -> StructuredResult[M]:
        """`structured`, awaited; optionally with token log-probabilities and a per-request hook."""
        base = prompt.render(variables)
        refusals: list[str] = []
        for method in self._methods():
            messages = self._messages_for(base, method, output)
            want_logprobs = logprobs and not self._logprobs_refused
            try:
                runnable = self._async_runnable(output, method, want_logprobs)
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
                        runnable, messages, method=method, step=step, before_request=before_request
                    )
                except _MethodRefused as refusal:
                    if want_logprobs and "logprob" in str(refusal).lower():
                        # The server refuses `logprobs`, not the method: ask again without it.
                        self._logprobs_refused, want_logprobs = True, False
                        runnable = self._async_runnable(output, method, False)
                        attempt -= 1
                        continue
                    refusals.append(f"{method}: {refusal}")
                    refused = True
                    break
                message, raw, value = self._read_answer(result, output)
                prompt_tokens, completion_tokens = self._record_usage(message)
                if isinstance(value, Exception):
                    messages = messages + [("assistant", raw or "(empty answer)"), ("user", _feedback(value))]
                    continue
                self._working_method = method
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
                )
            if refused:
                continue
            raise self._invalid(step, output, method, raw)
        raise self._all_refused(step, refusals)


@dataclass
class _RawMessage:
    """The parts of a chat reply the seam reads (duck-types LangChain's AIMessage for them)."""

    content: str
    usage_metadata: dict[str, int]
    response_metadata: dict[str, Any]
    tool_calls: list[Any] = field(default_factory=list)
    invalid_tool_calls: list[Any] = field(default_factory=list)


class _DirectChatCall:
    """One chat completion for a JSON answer, without LangChain's per-call machinery.

    The ChatOpenAI builds the request itself (`_get_request_payload`: model, temperature, token
    limits, the messages, plus `response_format`/`logprobs`) and its own openai client sends it
    (`post(..., cast_to=httpx.Response)`: same base URL, key, headers and timeout, retries off,
    HTTP errors raised as the openai exception types that `_classify` knows). The reply is read
    straight from the JSON. At high concurrency this costs well under half the CPU of `ainvoke`,
    whose callback and model layers dominate when the request itself is cheap. Anything it does
    not cover (the Responses API, a langchain-openai without these internals) goes through
    `ainvoke`.
    """

    def __init__(self, chat: Any, kwargs: dict[str, Any]) -> None:
        self.chat = chat
        self.kwargs = kwargs
        self.fallback = chat.bind(**kwargs)

    async def ainvoke(self, messages: Messages) -> Any:
        import httpx

        chat = self.chat
        client = getattr(chat, "root_async_client", None)
        try:
            payload = chat._get_request_payload(messages, **self.kwargs)
            direct = client is not None and hasattr(client, "post") and not chat._use_responses_api(payload)
        except AttributeError:
            direct = False
        if not direct:
            return await self.fallback.ainvoke(messages)
        payload.pop("stream", None)
        payload.pop("stream_options", None)
        response = await client.post("/chat/completions", cast_to=httpx.Response, body=payload)
        data = json.loads(response.content)  # a broken body is a JSONDecodeError: transient
        try:
            choice = data["choices"][0]
            message = choice["message"]
        except (KeyError, IndexError, TypeError) as error:
            raise _Transient(f"unreadable response: no choices[0].message ({error!r})") from error
        usage = data.get("usage") or {}
        content = message.get("content")
        if isinstance(content, list):
            content = "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
        return _RawMessage(
            content=content or "",
            usage_metadata={
                "input_tokens": int(usage.get("prompt_tokens") or 0),
                "output_tokens": int(usage.get("completion_tokens") or 0),
            },
            response_metadata={"logprobs": choice.get("logprobs"), "finish_reason": choice.get("finish_reason")},
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
    )


def engine_description(settings: "Settings") -> str:
    """One line that says plainly which engine runs."""
    if settings.llm_configured:
        return f"LLM engine: model {settings.model} at {settings.endpoint_host}"
    return "offline engine: no LLM configured (set OPENAI_API_KEY and/or OPENAI_BASE_URL to use one)"
