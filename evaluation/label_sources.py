"""Label sets from the files people bring: Label Studio exports (JSON, JSON_MIN, CSV), spreadsheets
with their own column names, Doccano JSONL, Rulebook's pre-label output.

* A Label Studio export gives one set per annotator, a ``ground truth`` set (annotations marked
  ``ground_truth: true``; the reference) and one set per model version of the predictions. A
  reviewer who only made ground-truth annotations is not an annotator.
* Every file can have its own column names (:class:`FieldMap`): ``id=序号,label=标注结果``. Without
  one, a missing ``id``/``label``/``text``/``annotator`` column is looked for under its usual
  names (序号, 编号, 标注结果, 标签, 文本, 标注员 …) and the choice is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from assistant.integrations.columns import COLUMN_SYNONYMS, find_column
from assistant.core.errors import InputError
from assistant.core.messages import Message
from assistant.integrations.datafiles import read_records
from assistant.integrations.label_studio_export import load_label_studio_file
from evaluation.labels import label_sets_from_records
from evaluation.message_refs import rendered

if TYPE_CHECKING:
    from assistant.core.models import Rulebook
    from evaluation.labels import LabelSet
    from assistant.integrations.label_studio_export import LabelStudioImport

__all__ = ["FieldMap", "LoadedSets", "load_sets", "parse_field_maps", "COLUMN_SYNONYMS"]

GROUND_TRUTH = "ground truth"
_KEYS = ("id", "label", "text", "annotator", "sheet", "header")


@dataclass
class FieldMap:
    """Column names (and sheet / header row) for one file; None: the defaults or their usual names."""

    id: str | None = None
    label: str | None = None
    text: str | None = None
    annotator: str | None = None
    sheet: str | None = None
    header: int | None = None


@dataclass
class LoadedSets:
    sets: list["LabelSet"]
    messages: list[Message] = field(default_factory=list)  # what was read, rendered in any language by notes_in
    reference: str | None = None  # the ground-truth set, when a Label Studio export has one
    imports: list["LabelStudioImport"] = field(default_factory=list)

    def notes_in(self, language: str | None = "en") -> list[str]:
        return [note.render(language) for note in self.messages]

    @property
    def notes(self) -> list[str]:
        return self.notes_in("en")


def parse_field_maps(specs: Sequence[str]) -> dict[str, FieldMap]:
    """``FILE:id=序号,label=标注结果,sheet=标注,header=3`` (repeatable) -> {file name: FieldMap}."""
    out: dict[str, FieldMap] = {}
    for spec in specs:
        name, sep, pairs = spec.rpartition(":")
        if not sep or not name.strip():
            raise InputError(Message("error.label_sources.map_form", spec=spec))
        fmap = FieldMap()
        for pair in re.split(r"[,，]", pairs):
            if not pair.strip():
                continue
            key, eq, value = pair.partition("=")
            key, value = key.strip().lower(), value.strip()
            if not eq or key not in _KEYS or not value:
                raise InputError(Message("error.label_sources.map_pair", spec=spec, pair=pair.strip(), keys=", ".join(_KEYS)))
            if key == "header":
                if not value.isdigit() or int(value) < 1:
                    raise InputError(Message("error.label_sources.map_header", spec=spec, value=value))
                fmap.header = int(value)
            else:
                setattr(fmap, key, value)
        out[name.strip()] = fmap
    return out


def map_for(path: Path, maps: Mapping[str, FieldMap]) -> FieldMap:
    for key in (str(path), path.name, path.stem):
        if key in maps:
            return maps[key]
    return FieldMap()


def resolve_columns(
    records: Sequence[Mapping[str, Any]], wanted: Mapping[str, str | None], defaults: Mapping[str, str], source: str
) -> tuple[dict[str, str], list[str]]:
    """Column per role: the one asked for (must exist), else the default, else a usual name; with notes (English)."""
    chosen, notes = _resolve_columns(records, wanted, defaults, source)
    return chosen, [note.render("en") for note in notes]


def _resolve_columns(
    records: Sequence[Mapping[str, Any]], wanted: Mapping[str, str | None], defaults: Mapping[str, str], source: str
) -> tuple[dict[str, str], list[Message]]:
    present: dict[str, None] = {}
    for record in records[:200]:
        present.update(dict.fromkeys(record))
    chosen: dict[str, str] = {}
    notes: list[Message] = []
    for role, default in defaults.items():
        asked = wanted.get(role)
        if asked:
            if asked not in present:
                raise InputError(Message("error.label_sources.no_column", source=str(source), column=asked, role=role, columns=str(list(present))))
            chosen[role] = asked
            continue
        if default in present:
            chosen[role] = default
            continue
        found = find_column(present, role)
        if found:
            chosen[role] = found
            notes.append(Message("labels.note.column_found", source=source, role=role, column=found))
        else:
            chosen[role] = default
    return chosen, notes


def _note(out: LoadedSets, note: Message) -> None:
    out.messages.append(note)


def _sets_from_import(imported: "LabelStudioImport", name: str) -> LoadedSets:
    out = LoadedSets(sets=[], imports=[imported])
    truth = [r for r in imported.records if r.get("ground_truth")]
    authors_of_truth = {r["annotator"] for r in truth}
    only_truth = {a for a in authors_of_truth if all(r.get("ground_truth") for r in imported.records if r["annotator"] == a)}
    annotated = [r for r in imported.records if r["annotator"] not in only_truth]
    if annotated:
        out.sets.extend(label_sets_from_records(annotated, name, source=imported.source))
    if truth:
        (truth_set,) = label_sets_from_records(truth, GROUND_TRUTH, annotator_field="\0", source=imported.source)
        out.sets.append(truth_set.model_copy(update={"name": GROUND_TRUTH}))
        out.reference = GROUND_TRUTH
        who = ", ".join(sorted(authors_of_truth))
        _note(out, Message("labels.note.ground_truth", count=len(truth), who=who, name=GROUND_TRUTH))
    models = imported.models
    for model in models:
        predictions = [p for p in imported.predictions if (p.get("model") or "model") == model]
        set_name = "model" if model == "model" else f"model {model}"
        (model_set,) = label_sets_from_records(predictions, set_name, annotator_field="\0", source=imported.source)
        out.sets.append(model_set.model_copy(update={"name": set_name, "is_model": True}))
    fmt = {"json": "JSON", "json-min": "JSON_MIN", "csv": "CSV"}.get(imported.format, imported.format)
    values = dict(source=imported.source, format=fmt, tasks=imported.n_tasks, annotations=imported.n_annotations)
    if models:
        header = Message("labels.note.label_studio_models", **values, models=", ".join(models))
    else:
        header = Message("labels.note.label_studio", **values)
    out.messages.insert(0, header)
    out.messages.extend(rendered(imported.notes_in, len(imported.notes)))
    if imported.n_multi:
        _note(out, Message("labels.note.several_labels", count=imported.n_multi))
    return out


def load_sets(
    path: Path | str,
    *,
    label_field: str = "label",
    id_field: str = "id",
    fmap: FieldMap | None = None,
    rulebook: "Rulebook | None" = None,
) -> LoadedSets:
    """Label sets of one file of any supported kind (see the module docstring)."""

    path = Path(path)
    fmap = fmap or FieldMap()
    label_names = rulebook.label_names if rulebook is not None else None
    control = fmap.label or (label_field if label_field != "label" else None)
    if path.suffix.lower() in (".json", ".csv", ".tsv"):
        imported = load_label_studio_file(path, control=control, label_names=label_names)
        if imported is not None:
            if not imported.records and not imported.predictions:
                raise InputError(Message("error.label_sources.no_annotation", path=str(path), tasks=imported.n_tasks))
            return _sets_from_import(imported, path.stem)
    records = read_records(path, sheet=fmap.sheet, header_row=fmap.header)
    defaults = {"id": id_field, "label": label_field, "text": "text", "annotator": "annotator"}
    wanted = {"id": fmap.id, "label": fmap.label, "text": fmap.text, "annotator": fmap.annotator}
    columns, notes = _resolve_columns(records, wanted, defaults, str(path))
    sets = label_sets_from_records(
        records,
        path.stem,
        label_field=columns["label"],
        id_field=columns["id"],
        annotator_field=columns["annotator"],
        text_field=columns["text"],
        source=str(path),
    )
    return LoadedSets(sets=sets, messages=list(notes))
