"""Certain repairs of schema-valid answers that break a rule the JSON schema cannot express.

A real model's answer can fit the JSON schema and still break a cross-field rule of the output
model, e.g. a breakdown field marked `missing` that still carries a value. When the fix is certain,
the LLM seam applies it here (with a note saying what changed) instead of re-asking the model;
only an answer with no certain fix is re-asked.

Repairs work on the parsed JSON, before validation, and are generic over the shape: any object
with a `status` and a `value` is treated as a breakdown field.
"""

from __future__ import annotations

from typing import Any

_EMPTY: tuple[Any, ...] = (None, "", [], {})
_FIELD_STATUSES = {"stated", "inferred", "from_past_project", "missing"}


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _repair_field(node: dict[str, Any], path: str, notes: list[str]) -> None:
    status = node.get("status")
    if status not in _FIELD_STATUSES:
        return
    value = node.get("value")
    if status == "missing" and value not in _EMPTY:
        notes.append(f"{path}: marked missing but carried the value {_short(value)!r}; the value was cleared")
        node["value"], node["confidence"] = None, 0.0
    elif status != "missing" and value in _EMPTY:
        notes.append(f"{path}: marked {status} without a value; now missing")
        node.update(status="missing", value=None, confidence=0.0, source=None)
    elif status == "from_past_project" and not node.get("source"):
        notes.append(f"{path}: marked from_past_project without naming the project; now inferred")
        node["status"] = "inferred"


def repair_answer(data: Any, path: str = "") -> list[str]:
    """Apply the certain repairs to `data` in place; returns one note per repair (empty: nothing to fix)."""
    notes: list[str] = []
    if isinstance(data, dict):
        if "status" in data and "value" in data:
            _repair_field(data, path or "(root)", notes)
        for key, value in data.items():
            if isinstance(value, (dict, list)):
                notes += repair_answer(value, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            if isinstance(value, (dict, list)):
                notes += repair_answer(value, f"{path}.{index}" if path else str(index))
    return notes
