"""Where a drafted label's rules come from: past projects, their labels, rules and examples.

`label_key` is how labels compare everywhere (without case, width or surrounding space).
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any

from assistant.core.errors import InputError
from assistant.core.language import project_language
from assistant.core.messages import text
from assistant.core.models import (
    Breakdown,
    Contract,
    EdgeCaseRule,
    FieldStatus,
    PastProject,
    Polarity,
    RuleExample,
    RuleLabel,
    Rulebook,
    TaskType,
)
from assistant.rulebook.prefix import MAX_NEGATIVES, MAX_POSITIVES

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase


RULE_MATCH_MIN_SCORE = 0.3


def label_key(name: str) -> str:
    """Labels compare without case, width or surrounding space ("Ｐｏｓｉｔｉｖｅ " == "positive")."""
    return unicodedata.normalize("NFKC", name).strip().casefold()


def examples_for(project: PastProject, label_name: str, rename: dict[str, str] | None = None) -> list[RuleExample]:
    """A past project's examples for one of its labels, renamed into the new label set."""
    rename = rename or {}
    out = []
    for example in project.examples:
        if example.label != label_name:
            continue
        correct = example.correct_label
        out.append(
            RuleExample(
                text=example.text,
                label=rename.get(example.label, example.label),
                polarity=example.polarity,
                explanation=example.explanation,
                correct_label=rename.get(correct, correct) if correct else None,
                spans=example.spans,
                source=project.id,
            )
        )
    return out


def rulebook_from_past(project: PastProject, *, title: str | None = None, language: str | None = None) -> Rulebook:
    """A past project's rules as a rulebook (reuse as is)."""
    rules = project.rules
    labels = [
        RuleLabel(
            name=label.name,
            definition=label.definition,
            criteria=label.criteria,
            cues=label.cues,
            counter_cues=label.counter_cues,
            aliases=label.aliases,
            examples=examples_for(project, label.name),
            source=project.id,
        )
        for label in rules.labels
    ]
    return Rulebook(
        title=title or project.name,
        language="zh" if project.language.value == "zh" else "en" if language is None else language,
        task_type=project.task_type,
        task_definition=rules.task_definition,
        purpose=project.five_w2h.why,
        labels=labels,
        multi_label=rules.multi_label,
        ordinal=rules.ordinal,
        decision_procedure=rules.decision_procedure,
        edge_cases=[EdgeCaseRule(case=e.case, resolution=e.resolution, source=project.id) for e in rules.edge_cases],
        output_format=rules.output_format,
        sources=[project.id],
    )



class Grounding(Contract):
    """Where a target label's rules come from."""

    target: str
    project: str | None = None
    source_label: str | None = None
    score: float = 0.0


def _task_type(breakdown: Breakdown, past: dict[str, PastProject]) -> TaskType:
    value = breakdown.what.task_type.value
    if isinstance(value, str) and value in TaskType._value2member_map_:
        return TaskType(value)
    for similar in breakdown.similar_projects:
        if similar.id in past:
            return past[similar.id].task_type
    return TaskType.other


def _candidate_labels(breakdown: Breakdown, sources: list[PastProject]) -> list[str]:
    value = breakdown.what.candidate_labels.value
    if isinstance(value, list) and value:
        return [str(item).strip() for item in value if str(item).strip()]
    if isinstance(value, str) and value.strip():
        return [part.strip() for part in re.split(r"[、,，/;；]", value) if part.strip()]
    if sources:
        return [label.name for label in sources[0].rules.labels]
    # nothing names labels: a clear question in the request's language, with an example in that language
    language = project_language(breakdown.language)
    raise InputError(
        text(
            "draft.no_labels",
            language,
            project=breakdown.project_id or "PROJECT_ID",
            example=text("draft.no_labels.example", language),
        )
    )


def _source_projects(breakdown: Breakdown, past: dict[str, PastProject], task_type: TaskType) -> list[PastProject]:
    """Similar past projects of the same task type, nearest first."""
    ordered = [past[s.id] for s in breakdown.similar_projects if s.id in past]
    for field_path in ("what.task_type", "what.candidate_labels", "where.domain"):
        source = breakdown.field(field_path).source
        if source in past and past[source] not in ordered:
            ordered.insert(0, past[source])
    same = [project for project in ordered if project.task_type == task_type]
    labels_from = breakdown.what.candidate_labels.source
    if breakdown.what.candidate_labels.status == FieldStatus.from_past_project and labels_from in past and past[labels_from] not in same:
        same.insert(0, past[labels_from])  # the suggested labels' own project defines them
    return same or ([] if task_type != TaskType.other else ordered[:1])


def ground_labels(
    targets: list[str], sources: list[PastProject], kb: "KnowledgeBase | None", task_type: TaskType
) -> list[Grounding]:
    """Find, for each target label, the past label whose rules it can reuse (exact name or alias first)."""
    groundings = []
    for target in targets:
        key = label_key(target)
        found = None
        for project in sources:
            for label in project.rules.labels:
                if key == label_key(label.name) or key in {label_key(alias) for alias in label.aliases}:
                    found = Grounding(target=target, project=project.id, source_label=label.name, score=1.0)
                    break
            if found:
                break
        if found is None:
            found = _contained_match(target, sources, task_type)
        if found is None and kb is not None:
            hits = kb.search(target, 5, kind="rule", task_type=task_type.value if task_type != TaskType.other else None)
            for hit in hits:
                if hit.label and hit.score >= RULE_MATCH_MIN_SCORE and _names_overlap(target, hit.label):
                    found = Grounding(target=target, project=hit.project, source_label=hit.label, score=hit.score)
                    break
        groundings.append(found or Grounding(target=target))
    return groundings


def _contained_match(target: str, sources: list[PastProject], task_type: TaskType) -> Grounding | None:
    """A past label of the same task type whose name contains ours or is contained in it ("辱骂" / "辱骂攻击")."""
    key = label_key(target)
    if len(key) < 2:
        return None
    for project in sources:
        if project.task_type != task_type:
            continue
        for label in project.rules.labels:
            for name in [label.name, *label.aliases]:
                other = label_key(name)
                if len(other) < 2 or other == key:
                    continue
                if re.search(r"[\u4e00-\u9fff]", key + other):
                    hit = key in other or other in key
                else:
                    words, other_words = set(re.findall(r"[a-z0-9]+", key)), set(re.findall(r"[a-z0-9]+", other))
                    hit = bool(words) and (words <= other_words or other_words <= words)
                if hit:
                    return Grounding(target=target, project=project.id, source_label=label.name, score=0.8)
    return None


def _names_overlap(a: str, b: str) -> bool:
    """Two label names share a word (English) or a character pair (Chinese)."""
    a_key, b_key = label_key(a), label_key(b)
    words_a, words_b = set(re.findall(r"[a-z0-9]+", a_key)), set(re.findall(r"[a-z0-9]+", b_key))
    if words_a & words_b:
        return True
    pairs_a = {a_key[i : i + 2] for i in range(len(a_key) - 1)}
    pairs_b = {b_key[i : i + 2] for i in range(len(b_key) - 1)}
    return bool(pairs_a & pairs_b)


def _rank_examples(examples: list[RuleExample], query_vector: Any, embedder: Any) -> list[RuleExample]:
    if not examples or query_vector is None:
        return examples
    scores = embedder.embed([example.text for example in examples]) @ query_vector
    return [example for _, example in sorted(zip(scores, examples), key=lambda pair: -pair[0])]


def _pick_examples(candidates: list[RuleExample]) -> list[RuleExample]:
    positives = [e for e in candidates if e.polarity == Polarity.positive][:MAX_POSITIVES]
    negatives = [e for e in candidates if e.polarity == Polarity.negative][:MAX_NEGATIVES]
    return positives + negatives
