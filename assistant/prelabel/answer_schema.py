"""The JSON schema of a pre-labeling answer, with the batch's ids and the rulebook's labels as enums.

The pydantic answer models (`prelabel.BatchAnswer` ...) stay lenient: they validate whatever a
server sends so that a slip can be repaired or re-asked. What is *sent* as the schema is stricter:
every `id` is one of the batch's ids, every label one of the rulebook's labels or "abstain", the
list has one entry per item, and the free-text fields have a length cap. A constrained decoder
(strict JSON schema at OpenAI; grammars in vLLM, llama.cpp and Ollama) can then only emit those.

`described_schema` is the same without the per-batch parts (ids, item count): JSON mode writes it
into the system message, which must stay byte-identical across requests for prompt caching.
"""

from __future__ import annotations

from typing import Any, Sequence

from assistant.core.models import ABSTAIN

RATIONALE_CHARS = 200
RULE_CHARS = 120
ANSWER_OVERHEAD_TOKENS = 32  # {"items": [ ... ]}
ITEM_ANSWER_TOKENS = 160  # one entry: id, label(s), confidence, capped rationale and rule
SPAN_ANSWER_TOKENS = 60  # each further span of a span answer


def _item_schema(mode: str, labels: Sequence[str], ids: Sequence[str] | None) -> dict[str, Any]:
    label = {"type": "string", "enum": [*labels, ABSTAIN]}
    properties: dict[str, Any] = {
        "id": {"type": "string", "enum": list(ids)} if ids is not None else {"type": "string"},
        "label": label,
    }
    required = ["id", "label"]
    if mode == "multi":
        properties["labels"] = {"type": "array", "items": {"type": "string", "enum": list(labels)}, "maxItems": len(labels)}
        required.append("labels")
    elif mode == "spans":
        properties["spans"] = {
            "type": "array",
            "maxItems": 20,
            "items": {
                "type": "object",
                "properties": {
                    "start": {"type": "integer", "minimum": 0},
                    "end": {"type": "integer", "minimum": 1},
                    "text": {"type": "string", "maxLength": 200},
                    "label": {"type": "string", "enum": list(labels)},
                },
                "required": ["start", "end", "text", "label"],
            },
        }
        required.append("spans")
    properties["confidence"] = {"type": "number", "minimum": 0, "maximum": 1}
    properties["rationale"] = {"type": "string", "maxLength": RATIONALE_CHARS}
    properties["rule"] = {"type": "string", "maxLength": RULE_CHARS}
    required += ["confidence", "rationale"]
    return {"type": "object", "properties": properties, "required": required}


def batch_answer_schema(mode: str, labels: Sequence[str], ids: Sequence[str]) -> dict[str, Any]:
    """The schema sent with a request for `ids`: one entry per id, ids and labels as enums."""
    return {
        "type": "object",
        "properties": {
            "items": {
                "type": "array",
                "items": _item_schema(mode, labels, ids),
                "minItems": len(ids),
                "maxItems": len(ids),
            }
        },
        "required": ["items"],
    }


def described_schema(mode: str, labels: Sequence[str]) -> dict[str, Any]:
    """The schema written into the prompt (JSON mode): labels as enums, nothing per batch."""
    return {
        "type": "object",
        "properties": {"items": {"type": "array", "items": _item_schema(mode, labels, None)}},
        "required": ["items"],
    }


def answer_bound(mode: str, items: int, id_tokens: int = 0) -> int:
    """Answer tokens a batch of `items` may need (the request's max_tokens)."""
    per_item = ITEM_ANSWER_TOKENS + (3 * SPAN_ANSWER_TOKENS if mode == "spans" else 0)
    return ANSWER_OVERHEAD_TOKENS + items * per_item + id_tokens
