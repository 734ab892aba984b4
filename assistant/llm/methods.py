"""Structured-output methods and their fallback.

`auto` tries JSON-schema output, then the schema inside JSON mode (llama-cpp-python's grammar), then
function calling, then JSON mode with the schema described in the prompt, moving on when the server
refuses a method (`assistant.llm.failures`) and remembering what worked.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from pydantic import BaseModel

from assistant.core.errors import ConfigurationError
from assistant.core.messages import Message
from assistant.llm.answers import Messages
from assistant.llm.failures import METHODS
from assistant.llm.transport import _DirectChatCall, _is_openai

if TYPE_CHECKING:
    from assistant.llm.chat import ChatLLM

__all__ = ["METHODS", "WAYS", "StructuredMethods"]

# json_schema is sent in the OpenAI shape; llama-cpp-python's server refuses that shape but
# constrains the answer by a grammar when the schema travels inside `json_object`.
WAYS = (("json_schema", "openai"), ("json_schema", "json_object+schema"), ("function_calling", ""), ("json_mode", ""))


class StructuredMethods:
    """The method-choosing part of `ChatLLM` (a mixin: its state lives in ChatLLM's fields)."""

    chat: Any
    method: str
    host: str
    _working_method: str | None
    _working_variant: str

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

    def _messages_for(self, base: Messages, method: str, variant: str, schema: dict[str, Any]) -> Messages:
        """The request's messages; JSON mode describes the schema in the system message (a schema inside
        `json_object` is enforced by the server's grammar and needs no description)."""
        messages: Messages = list(base)
        if method == "json_mode":
            role, content = messages[0]
            messages[0] = (role, content + _cached_schema_instructions(json.dumps(schema, ensure_ascii=False, sort_keys=True)))
        return messages

    def _runnable(self, output: type[BaseModel], method: str, variant: str = "", schema: dict[str, Any] | None = None, logprobs: bool = False) -> Any:
        """What to invoke for a method; the answer is always parsed and validated here, raw kept."""
        if _is_openai(self.chat):
            return _DirectChatCall(cast("ChatLLM", self), _request_kwargs(output, method, variant, schema or _schema_of(output), logprobs))
        if method == "json_mode":
            return self.chat
        if method == "json_schema":
            raise NotImplementedError("JSON-schema output needs an OpenAI-compatible endpoint")
        return self.chat.with_structured_output(output, method=method, include_raw=True)

    def _async_runnable(self, output: type[BaseModel], method: str, variant: str, logprobs: bool, schema: dict[str, Any] | None = None) -> Any:
        """What to await for a method; built once per (output, method, logprobs) and reused unless a schema is given."""
        if schema is not None:
            return self._runnable(output, method, variant, schema, logprobs)
        cache = self.__dict__.setdefault("_async_runnables", {})
        key = (id(self.chat), output, method, variant, logprobs)
        if key not in cache:
            cache[key] = self._runnable(output, method, variant, None, logprobs)
        return cache[key]

    def _all_refused(self, step: str, refusals: list[str]) -> ConfigurationError:
        return ConfigurationError(Message("error.methods.all_refused", step=step, host=self.host, refusals="; ".join(refusals)))


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


def _schema_instructions(schema: dict[str, Any]) -> str:
    text = json.dumps(schema, ensure_ascii=False)
    return (
        "\n\nAnswer with one JSON object only, no prose and no code fences. "
        f"It must validate against this JSON Schema:\n{text}"
    )


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
