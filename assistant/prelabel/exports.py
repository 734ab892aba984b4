"""Output files of a run: the append-as-you-go journal, resume, and the JSONL/CSV/Label Studio exports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from pydantic import ValidationError

from assistant.core.errors import InputError
from assistant.core.messages import Message
from assistant.core.models import Prediction, Rulebook
from assistant.prelabel.constants import FORMATS
from assistant.prelabel.items import Item
from assistant.integrations.datafiles import atomic_writer, write_records
from assistant.integrations.label_studio import FROM_NAME, TEXT_KEY, TO_NAME, choice_target, model_version


# =============================================================================================
# Files: the journal, resume, exports
# =============================================================================================
def journal_path(out_path: Path | str, fmt: str = "jsonl") -> Path:
    """Where records are appended as they complete: the output itself for JSONL, else a sidecar."""
    out_path = Path(out_path)
    return out_path if fmt == "jsonl" else out_path.with_name(out_path.name + ".records.jsonl")


def read_journal(path: Path) -> tuple[dict[str, Prediction], int]:
    """Records of an output JSONL by id (the last one wins) and the number of unreadable lines."""
    records: dict[str, Prediction] = {}
    bad = 0
    try:
        handle = path.open(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return records, 0
    with handle:
        for line in handle:
            if not line.strip():
                continue
            try:
                prediction = Prediction.model_validate_json(line)
            except ValidationError:
                bad += 1  # e.g. the torn last line of a killed run
                continue
            previous = records.get(prediction.id)
            if previous is None or previous.status == "error" or prediction.status != "error":
                records[prediction.id] = prediction
    return records, bad


def write_jsonl(path: Path, predictions: Iterable[Prediction]) -> None:
    with atomic_writer(path) as stream:
        for prediction in predictions:
            stream.write(prediction.model_dump_json() + "\n")


def label_studio_tasks(
    items: Sequence[Item], predictions: Mapping[str, Prediction], rulebook: Rulebook, *, start: int = 1
) -> list[dict[str, Any]]:
    """Label Studio import tasks; labeled items carry one prediction, abstain and error ones none.

    Tasks are numbered from `start` (a streamed export numbers each item by its row).

    A preference item's prompt, answer_a and answer_b go into the task data as separate fields (the
    pairwise layout of the exported config shows them), beside the combined text.
    """

    target = choice_target(rulebook)
    tasks = []
    for number, item in enumerate(items, start):
        data = {TEXT_KEY: item.text, "item_id": item.id, **item.fields}
        task: dict[str, Any] = {"id": number, "data": data, "predictions": []}
        prediction = predictions.get(item.id)
        if prediction is not None and prediction.status == "labeled":
            if prediction.spans:
                result = [
                    {
                        "id": f"{number}-{index}",
                        "from_name": FROM_NAME,
                        "to_name": TO_NAME,
                        "type": "labels",
                        "value": {"start": span.start, "end": span.end, "text": span.text or item.text[span.start : span.end], "labels": [span.label]},
                    }
                    for index, span in enumerate(prediction.spans)
                ]
            else:
                choices = prediction.labels or [prediction.label or ""]
                result = [{"from_name": FROM_NAME, "to_name": target, "type": "choices", "value": {"choices": choices}}]
            version = model_version(prediction.model or prediction.engine, prediction.rulebook_version or rulebook.version)
            task["predictions"] = [{"model_version": version, "score": prediction.confidence, "result": result}]
        tasks.append(task)
    return tasks


def _csv_rows(items: Sequence[Item], predictions: Mapping[str, Prediction]) -> list[dict[str, Any]]:
    rows = []
    for item in items:
        prediction = predictions[item.id]
        row = prediction.model_dump(mode="json")
        row = {"id": row.pop("id"), "text": item.text, **row}
        row["labels"] = "|".join(prediction.labels)
        row["spans"] = json.dumps(row["spans"], ensure_ascii=False) if prediction.spans else ""
        rows.append(row)
    return rows


def export(items: Sequence[Item], predictions: Mapping[str, Prediction], out_path: Path, fmt: str, rulebook: Rulebook) -> Path:
    """Write the final output in `fmt` (JSONL in input order, CSV, or Label Studio tasks), atomically."""

    if fmt == "jsonl":
        write_jsonl(out_path, (predictions[item.id] for item in items))
    elif fmt == "csv":
        write_records(out_path, _csv_rows(items, predictions), fmt="csv")
    elif fmt == "label-studio":
        with atomic_writer(out_path) as stream:
            json.dump(label_studio_tasks(items, predictions, rulebook), stream, ensure_ascii=False, indent=1)
    else:
        raise InputError(Message("error.exports.unknown_format", fmt=fmt, formats=", ".join(FORMATS)))
    return out_path
