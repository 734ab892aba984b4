"""Step 2: draft the rulebook annotators follow, grounded in past projects.

- offline: assemble the rulebook from the nearest past projects' labels, rules, edge cases and
  examples, adapted to the breakdown's candidate labels. A label with no grounding is listed as
  needing a definition, never invented.
- LLM: the `rulebook_draft` prompt with the retrieved rules and examples; structured output into
  `RulebookDraft`; examples that claim a past project must come from the retrieved set.

Either way the rulebook's token size is measured (it is the prefix of every pre-labeling prompt)
and kept within the budget by trimming examples, never below two positives and one negative per
label.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import TYPE_CHECKING, Any, Iterable

from pydantic import Field

from .errors import InputError
from .models import (
    NEW_SOURCE,
    REQUEST_SAMPLE_SOURCE,
    Breakdown,
    ChangeLogEntry,
    Contract,
    EdgeCaseRule,
    FieldStatus,
    GlossaryTerm,
    PastProject,
    Polarity,
    QualityStandards,
    RuleExample,
    RuleLabel,
    Rulebook,
    TaskType,
)

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase

    from .llm import LLM
    from .settings import Settings

MIN_POSITIVES, MIN_NEGATIVES = 2, 1
MAX_POSITIVES, MAX_NEGATIVES = 4, 3
RULE_MATCH_MIN_SCORE = 0.3


def label_key(name: str) -> str:
    """Labels compare without case, width or surrounding space ("Ｐｏｓｉｔｉｖｅ " == "positive")."""
    return unicodedata.normalize("NFKC", name).strip().casefold()


# ---------------------------------------------------------------------------------------------
# The rulebook as a prompt prefix (shared with pre-labeling)
# ---------------------------------------------------------------------------------------------
def prompt_prefix(rulebook: Rulebook, *, examples_per_label: int | None = None) -> str:
    """The rulebook as the stable prefix of pre-labeling prompts: rules first, then examples."""
    lines = [f"# {rulebook.title} (v{rulebook.version})", f"Task: {rulebook.task_definition}"]
    if rulebook.scope_in:
        lines.append("In scope: " + "; ".join(rulebook.scope_in))
    if rulebook.scope_out:
        lines.append("Out of scope: " + "; ".join(rulebook.scope_out))
    order = " (ordinal, highest first)" if rulebook.ordinal else ""
    lines.append(f"Labels{order}{' — several may apply' if rulebook.multi_label else ''}:")
    for label in rulebook.labels:
        lines.append(f"## {label.name}" + (f" (also: {', '.join(label.aliases)})" if label.aliases else ""))
        lines.append(label.definition or "(definition pending)")
        lines.extend(f"- {criterion}" for criterion in label.criteria)
        if label.cues:
            lines.append("Cues: " + "; ".join(label.cues))
        if label.counter_cues:
            lines.append("Not this label when: " + "; ".join(label.counter_cues))
        shown = label.examples if examples_per_label is None else label.examples[:examples_per_label]
        for example in shown:
            verdict = label.name if example.polarity == Polarity.positive else f"NOT {label.name}" + (
                f" → {example.correct_label}" if example.correct_label else ""
            )
            lines.append(f"  e.g. «{example.text}» → {verdict}: {example.explanation}")
    if rulebook.decision_procedure:
        lines.append("Decision procedure:")
        lines.extend(f"{number}. {step}" for number, step in enumerate(rulebook.decision_procedure, 1))
    if rulebook.edge_cases:
        lines.append("Edge cases:")
        lines.extend(f"- {edge.case} → {edge.resolution}" for edge in rulebook.edge_cases)
    return "\n".join(lines)


def measure(rulebook: Rulebook, settings: "Settings") -> Rulebook:
    from .tokens import count_tokens

    return rulebook.model_copy(update={"token_count": count_tokens(prompt_prefix(rulebook), settings)})


def fit_budget(rulebook: Rulebook, settings: "Settings") -> Rulebook:
    """Trim examples (the largest label first) until the prefix fits the token budget, keeping minimums."""
    rulebook = measure(rulebook, settings)
    budget = settings.rulebook_token_budget
    while rulebook.token_count and rulebook.token_count > budget:
        trimmable = []
        for index, label in enumerate(rulebook.labels):
            positives = [e for e in label.examples if e.polarity == Polarity.positive]
            negatives = [e for e in label.examples if e.polarity == Polarity.negative]
            if len(positives) > MIN_POSITIVES:
                trimmable.append((len(label.examples), index, Polarity.positive))
            if len(negatives) > MIN_NEGATIVES:
                trimmable.append((len(label.examples), index, Polarity.negative))
        if not trimmable:
            break
        _, index, polarity = max(trimmable)
        label = rulebook.labels[index]
        last = max(i for i, e in enumerate(label.examples) if e.polarity == polarity)
        labels = list(rulebook.labels)
        labels[index] = label.model_copy(update={"examples": [e for i, e in enumerate(label.examples) if i != last]})
        rulebook = measure(rulebook.model_copy(update={"labels": labels}), settings)
    return rulebook


# ---------------------------------------------------------------------------------------------
# From a past project (the offline engine's building block)
# ---------------------------------------------------------------------------------------------
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
