"""Reading label files into label sets: one set per rater (a file, an annotator of a file, or the model's pre-labels)."""

from __future__ import annotations

import json

from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from assistant.core.errors import InputError
from assistant.core.messages import Message
from assistant.core.models import ABSTAIN
from assistant.integrations.cells import cell_text
from assistant.integrations.datafiles import read_records, require_columns
from evaluation.label_models import MULTI, LabelSet, MissingReason

__all__ = ["label_sets_from_records", "load_label_sets", "load_labels", "read_texts", "unique_names"]


def _n(count: int, noun: str) -> Message:
    """`count` records or ids, as a catalogue message ("1 record", "2 records"; "2 条记录")."""
    return Message(f"error.label_load.{noun}_{'one' if count == 1 else 'many'}", count=count)



_PREDICTION_STATUSES = ("labeled", "abstain", "error")


def _label_parts(record: Mapping[str, Any], label_field: str) -> list[str]:
    """The label(s) of a record: one text, or a list (Doccano's ``["x"]``, a Label Studio multi-choice,
    JSON list text in a CSV cell) -- never the Python text of a list."""
    raw = record.get(label_field)
    listed = record.get("labels")
    if label_field == "label" and isinstance(listed, list) and len(listed) > 1:
        raw = listed  # a Label Studio multi-choice answer
    if isinstance(raw, str) and raw.strip()[:1] == "[":

        try:
            decoded = json.loads(raw)
        except json.JSONDecodeError:
            decoded = None
        if isinstance(decoded, list):
            raw = decoded
    if isinstance(raw, dict) and "choices" in raw:
        raw = raw["choices"]  # JSON_MIN's {"choices": [...]}
    if isinstance(raw, list):
        parts: list[str] = []
        for part in raw:
            if isinstance(part, list) and len(part) == 3:  # a Doccano span [start, end, label]
                part = part[2]
            text = cell_text(part, strip=False) if not isinstance(part, (list, dict)) else None
            if text is not None and text.strip() not in parts:
                parts.append(text.strip())
        return parts
    text = cell_text(raw, strip=False)
    return [text] if text is not None else []


def _is_model_records(records: Sequence[Mapping[str, Any]]) -> bool:
    """Pre-label output: a prediction `status`, or `confidence` with `engine`/`rationale` (a human file
    with just an annotator-confidence column is not taken for the model)."""
    for record in records[:200]:
        if cell_text(record.get("status"), strip=False) in _PREDICTION_STATUSES or "engine" in record:
            return True
        if "confidence" in record and ("rationale" in record or "engine" in record):
            return True
    return False


def label_sets_from_records(
    records: Sequence[Mapping[str, Any]],
    name: str,
    *,
    label_field: str = "label",
    id_field: str = "id",
    annotator_field: str = "annotator",
    text_field: str = "text",
    rationale_field: str = "rationale",
    source: str | None = None,
) -> list[LabelSet]:
    """Label sets from in-memory records (what :func:`load_label_sets` does after reading the file).

    With an ``annotator_field`` column there is one set per annotator, named
    after the annotator; otherwise one set called ``name``.
    """
    where = source or name
    if not records:
        raise InputError(Message("error.label_load.no_records", source=str(where)))
    present = set().union(*(r.keys() for r in records[:50]))
    missing_cols = [c for c in (id_field, label_field) if c not in present]
    if missing_cols:
        hint: Message | str = ""
        if label_field in missing_cols:
            hint = Message("error.label_load.hint_label_field")
        elif id_field in missing_cols:
            hint = Message("error.label_load.hint_id_field")
        raise InputError(
            Message("error.label_load.missing_columns", source=str(where), missing=str(missing_cols), columns=str(sorted(present)), hint=hint)
        )
    is_model = _is_model_records(records)
    by_annotator = annotator_field in present and not is_model
    groups: dict[str | None, list[tuple[int, Mapping[str, Any]]]] = {}
    blank_annotator: list[int] = []
    for number, record in enumerate(records, 1):
        annotator = cell_text(record.get(annotator_field), strip=False) if by_annotator else None
        if by_annotator and annotator is None:
            blank_annotator.append(number)
            continue
        groups.setdefault(annotator.strip() if annotator else None, []).append((number, record))
    if blank_annotator:
        raise InputError(Message(
            "error.label_load.blank_annotator", source=str(where), records=_n(len(blank_annotator), "record"),
            field=annotator_field, rows=", ".join(map(str, blank_annotator[:10])),
        ))
    sets = []
    for annotator, rows in groups.items():
        set_name = annotator if annotator is not None else name
        sets.append(
            _one_set(
                rows,
                set_name,
                where=where,
                annotator=annotator,
                is_model=is_model,
                label_field=label_field,
                id_field=id_field,
                text_field=text_field,
                rationale_field=rationale_field,
                source=source,
            )
        )
    return sets


def _one_set(
    rows: list[tuple[int, Mapping[str, Any]]],
    name: str,
    *,
    where: str,
    annotator: str | None,
    is_model: bool,
    label_field: str,
    id_field: str,
    text_field: str,
    rationale_field: str,
    source: str | None,
) -> LabelSet:
    labels: dict[str, str] = {}
    missing: dict[str, MissingReason] = {}
    rationales: dict[str, str] = {}
    texts: dict[str, str] = {}
    seen: Counter[str] = Counter()
    first_value: dict[str, str | None] = {}
    conflicts: list[str] = []
    blank_ids: list[int] = []
    multi: list[str] = []
    for number, record in rows:
        item_id = cell_text(record.get(id_field), strip=False)
        if item_id is None:
            blank_ids.append(number)
            continue
        item_id = item_id.strip()
        parts = _label_parts(record, label_field)
        label = MULTI.join(parts) if parts else None
        if len(parts) > 1:
            multi.append(item_id)
        status = cell_text(record.get("status"), strip=False) if is_model else None
        reason: MissingReason | None = None
        if status == "error":
            reason, label = "error", None
        elif status == ABSTAIN or (label is not None and label.strip() == ABSTAIN):
            reason, label = "abstain", None
        elif label is None:
            reason = "error" if is_model and status not in (None, "labeled") else "empty"
        seen[item_id] += 1
        value = label if reason is None else f"\0{reason}"
        if seen[item_id] > 1:
            if first_value[item_id] != value:
                conflicts.append(item_id)
            continue
        first_value[item_id] = value
        if reason is None:
            labels[item_id] = label  # type: ignore[assignment]
        else:
            missing[item_id] = reason
        rationale = cell_text(record.get(rationale_field), strip=False)
        if rationale:
            rationales[item_id] = rationale.strip()
        text = cell_text(record.get(text_field), strip=False)
        if text:
            texts[item_id] = text.strip()
    who = Message("error.label_load.annotator", annotator=annotator) if annotator else ""
    if blank_ids:
        raise InputError(Message(
            "error.label_load.blank_ids", source=str(where), who=who, records=_n(len(blank_ids), "record"),
            field=id_field, rows=", ".join(map(str, blank_ids[:10])),
        ))
    if conflicts:
        shown = ", ".join(conflicts[:10])
        raise InputError(Message("error.label_load.conflicts", source=str(where), who=who, ids=_n(len(conflicts), "id"), shown=shown))
    duplicates = {item_id: count for item_id, count in seen.items() if count > 1}
    return LabelSet(
        name=name,
        labels=labels,
        rationales=rationales,
        texts=texts,
        missing=missing,
        duplicates=duplicates,
        multi=list(dict.fromkeys(i for i in multi if i in labels)),
        source=source,
        annotator=annotator,
        is_model=is_model,
    )


def load_label_sets(
    path: Path | str,
    *,
    name: str | None = None,
    label_field: str = "label",
    id_field: str = "id",
    annotator_field: str = "annotator",
    text_field: str = "text",
) -> list[LabelSet]:
    """Read a label file (CSV, JSONL, JSON or XLSX; or pre-label output JSONL) into label sets.

    A file with an ``annotator`` column gives one set per annotator (named
    after the annotator); otherwise one set named ``name`` or the file stem.
    """
    path = Path(path)
    records = read_records(path)
    require_columns(path, records, id_field)
    return label_sets_from_records(
        records,
        name or path.stem,
        label_field=label_field,
        id_field=id_field,
        annotator_field=annotator_field,
        text_field=text_field,
        source=str(path),
    )


def load_labels(path: Path | str, **options: Any) -> LabelSet:
    """Read a label file that holds exactly one rater's labels."""
    sets = load_label_sets(path, **options)
    if len(sets) != 1:
        names = ", ".join(s.name for s in sets)
        raise InputError(Message("error.label_load.several_annotators", path=str(path), count=len(sets), names=names))
    return sets[0]


def read_texts(path: Path | str, *, id_field: str = "id", text_field: str = "text") -> dict[str, str]:
    """Item texts (id -> text) from a CSV/JSONL/XLSX file, for the disagreement review."""
    path = Path(path)
    records = read_records(path)
    require_columns(path, records, id_field, text_field)
    texts: dict[str, str] = {}
    for record in records:
        item_id, text = cell_text(record.get(id_field), strip=False), cell_text(record.get(text_field), strip=False)
        if item_id is not None and text is not None:
            texts[item_id.strip()] = text.strip()
    return texts


def unique_names(sets: Sequence[LabelSet]) -> list[LabelSet]:
    """Rename sets whose names collide to ``<file stem>/<name>`` (then ``#2``, ``#3`` if still needed)."""
    counts = Counter(s.name for s in sets)
    out: list[LabelSet] = []
    taken: set[str] = set()
    for s in sets:
        new = s.name
        if counts[s.name] > 1 and s.source:
            new = f"{Path(s.source).stem}/{s.name}"
        base, k = new, 2
        while new in taken:
            new, k = f"{base}#{k}", k + 1
        taken.add(new)
        out.append(s if new == s.name else s.model_copy(update={"name": new}))
    return out

