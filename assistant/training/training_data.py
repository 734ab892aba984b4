"""The delivered, reviewed labels as training data for the model the trainer is building.

:func:`final_labels` decides one answer per item from a label file of any kind Rulebook reads
(CSV/JSONL/XLSX, a Label Studio export, Doccano JSONL):

* a reviewer's correction (``reviewed_label``) wins over the label under review;
* in a Label Studio export, a ground-truth annotation is the answer;
* with several annotators, the answer is the one they all gave; items they disagree on are left
  out and listed (they are not training data until someone decides them);
* labels outside the rulebook, several labels on a single-label task, and empty items are left
  out and counted.

:func:`write_training_data` writes, into one folder (each file atomically):

* ``openai_train.jsonl`` / ``openai_validation.jsonl`` / ``openai_test.jsonl`` -- OpenAI chat
  fine-tuning lines (the same splits as ``hf/``): the rulebook's task as the system message, the
  item as the user message, the label as the assistant message;
* ``labels.csv`` -- ``id,text,label``;
* ``hf/`` -- ``train.jsonl``, ``validation.jsonl``, ``test.jsonl`` (split stratified by label) and a
  ``README.md`` dataset card, loadable with ``datasets.load_dataset("<folder>/hf")``;
* ``doccano.jsonl`` -- ``{"id", "text", "label": [...]}`` lines for Doccano's text-classification import.
"""

from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from assistant.integrations.datafiles import atomic_writer, write_records
from assistant.core.errors import InputError
from assistant.core.messages import Message, normalize
from assistant.core.messages import text as message_text
from assistant.core.models import Rulebook
from assistant.integrations.cells import cell_text
from assistant.integrations.datafiles import read_records
from assistant.integrations.label_studio_export import load_label_studio_file
from evaluation.label_sources import resolve_columns
from evaluation.labels import _label_parts

__all__ = ["Example", "FinalLabels", "final_labels", "split_stratified", "system_message", "write_training_data"]

FORMATS = ("openai", "csv", "hf", "doccano")
REVIEWED_FIELDS = ("reviewed_label", "gold", "corrected_label")


@dataclass
class Example:
    id: str
    text: str
    labels: list[str]

    @property
    def label(self) -> str:
        return "|".join(self.labels)


@dataclass
class FinalLabels:
    examples: list[Example] = field(default_factory=list)
    left_out: dict[str, list[str]] = field(default_factory=dict)  # reason -> item ids

    def leave_out(self, reason: str, item_id: str) -> None:
        self.left_out.setdefault(reason, []).append(item_id)


def _labels_of(record: Mapping[str, Any], label_field: str) -> list[str]:
    for reviewed in REVIEWED_FIELDS:
        if cell_text(record.get(reviewed)):
            return _label_parts(record, reviewed)
    return [part.strip() for part in _label_parts(record, label_field)]


def final_labels(
    path: Path | str,
    rulebook: Rulebook,
    *,
    label_field: str = "label",
    id_field: str = "id",
    text_field: str = "text",
    texts: Mapping[str, str] | None = None,
) -> FinalLabels:
    """One answer per item (see the module docstring)."""

    path = Path(path)
    imported = load_label_studio_file(path, label_names=rulebook.label_names) if path.suffix.lower() in (".json", ".csv", ".tsv") else None
    if imported is not None:
        records = imported.records
        columns = {"id": "id", "label": "label", "text": "text", "annotator": "annotator"}
    else:
        records = read_records(path)
        defaults = {"id": id_field, "label": label_field, "text": text_field, "annotator": "annotator"}
        columns, _ = resolve_columns(records, {}, defaults, str(path))
    if not records:
        raise InputError(Message("error.training_data.no_labeled_items", path=str(path)))
    present = set().union(*(r.keys() for r in records[:200]))
    if columns["id"] not in present or not ({columns["label"], *REVIEWED_FIELDS} & present):
        raise InputError(Message("error.training_data.missing_columns", path=str(path), columns=sorted(present)))
    known = set(rulebook.label_names)
    answers: dict[str, list[tuple[bool, tuple[str, ...]]]] = defaultdict(list)  # id -> [(ground truth, labels)]
    item_texts: dict[str, str] = dict(texts or {})
    order: list[str] = []
    out = FinalLabels()
    for record in records:
        item_id = cell_text(record.get(columns["id"]))
        if item_id is None:
            continue
        if item_id not in answers:
            order.append(item_id)
        text = cell_text(record.get(columns["text"]))
        if text and item_id not in item_texts:
            item_texts[item_id] = text
        labels = tuple(_labels_of(record, columns["label"]))
        answers[item_id].append((bool(record.get("ground_truth")), labels))
    for item_id in order:
        given = answers[item_id]
        truth = [labels for is_truth, labels in given if is_truth and labels]
        filled = [labels for _, labels in given if labels]
        if truth:
            chosen = truth[-1]
        elif not filled:
            out.leave_out("no label", item_id)
            continue
        elif len(set(filled)) > 1:
            out.leave_out("annotators disagree", item_id)
            continue
        else:
            chosen = filled[0]
        if len(chosen) > 1 and not rulebook.multi_label:
            out.leave_out("several labels on a single-label task", item_id)
            continue
        if any(label not in known for label in chosen):
            out.leave_out("label outside the rulebook", item_id)
            continue
        text = item_texts.get(item_id)
        if not text:
            out.leave_out("no text (give --texts)", item_id)
            continue
        out.examples.append(Example(id=item_id, text=text, labels=list(chosen)))
    if not out.examples:
        reasons = ", ".join(f"{reason}: {len(ids)}" for reason, ids in out.left_out.items()) or "no records"
        raise InputError(Message("error.training_data.nothing_to_train", path=str(path), reasons=reasons))
    return out


def split_stratified(
    examples: Sequence[Example], ratios: tuple[float, float, float] = (0.8, 0.1, 0.1), *, seed: int = 0
) -> dict[str, list[Example]]:
    """train / validation / test, each label divided in the given ratios (largest remainder, seeded)."""
    if len(ratios) != 3 or any(r < 0 for r in ratios) or abs(sum(ratios) - 1) > 1e-6:
        raise InputError(Message("error.training_data.bad_split", ratios=ratios))
    groups: dict[str, list[Example]] = defaultdict(list)
    for example in examples:
        groups[example.label].append(example)
    rng = random.Random(seed)
    names = ("train", "validation", "test")
    out: dict[str, list[Example]] = {name: [] for name in names}
    for label in sorted(groups):
        members = sorted(groups[label], key=lambda e: e.id)
        rng.shuffle(members)
        exact = [len(members) * r for r in ratios]
        counts = [int(x) for x in exact]
        for index in sorted(range(3), key=lambda i: (-(exact[i] - counts[i]), i))[: len(members) - sum(counts)]:
            counts[index] += 1
        start = 0
        for name, count in zip(names, counts):
            out[name].extend(members[start : start + count])
            start += count
    for name in names:
        out[name].sort(key=lambda e: e.id)
    return out


def system_message(rulebook: Rulebook) -> str:
    """The rulebook's task for the system message: the task, the labels with their definitions, the answer form."""
    language = normalize(rulebook.language)
    lines = [rulebook.task_definition.strip(), ""]
    lines.append(message_text("training.data.labels", language))
    for label in rulebook.labels:
        lines.append(f"- {label.name}: {label.definition.strip()}")
    lines.append("")
    answer = "training.data.answer_several" if rulebook.multi_label else "training.data.answer_one"
    lines.append(message_text(answer, language))
    return "\n".join(lines)


def _jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> Path:
    with atomic_writer(path) as stream:
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def _card(rulebook: Rulebook, splits: Mapping[str, Sequence[Example]]) -> str:
    names = json.dumps(rulebook.label_names, ensure_ascii=False)
    counts = {name: len(rows) for name, rows in splits.items()}
    return (
        "---\n"
        "configs:\n"
        "- config_name: default\n"
        "  data_files:\n"
        + "".join(f"  - split: {name}\n    path: {name}.jsonl\n" for name, rows in splits.items() if rows)
        + "---\n\n"
        f"# {rulebook.title} (rulebook v{rulebook.version})\n\n"
        f"{rulebook.task_definition.strip()}\n\n"
        f"Columns: `id`, `text`, `label`{', `labels`' if rulebook.multi_label else ''}. Labels: {names}.\n\n"
        f"Splits (stratified by label): {counts}.\n"
    )


def write_training_data(
    final: FinalLabels,
    rulebook: Rulebook,
    out_dir: Path | str,
    *,
    formats: Sequence[str] = FORMATS,
    ratios: tuple[float, float, float] = (0.8, 0.1, 0.1),
    seed: int = 0,
) -> dict[str, list[str]]:
    """Write the chosen formats into ``out_dir`` (see the module docstring); returns {format: [paths]}."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise InputError(Message("error.training_data.unknown_formats", unknown=unknown, formats=', '.join(FORMATS)))
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(Message("error.training_data.out_is_file", out=str(out)))
    splits = split_stratified(final.examples, ratios, seed=seed)
    system = system_message(rulebook)
    written: dict[str, list[str]] = {}

    def chat(example: Example) -> dict[str, Any]:
        return {
            "messages": [
                {"role": "system", "content": system},
                {"role": "user", "content": example.text},
                {"role": "assistant", "content": example.label},
            ]
        }

    def row(example: Example) -> dict[str, Any]:
        data: dict[str, Any] = {"id": example.id, "text": example.text, "label": example.label}
        if rulebook.multi_label:
            data["labels"] = example.labels
        return data

    if "openai" in formats:  # the same splits as hf/: train and validation for the job, test held out
        written["openai"] = [str(_jsonl(out / f"openai_{name}.jsonl", map(chat, rows))) for name, rows in splits.items() if rows]
    if "csv" in formats:
        rows = [{"id": e.id, "text": e.text, "label": e.label} for e in final.examples]
        written["csv"] = [str(write_records(out / "labels.csv", rows, fmt="csv"))]
    if "hf" in formats:
        folder = out / "hf"
        paths = [str(_jsonl(folder / f"{name}.jsonl", map(row, rows))) for name, rows in splits.items() if rows]
        with atomic_writer(folder / "README.md") as stream:
            stream.write(_card(rulebook, splits))
        written["hf"] = [*paths, str(folder / "README.md")]
    if "doccano" in formats:
        written["doccano"] = [
            str(_jsonl(out / "doccano.jsonl", ({"id": e.id, "text": e.text, "label": e.labels} for e in final.examples)))
        ]
    return written


def split_counts(final: FinalLabels, ratios: tuple[float, float, float], seed: int) -> dict[str, Counter[str]]:
    return {name: Counter(e.label for e in rows) for name, rows in split_stratified(final.examples, ratios, seed=seed).items()}
