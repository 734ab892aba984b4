"""One Label Studio annotation's result list read into label fields, and the choice of the label control.

Shared by the JSON reader (:mod:`assistant.integrations.label_studio_export`) and the JSON_MIN/CSV reader
(:mod:`assistant.integrations.label_studio_flat`).
"""

from __future__ import annotations

from typing import Any

from assistant.core.errors import InputError
from assistant.core.messages import Message
from assistant.integrations.cells import cell_text
from assistant.integrations.label_studio_common import MAIN_CONTROL, MULTI_SEPARATOR, _number

EXPECTED = Message("error.label_studio_results.expected", example='{"text": …}')
_RESERVED = {"ground_truth", "id", "task_id", "annotation_id", "text", "annotator", "label", "labels", "lead_time", "spans", "rating"}


def _task_text(data: dict[str, Any]) -> str | None:
    text = data.get("text")
    if isinstance(text, str) and text.strip():
        return text.strip()
    for key, value in data.items():
        if key in ("item_id", "id") or not isinstance(value, str) or not value.strip():
            continue
        return value.strip()
    return None


def _results(results: Any, where: "str | Message") -> dict[str, Any]:
    """The labels of one annotation's (or prediction's) result list."""
    if results is None:
        results = []
    if not isinstance(results, list):
        raise InputError(Message("error.label_studio_results.not_a_list", where=where, kind=type(results).__name__, expected=EXPECTED))
    controls: dict[str, list[str]] = {}  # from_name -> choices (in order, de-duplicated)
    order: list[tuple[str, str]] = []  # (from_name, type) in result order
    ratings: dict[str, float] = {}
    spans: list[dict[str, Any]] = []
    for number, result in enumerate(results, 1):
        if not isinstance(result, dict):
            raise InputError(Message("error.label_studio_results.not_an_object", where=where, number=number, expected=EXPECTED))
        kind = str(result.get("type") or "").lower()
        value = result.get("value")
        if not isinstance(value, dict):
            raise InputError(Message("error.label_studio_results.no_value", where=where, number=number, expected=EXPECTED))
        name = str(result.get("from_name") or kind or "label")
        if kind == "choices" or (not kind and "choices" in value):
            choices = value.get("choices")
            if isinstance(choices, str):
                choices = [choices]
            if not isinstance(choices, list):
                raise InputError(Message("error.label_studio_results.no_choices", where=where, number=number, name=name))
            bucket = controls.setdefault(name, [])
            for choice in choices:
                text = cell_text(choice)
                if text and text not in bucket:
                    bucket.append(text)
            order.append((name, "choices"))
        elif kind == "rating" or (not kind and "rating" in value):
            rating = _number(value.get("rating"))
            if rating is None:
                raise InputError(Message("error.label_studio_results.no_rating", where=where, number=number, name=name))
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


def _prediction_record(prediction: dict[str, Any], item_id: str, where: "str | Message", main: str | None) -> dict[str, Any] | None:
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
