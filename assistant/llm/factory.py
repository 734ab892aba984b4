"""The configured LLM (or None for the offline engine); `engine_description` (the line that says which
engine runs) lives in `engine.py` and is re-exported here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from assistant.core.messages import Message
from assistant.llm.chat import ChatLLM
from assistant.llm.engine import engine_description
from assistant.llm.pii import masker_for
from assistant.llm.tokens import count_tokens

__all__ = ["build_chat_model", "engine_description", "get_llm", "server_slots"]

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from assistant.core.settings import Settings


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
        pii=masker_for(settings),
    )


def _token_counter(settings: "Settings") -> Callable[[str], int]:
    return lambda text: count_tokens(text, settings)


def server_slots(settings: "Settings") -> tuple[int | None, Message]:
    """How many requests the LLM server handles at once, and how that is known (a catalogue message,
    `prelabel.note.slots.*`, shown in the language of the text it goes into).

    RULEBOOK_SERVER_SLOTS when set; else asked from the server: llama.cpp's own server reports
    `total_slots` at /props, and llama-cpp-python's server (which answers one request at a time)
    is recognised by its /v1/models listing. None when the server does not say (hosted APIs).
    """
    if settings.server_slots:
        return settings.server_slots, Message("prelabel.note.slots.setting")
    if not settings.openai_base_url or settings.endpoint_host == "api.openai.com":
        return None, Message("prelabel.note.slots.not_asked")
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
                    return slots, Message("prelabel.note.slots.props")
            models = client.get(f"{base}/models")
            if models.status_code == 200:
                data = models.json().get("data") or []
                if data and all(entry.get("owned_by") == "me" and "permissions" in entry for entry in data):
                    return 1, Message("prelabel.note.slots.one_at_a_time")
    except (httpx.HTTPError, ValueError, AttributeError):
        pass
    return None, Message("prelabel.note.slots.unknown")
