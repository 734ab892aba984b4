"""Typed errors: part of the interface.

Every error a user can cause or meet carries a message that names what went
wrong and where. The CLI prints `str(error)` without a traceback.
"""

from __future__ import annotations


class RulebookError(Exception):
    """Base for errors shown to users as a one-line message."""

    exit_code = 1


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

    def __init__(self, message: str, *, step: str | None = None) -> None:
        super().__init__(message)
        self.step = step


class StructuredOutputError(LLMError):
    """The LLM kept answering with output that does not fit the expected model."""

    def __init__(self, message: str, *, step: str, raw: str, attempts: int) -> None:
        super().__init__(message, step=step)
        self.raw = raw
        self.attempts = attempts


class ContextLengthError(LLMError):
    """The prompt (plus the answer's bound) does not fit the model's context window."""


class AnswerCutOffError(StructuredOutputError):
    """The answer hit its token bound (finish_reason "length") before it was complete."""
