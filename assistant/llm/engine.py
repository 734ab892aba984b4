"""The one line every command prints (on stderr) to say which engine runs.

Apart from `factory.py` so the command line can print it without importing the chat seam
(`assistant.llm.chat` and its retries, answers and batch modules) in commands that never call a model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.llm.pii import masking_state

if TYPE_CHECKING:
    from assistant.core.settings import Settings


def engine_description(settings: "Settings") -> str:
    """One line that says plainly which engine runs."""
    if settings.llm_configured:
        masked = "; personal data masked before sending" if masking_state(settings).on else ""
        return f"LLM engine: model {settings.model} at {settings.endpoint_host}{masked}"
    return "offline engine: no LLM configured (set OPENAI_API_KEY and/or OPENAI_BASE_URL to use one)"
