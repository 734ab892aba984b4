"""Revising a rulebook: structured edits (any engine) and free-text instructions (LLM, or simple
patterns offline). Every revision is a new version with a change-log entry; nothing is lost.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from assistant.core.language import prompt_name
from assistant.core.errors import InputError
from assistant.core.messages import Message, text
from assistant.llm.prompts import load_prompt
from assistant.core.models import (
    NEW_SOURCE,
    ChangeLogEntry,
    Contract,
    EdgeCaseRule,
    Polarity,
    RuleExample,
    RuleLabel,
    Rulebook,
)
from assistant.rulebook.grounding import label_key
from assistant.rulebook.draft_model import RulebookDraft

if TYPE_CHECKING:
    from assistant.llm.chat import LLM

EditOp = Literal[
    "add_label", "define_label", "add_criterion", "add_counter_cue", "rename_label", "merge_labels", "remove_label",
    "add_example", "add_edge_case",
]


class Edit(Contract):
    """One structured change to a rulebook."""

    op: EditOp
    label: str | None = None
    new_name: str | None = None
    labels: list[str] = Field(default_factory=list, description="merge_labels: the labels to merge")
    into: str | None = Field(default=None, description="merge_labels: the merged label's name")
    definition: str | None = None
    text: str | None = None
    polarity: Polarity = Polarity.positive
    explanation: str | None = None
    correct_label: str | None = None
    case: str | None = None
    resolution: str | None = None

    def describe(self) -> str:
        """The change-log line, stored in English; shown in the project's language by `localize(..., "note.")`."""
        if self.op == "merge_labels":
            return text("note.merge_labels", "en", labels=", ".join(self.labels), into=self.into or self.labels[0])
        if self.op == "rename_label":
            return text("note.rename_label", "en", label=self.label, new_name=self.new_name)
        if self.op == "add_example":
            return text(f"note.add_{self.polarity.value}_example", "en", label=self.label)
        if self.op == "add_edge_case":
            return text("note.add_edge_case", "en", case=self.case)
        if self.op in ("add_criterion", "add_counter_cue"):
            return text(f"note.{self.op}", "en", label=self.label, text=self.text)
        return text(f"note.{self.op}", "en", label=self.label)


def _find(rulebook: Rulebook, name: str | None) -> int:
    if not name:
        raise InputError(Message("error.revise.no_label_name"))
    key = label_key(name)
    for index, label in enumerate(rulebook.labels):
        if label_key(label.name) == key:
            return index
    raise InputError(Message("error.revise.no_such_label", name=name, labels=', '.join(rulebook.label_names)))


def _rename_everywhere(rulebook: Rulebook, old: set[str], new: str) -> Rulebook:
    labels = []
    for label in rulebook.labels:
        examples = [
            example.model_copy(
                update={
                    "label": new if example.label in old else example.label,
                    "correct_label": new if example.correct_label in old else example.correct_label,
                }
            )
            for example in label.examples
        ]
        labels.append(label.model_copy(update={"examples": examples}))
    edges = [edge.model_copy(update={"labels": list(dict.fromkeys(new if name in old else name for name in edge.labels))}) for edge in rulebook.edge_cases]
    return rulebook.model_copy(update={"labels": labels, "edge_cases": edges})


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))


def apply_edit(rulebook: Rulebook, edit: Edit) -> Rulebook:
    """The rulebook with one edit applied (the version number is not changed here)."""
    labels = list(rulebook.labels)
    if edit.op == "add_label":
        if not edit.label or not edit.label.strip():
            raise InputError(Message("error.revise.add_label_needs_name"))
        if any(label_key(l.name) == label_key(edit.label) for l in labels):
            raise InputError(Message("error.revise.label_exists", label=edit.label))
        definition = (edit.definition or "").strip()
        labels.append(RuleLabel(name=edit.label.strip(), definition=definition, needs_definition=not definition))
        return rulebook.model_copy(update={"labels": labels})
    if edit.op == "define_label":
        index = _find(rulebook, edit.label)
        if not edit.definition or not edit.definition.strip():
            raise InputError(Message("error.revise.define_needs_definition"))
        # the trainer's own definition: no longer the placeholder built from the request
        labels[index] = labels[index].model_copy(update={"definition": edit.definition.strip(), "needs_definition": False, "definition_origin": None})
        return rulebook.model_copy(update={"labels": labels})
    if edit.op in ("add_criterion", "add_counter_cue"):
        index = _find(rulebook, edit.label)
        if not edit.text or not edit.text.strip():
            raise InputError(Message("error.revise.needs_rule_text", op=edit.op))
        field = "criteria" if edit.op == "add_criterion" else "counter_cues"
        current = getattr(labels[index], field)
        labels[index] = labels[index].model_copy(update={field: _unique([*current, edit.text.strip()])})
        return rulebook.model_copy(update={"labels": labels})
    if edit.op == "rename_label":
        index = _find(rulebook, edit.label)
        if not edit.new_name or not edit.new_name.strip():
            raise InputError(Message("error.revise.rename_needs_name"))
        new = edit.new_name.strip()
        if any(label_key(l.name) == label_key(new) for i, l in enumerate(labels) if i != index):
            raise InputError(Message("error.revise.rename_exists", new=new))
        old = labels[index].name
        labels[index] = labels[index].model_copy(update={"name": new, "aliases": _unique([*labels[index].aliases, old])})
        return _rename_everywhere(rulebook.model_copy(update={"labels": labels}), {old}, new)
    if edit.op == "merge_labels":
        if len(edit.labels) < 2:
            raise InputError(Message("error.revise.merge_needs_two"))
        indexes = [_find(rulebook, name) for name in edit.labels]
        if len(set(indexes)) < len(indexes):
            raise InputError(Message("error.revise.merge_same_label"))
        merged_from = [labels[i] for i in indexes]
        names = {label.name for label in merged_from}
        into = (edit.into or merged_from[0].name).strip()
        if into not in names and any(label_key(l.name) == label_key(into) for l in labels):
            raise InputError(Message("error.revise.merge_into_exists", into=into))
        examples = [
            example
            for label in merged_from
            for example in label.examples
            # a negative that separated two of the merged labels no longer teaches anything
            if not (example.polarity == Polarity.negative and example.correct_label in names)
        ]
        merged = RuleLabel(
            name=into,
            definition=" / ".join(f"{l.name}: {l.definition}" if l.definition else l.name for l in merged_from),
            criteria=_unique([c for l in merged_from for c in l.criteria]),
            cues=_unique([c for l in merged_from for c in l.cues]),
            counter_cues=_unique([c for l in merged_from for c in l.counter_cues if not any(n in c for n in names)]),
            aliases=_unique([*(l.name for l in merged_from if l.name != into), *(a for l in merged_from for a in l.aliases)]),
            examples=examples,
            source=merged_from[0].source,
        )
        kept = [label for i, label in enumerate(labels) if i not in indexes]
        kept.insert(min(indexes), merged)
        return _rename_everywhere(rulebook.model_copy(update={"labels": kept}), names, into)
    if edit.op == "remove_label":
        index = _find(rulebook, edit.label)
        removed = labels.pop(index).name
        if not labels:
            raise InputError(Message("error.revise.last_label"))
        cleaned = [
            label.model_copy(update={"examples": [
                e.model_copy(update={"correct_label": None}) if e.correct_label == removed else e for e in label.examples
            ]})
            for label in labels
        ]
        edges = [edge.model_copy(update={"labels": [n for n in edge.labels if n != removed]}) for edge in rulebook.edge_cases]
        return rulebook.model_copy(update={"labels": cleaned, "edge_cases": edges})
    if edit.op == "add_example":
        index = _find(rulebook, edit.label)
        if not edit.text or not edit.text.strip() or not edit.explanation or not edit.explanation.strip():
            raise InputError(Message("error.revise.add_example_needs_text"))
        if edit.correct_label:
            _find(rulebook, edit.correct_label)
        example = RuleExample(
            text=edit.text.strip(),
            label=labels[index].name,
            polarity=edit.polarity,
            explanation=edit.explanation.strip(),
            correct_label=edit.correct_label,
            source=NEW_SOURCE,
        )
        labels[index] = labels[index].model_copy(update={"examples": [*labels[index].examples, example]})
        return rulebook.model_copy(update={"labels": labels})
    if edit.op == "add_edge_case":
        if not edit.case or not edit.case.strip() or not edit.resolution or not edit.resolution.strip():
            raise InputError(Message("error.revise.add_edge_case_needs_both"))
        mentioned = [name for name in rulebook.label_names if name in edit.case or name in edit.resolution]
        edge = EdgeCaseRule(case=edit.case.strip(), resolution=edit.resolution.strip(), labels=mentioned)
        return rulebook.model_copy(update={"edge_cases": [*rulebook.edge_cases, edge]})
    raise InputError(Message("error.revise.unknown_edit", op=edit.op))  # pragma: no cover - Literal guards it


_QUOTE = "[「」“”\"'‘’《》]*"
_INSTRUCTION_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"^(?:please\s+)?(?:merge|合并)\s*{_QUOTE}(?P<a>.+?){_QUOTE}\s*(?:and|with|和|与|跟|、|,|，)\s*{_QUOTE}(?P<b>.+?){_QUOTE}(?:\s*(?:into|as|为|成为|成)\s*{_QUOTE}(?P<into>.+?){_QUOTE})?\s*[。.]?$", re.I), "merge"),
    (re.compile(rf"^(?:please\s+)?(?:把|将)\s*{_QUOTE}(?P<a>.+?){_QUOTE}\s*(?:和|与|跟|、)\s*{_QUOTE}(?P<b>.+?){_QUOTE}\s*合并(?:为|成|成为)?\s*{_QUOTE}(?P<into>.*?){_QUOTE}\s*[。.]?$", re.I), "merge"),
    (re.compile(rf"^(?:please\s+)?(?:rename|把|将)\s*(?:label\s+)?{_QUOTE}(?P<a>.+?){_QUOTE}\s*(?:to|as|改名为|改名成|改为|改成|重命名为|→|->)\s*{_QUOTE}(?P<b>.+?){_QUOTE}\s*[。.]?$", re.I), "rename"),
    (re.compile(rf"^(?:please\s+)?(?:remove|delete|drop|删除|去掉|删掉)\s*(?:the\s+)?(?:label\s+|标签\s*)?{_QUOTE}(?P<a>.+?){_QUOTE}\s*(?:label|标签)?\s*[。.]?$", re.I), "remove"),
    (re.compile(rf"^(?:please\s+)?(?:add|新增|增加|添加)\s*(?:a\s+)?(?:new\s+)?(?:label|标签)\s*{_QUOTE}(?P<a>.+?){_QUOTE}\s*[。.]?$", re.I), "add"),
]


def parse_instruction(instruction: str) -> list[Edit] | None:
    """The structured edits a simple instruction stands for, or None when it needs an LLM."""
    text = instruction.strip()
    for pattern, kind in _INSTRUCTION_PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        if kind == "merge":
            return [Edit(op="merge_labels", labels=[match["a"].strip(), match["b"].strip()], into=(match["into"] or "").strip() or None)]
        if kind == "rename":
            return [Edit(op="rename_label", label=match["a"].strip(), new_name=match["b"].strip())]
        if kind == "remove":
            return [Edit(op="remove_label", label=match["a"].strip())]
        return [Edit(op="add_label", label=match["a"].strip())]
    return None


def _llm_revision(rulebook: Rulebook, instruction: str, llm: "LLM") -> Rulebook:

    prompt = load_prompt("rulebook_revise")
    draft_fields = set(RulebookDraft.model_fields)
    result = llm.structured(
        prompt,
        {
            "rulebook": json.dumps(rulebook.model_dump(mode="json", include=draft_fields), ensure_ascii=False),
            "instruction": instruction,
            "language": prompt_name(rulebook.language),
        },
        RulebookDraft,
        step="revise",
    )
    # Sources may only be kept, never invented: an example not in the old rulebook is "new".
    old_sources = {(e.text, e.source) for e in rulebook.examples()}
    labels = [
        label.model_copy(update={"examples": [
            e if (e.text, e.source) in old_sources else e.model_copy(update={"source": NEW_SOURCE}) for e in label.examples
        ]})
        for label in result.value.labels
    ]
    return Rulebook.model_validate(
        {
            **rulebook.model_dump(mode="json"),
            **result.value.model_dump(mode="json", exclude={"labels"}),
            "labels": [label.model_dump(mode="json") for label in labels],
            "engine": "llm",
            "model": result.model,
            "prompt_version": prompt.version,
        }
    )


def revise(
    rulebook: Rulebook,
    *,
    instruction: str | None = None,
    edits: list[Edit] | None = None,
    llm: "LLM | None" = None,
) -> Rulebook:
    """A new version of the rulebook with the edits and/or the instruction applied."""
    changes: list[str] = []
    revised = rulebook
    if instruction and instruction.strip():
        changes.append(instruction.strip())
        if llm is not None:
            revised = _llm_revision(revised, instruction.strip(), llm)
        else:
            parsed = parse_instruction(instruction)
            if parsed is None:
                raise InputError(
                    Message("error.revise.offline_structured_only")
                )
            for edit in parsed:
                revised = apply_edit(revised, edit)
    for edit in edits or []:
        revised = apply_edit(revised, edit)
        changes.append(edit.describe())
    if not changes:
        raise InputError(Message("error.revise.nothing_to_revise"))
    version = rulebook.version + 1
    entry = ChangeLogEntry(version=version, date=date.today().isoformat(), change="; ".join(changes))
    return revised.model_copy(update={"version": version, "changelog": [*rulebook.changelog, entry], "token_count": None})
