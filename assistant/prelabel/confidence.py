"""Confidence of an LLM answer: label-token probabilities from log-probabilities, or shrunk verbal scores."""

from __future__ import annotations

import math
import re
from typing import Any, Mapping, Sequence

from assistant.prelabel.constants import VERBAL_SHRINK


# =============================================================================================
# Log-probabilities
# =============================================================================================
_LABEL_VALUE = re.compile(r'"label"\s*:\s*"((?:[^"\\]|\\.)*)"')


def _token_spans(raw_bytes: bytes, logprobs: Sequence[Mapping[str, Any]]) -> list[tuple[int, int, float]] | None:
    """Byte span of each token inside `raw_bytes` (the answer), or None when the tokens do not spell it.

    Servers that send no `bytes` give a token's text, which is empty (llama-cpp-python) or a
    replacement character when the token is part of a multi-byte character (a Chinese label).
    Such tokens get the span of the bytes between their neighbours that do spell the answer.
    """
    spans: list[tuple[int, int, float]] = []
    pending: list[float] = []  # tokens that spell nothing readable, waiting for the next anchor
    position = 0
    for entry in logprobs:
        try:
            logprob = float(entry.get("logprob"))  # type: ignore[arg-type]  # None raises TypeError, handled below
        except (TypeError, ValueError):
            return None
        token_bytes = entry.get("bytes")
        if token_bytes is not None:
            data = bytes(token_bytes)
        else:
            text = str(entry.get("token", ""))
            data = b"" if "\ufffd" in text else text.encode("utf-8")
        if not data:
            pending.append(logprob)
            continue
        found = raw_bytes.find(data, position)
        if found < 0 or (found > position and not pending and spans):
            if not spans and found >= 0:  # text before the answer (e.g. a prefix the server added)
                position = found
            else:
                return None
        if pending:
            spans += [(position, found, lp) for lp in pending]
            pending = []
        spans.append((found, found + len(data), logprob))
        position = found + len(data)
    if pending:
        spans += [(position, len(raw_bytes), lp) for lp in pending]
    elif raw_bytes[position:].strip():
        return None  # the tokens stop before the answer does
    return spans


def label_probabilities(raw: str, logprobs: Sequence[Mapping[str, Any]] | None, expected: int) -> list[float | None]:
    """Per answered item (in answer order): exp(sum of the log-probabilities of the tokens that
    spell its "label" value). Empty when the tokens do not spell `raw` or the count is off."""
    if not logprobs:
        return []
    raw_bytes = raw.encode("utf-8")
    spans = _token_spans(raw_bytes, logprobs)
    if spans is None:
        return []
    values: list[float | None] = []
    for match in _LABEL_VALUE.finditer(raw):
        start_char, end_char = match.start(1), match.end(1)
        if end_char == start_char:
            values.append(None)
            continue
        start = len(raw[:start_char].encode("utf-8"))
        end = len(raw[:end_char].encode("utf-8"))
        covering = [lp for a, b, lp in spans if (a < end and b > start) or (a == b and start <= a <= end)]
        if not covering:
            values.append(None)
            continue
        values.append(min(1.0, math.exp(sum(covering))))
    return values if len(values) == expected else []


def verbal_confidence(verbal: float, shrink: float = VERBAL_SHRINK) -> float:
    """The verbal score shrunk toward 0.5: 0.5 + shrink × (verbal − 0.5)."""
    return min(1.0, max(0.0, 0.5 + shrink * (float(verbal) - 0.5)))
