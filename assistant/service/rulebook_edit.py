"""Hand edits of a rulebook: the app's editor and `rulebook import-rulebook` share these functions.

A trainer edits the labels (name, definition, criteria, cues, counter-cues, aliases, order), the
examples of each label, the edge cases, the decision procedure, the scope and the purpose. Every
save is the project's next rulebook version: the change-log line says what changed, in the
rulebook's language; the diff is `rulebook_export.diff_text`; `check` runs on the saved version.
Renames, removals and additions go through `revise.apply_edit`, so a renamed label is renamed in
every example and edge case too. A delivered project is read-only until it is reopened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from assistant.core.errors import InputError
from assistant.core.messages import Message, template as message_template
from assistant.core.messages import text as message_text
from assistant.core.models import NEW_SOURCE, ChangeLogEntry, EdgeCaseRule, Polarity, RuleExample, Rulebook
from assistant.rulebook.revise import Edit, apply_edit, parse_instruction
from assistant.rulebook.grounding import label_key
from assistant.service.projects import rulebook_version, save_rulebook
from assistant.rulebook.check import check_rulebook
from assistant.rulebook.export import diff_text, from_json

if TYPE_CHECKING:
    from assistant.rulebook.check import CheckReport
    from assistant.service.workspace import Workspace

LABEL_FIELDS = ("definition", "criteria", "cues", "counter_cues", "aliases")
# the sections a trainer edits; their names in a change line are the catalogue ids `edit.section.<name>`,
# a label's fields `edit.field.<name>`
SECTIONS = ("title", "task_definition", "purpose", "scope_in", "scope_out", "decision_procedure", "edge_cases", "output_format")


def _say(language: str | None, message_id: str, /, **values: Any) -> str:
    """The catalogue text `message_id` in `language` (edit summaries follow the rulebook's language)."""
    return message_text(message_id, language, **values)


def split_lines(value: Any) -> list[str]:
    """A list field from an editor cell: one item per line (or a list already); blanks dropped."""
    if value is None:
        return []
    if isinstance(value, float) and value != value:  # NaN from an empty table cell
        return []
    items = value if isinstance(value, (list, tuple)) else str(value).splitlines()
    return list(dict.fromkeys(str(item).strip() for item in items if str(item).strip()))


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


# ---------------------------------------------------------------------------------------------
# Edits
# ---------------------------------------------------------------------------------------------
def apply_label_table(rulebook: Rulebook, rows: Iterable[dict[str, Any]]) -> Rulebook:
    """The rulebook with its label set replaced by the editor's table, in the table's order.

    Each row has `key` (the label's name before the edit, None for a new row), `name` and the
    fields of LABEL_FIELDS (lists as lists or one item per line). A label missing from the rows is
    removed; a changed name is a rename (examples, negatives and edge cases follow it).
    """
    rows = [row for row in rows if _text(row.get("name")) or _text(row.get("key"))]
    names_seen: dict[str, int] = {}
    for number, row in enumerate(rows, 1):
        name = _text(row.get("name"))
        if not name:
            raise InputError(Message("error.rulebook_edit.empty_label_name", number=number))
        key = label_key(name)
        if key in names_seen:
            raise InputError(Message("error.rulebook_edit.duplicate_label", first=names_seen[key], number=number, name=name))
        names_seen[key] = number
    if not rows:
        raise InputError(Message("error.rulebook_edit.no_labels"))
    current = {label.name for label in rulebook.labels}
    kept = {_text(row.get("key")) for row in rows if _text(row.get("key")) in current}
    revised = rulebook
    for name in [label.name for label in rulebook.labels if label.name not in kept]:
        if len(revised.labels) == 1:  # the last one goes when the new ones are in
            break
        revised = apply_edit(revised, Edit(op="remove_label", label=name))
    # renames in two steps (old → temporary → new), so swapping two names works
    renames = [(row, _text(row.get("key")), _text(row.get("name"))) for row in rows if _text(row.get("key")) in kept]
    temporary = {}
    for index, (_, old, new) in enumerate(renames):
        if old != new:
            temporary[old] = f"\u2063rename-{index}"
            revised = apply_edit(revised, Edit(op="rename_label", label=old, new_name=temporary[old]))
    for _, old, new in renames:
        if old in temporary:
            revised = apply_edit(revised, Edit(op="rename_label", label=temporary[old], new_name=new))
    for row in rows:
        if _text(row.get("key")) not in kept:
            revised = apply_edit(revised, Edit(op="add_label", label=_text(row.get("name"))))
    leftover = [label.name for label in revised.labels if label.name not in {_text(r.get("name")) for r in rows}]
    for name in leftover:  # the old last label, now that the new ones exist
        revised = apply_edit(revised, Edit(op="remove_label", label=name))
    by_name = {label.name: label for label in revised.labels}
    labels = []
    for row in rows:
        name = _text(row.get("name"))
        label = by_name[name]
        old = _text(row.get("key"))
        definition = _text(row.get("definition")) if "definition" in row else label.definition
        aliases = split_lines(row["aliases"]) if "aliases" in row else label.aliases
        aliases = [alias for alias in aliases if not alias.startswith("\u2063")]
        if old in kept and old != name and old not in aliases:
            aliases = [*aliases, old]  # the old name stays findable, as a rename by flag does
        update: dict[str, Any] = {
            "definition": definition,
            "aliases": [alias for alias in aliases if label_key(alias) != label_key(name)],
            "needs_definition": not definition,
        }
        for field in ("criteria", "cues", "counter_cues"):
            if field in row:
                update[field] = split_lines(row[field])
        labels.append(label.model_copy(update=update))
    return revised.model_copy(update={"labels": labels})


def apply_examples(rulebook: Rulebook, label: str, rows: Iterable[dict[str, Any]]) -> Rulebook:
    """The rulebook with LABEL's examples replaced by the editor's rows.

    A row has `polarity` (positive or negative), `text`, `explanation`, `correct_label` (what a
    negative really is; empty when unsure) and optionally `source` (kept for unchanged examples).
    """
    index = next((i for i, item in enumerate(rulebook.labels) if item.name == label), None)
    if index is None:
        raise InputError(Message("error.rulebook_edit.no_such_label", label=label, labels=', '.join(rulebook.label_names)))
    old_sources = {(e.text, e.polarity.value): e.source for e in rulebook.labels[index].examples}
    names = {label_key(name): name for name in rulebook.label_names}
    examples = []
    for number, row in enumerate(rows, 1):
        text, explanation = _text(row.get("text")), _text(row.get("explanation"))
        if not text and not explanation:
            continue
        polarity = _text(row.get("polarity")) or "positive"
        if polarity not in ("positive", "negative"):
            raise InputError(Message("error.rulebook_edit.bad_polarity", number=number, label=label, polarity=polarity))
        if not text:
            raise InputError(Message("error.rulebook_edit.example_empty", number=number, label=label))
        if not explanation:
            raise InputError(Message("error.rulebook_edit.example_unexplained", number=number, label=label))
        correct = _text(row.get("correct_label")) or None
        if polarity == "positive":
            correct = None
        elif correct is not None:
            if label_key(correct) not in names:
                raise InputError(Message("error.rulebook_edit.unknown_correct_label", number=number, label=label, correct=correct))
            correct = names[label_key(correct)]
            if correct == label:
                raise InputError(Message("error.rulebook_edit.near_miss_same_label", number=number, label=label))
        source = old_sources.get((text, polarity)) or _text(row.get("source")) or NEW_SOURCE
        examples.append(
            RuleExample(text=text, label=label, polarity=Polarity(polarity), explanation=explanation, correct_label=correct, source=source)
        )
    labels = list(rulebook.labels)
    labels[index] = labels[index].model_copy(update={"examples": examples})
    return rulebook.model_copy(update={"labels": labels})


def apply_edge_cases(rulebook: Rulebook, rows: Iterable[dict[str, Any]]) -> Rulebook:
    """The rulebook with its edge cases replaced: rows of `case`, `resolution` and optional `labels`."""
    names = {label_key(name): name for name in rulebook.label_names}
    old = {(edge.case, edge.resolution): edge for edge in rulebook.edge_cases}
    edges = []
    for number, row in enumerate(rows, 1):
        case, resolution = _text(row.get("case")), _text(row.get("resolution"))
        if not case and not resolution:
            continue
        if not case or not resolution:
            raise InputError(Message("error.rulebook_edit.edge_case_incomplete", number=number))
        given = split_lines(row.get("labels")) if row.get("labels") is not None else []
        given = [part.strip() for item in given for part in re.split(r"[,，、]", item) if part.strip()]
        labels = [names.get(label_key(name), name) for name in given] or [
            name for name in rulebook.label_names if name in case or name in resolution
        ]
        previous = old.get((case, resolution))
        edges.append(EdgeCaseRule(case=case, resolution=resolution, labels=labels, source=previous.source if previous else NEW_SOURCE))
    return rulebook.model_copy(update={"edge_cases": edges})


def apply_sections(rulebook: Rulebook, **sections: Any) -> Rulebook:
    """Title, task definition, purpose, scope (in/out), decision procedure or output format replaced."""
    update: dict[str, Any] = {}
    for name, value in sections.items():
        if name not in SECTIONS or name == "edge_cases":
            raise InputError(Message("error.rulebook_edit.unknown_section", name=name))
        if name in ("scope_in", "scope_out", "decision_procedure"):
            update[name] = split_lines(value)
        else:
            update[name] = _text(value)
    for required in ("title", "task_definition"):
        if required in update and not update[required]:
            raise InputError(Message("error.rulebook_edit.section_empty", section=Message(f"edit.section.{required}")))
    return rulebook.model_copy(update=update)


# ---------------------------------------------------------------------------------------------
# What changed, in the rulebook's language
# ---------------------------------------------------------------------------------------------
def _quote(language: str | None, name: str) -> str:
    return _say(language, "edit.quote", name=name)


def _separator(language: str | None, *, parts: bool = False) -> str:
    """The language's list joiner (`, ` / `、`), or the joiner of whole phrases (`; ` / `；`)."""
    return message_template("list.part_separator" if parts else "list.separator", language)


def _added_removed(before: Any, after: Any, language: str, join: str) -> str:
    """'2 added, 1 removed' (or 'edited' when only the content changed) between two collections."""
    more = sum(1 for item in after if item not in before)
    fewer = sum(1 for item in before if item not in after)
    parts = []
    if more:
        parts.append(_say(language, "edit.added", n=more))
    if fewer:
        parts.append(_say(language, "edit.removed", n=fewer))
    return join.join(parts or [_say(language, "edit.edited")])


def changes_between(old: Rulebook, new: Rulebook, language: str | None = None) -> list[str]:
    """What a trainer changed from OLD to NEW, one short phrase per change, in LANGUAGE (default: NEW's)."""
    language = language or new.language
    q = lambda name: _quote(language, name)  # noqa: E731
    join = _separator(language)
    changes: list[str] = []
    old_by_name = {label.name: label for label in old.labels}
    new_by_name = {label.name: label for label in new.labels}
    renamed: dict[str, str] = {}  # new name → old name
    for label in new.labels:
        if label.name not in old_by_name:
            match = next((alias for alias in label.aliases if alias in old_by_name and alias not in new_by_name), None)
            if match:
                renamed[label.name] = match
    for new_name, old_name in renamed.items():
        changes.append(_say(language, "edit.renamed_to", a=q(old_name), b=q(new_name)))
    added = [name for name in new_by_name if name not in old_by_name and name not in renamed]
    removed = [name for name in old_by_name if name not in new_by_name and name not in renamed.values()]
    if added:
        changes.append(_say(language, "edit.added_label", l=join.join(q(n) for n in added)))
    if removed:
        changes.append(_say(language, "edit.removed_label", l=join.join(q(n) for n in removed)))
    for label in new.labels:
        before = old_by_name.get(renamed.get(label.name, label.name))
        if before is None:
            continue
        fields = []
        for field in LABEL_FIELDS:
            if field == "aliases" and label.name in renamed:
                if [a for a in label.aliases if a != renamed[label.name]] == [a for a in before.aliases if a != label.name]:
                    continue
            if getattr(label, field) != getattr(before, field):
                fields.append(_say(language, f"edit.field.{field}"))
        if fields:
            changes.append(_say(language, "edit.edited_the_of", f=join.join(fields), l=q(label.name)))
        old_to_new = {old_name: new_name for new_name, old_name in renamed.items()}
        old_examples = [(e.text, e.polarity, e.explanation, old_to_new.get(e.correct_label or "", e.correct_label)) for e in before.examples]
        new_examples = [(e.text, e.polarity, e.explanation, e.correct_label) for e in label.examples]
        if old_examples != new_examples:
            counts = _added_removed({item[:2] for item in old_examples}, {item[:2] for item in new_examples}, language, join)
            changes.append(_say(language, "edit.examples_of", l=q(label.name), p=counts))
    common_old = [renamed.get(name, name) for name in new_by_name if renamed.get(name, name) in old_by_name]
    if [name for name in old_by_name if name in common_old] != common_old:
        changes.append(_say(language, "edit.reordered_the_labels"))
    for section in SECTIONS:
        if section == "edge_cases":
            before = [(e.case, e.resolution) for e in old.edge_cases]
            after = [(e.case, e.resolution) for e in new.edge_cases]
            if before != after:
                changes.append(_say(language, "edit.edge_cases", p=_added_removed(before, after, language, join)))
            continue
        if getattr(old, section) != getattr(new, section):
            changes.append(_say(language, "edit.edited_the", s=_say(language, f"edit.section.{section}")))
    if old.quality != new.quality:
        changes.append(_say(language, "edit.edited_the_quality_standards"))
    if old.glossary != new.glossary:
        changes.append(_say(language, "edit.edited_the_glossary"))
    return changes


def change_line(changes: list[str], language: str | None) -> str:
    return _separator(language, parts=True).join(changes)


def next_version(previous: Rulebook, edited: Rulebook, *, language: str | None = None, prefix: str | None = None) -> Rulebook:
    """EDITED as the version after PREVIOUS, with a change-log entry naming what changed.

    Raises InputError when nothing changed (a save with no change makes no version).
    """
    language = language or previous.language
    changes = changes_between(previous, edited, language)
    if not changes:
        raise InputError(_say(language, "edit.nothing_changed_the_rulebook_is_the", v=previous.version))
    line = change_line(changes, language)
    if prefix:
        line = _say(language, "edit.prefixed", prefix=prefix, line=line)
    version = previous.version + 1
    entry = ChangeLogEntry(version=version, date=date.today().isoformat(), change=line)
    return edited.model_copy(
        update={
            "version": version,
            "changelog": [*previous.changelog, entry],
            "token_count": None,
            "project_id": previous.project_id,
        }
    )


# ---------------------------------------------------------------------------------------------
# Saving into a project
# ---------------------------------------------------------------------------------------------
@dataclass
class SavedEdit:
    """One save: the version before, the version saved, the diff between them and the check of the new one."""

    previous: Rulebook
    new: Rulebook
    diff: str
    report: "CheckReport"


def ensure_editable(ws: "Workspace", project_id: str) -> None:
    """Refuse to change a delivered project (reopen it first)."""
    row = ws.store.project(project_id)
    if row.status == "delivered":
        raise InputError(
            Message("error.rulebook_edit.delivered_read_only", project_id=project_id)
        )


def reopen_project(ws: "Workspace", project_id: str) -> str:
    """Make a delivered project editable again; returns its new status (the stage it had reached)."""
    row = ws.store.project(project_id)
    if row.status != "delivered":
        return row.status
    if ws.store.artifacts(project_id, "batch"):
        status = "production"
    elif ws.store.artifacts(project_id, "agreement"):
        status = "trial"
    elif ws.store.artifacts(project_id, "rulebook"):
        status = "rulebook"
    else:
        status = "breakdown"
    ws.store.set_status(project_id, status)
    return status


def save_edited(ws: "Workspace", project_id: str, edited: Rulebook, *, prefix: str | None = None) -> SavedEdit:
    """Save EDITED as the project's next rulebook version; returns the diff and the new version's check."""

    ensure_editable(ws, project_id)
    previous = rulebook_version(ws, project_id)
    candidate = next_version(previous, edited.model_copy(update={"project_id": project_id}), prefix=prefix)
    report = check_rulebook(candidate, ws.settings)
    candidate = candidate.model_copy(update={"token_count": report.token_count})
    saved = save_rulebook(ws, project_id, candidate, note=candidate.changelog[-1].change[:500])
    if ws.store.project(project_id).status in ("submitted", "breakdown"):
        ws.store.set_status(project_id, "rulebook")
    return SavedEdit(previous, saved, diff_text(previous, saved), report)


def import_rulebook(ws: "Workspace", project_id: str, source: Path | str | bytes, *, name: str | None = None) -> SavedEdit:
    """A hand-edited rulebook JSON (a file path, or the bytes of an upload) as the project's next version.

    The file must parse as a rulebook (errors name the file and the field); its language is kept.
    A file that belongs to another project, or that is the same as the latest version, is refused.
    """

    if isinstance(source, bytes):
        text = source.decode("utf-8-sig", errors="strict") if source else ""
        if not text.strip():
            raise InputError(Message("error.rulebook_edit.empty_file", where=name or Message("error.rulebook_edit.rulebook_json")))
        rulebook = from_json(text, name=name or "rulebook JSON")
    else:
        rulebook = from_json(Path(source), name=name)
    where = name or str(source if not isinstance(source, bytes) else "rulebook JSON")
    if rulebook.project_id and rulebook.project_id != project_id:
        raise InputError(Message("error.rulebook_edit.other_project", where=str(where), owner=rulebook.project_id, project_id=project_id))
    if not ws.store.artifacts(project_id, "rulebook"):
        ws.store.project(project_id)  # an unknown project is reported as such
        raise InputError(Message("error.rulebook_edit.no_rulebook_yet", project_id=project_id))

    latest = rulebook_version(ws, project_id)
    imported = rulebook.model_copy(update={"changelog": latest.changelog, "version": latest.version})
    prefix = _say(latest.language, "edit.imported", f=Path(where).name)
    return save_edited(ws, project_id, imported, prefix=prefix)


# ---------------------------------------------------------------------------------------------
# The chat, offline: simple instructions become edits; anything else opens the editor
# ---------------------------------------------------------------------------------------------
_Q = "[「」“”\"'‘’《》]*"
_DEFINE_PATTERNS = [
    re.compile(rf"^\s*(?:请\s*)?(?:把|将)?\s*{_Q}(?P<label>[^「」“”\"'：:，,。]{{1,40}}?){_Q}\s*的\s*定义\s*(?:是|为|改为|改成|写成)?\s*[:：]?\s*(?P<text>.+?)\s*$", re.S),
    re.compile(rf"^\s*(?:请\s*)?定义\s*{_Q}(?P<label>[^「」“”\"'：:，,。]{{1,40}}?){_Q}\s*(?:为|是|[:：])\s*(?P<text>.+?)\s*$", re.S),
    re.compile(rf"^\s*(?:please\s+)?define\s+(?:the\s+label\s+)?{_Q}(?P<label>[^\"'“”:]{{1,60}}?){_Q}\s*(?:as|:)\s*(?P<text>.+?)\s*$", re.S | re.I),
    re.compile(rf"^\s*(?:the\s+)?definition\s+of\s+{_Q}(?P<label>[^\"'“”:]{{1,60}}?){_Q}\s*(?:is|:)\s*(?P<text>.+?)\s*$", re.S | re.I),
]
_SECTION_WORDS = [
    ("examples", ("例子", "示例", "正例", "反例", "example")),
    ("edge_cases", ("边界", "edge case", "edge-case")),
    ("decision_procedure", ("流程", "步骤", "顺序", "procedure", "order")),
    ("scope", ("范围", "scope")),
    ("purpose", ("目的", "用途", "purpose")),
    ("definition", ("定义", "标准", "线索", "别名", "definition", "criteri", "cue", "alias")),
]


class NeedsEditor(InputError):
    """Offline, this chat instruction is not a structured edit: the editor is where to make it."""

    def __init__(self, message: str, label: str | None, section: str) -> None:
        super().__init__(message)
        self.label = label
        self.section = section


def parse_chat_edit(rulebook: Rulebook, text: str) -> list[Edit] | None:
    """The structured edits a simple chat instruction stands for (offline), or None."""

    parsed = parse_instruction(text)
    if parsed is not None:
        return parsed
    for pattern in _DEFINE_PATTERNS:
        match = pattern.match(text or "")
        if match and match["text"].strip():
            wanted = label_key(match["label"].strip())
            for name in rulebook.label_names:
                if label_key(name) == wanted:
                    return [Edit(op="define_label", label=name, definition=match["text"].strip())]
    return None


def where_to_edit(rulebook: Rulebook, text: str) -> tuple[str | None, str]:
    """The label a chat message is about (the longest name it mentions) and the part of the editor."""
    lowered = (text or "").lower()
    mentioned = sorted((name for name in rulebook.label_names if name.lower() in lowered), key=len, reverse=True)
    label = mentioned[0] if mentioned else None
    number = re.search(r"(?:标签|label)\s*(\d{1,2})|第\s*(\d{1,2})\s*个标签", lowered)
    if label is None and number:
        index = int(number.group(1) or number.group(2)) - 1
        if 0 <= index < len(rulebook.labels):
            label = rulebook.labels[index].name
    for section, words in _SECTION_WORDS:
        if any(word in lowered for word in words):
            return label, section
    return label, "definition" if label else "labels"


def chat_revision(ws: "Workspace", project_id: str, text: str, language: str | None = None) -> SavedEdit:
    """Offline chat revision: a simple instruction saved as the next version, else NeedsEditor."""

    ensure_editable(ws, project_id)
    previous = rulebook_version(ws, project_id)
    edits = parse_chat_edit(previous, text)
    if edits is None:
        label, section = where_to_edit(previous, text)
        raise NeedsEditor(
            _say(
                language or previous.language,
                "edit.without_an_llm_i_apply_only",
            )
            + (_say(language or previous.language, "edit.at", l=_quote(language or previous.language, label)) if label else _say(language or previous.language, "edit.text")),
            label,
            section,
        )
    edited = previous
    for edit in edits:
        edited = apply_edit(edited, edit)
    return save_edited(ws, project_id, edited)
