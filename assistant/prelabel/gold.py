"""References for few-shot examples and offline neighbours: rulebook examples, cues and gold items."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

from pydantic import ValidationError

from assistant.core.errors import InputError
from assistant.core.language import project_language
from assistant.core.messages import Items, Message, text
from assistant.core.models import ABSTAIN, Polarity, Rulebook, Span, TaskType
from assistant.prelabel.answers import LabelSet
from assistant.prelabel.constants import CUE_WEIGHT
from assistant.prelabel.items import DEFAULT_TEXT_FIELD
from assistant.integrations.datafiles import read_records


# =============================================================================================
# References: rulebook examples, cues and gold items (few-shot and offline neighbours)
# =============================================================================================
@dataclass(frozen=True)
class Reference:
    text: str
    label: str | None  # the label it votes for / shows; None: shown nowhere, votes for nothing
    weight: float = 1.0
    kind: str = "example"  # example | negative | cue | gold
    explanation: str = ""
    rule: str = ""
    labels: tuple[str, ...] = ()
    spans: tuple[Span, ...] = ()


def _short(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def rulebook_references(rulebook: Rulebook, *, cues: bool = False) -> list[Reference]:
    """The rulebook's examples (and cues), each with the rule an offline prediction cites, in the project's language."""
    language = project_language(rulebook)
    refs: list[Reference] = []
    for label in rulebook.labels:
        for example in label.examples:
            if example.polarity == Polarity.positive:
                refs.append(
                    Reference(
                        text=example.text,
                        label=label.name,
                        kind="example",
                        explanation=example.explanation,
                        rule=text("prelabel.rule.example", language, text=_short(example.text), label=label.name),
                        labels=(label.name,),
                        spans=tuple(example.spans),
                    )
                )
            elif example.correct_label:
                refs.append(
                    Reference(
                        text=example.text,
                        label=example.correct_label,
                        kind="negative",
                        explanation=example.explanation,
                        rule=text(
                            "prelabel.rule.negative_example", language, text=_short(example.text), label=label.name,
                            correct=example.correct_label,
                        ),  # fmt: skip
                        labels=(example.correct_label,),
                        spans=tuple(example.spans),
                    )
                )
        if cues:
            for cue in label.cues:
                rule = text("prelabel.rule.cue", language, label=label.name, cue=cue)
                refs.append(Reference(text=cue, label=label.name, weight=CUE_WEIGHT, kind="cue", rule=rule, labels=(label.name,)))
    return refs


def load_gold(
    gold: "str | Path | Iterable[Mapping[str, Any]] | None",
    rulebook: Rulebook,
    *,
    text_field: str = DEFAULT_TEXT_FIELD,
    label_field: str = "label",
    id_field: str = "id",
) -> list[Reference]:
    """Gold labeled items (a file or records with text and label; `labels`/`spans` for other tasks)."""
    if gold is None:
        return []
    labels = LabelSet(rulebook)
    if isinstance(gold, (str, Path)):

        source = str(gold)
        records = read_records(Path(gold))
    else:
        source = "gold"
        records = [dict(record) for record in gold]
    if not records:
        raise InputError(Message("error.gold.no_records", source=str(source)))
    columns: dict[str, None] = {}
    for record in records:
        columns.update(dict.fromkeys(record))
    spans_task = rulebook.task_type == TaskType.ner
    wanted = "spans" if spans_task else label_field
    if text_field not in columns or (wanted not in columns and "labels" not in columns):
        raise InputError(
            Message("error.gold.missing_columns", source=str(source), text_field=text_field, wanted=wanted, columns=str(list(columns)))
        )
    language = project_language(rulebook)
    refs = []
    for row, record in enumerate(records, 1):
        item_text = str(record.get(text_field) or "").strip()
        if not item_text:
            continue
        ident = str(record.get(id_field) or text("prelabel.rule.row", language, row=row))
        if spans_task:
            raw = record.get("spans")
            try:
                data = json.loads(raw) if isinstance(raw, str) else (raw or [])
                spans = tuple(Span.model_validate(span) for span in data)
            except (ValueError, ValidationError) as error:
                raise InputError(Message("error.gold.bad_spans", source=str(source), row=row, reason=str(error))) from error
            for span in spans:
                if labels.normalize(span.label) in (None, ABSTAIN):
                    raise InputError(Message("error.gold.unknown_span_label", source=str(source), row=row, label=span.label, labels=str(labels.names)))
            spans = tuple(span.model_copy(update={"label": labels.normalize(span.label), "text": item_text[span.start : span.end]}) for span in spans)
            refs.append(Reference(text=item_text, label=None, kind="gold", rule=text("prelabel.rule.gold", language, id=ident), spans=spans))
            continue
        raw_labels = record.get("labels") if record.get("labels") not in (None, "") else record.get(label_field)
        if isinstance(raw_labels, str):
            try:
                parsed = json.loads(raw_labels) if raw_labels.strip().startswith("[") else None
            except ValueError:
                parsed = None
            raw_labels = parsed if isinstance(parsed, list) else [part for part in re.split(r"[|;]", raw_labels) if part.strip()]
        elif raw_labels is None:
            raw_labels = []
        elif not isinstance(raw_labels, list):
            raw_labels = [raw_labels]
        names = []
        for value in raw_labels:
            name = labels.normalize(value)
            if name is None or name == ABSTAIN:
                raise InputError(Message("error.gold.unknown_label", source=str(source), row=row, label=value, labels=str(labels.names)))
            names.append(name)
        if not names:
            continue
        names = labels.sort(names)
        rule = text("prelabel.rule.gold_labels", language, id=ident, labels=Items(names, plain=True))
        refs.append(Reference(text=item_text, label=names[0], kind="gold", rule=rule, labels=tuple(names)))
    return refs
