"""A metric's explanation in the reader's language.

The metrics (:mod:`evaluation.metrics`, :mod:`evaluation.bootstrap`) stay pure and write their
explanation in English, sentence after sentence ("34 of 40 items agree. 95% percentile bootstrap CI
from 1000 item resamples (seed 0)."). Every such sentence has a catalogue id under ``metric.why.``
whose English text is the sentence's pattern; :func:`explanation_text` reads the English back
sentence by sentence and renders each one in `language`. Values that are themselves catalogue texts
(``3 items``, ``chance agreement is 1 so kappa is undefined (0/0)``) are rendered in `language` too;
a sentence no pattern matches is kept as written.

    explanation_text("34 of 40 items agree.", "zh")   -> "共 40 条，其中 34 条一致。"
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from typing import Any

from assistant.core.messages import FALLBACK, Message, catalogues, normalize, text

__all__ = ["PREFIX", "Explanation", "explanation_text"]

PREFIX = "metric.why."


@lru_cache(maxsize=4)
def _patterns(english_id: int) -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
    """(id without prefix, pattern at the start of a text, pattern of a whole text), most specific first."""
    found = []
    for key, value in catalogues().get(FALLBACK, {}).items():
        if not key.startswith(PREFIX):
            continue
        parts, literal = [], 0
        for text_part, name, _, _ in string.Formatter().parse(value):
            parts.append(re.escape(text_part))
            literal += len(text_part)
            if name:
                parts.append(f"(?P<{name}>(?:(?!\\. ).)+?)")  # a value never spans two sentences
        body = "".join(parts)
        found.append((literal, key[len(PREFIX) :], re.compile(f"^{body}(?= |$)", re.S), re.compile(f"^{body}$", re.S)))
    found.sort(key=lambda entry: -entry[0])
    return [(key, start, whole) for _, key, start, whole in found]


def _value(raw: str, language: str, patterns: list[tuple[str, re.Pattern[str], re.Pattern[str]]]) -> str:
    for key, _, whole in patterns:
        match = whole.match(raw)
        if match:
            return _render(key, match.groupdict(), language, patterns)
    return raw


def _render(key: str, values: dict[str, str], language: str, patterns: list[tuple[str, re.Pattern[str], re.Pattern[str]]]) -> str:
    localized = {name: _value(value, language, patterns) for name, value in values.items()}
    return text(f"metric.why.{key}", language, **localized)


def explanation_text(english: str | None, language: str | None) -> str:
    """`english` (a metric's explanation) in `language`; unknown sentences are kept as written."""
    rest = english or ""
    language = normalize(language)
    if language == FALLBACK or not rest:
        return rest
    patterns = _patterns(id(catalogues()))
    out: list[str] = []
    while rest:
        for key, start, _ in patterns:
            match = start.match(rest)
            if match:
                out.append(_render(key, match.groupdict(), language, patterns))
                rest = rest[match.end() :].lstrip(" ")
                break
        else:  # not a known sentence: keep up to the next sentence end as written
            head, dot, tail = rest.partition(". ")
            out.append(head + dot.rstrip())
            rest = tail
    return text("metric.why.separator", language).join(out)


class Explanation(Message):
    """A metric's English explanation used as a message value: rendered in the language of the message it fills."""

    def __init__(self, english: str) -> None:
        super().__init__("metric.why.separator")
        self.english = english

    def render(self, language: str | None = None) -> str:
        return explanation_text(self.english, language)

    def to_dict(self) -> dict[str, Any]:
        return {"explanation": self.english}
