"""Step 2: draft the rulebook annotators follow, grounded in past projects.

- offline: assemble the rulebook from the nearest past projects' labels, rules, edge cases and
  examples, adapted to the breakdown's candidate labels. A label with no grounding is listed as
  needing a definition, never invented.
- LLM: the `rulebook_draft` prompt with the retrieved rules and examples; structured output into
  `RulebookDraft`; examples that claim a past project must come from the retrieved set.

Either way the rulebook's token size is measured (it is the prefix of every pre-labeling prompt)
and kept within the budget by trimming examples, never below two positives and one negative per
label.

The pieces live in `grounding` (label_key, past projects' rules), `prefix` (the prompt prefix and the
token budget), `offline` and `llm_draft`; the public names stay importable from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.core.models import Breakdown, PastProject, Rulebook
from assistant.rulebook.grounding import (
    RULE_MATCH_MIN_SCORE,
    Grounding,
    examples_for,
    ground_labels,
    label_key,
    rulebook_from_past,
)
from assistant.rulebook.llm_draft import RulebookDraft, llm_rulebook
from assistant.rulebook.offline import offline_rulebook
from assistant.rulebook.prefix import MAX_NEGATIVES, MAX_POSITIVES, MIN_NEGATIVES, MIN_POSITIVES, fit_budget, measure, prompt_prefix

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase

    from assistant.llm.chat import LLM
    from assistant.core.settings import Settings


__all__ = [
    "MAX_NEGATIVES", "MAX_POSITIVES", "MIN_NEGATIVES", "MIN_POSITIVES", "RULE_MATCH_MIN_SCORE", "Grounding",
    "RulebookDraft", "draft_rulebook", "examples_for", "fit_budget", "ground_labels", "label_key", "llm_rulebook",
    "measure", "offline_rulebook", "prompt_prefix", "rulebook_from_past",
]


def draft_rulebook(
    breakdown: Breakdown,
    past: dict[str, PastProject],
    kb: "KnowledgeBase | None",
    embedder: Any,
    settings: "Settings",
    llm: "LLM | None" = None,
    *,
    samples: list[str] | None = None,
) -> Rulebook:
    """Draft a rulebook from a breakdown with the LLM when given, else offline; fitted to the token budget."""
    if llm is None:
        rulebook = offline_rulebook(breakdown, past, kb, embedder, samples=samples)
    else:
        rulebook = llm_rulebook(breakdown, past, kb, llm, settings, samples=samples)
    return fit_budget(rulebook, settings)
