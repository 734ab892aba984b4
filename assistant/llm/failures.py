"""What a failed request means: transient (retry it), a refused structured-output method (try the
next one), a refused token field or too large an answer bound (ask again adjusted), or a typed
configuration / context-length error reported at once with the fix named."""

from __future__ import annotations

import json
import re

from assistant.core.errors import ConfigurationError, ContextLengthError
from assistant.core.messages import Message

METHODS = ("json_schema", "function_calling", "json_mode")


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
    where: str | Message = Message("error.failures.where_step", step=step) if step else ""
    if isinstance(error, (openai.APITimeoutError, openai.APIConnectionError, openai.RateLimitError)):
        return _Transient(str(error))
    if isinstance(error, openai.APIStatusError) and error.status_code in (400, 413, 422, 500) and is_context_error(error):
        room = _context_room(error)
        if room is not None:
            return _BoundTooLarge(room)
        return ContextLengthError(
            Message(
                "error.failures.context_too_long",
                where=where,
                model=model,
                host=host,
                status=error.status_code,
                reason=_server_message(error),
            ),
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
        return ConfigurationError(Message("error.failures.bad_key", host=host))
    if isinstance(error, openai.PermissionDeniedError):
        return ConfigurationError(Message("error.failures.denied", host=host, model=model))
    if isinstance(error, openai.NotFoundError):
        return ConfigurationError(Message("error.failures.unknown_model", host=host, model=model))
    if isinstance(error, openai.BadRequestError):
        return ConfigurationError(Message("error.failures.bad_request", host=host, reason=str(error)))
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
