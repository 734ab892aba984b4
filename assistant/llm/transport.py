"""One chat completion sent straight through the ChatOpenAI's own openai client, and its reply read
from the JSON (no LangChain per-call machinery)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from assistant.llm.answers import Messages
from assistant.llm.failures import _Transient

if TYPE_CHECKING:
    from assistant.llm.chat import ChatLLM


@lru_cache(maxsize=1)
def _ssl_context() -> Any:
    """httpx's default TLS context, built once per process (loading the CA bundle takes ~40 ms)."""
    import httpx

    return httpx.create_ssl_context()


def _is_openai(chat: Any) -> bool:
    return type(chat).__name__ in {"ChatOpenAI", "AzureChatOpenAI"}


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
        client = chat.root_client  # type: ignore[attr-defined]  # ChatOpenAI's, checked by _is_openai
        response = client.post("/chat/completions", cast_to=httpx.Response, body=self._payload(chat, messages, bound), options={"timeout": timeout})
        return _read_completion(response.content)

    async def ainvoke(self, messages: Messages, *, bound: int, timeout: float) -> Any:
        import httpx

        chat = self.owner.chat
        client = chat.root_async_client  # type: ignore[attr-defined]  # ChatOpenAI's, checked by _is_openai
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
