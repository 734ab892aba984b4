"""The qualification quiz: items with known answers, balanced across labels, weighted toward confusable pairs.

Every answer carries the rule that decides it and where it came from. `export_quiz` writes the sheet
annotators fill in (no answers), `export_answer_key` the key.
"""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path
from typing import Any, Iterable, Literal

from pydantic import BaseModel, Field

from assistant.core.errors import InputError
from assistant.core.messages import Items, Message
from assistant.core.messages import text as message_text
from assistant.core.models import Polarity, RuleLabel, Rulebook
from assistant.integrations.datafiles import atomic_writer, write_records
from assistant.integrations.label_studio import TEXT_KEY
from assistant.rulebook.grounding import label_key
from assistant.training.similarity import ConfusablePair, _answer_of, _canonical, _language, _pairs, _Vectors

GOLD_SOURCE = "gold"
CONFUSION_BONUS = 0.5  # extra weight of a label that belongs to one of the most confusable pairs


QuizKind = Literal["positive", "negative", "gold"]
RuleSource = Literal["explanation", "criterion", "definition", "gold", "none"]


class QuizItem(BaseModel):
    """One quiz question with its known answer and the rule that decides it."""

    id: str
    text: str
    answer: str = Field(description="the correct label")
    rule: str = Field(description="the rule that decides this item: the example's explanation, or the label's first criterion")
    rule_source: RuleSource
    criterion: str = Field(default="", description="the answer label's first criterion (its definition when it has none)")
    source: str = Field(description="where the item comes from: the example's source, or 'gold'")
    kind: QuizKind
    looks_like: str | None = Field(default=None, description="negative examples: the label it is easily mistaken for")
    gold_id: str | None = None


class Quiz(BaseModel):
    title: str
    language: str
    rulebook_version: int
    seed: int
    size_requested: int
    labels: list[str]
    items: list[QuizItem]
    label_counts: dict[str, int]
    available: dict[str, int] = Field(description="items with a known answer per label before selection")
    weights: dict[str, float] = Field(description="selection weight per label: 1, plus the confusion bonus")
    confusable_pairs: list[ConfusablePair]
    notes: list[str] = Field(default_factory=list)

    def key(self) -> list[dict[str, Any]]:
        return [_key_record(item) for item in self.items]


def _key_record(item: QuizItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "text": item.text,
        "answer": item.answer,
        "rule": item.rule,
        "rule_source": item.rule_source,
        "criterion": item.criterion,
        "source": item.source,
        "kind": item.kind,
        "looks_like": item.looks_like or "",
    }


def _criterion(label: RuleLabel) -> tuple[str, RuleSource]:
    if label.criteria:
        return label.criteria[0], "criterion"
    if label.definition.strip():
        return label.definition, "definition"
    return "", "none"


def _candidates(rulebook: Rulebook, gold: list[dict[str, Any]] | None, notes: list[str]) -> list[QuizItem]:
    """Every item with a known answer: rulebook examples first, then gold items; duplicates dropped."""
    lang = _language(rulebook)
    out: list[QuizItem] = []
    seen: set[str] = set()
    skipped = 0
    for example in rulebook.examples():
        answer = _answer_of(rulebook, example)
        if answer is None:
            skipped += example.polarity == Polarity.negative
            continue
        key = label_key(example.text)
        if key in seen:
            continue
        seen.add(key)
        criterion, _ = _criterion(rulebook.label(answer))  # type: ignore[arg-type]
        out.append(QuizItem(
            id="", text=example.text, answer=answer, rule=example.explanation, rule_source="explanation",
            criterion=criterion, source=example.source or "new", kind=example.polarity.value,
            looks_like=_canonical(rulebook, example.label) if example.polarity == Polarity.negative else None,
        ))
    if skipped:
        notes.append(message_text("training.quiz.note.skipped_negatives", lang, count=skipped))
    for number, record in enumerate(gold or [], 1):
        text = str(record.get("text") or "").strip()
        raw_label = str(record.get("label") or "").strip()
        gold_id = str(record.get("id") or "").strip() or str(number)
        if not text or not raw_label:
            raise InputError(Message("error.quiz.gold_incomplete", gold_id=gold_id))
        answer = _canonical(rulebook, raw_label)
        if answer is None:
            raise InputError(
                Message("error.quiz.gold_unknown_label", gold_id=gold_id, raw_label=raw_label, labels=rulebook.label_names)
            )
        key = label_key(text)
        if key in seen:
            continue
        seen.add(key)
        criterion, criterion_source = _criterion(rulebook.label(answer))  # type: ignore[arg-type]
        own = str(record.get("explanation") or record.get("rule") or "").strip()
        out.append(QuizItem(
            id="", text=text, answer=answer,
            rule=own or criterion or answer,
            rule_source="gold" if own else criterion_source,
            criterion=criterion, source=str(record.get("source") or "").strip() or GOLD_SOURCE, kind="gold",
            gold_id=gold_id,
        ))
    return out


def _allocate(size: int, labels: list[str], available: dict[str, int], weights: dict[str, float]) -> dict[str, int]:
    """Counts per label, one item at a time to the label furthest below its weighted share.

    Labels with nothing left are skipped, so a label with few items gives its share to the
    others ("as equal as available"). Ties go to the heavier label, then to rulebook order.
    """
    counts = {label: 0 for label in labels}
    order = {label: index for index, label in enumerate(labels)}
    for _ in range(size):
        open_labels = [label for label in labels if counts[label] < available[label]]
        if not open_labels:
            break
        pick = min(open_labels, key=lambda l: (counts[l] / weights[l], -weights[l], order[l]))
        counts[pick] += 1
    return counts


def make_quiz(
    rulebook: Rulebook, *, gold: list[dict[str, Any]] | None = None, size: int = 20, seed: int = 0
) -> Quiz:
    """A qualification quiz with known answers, balanced across labels, weighted toward confusable pairs.

    Items come from the rulebook's examples (a positive's answer is its label; a negative's is its
    `correct_label`, negatives without one are skipped) and from `gold` records ({id, text, label},
    optional explanation/source). Every label starts with weight 1; the labels of the most
    similar pairs (the top max(1, labels // 3) pairs) get +0.5, so they receive extra items. Counts
    follow the weights as far as each label has items. Items inside a label and the final order
    are drawn with `random.Random(seed)`: the same inputs and seed give the same quiz.
    """
    if size < 1:
        raise InputError(Message("error.quiz.size_too_small", size=size))
    lang = _language(rulebook)
    notes: list[str] = []
    candidates = _candidates(rulebook, gold, notes)
    labels = rulebook.label_names
    pools: dict[str, list[QuizItem]] = {label: [] for label in labels}
    for item in candidates:
        pools[item.answer].append(item)
    available = {label: len(pool) for label, pool in pools.items()}
    if not candidates:
        raise InputError(
            Message("error.quiz.no_items")
        )

    vectors = _Vectors(item.text for item in candidates)
    pairs = _pairs({label: [item.text for item in pool] for label, pool in pools.items()}, vectors)
    top = [pair for pair in pairs[: max(1, len(labels) // 3)] if pair.similarity > 0]
    weights = {label: 1.0 + (CONFUSION_BONUS if any(label in pair.labels for pair in top) else 0.0) for label in labels}

    counts = _allocate(size, labels, available, weights)
    rng = random.Random(seed)
    chosen: list[QuizItem] = []
    for label in labels:
        pool = list(pools[label])
        rng.shuffle(pool)
        chosen.extend(pool[: counts[label]])
    rng.shuffle(chosen)
    width = max(2, len(str(len(chosen))))
    items = [item.model_copy(update={"id": f"q{number:0{width}d}"}) for number, item in enumerate(chosen, 1)]

    if len(items) < size:
        notes.append(message_text("training.quiz.note.fewer_items", lang, size=size, found=len(items)))
    empty = [label for label in labels if available[label] == 0]
    if empty:
        notes.append(message_text("training.quiz.note.untested_labels", lang, labels=Items(empty, plain=True)))
    if top:
        names = "; ".join(f"{p.labels[0]} / {p.labels[1]} ({p.similarity:.2f})" for p in top)
        notes.append(message_text("training.quiz.note.confusable_pairs", lang, pairs=names))
    return Quiz(
        title=rulebook.title, language=lang, rulebook_version=rulebook.version, seed=seed, size_requested=size,
        labels=labels, items=items, label_counts=counts, available=available, weights=weights,
        confusable_pairs=pairs, notes=notes,
    )


# ---------------------------------------------------------------------------------------------
# Exports
# ---------------------------------------------------------------------------------------------
QUIZ_FORMATS = ("csv", "xlsx", "label-studio")


def quiz_format(path: str | Path, fmt: str | None = None) -> str:
    """The quiz sheet format: the one given, or the one the file name implies."""
    key = (fmt or "").strip().lower().replace("_", "-")
    if not key:
        suffix = Path(path).suffix.lower()
        key = {".csv": "csv", ".xlsx": "xlsx", ".json": "label-studio"}.get(suffix, "")
        if not key:
            raise InputError(Message("error.quiz.unknown_suffix", path=str(path), suffix=suffix or Message("error.quiz.no_suffix")))
    if key in ("labelstudio", "ls"):
        key = "label-studio"
    if key not in QUIZ_FORMATS:
        raise InputError(Message("error.quiz.unknown_format", fmt=fmt, formats=', '.join(QUIZ_FORMATS)))
    return key


def _write_csv(path: Path, header: list[str], rows: Iterable[list[Any]]) -> Path:
    """CSV with a UTF-8 BOM so Excel shows Chinese correctly (the readers here strip it)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    with atomic_writer(path) as stream:
        stream.write("\ufeff" + buffer.getvalue())
    return path


def export_quiz(quiz: Quiz, path: str | Path, fmt: str | None = None) -> Path:
    """The sheet annotators fill in, WITHOUT answers: csv/xlsx (id, text, empty answer) or Label Studio tasks."""
    path = Path(path)
    if path.is_dir():
        raise InputError(Message("error.quiz.out_is_directory", path=str(path)))
    kind = quiz_format(path, fmt)
    if kind == "csv":
        return _write_csv(path, ["id", "text", "answer"], ([item.id, item.text, ""] for item in quiz.items))
    if kind == "label-studio":
        tasks = [{"id": number, "data": {TEXT_KEY: item.text, "item_id": item.id}} for number, item in enumerate(quiz.items, 1)]
        with atomic_writer(path) as stream:
            stream.write(json.dumps(tasks, ensure_ascii=False, indent=2) + "\n")
        return path
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "quiz"
    sheet.append(["id", "text", "answer"])
    for item in quiz.items:
        sheet.append([item.id, item.text, None])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 8
    sheet.column_dimensions["B"].width = 80
    sheet.column_dimensions["C"].width = 20
    for row in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    labels = workbook.create_sheet("labels")
    labels.append(["label"])
    for name in quiz.labels:
        labels.append([name])
    if quiz.items:  # a drop-down of the labels in the answer column
        validation = DataValidation(type="list", formula1=f"=labels!$A$2:$A${len(quiz.labels) + 1}", allow_blank=True)
        sheet.add_data_validation(validation)
        validation.add(f"C2:C{len(quiz.items) + 1}")
    with atomic_writer(path, "wb") as stream:
        workbook.save(stream)
    return path


KEY_COLUMNS = ["id", "text", "answer", "rule", "rule_source", "criterion", "source", "kind", "looks_like"]


def export_answer_key(quiz: Quiz, path: str | Path) -> Path:
    """The answer key (id, text, answer, rule, rule source, criterion, source, kind) as CSV, XLSX, JSON or JSONL."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return _write_csv(path, KEY_COLUMNS, ([record[c] for c in KEY_COLUMNS] for record in quiz.key()))
    return write_records(path, quiz.key())

