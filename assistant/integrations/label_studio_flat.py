"""Label Studio's flat exports, JSON_MIN and CSV, read into the same records as the JSON export.

Label Studio writes one row per submitted annotation::

    {"id": 17, "text": "…", "item_id": "c001", "label": "愤怒投诉", "annotator": 3 | "a@x.com",
     "annotation_id": 41, "created_at": "…", "updated_at": "…", "lead_time": 12.5}

* the task's ``data`` fields sit beside ``id`` (the task id);
* each control is a column named after its ``from_name``: one choice as plain text, several as
  ``{"choices": [...]}`` (an object in JSON_MIN, JSON text in CSV), a rating as ``[{"rating": 4}]``;
* cancelled (skipped) annotations are not exported at all; a task nobody annotated is one row
  with an empty ``annotator``.

:func:`parse_flat_export` gives a :class:`~assistant.integrations.label_studio_export.LabelStudioImport` with records
shaped like the JSON export's (``id``, ``annotator``, ``label``, ``labels``, ``lead_time`` …), so
``agree``, ``batches`` and ``plan --trial`` treat all three formats alike.
"""

from __future__ import annotations

import json
from typing import Any, Mapping, Sequence

from assistant.core.errors import InputError
from assistant.core.messages import Message
from assistant.integrations.cells import cell_text

from assistant.integrations.label_studio_common import (
    MULTI_SEPARATOR,
    LabelStudioImport,
    _number,
    annotator_name,
    choose_control,
)

__all__ = ["FIXED_COLUMNS", "looks_like_flat_export", "parse_flat_export"]

FIXED_COLUMNS = ("annotator", "annotation_id", "created_at", "updated_at", "lead_time", "agreement", "history")
_NOT_CONTROLS = {*FIXED_COLUMNS, "id", "item_id", "text", "ground_truth"}
_LONG = 60  # a column holding values this long is the item (task data), not an answer


def looks_like_flat_export(records: Sequence[Mapping[str, Any]]) -> bool:
    """Rows with Label Studio's fixed columns: ``annotator``, ``annotation_id`` and ``created_at``/``lead_time``."""
    if not records:
        return False
    keys = set().union(*(r.keys() for r in records[:50]))
    return {"annotator", "annotation_id", "id"} <= keys and bool({"lead_time", "created_at", "updated_at"} & keys)


def _decode(value: Any) -> Any:
    """A cell as Label Studio meant it: JSON text (CSV) decoded, blanks as None."""
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if text[0] in "[{":
            try:
                return json.loads(text)
            except json.JSONDecodeError:
                return text
        return text
    return value


def _answer(value: Any) -> dict[str, Any]:
    """{"labels": [...], "rating": float | None, "spans": [...]} of one control cell."""
    value = _decode(value)
    out: dict[str, Any] = {"labels": [], "rating": None, "spans": []}
    if value is None:
        return out
    if isinstance(value, Mapping):
        value = [value]
    if isinstance(value, list):
        for part in value:
            if isinstance(part, Mapping):
                if "choices" in part:
                    choices = part["choices"]
                    for choice in choices if isinstance(choices, list) else [choices]:
                        text = cell_text(choice)
                        if text and text not in out["labels"]:
                            out["labels"].append(text)
                elif "rating" in part:
                    out["rating"] = _number(part["rating"])
                elif "labels" in part:
                    for label in part.get("labels") or []:
                        if cell_text(label):
                            out["spans"].append(
                                {"start": part.get("start"), "end": part.get("end"), "text": part.get("text"), "label": cell_text(label)}
                            )
            else:
                text = cell_text(part)
                if text and text not in out["labels"]:
                    out["labels"].append(text)
        return out
    text = cell_text(value)
    if text:
        out["labels"].append(text)
    return out


def _control_columns(records: Sequence[Mapping[str, Any]]) -> list[str]:
    columns: dict[str, None] = {}
    for record in records:
        columns.update(dict.fromkeys(record))
    out = []
    for column in columns:
        if column in _NOT_CONTROLS or column.startswith("_data_") or column.endswith("_transcript"):
            continue
        values = [_decode(r.get(column)) for r in records]
        if any(isinstance(v, str) and len(v) > _LONG for v in values):
            continue  # item text, not an answer
        out.append(column)
    return out


def _varying(records: Sequence[Mapping[str, Any]], columns: list[str]) -> set[str]:
    """Columns whose value differs between two rows of the same task."""
    seen: dict[tuple[str, str], Any] = {}
    out: set[str] = set()
    for record in records:
        task = str(record.get("id"))
        for column in columns:
            value = json.dumps(_decode(record.get(column)), sort_keys=True, ensure_ascii=False)
            if seen.setdefault((task, column), value) != value:
                out.add(column)
    return out


def parse_flat_export(
    records: Sequence[Mapping[str, Any]],
    source: str,
    *,
    fmt: str = "json-min",
    control: str | None = None,
    label_names: list[str] | None = None,
) -> LabelStudioImport:
    """Records of a JSON_MIN or CSV export (see the module docstring)."""
    out = LabelStudioImport(source=source, format=fmt)
    annotated = [r for r in records if cell_text(r.get("annotation_id")) is not None or cell_text(r.get("annotator")) is not None]
    tasks = {(cell_text(r.get("id")) or "") for r in records}
    out.n_tasks = len(tasks)
    out.n_unannotated_tasks = len(tasks - {(cell_text(r.get("id")) or "") for r in annotated})
    candidates = _control_columns(annotated)
    used: dict[str, int] = {}
    values: dict[str, set[str]] = {}
    for column in candidates:
        for record in annotated:
            answer = _answer(record.get(column))
            if answer["labels"] or answer["rating"] is not None or answer["spans"]:
                used[column] = used.get(column, 0) + 1
                values.setdefault(column, set()).update(answer["labels"])
    # Task data columns sit beside the answers and look alike; a column whose value differs between
    # annotators of one task is an answer, which settles a tie in how often columns are filled.
    varies = _varying(annotated, list(used))
    top = max(used.values(), default=0)
    tied = [c for c in used if used[c] == top]
    if not control and "label" not in used and len(tied) > 1 and any(c in varies for c in tied):
        for column in tied:
            if column not in varies:
                used[column] -= 1
    if control and control not in used and control not in candidates:
        raise InputError(
            Message("error.label_studio_flat.no_answer_column", source=source, control=control, columns=str(sorted(used) or candidates))
        )
    main, why = choose_control(used, values, wanted=control, label_names=label_names)
    out.control, out.control_note = main, why
    for number, record in enumerate(annotated, 1):
        task_id = cell_text(record.get("id"))
        if task_id is None:
            raise InputError(Message("error.label_studio_flat.no_task_id", source=source, row=number))
        row: dict[str, Any] = {
            "id": cell_text(record.get("item_id")) or task_id,
            "task_id": task_id,
            "annotation_id": cell_text(record.get("annotation_id")),
            "text": cell_text(record.get("text")),
            "annotator": annotator_name(_decode(record.get("annotator"))),
            "lead_time": _number(_decode(record.get("lead_time"))),
            "ground_truth": False,
            "label": None,
            "labels": [],
            "spans": [],
        }
        if main is not None:
            answer = _answer(record.get(main))
            row["spans"] = answer["spans"]
            if answer["rating"] is not None:
                rating = answer["rating"]
                text = str(int(rating)) if rating.is_integer() else str(rating)
                row.update(label=text, labels=[text], rating=rating)
            elif answer["labels"]:
                row.update(label=MULTI_SEPARATOR.join(answer["labels"]), labels=answer["labels"])
            elif answer["spans"]:
                row["labels"] = list(dict.fromkeys(span["label"] for span in answer["spans"]))
        for column in used:
            if column != main and column not in row:
                answer = _answer(record.get(column))
                row[column] = MULTI_SEPARATOR.join(answer["labels"]) or answer["rating"]
        if row["label"] is None and not row["spans"]:
            out.n_empty += 1
        if len(row["labels"]) > 1 and not row["spans"]:
            out.n_multi += 1
        out.records.append(row)
    out.n_annotations = len(out.records)
    return out
