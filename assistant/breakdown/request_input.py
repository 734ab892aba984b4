"""A request as the breakdown step takes it: validated, and the language its breakdown is written in."""

from __future__ import annotations

from assistant.core.errors import InputError
from assistant.core.messages import Message
from assistant.core.language import project_language

MAX_REQUEST_CHARS = 20_000


def validate_request(text: str | None) -> str:
    """The request, stripped; empty, blank and over-long requests are refused."""
    if text is None or not text.strip():
        raise InputError(Message("error.request_input.empty"))
    text = text.strip()
    if len(text) > MAX_REQUEST_CHARS:
        raise InputError(
            Message("error.request_input.too_long", count=len(text), limit=MAX_REQUEST_CHARS)
        )
    return text


def output_language(language: str) -> str:
    """The language a breakdown is written in: the request's (mixed Chinese-English requests: Chinese; a language
    without a catalogue: English)."""
    return project_language(language)
