"""The one line every command prints (on stderr) to say which engine runs.

Apart from `factory.py` so the command line can print it without importing the chat seam
(`assistant.llm.chat` and its retries, answers and batch modules) in commands that never call a model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.core.messages import text
from assistant.llm.pii import masking_state

if TYPE_CHECKING:
    from assistant.core.settings import Settings


def engine_description(settings: "Settings", language: str | None = None) -> str:
    """One line, in `language`, that says plainly which engine runs."""
    if settings.llm_configured:
        masked = text("engine.masked", language) if masking_state(settings).on else ""
        return text("engine.llm", language, model=settings.model, host=settings.endpoint_host, masked=masked)
    return text("engine.offline", language)
