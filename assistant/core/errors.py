"""Typed errors: part of the interface.

Every error a user can cause or meet carries a message that names what went
wrong and where. The CLI prints it without a traceback.

An error's text is either a plain string or a catalogue `Message` (docs/messages.md): then `str(error)`
is the English text (logs, tests) and `error.render(language)` the reader's language, which the CLI's
`error:` line and the app use.

    raise InputError(Message("error.file.not_found", path=str(path)))
"""

from __future__ import annotations

from typing import Any

from assistant.core.messages import FALLBACK, Message


class RulebookError(Exception):
    """Base for errors shown to users as a one-line message."""

    exit_code = 1

    def __init__(self, message: "str | Message" = "", *args: Any) -> None:
        self.message: Message | None = message if isinstance(message, Message) else None
        super().__init__(message.render(FALLBACK) if isinstance(message, Message) else message, *args)

    def render(self, language: str | None = None) -> str:
        """The error's text in `language` (its catalogue message), or its plain text."""
        return self.message.render(language) if self.message is not None else str(self)


def error_text(error: BaseException, language: str | None = None) -> str:
    """Any error's one-line text, in `language` when it carries a catalogue message."""
    return error.render(language) if isinstance(error, RulebookError) else str(error)


class InputError(RulebookError):
    """Bad input from the user: a file, a field, an argument."""

    exit_code = 2


class ConfigurationError(RulebookError):
    """Settings are wrong or a service refuses them (bad key, unknown model, wrong URL)."""

    exit_code = 3


class BrokenIndexError(ConfigurationError):
    """The knowledge base index cannot be read (truncated, corrupt, or a rebuild was interrupted)."""


class EmbedderMismatchError(ConfigurationError):
    """A vector collection was built by a different embedder than the one configured."""


class LLMError(RulebookError):
    """The configured LLM failed (after retries) for a reason that is not configuration."""

    exit_code = 4

    def __init__(self, message: "str | Message", *, step: str | None = None) -> None:
        super().__init__(message)
        self.step = step


class StructuredOutputError(LLMError):
    """The LLM kept answering with output that does not fit the expected model."""

    def __init__(self, message: "str | Message", *, step: str, raw: str, attempts: int) -> None:
        super().__init__(message, step=step)
        self.raw = raw
        self.attempts = attempts


class ContextLengthError(LLMError):
    """The prompt (plus the answer's bound) does not fit the model's context window."""


class AnswerCutOffError(StructuredOutputError):
    """The answer hit its token bound (finish_reason "length") before it was complete."""
