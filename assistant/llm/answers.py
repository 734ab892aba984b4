"""Reading a model's answer: the JSON-bearing text, parsing and certain repairs, and the feedback
that asks again after an invalid answer (the structured-answer re-ask loop in `assistant.llm.chat`)."""

from __future__ import annotations

import json
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from assistant.llm.repairs import repair_answer

M = TypeVar("M", bound=BaseModel)
Messages = list[tuple[str, str]]
FEEDBACK_EXCERPT_CHARS = 600  # of an invalid answer, fed back with the validation error

_FENCE = re.compile(r"^```(?:json)?\s*(.*?)\s*```$", re.S)


def answer_text(message: Any) -> str:
    """The JSON-bearing text of an AI message: tool-call arguments, or the content."""
    tool_calls = getattr(message, "tool_calls", None) or []
    if tool_calls:
        call = tool_calls[0]
        if isinstance(call.get("args"), str):
            return call["args"]
        return json.dumps(call.get("args", {}), ensure_ascii=False)
    invalid = getattr(message, "invalid_tool_calls", None) or []
    if invalid:
        return str(invalid[0].get("args") or "")
    content = getattr(message, "content", message)
    if isinstance(content, list):
        content = "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
    return str(content)


def _json_text(text: str) -> str:
    stripped = text.strip()
    fenced = _FENCE.match(stripped)
    if fenced:
        stripped = fenced.group(1)
    if not stripped.startswith("{"):
        start, end = stripped.find("{"), stripped.rfind("}")
        if start != -1 and end > start:
            stripped = stripped[start : end + 1]
    return stripped


def parse_answer(text: str, output: type[M]) -> M:
    """Validate an answer's JSON against the output model (fences and surrounding prose tolerated)."""
    return output.model_validate_json(_json_text(text))


def parse_and_repair(text: str, output: type[M]) -> tuple[M, list[str]]:
    """`parse_answer`, with the certain repairs of `assistant.llm.repairs` when validation fails.

    Raises the original validation error when no certain repair makes the answer valid.
    """

    stripped = _json_text(text)
    try:
        return output.model_validate_json(stripped), []
    except ValidationError as error:
        try:
            data = json.loads(stripped)
        except ValueError:
            raise error from None
        notes = repair_answer(data)
        if not notes:
            raise
        try:
            return output.model_validate(data), notes
        except ValidationError:
            raise error from None


def excerpt(raw: str, limit: int = FEEDBACK_EXCERPT_CHARS) -> str:
    """The start and end of a long answer, with how much was left out (for feedback and messages)."""
    if len(raw) <= limit:
        return raw
    head, tail = raw[: limit * 2 // 3], raw[-(limit // 3) :]
    return f"{head} […{len(raw) - len(head) - len(tail)} characters left out…] {tail}"


def _feedback(error: Exception) -> str:
    if isinstance(error, ValidationError):
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['msg']}" for e in error.errors()[:10]
        )
    else:
        problems = str(error)[:500]
    return (
        f"Your previous answer was not valid: {problems}. "
        "Answer again with one JSON object that fixes these problems and matches the schema exactly."
    )


def _feedback_messages(raw: str, error: Exception) -> Messages:
    """What the next attempt adds: a bounded excerpt of the invalid answer and the error, never the whole answer."""
    return [("assistant", excerpt(raw) or "(empty answer)"), ("user", _feedback(error))]
