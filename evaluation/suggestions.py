"""Rule suggestions from a trial round's disagreements.

Offline, the review names the confusable pairs and their conflicting examples
(`evaluation.review.suggestions_offline`). With an LLM, concrete edits are proposed for the top
confusions; they change nothing until the trainer accepts one, which makes a new rulebook version.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from pydantic import Field

from assistant.core.errors import InputError
from assistant.core.messages import Message
from assistant.core.language import prompt_name
from assistant.core.models import Contract, Rulebook
from assistant.rulebook.revise import Edit, revise
from assistant.llm.prompts import load_prompt
from evaluation.review import RuleSuggestion

if TYPE_CHECKING:
    from evaluation.review import Review, RuleSuggestion

    from assistant.llm.chat import LLM


class ProposedChange(Contract):
    pair: list[str] = Field(min_length=2, max_length=2)
    message: str = Field(min_length=1)
    proposed_edits: list[str] = Field(default_factory=list)
    edits: list[Edit] = Field(default_factory=list)


class ProposedChanges(Contract):
    suggestions: list[ProposedChange] = Field(default_factory=list)


def _disagreements_text(review: "Review", top: int, per_pair: int) -> str:
    lines = []
    for group in review.groups[:top]:
        lines.append(f"## {group.pair[0]} vs {group.pair[1]}: {group.count} items")
        for item in group.items[:per_pair]:
            labels = ", ".join(f"{name}: {label}" for name, label in item.labels.items())
            text = (item.text or "(text not given)").replace("\n", " ")[:400]
            rationale = f" | model rationale: {item.rationale}" if item.rationale else ""
            lines.append(f"- [{item.id}] «{text}» → {labels}{rationale}")
    return "\n".join(lines)


def suggest_with_llm(review: "Review", rulebook: Rulebook, llm: "LLM", *, top: int = 3, per_pair: int = 8) -> list["RuleSuggestion"]:
    """Concrete rule edits for the top confusions, checked against the rulebook before they are shown."""

    if not review.groups:
        return []
    labels = [label.model_dump(mode="json", include={"name", "definition", "criteria", "counter_cues"}) for label in rulebook.labels]
    result = llm.structured(
        load_prompt("rule_suggestions"),
        {
            "rulebook": json.dumps(labels, ensure_ascii=False),
            "disagreements": _disagreements_text(review, top, per_pair),
            "language": prompt_name(rulebook.language),
        },
        ProposedChanges,
        step="rule suggestions",
    )
    counts = {tuple(sorted(group.pair)): group.count for group in review.groups}
    suggestions = []
    for change in result.value.suggestions[:top]:
        usable = []
        for edit in change.edits:
            try:
                revise(rulebook, edits=[edit])  # an edit that does not apply is not offered
            except InputError:
                continue
            usable.append(edit)
        suggestions.append(
            RuleSuggestion(
                pair=(change.pair[0], change.pair[1]),
                count=counts.get(tuple(sorted(change.pair)), 0),
                message=change.message,
                proposed_edits=change.proposed_edits or [edit.describe() for edit in usable],
                edits=[edit.model_dump(mode="json", exclude_defaults=True) for edit in usable],
                engine="llm",
            )
        )
    return suggestions


def accept_suggestion(rulebook: Rulebook, suggestion: "RuleSuggestion") -> Rulebook:
    """The next rulebook version with the suggestion's edits applied."""
    if not suggestion.edits:
        raise InputError(Message("error.suggestions.no_edits"))
    return revise(rulebook, edits=[Edit.model_validate(edit) for edit in suggestion.edits])
