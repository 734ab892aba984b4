"""A request as the breakdown step takes it: validated, and the language its breakdown is written in."""

from __future__ import annotations

from assistant.core.errors import InputError
from assistant.core.language import project_language

MAX_REQUEST_CHARS = 20_000


def validate_request(text: str | None) -> str:
    """The request, stripped; empty, blank and over-long requests are refused."""
    if text is None or not text.strip():
        raise InputError("the request is empty: describe what data you need (e.g. 我们想让客服机器人更懂用户的投诉)")
    text = text.strip()
    if len(text) > MAX_REQUEST_CHARS:
        raise InputError(
            f"the request is {len(text):,} characters; the limit is {MAX_REQUEST_CHARS:,}. "
            "Summarise it, and attach sample data as a file instead of pasting it"
        )
    return text


def output_language(language: str) -> str:
    """The language a breakdown is written in: the request's (mixed Chinese-English requests: Chinese; a language
    without a catalogue: English)."""
    return project_language(language)
