"""The rulebook as the stable prefix of every pre-labeling prompt, measured and kept within the token budget.

Examples are trimmed (the largest label first), never below two positives and one negative per label.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.core.models import Polarity, Rulebook
from assistant.llm.tokens import count_tokens

if TYPE_CHECKING:
    from assistant.core.settings import Settings


MIN_POSITIVES, MIN_NEGATIVES = 2, 1
MAX_POSITIVES, MAX_NEGATIVES = 4, 3


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
