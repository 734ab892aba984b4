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
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.integrations.datafiles import read_records
from assistant.core.errors import InputError
from assistant.integrations.cells import cell_text

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

MULTI_SEPARATOR = "|"  # several choices of one annotation, joined in `label`
MAIN_CONTROL = "label"  # the <Choices> name of Rulebook's exported labeling config
EXPECTED = (
    "expected a Label Studio JSON export (Export → JSON): a list of tasks, each an object with "
    "'id', 'data' (the item, e.g. {\"text\": …}) and 'annotations' (each with 'completed_by' and a 'result' list)"
)
_RESERVED = {"ground_truth", "id", "task_id", "annotation_id", "text", "annotator", "label", "labels", "lead_time", "spans", "rating"}


@dataclass
class LabelStudioImport:
    """What was read from a Label Studio export, and what was left out."""

    source: str
    records: list[dict[str, Any]] = field(default_factory=list)
    predictions: list[dict[str, Any]] = field(default_factory=list)
    n_tasks: int = 0
    n_annotations: int = 0  # submitted (not cancelled) annotations turned into records
    n_cancelled: int = 0  # cancelled (skipped) annotations, left out
    n_empty: int = 0  # submitted annotations with an empty result: records without a label
    n_unannotated_tasks: int = 0  # tasks nobody submitted an annotation for
    cancelled: list[tuple[str, str]] = field(default_factory=list)  # (item id, annotator)
    cancelled_lead_time: float = 0.0  # seconds spent on cancelled (skipped) annotations, not counted
    n_multi: int = 0  # annotations with several choices in the label control
    control: str | None = None  # the control (from_name) whose answers are the label
    control_note: str = ""  # why that control, when the export has several
    format: str = "json"  # json | json-min | csv

    @property
    def n_ground_truth(self) -> int:
        return sum(1 for r in self.records if r.get("ground_truth"))

    @property
    def models(self) -> list[str]:
        """The model versions of the predictions, in first-seen order."""
        return list(dict.fromkeys(p.get("model") or "model" for p in self.predictions))

    @property
    def notes(self) -> list[str]:
        out = []
        if self.n_cancelled:
            shown = ", ".join(f"{item} by {who}" for item, who in self.cancelled[:5])
            more = f", … (+{self.n_cancelled - 5})" if self.n_cancelled > 5 else ""
            out.append(f"{self.n_cancelled} cancelled (skipped) annotation(s) left out: {shown}{more}")
        if self.n_empty:
            out.append(f"{self.n_empty} annotation(s) submitted without a result: counted, with no label")
        if self.n_unannotated_tasks:
            out.append(f"{self.n_unannotated_tasks} task(s) without a submitted annotation")
        if self.control_note:
            out.append(f"the label is the answer of {self.control_note}")
        return out

    @property
    def notes_zh(self) -> list[str]:
        out = []
        if self.n_cancelled:
            shown = "、".join(f"{item}（{who}）" for item, who in self.cancelled[:5])
            more = f" 等（另 {self.n_cancelled - 5} 条）" if self.n_cancelled > 5 else ""
            out.append(f"已跳过 {self.n_cancelled} 条被取消（跳过）的标注：{shown}{more}")
        if self.n_empty:
            out.append(f"有 {self.n_empty} 条标注提交时没有结果：计入标注数，但没有标签")
        if self.n_unannotated_tasks:
            out.append(f"有 {self.n_unannotated_tasks} 个任务没有已提交的标注")
        if self.control:
            if self.control_note:
                out.append(f"标签取自控件「{self.control}」")
        return out


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


def _describe(data: Any) -> str:
    if isinstance(data, dict):
        keys = ", ".join(repr(k) for k in list(data)[:8])
        return f"the top level is an object with keys {keys or '(none)'}, not a list of tasks"
    if isinstance(data, list):
        if not data:
            return "the list is empty: the export has no tasks"
        first = data[0]
        if not isinstance(first, dict):
            return f"the list holds {type(first).__name__} values, not task objects"
        keys = ", ".join(repr(k) for k in list(first)[:8])
        return f"the first entry has keys {keys or '(none)'} but no 'data' object with 'annotations'"
    return f"the top level is a {type(data).__name__}"


# --------------------------------------------------------------------------------------------- #
# Reading
# --------------------------------------------------------------------------------------------- #


def _load_json(path: Path) -> Any:
    try:
        raw = path.read_bytes()
    except FileNotFoundError as error:
        raise InputError(f"{path}: file not found") from error
    except IsADirectoryError as error:
        raise InputError(f"{path}: is a directory, not a file") from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text (byte {error.start}); re-export it from Label Studio") from error
    if not text.strip():
        raise InputError(f"{path}: the file is empty; {EXPECTED}")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{path}: invalid JSON at line {error.lineno}: {error.msg}") from error


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def annotator_name(value: Any) -> str:
    """One name per person across export formats: the e-mail when known, else ``annotator-<user id>``.

    JSON exports carry ``completed_by`` as a user id or an object with ``id``/``email``; JSON_MIN
    writes the id as a number (or the e-mail), CSV as text.
    """
    if isinstance(value, dict):
        email = cell_text(value.get("email"))
        if email:
            return email
        user_id = cell_text(value.get("id"))
        if user_id:
            return f"annotator-{user_id}"
        name = " ".join(p for p in (cell_text(value.get("first_name")), cell_text(value.get("last_name"))) if p)
        return name or "annotator-unknown"
    text = cell_text(value)
    if text is None:
        return "annotator-unknown"
    if re.fullmatch(r"\d+", text):
        return f"annotator-{text}"
    return text


def _task_text(data: dict[str, Any]) -> str | None:
    text = data.get("text")
    if isinstance(text, str) and text.strip():
        return text.strip()
    for key, value in data.items():
        if key in ("item_id", "id") or not isinstance(value, str) or not value.strip():
            continue
        return value.strip()
    return None


def _results(results: Any, where: str) -> dict[str, Any]:
    """The labels of one annotation's (or prediction's) result list."""
    if results is None:
        results = []
    if not isinstance(results, list):
        raise InputError(f"{where}: 'result' must be a list of regions, got {type(results).__name__}; {EXPECTED}")
    controls: dict[str, list[str]] = {}  # from_name -> choices (in order, de-duplicated)
    order: list[tuple[str, str]] = []  # (from_name, type) in result order
    ratings: dict[str, float] = {}
    spans: list[dict[str, Any]] = []
    for number, result in enumerate(results, 1):
        if not isinstance(result, dict):
            raise InputError(f"{where}: result {number} is not an object; {EXPECTED}")
        kind = str(result.get("type") or "").lower()
        value = result.get("value")
        if not isinstance(value, dict):
            raise InputError(f"{where}: result {number} has no 'value' object; {EXPECTED}")
        name = str(result.get("from_name") or kind or "label")
        if kind == "choices" or (not kind and "choices" in value):
            choices = value.get("choices")
            if isinstance(choices, str):
                choices = [choices]
            if not isinstance(choices, list):
                raise InputError(f"{where}: result {number} ({name}) has no 'choices' list")
            bucket = controls.setdefault(name, [])
            for choice in choices:
                text = cell_text(choice)
                if text and text not in bucket:
                    bucket.append(text)
            order.append((name, "choices"))
        elif kind == "rating" or (not kind and "rating" in value):
            rating = _number(value.get("rating"))
            if rating is None:
                raise InputError(f"{where}: result {number} ({name}) has no numeric 'rating'")
            ratings[name] = rating
            order.append((name, "rating"))
        elif kind in ("labels", "hypertextlabels") or (not kind and "labels" in value):
            labels = value.get("labels") or value.get("hypertextlabels") or []
            if isinstance(labels, str):
                labels = [labels]
            for label in labels:
                text = cell_text(label)
                if text is None:
                    continue
                spans.append(
                    {"start": value.get("start"), "end": value.get("end"), "text": value.get("text"), "label": text}
                )
        # other result types (textarea, relations, …) carry no label and are ignored
    return {"controls": controls, "order": order, "ratings": ratings, "spans": spans}


def _fields(parsed: dict[str, Any], main_name: str | None = None) -> dict[str, Any]:
    """label / labels / rating / extra control fields from a parsed result list.

    ``main_name`` is the control chosen for the whole export (see :func:`choose_control`), so the
    label never depends on the order in which an annotator clicked. Without it: ``label``, else
    the first control of the result.
    """
    controls, ratings, order = parsed["controls"], parsed["ratings"], parsed["order"]
    main: tuple[str, str] | None = None
    for name in ([main_name] if main_name else []) + [MAIN_CONTROL]:
        if name in controls:
            main = (name, "choices")
            break
        if name in ratings:
            main = (name, "rating")
            break
    if main is None and order and main_name is None:
        main = order[0]
    out: dict[str, Any] = {"label": None, "labels": [], "spans": parsed["spans"]}
    if main is not None:
        name, kind = main
        if kind == "choices":
            out["labels"] = list(controls[name])
            out["label"] = MULTI_SEPARATOR.join(controls[name]) or None
        else:
            rating = ratings[name]
            text = str(int(rating)) if rating.is_integer() else str(rating)
            out["label"], out["labels"], out["rating"] = text, [text], rating
    elif parsed["spans"]:
        out["labels"] = list(dict.fromkeys(span["label"] for span in parsed["spans"]))
    for name, choices in controls.items():
        if (name, "choices") != main and name not in _RESERVED:
            out[name] = MULTI_SEPARATOR.join(choices) or None
    for name, rating in ratings.items():
        if (name, "rating") != main and name not in _RESERVED:
            out[name] = rating
    return out


def choose_control(
    used: dict[str, int], values: dict[str, set[str]], *, wanted: str | None = None, label_names: list[str] | None = None
) -> tuple[str | None, str]:
    """The control (``from_name``) whose answers are the label, and why it was chosen.

    ``used``: control -> annotations using it; ``values``: control -> the values given. Order of
    preference: the control asked for (``--label-field``), Rulebook's own ``label``, the control
    whose values are the rulebook's labels, else the control most annotations use (ties by name).
    """
    if not used:
        return None, ""
    if wanted and wanted in used:
        return wanted, f"control {wanted!r} (as asked)"
    if MAIN_CONTROL in used:
        return MAIN_CONTROL, ""
    if label_names:
        known = set(label_names)
        scored = sorted(used, key=lambda n: (-len(values.get(n, set()) & known), -used[n], n))
        best = scored[0]
        if values.get(best, set()) & known:
            return best, f"control {best!r} (its answers are the rulebook's labels)"
    best = sorted(used, key=lambda n: (-used[n], n))[0]
    why = f"control {best!r} (used by the most annotations)" if len(used) > 1 else ""
    return best, why


def _prediction_record(prediction: dict[str, Any], item_id: str, where: str, main: str | None) -> dict[str, Any] | None:
    parsed = _results(prediction.get("result"), where)
    fields = _fields(parsed, main)
    if fields["label"] is None:
        return None
    return {
        "id": item_id,
        "label": fields["label"],
        "labels": fields["labels"],
        "confidence": _number(prediction.get("score")),
        "model": cell_text(prediction.get("model_version")),
        "status": "labeled",
    }


def parse_label_studio_export(
    data: Any, source: str = "the export", *, control: str | None = None, label_names: list[str] | None = None
) -> LabelStudioImport:
    """Flat records from a parsed Label Studio export (see the module docstring).

    ``control`` names the control whose answers are the label (default: see :func:`choose_control`);
    ``label_names`` (the rulebook's labels) help choose it when the export has several.
    """
    if not looks_like_label_studio(data):
        raise InputError(f"{source}: not a Label Studio export: {_describe(data)}; {EXPECTED}")
    out = LabelStudioImport(source=source)
    seen_task_ids: set[str] = set()
    pending: list[tuple[dict[str, Any], dict[str, Any]]] = []  # (record, parsed results)
    task_predictions: list[tuple[str, str, list[dict[str, Any]]]] = []  # (item id, where, predictions)
    used: dict[str, int] = {}
    values: dict[str, set[str]] = {}
    for index, task in enumerate(data, 1):
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
            raise InputError(f"{source}: task {index} has no 'data' object; {EXPECTED}")
        task_id = cell_text(task.get("id")) or str(index)
        item = task["data"]
        item_id = cell_text(item.get("item_id")) or task_id
        where = f"{source}: task {task_id}"
        if task_id in seen_task_ids:
            raise InputError(f"{where} appears twice in the export")
        seen_task_ids.add(task_id)
        text = _task_text(item)
        annotations = task.get("annotations") or []
        if not isinstance(annotations, list):
            raise InputError(f"{where}: 'annotations' must be a list, got {type(annotations).__name__}")
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
                raise InputError(f"{where}: annotation {number} is not an object; {EXPECTED}")
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
            parsed = _results(annotation.get("result"), f"{where}, annotation {annotation.get('id', number)}")
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
            found = _prediction_record(prediction, item_id, f"{where}, prediction {number}", main)
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
    from assistant.integrations.label_studio_flat import looks_like_flat_export, parse_flat_export

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
            f"{path}: neither a JSON list of records nor a Label Studio export: {_describe(data)}; {EXPECTED}"
        )
    return read_records(path), None


def load_batch_records(path: Path | str) -> list[dict[str, Any]]:
    """Records of a batch file: CSV, JSONL, XLSX, a JSON list of records, or a Label Studio JSON export."""
    return load_batch_file(path)[0]
