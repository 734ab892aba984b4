"""Reading Label Studio JSON exports into flat annotation records.

A Label Studio export (Export → JSON) is a list of tasks::

    [{"id": 17,
      "data": {"text": "…", "item_id": "c001"},
      "annotations": [{"completed_by": 3 | {"id": 3, "email": "…"}, "lead_time": 12.5,
                       "was_cancelled": false,
                       "result": [{"from_name": "label", "to_name": "text", "type": "choices",
                                   "value": {"choices": ["愤怒投诉"]}}]}],
      "predictions": [5] | [{"model_version": "…", "score": 0.9, "result": [...]}]}]

:func:`read_label_studio_export` turns it into one record per (task, annotator) submission::

    {"id": "c001", "task_id": "17", "annotation_id": "41", "text": "…", "annotator": "a@x.com",
     "label": "愤怒投诉", "labels": ["愤怒投诉"], "lead_time": 12.5, "spans": []}

* ``id`` is the task's ``data.item_id`` when present (the id Rulebook gave the item), else the
  Label Studio task id, as text.
* ``text`` is ``data.text``, else the first string field of ``data``.
* ``annotator`` is the e-mail of ``completed_by`` when the export carries it, else
  ``annotator-<id>``.
* ``label`` is the answer of one control for the whole export (:func:`choose_control`): the one
  asked for, else ``label`` (the name Rulebook's exported labeling configs use), else the control
  whose answers are the rulebook's labels, else the one most annotations use -- never the one an
  annotator happened to click first. Several choices (multi-label) are joined with ``|`` in
  ``label`` and kept as a list in ``labels``. A rating gives its number as text and a ``rating``
  field. Further controls become a field named after their ``from_name``.
* ``spans`` lists the ``labels`` results (``start``, ``end``, ``text``, ``label``); for a span-only
  annotation ``labels`` holds the distinct span labels and ``label`` is empty.
* ``ground_truth`` is True for an annotation marked as ground truth (the reference).
* Cancelled (skipped) annotations are left out and counted (their ``lead_time`` too); an annotation
  with an empty result gives a record without a label (counted too); tasks nobody annotated are
  counted.
* Predictions become pre-label records (``id``, ``label``, ``labels``, ``confidence``, ``model``,
  ``status``) in :attr:`LabelStudioImport.predictions`. Label Studio 1.x lists prediction *ids* in
  the task's ``predictions`` and puts the full prediction in ``annotations[].prediction``; task
  files list the prediction objects themselves. Both are read, each prediction once.

JSON_MIN and CSV exports are read by :mod:`assistant.integrations.label_studio_flat` into the same records;
:func:`load_label_studio_file` takes any of the three.

:func:`load_batch_records` reads a batch file of any kind: CSV/JSONL/XLSX (or a plain JSON list of
records) through :func:`assistant.integrations.datafiles.read_records`, or a Label Studio export when the file
is JSON and looks like one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assistant.integrations.datafiles import read_records
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
from assistant.integrations.label_studio_flat import looks_like_flat_export, parse_flat_export
from assistant.integrations.label_studio_results import EXPECTED, _fields, _prediction_record, _results, _task_text

__all__ = [
    "MULTI_SEPARATOR",
    "LabelStudioImport",
    "annotator_name",
    "choose_control",
    "load_batch_file",
    "load_batch_records",
    "load_label_studio_export",
    "load_label_studio_file",
    "looks_like_label_studio",
    "parse_label_studio_export",
    "read_label_studio_export",
]


# --------------------------------------------------------------------------------------------- #
# Detection
# --------------------------------------------------------------------------------------------- #


def looks_like_label_studio(data: Any) -> bool:
    """True for a list of tasks where some task has a ``data`` object and ``annotations`` or ``predictions``."""
    if not isinstance(data, list) or not data:
        return False
    head = data[:50]
    for task in head:
        if isinstance(task, dict) and isinstance(task.get("data"), dict) and ("annotations" in task or "predictions" in task):
            return True
    # tasks exported before anyone annotated them: every entry is {"id": …, "data": {…}}
    return all(isinstance(task, dict) and isinstance(task.get("data"), dict) and "id" in task for task in head)


def _describe(data: Any) -> Message:
    if isinstance(data, dict):
        keys = ", ".join(repr(k) for k in list(data)[:8])
        return Message("error.label_studio_export.top_level_object", keys=keys or Message("error.label_studio_export.no_keys"))
    if isinstance(data, list):
        if not data:
            return Message("error.label_studio_export.empty_list")
        first = data[0]
        if not isinstance(first, dict):
            return Message("error.label_studio_export.list_of_values", kind=type(first).__name__)
        keys = ", ".join(repr(k) for k in list(first)[:8])
        return Message("error.label_studio_export.first_entry_keys", keys=keys or Message("error.label_studio_export.no_keys"))
    return Message("error.label_studio_export.top_level_kind", kind=type(data).__name__)


# --------------------------------------------------------------------------------------------- #
# Reading
# --------------------------------------------------------------------------------------------- #


def _load_json(path: Path) -> Any:
    try:
        raw = path.read_bytes()
    except FileNotFoundError as error:
        raise InputError(Message("error.label_studio_export.not_found", path=str(path))) from error
    except IsADirectoryError as error:
        raise InputError(Message("error.label_studio_export.is_directory", path=str(path))) from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(Message("error.label_studio_export.not_utf8", path=str(path), byte=error.start)) from error
    if not text.strip():
        raise InputError(Message("error.label_studio_export.empty", path=str(path), expected=EXPECTED))
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(Message("error.label_studio_export.invalid_json", path=str(path), line=error.lineno, reason=error.msg)) from error


def parse_label_studio_export(
    data: Any, source: str = "the export", *, control: str | None = None, label_names: list[str] | None = None
) -> LabelStudioImport:
    """Flat records from a parsed Label Studio export (see the module docstring).

    ``control`` names the control whose answers are the label (default: see :func:`choose_control`);
    ``label_names`` (the rulebook's labels) help choose it when the export has several.
    """
    if not looks_like_label_studio(data):
        raise InputError(Message("error.label_studio_export.not_an_export", source=source, reason=_describe(data), expected=EXPECTED))
    out = LabelStudioImport(source=source)
    seen_task_ids: set[str] = set()
    pending: list[tuple[dict[str, Any], dict[str, Any]]] = []  # (record, parsed results)
    task_predictions: list[tuple[str, Message, list[dict[str, Any]]]] = []  # (item id, where, predictions)
    used: dict[str, int] = {}
    values: dict[str, set[str]] = {}
    for index, task in enumerate(data, 1):
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
            raise InputError(Message("error.label_studio_export.no_data", source=source, task=index, expected=EXPECTED))
        task_id = cell_text(task.get("id")) or str(index)
        item = task["data"]
        item_id = cell_text(item.get("item_id")) or task_id
        where = Message("error.label_studio_export.where_task", source=source, task=task_id)
        if task_id in seen_task_ids:
            raise InputError(Message("error.label_studio_export.task_twice", where=where))
        seen_task_ids.add(task_id)
        text = _task_text(item)
        annotations = task.get("annotations") or []
        if not isinstance(annotations, list):
            raise InputError(Message("error.label_studio_export.annotations_not_a_list", where=where, kind=type(annotations).__name__))
        out.n_tasks += 1
        submitted = 0
        # Label Studio 1.x lists prediction ids in `predictions` and puts the full prediction in
        # `annotations[].prediction`; task imports (and older exports) list the objects themselves.
        predictions: dict[str, dict[str, Any]] = {}
        for number, prediction in enumerate(task.get("predictions") or [], 1):
            if isinstance(prediction, dict):
                predictions[cell_text(prediction.get("id")) or f"#{number}"] = prediction
        for number, annotation in enumerate(annotations, 1):
            if not isinstance(annotation, dict):
                raise InputError(Message("error.label_studio_export.annotation_not_an_object", where=where, number=number, expected=EXPECTED))
            embedded = annotation.get("prediction")
            if isinstance(embedded, dict) and embedded.get("result"):
                predictions.setdefault(cell_text(embedded.get("id")) or f"a{number}", embedded)
            annotator = annotator_name(annotation.get("completed_by"))
            if annotation.get("was_cancelled") or annotation.get("skipped"):
                out.n_cancelled += 1
                out.cancelled.append((item_id, annotator))
                lead = _number(annotation.get("lead_time"))
                if lead is not None:
                    out.cancelled_lead_time += lead
                continue
            parsed = _results(
                annotation.get("result"),
                Message("error.label_studio_export.where_annotation", where=where, annotation=str(annotation.get("id", number))),
            )
            for name in (*parsed["controls"], *parsed["ratings"]):
                used[name] = used.get(name, 0) + 1
            for name, choices in parsed["controls"].items():
                values.setdefault(name, set()).update(choices)
            record: dict[str, Any] = {
                "id": item_id,
                "task_id": task_id,
                "annotation_id": cell_text(annotation.get("id")),
                "text": text,
                "annotator": annotator,
                "lead_time": _number(annotation.get("lead_time")),
                "ground_truth": bool(annotation.get("ground_truth")),
            }
            pending.append((record, parsed))
            submitted += 1
        out.n_annotations += submitted
        if not submitted:
            out.n_unannotated_tasks += 1
        if predictions:
            task_predictions.append((item_id, where, list(predictions.values())))
    main, why = choose_control(used, values, wanted=control, label_names=label_names)
    out.control = main
    if why:
        out.control_note = why
    for record, parsed in pending:
        record.update(_fields(parsed, main))
        if record["label"] is None and not record["spans"]:
            out.n_empty += 1
        if len(record["labels"]) > 1 and not record["spans"]:
            out.n_multi += 1
        out.records.append(record)
    for item_id, where, listed in task_predictions:
        for number, prediction in enumerate(listed, 1):
            found = _prediction_record(prediction, item_id, Message("error.label_studio_export.where_prediction", where=where, number=number), main)
            if found is not None:
                out.predictions.append(found)
    return out


def load_label_studio_export(path: Path | str) -> LabelStudioImport:
    """Read a Label Studio JSON export file, with the counts of what was left out."""
    path = Path(path)
    return parse_label_studio_export(_load_json(path), str(path))


def read_label_studio_export(path: Path | str) -> list[dict[str, Any]]:
    """The flat annotation records of a Label Studio JSON export (cancelled annotations left out)."""
    return load_label_studio_export(path).records


def load_label_studio_file(
    path: Path | str, *, control: str | None = None, label_names: list[str] | None = None
) -> LabelStudioImport | None:
    """A Label Studio export of any format (JSON, JSON_MIN, CSV) read into records; None when the
    file is not one (then read it as a plain table)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        data = _load_json(path)
        if looks_like_label_studio(data):
            return parse_label_studio_export(data, str(path), control=control, label_names=label_names)
        records = data if isinstance(data, list) and all(isinstance(r, dict) for r in data) else None
        fmt = "json-min"
    elif suffix in (".csv", ".tsv"):
        records, fmt = read_records(path), "csv"
    else:
        return None

    if records and looks_like_flat_export(records):
        return parse_flat_export(records, str(path), fmt=fmt, control=control, label_names=label_names)
    return None


def load_batch_file(
    path: Path | str, *, control: str | None = None, label_names: list[str] | None = None
) -> tuple[list[dict[str, Any]], LabelStudioImport | None]:
    """Records of a batch file, and the Label Studio import details when it was an export."""
    path = Path(path)
    imported = load_label_studio_file(path, control=control, label_names=label_names)
    if imported is not None:
        return imported.records, imported
    if path.suffix.lower() == ".json":
        data = _load_json(path)
        if isinstance(data, list) and data and all(isinstance(r, dict) for r in data):
            return [dict(r) for r in data], None  # a plain JSON list of records
        raise InputError(
            Message("error.label_studio_export.neither", path=str(path), reason=_describe(data), expected=EXPECTED)
        )
    return read_records(path), None


def load_batch_records(path: Path | str) -> list[dict[str, Any]]:
    """Records of a batch file: CSV, JSONL, XLSX, a JSON list of records, or a Label Studio JSON export."""
    return load_batch_file(path)[0]
