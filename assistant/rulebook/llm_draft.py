"""The LLM's draft: the `rulebook_draft` prompt with the retrieved rules and examples, structured output into
`RulebookDraft`; examples that claim a past project must come from the retrieved set.
"""

from __future__ import annotations

import json

from datetime import date
from typing import TYPE_CHECKING


from assistant.core.language import prompt_name
from assistant.core.messages import text as message_text
from assistant.core.models import (
    NEW_SOURCE,
    REQUEST_SAMPLE_SOURCE,
    Breakdown,
    ChangeLogEntry,
    FieldStatus,
    PastProject,
    Polarity,
    QualityStandards,
    Rulebook,
    TaskType,
)
from assistant.llm.prompts import load_prompt
from assistant.breakdown.five_w2h import output_language
from assistant.rulebook.draft_model import RulebookDraft
from assistant.rulebook.request import enforce_request
from assistant.rulebook.grounding import _source_projects, _task_type

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase

    from assistant.llm.chat import LLM
    from assistant.core.settings import Settings


def _retrieved_context(breakdown: Breakdown, past: dict[str, PastProject], kb: "KnowledgeBase | None", task_type: TaskType) -> tuple[str, set[str]]:
    """Rules and examples from the nearest past projects, as prompt text, and the example texts offered."""
    sources = _source_projects(breakdown, past, task_type)[:2]
    lines, offered = [], set()
    for project in sources:
        lines.append(f"## Past project {project.id}: {project.name} ({project.task_type.value}, {project.language.value})")
        lines.append(f"Task: {project.rules.task_definition}")
        for label in project.rules.labels:
            lines.append(f"- label {label.name}: {label.definition} | criteria: {'; '.join(label.criteria)} | counter-cues: {'; '.join(label.counter_cues)}")
        for edge in project.rules.edge_cases[:6]:
            lines.append(f"- edge case: {edge.case} → {edge.resolution}")
        for example in project.examples:
            offered.add(example.text)
            verdict = example.label if example.polarity == Polarity.positive else f"NOT {example.label} (is {example.correct_label})"
            lines.append(f"- example [{project.id}] «{example.text}» → {verdict}: {example.explanation}")
    return ("\n".join(lines) or "(no similar past projects)"), offered


def llm_rulebook(
    breakdown: Breakdown,
    past: dict[str, PastProject],
    kb: "KnowledgeBase | None",
    llm: "LLM",
    settings: "Settings",
    *,
    samples: list[str] | None = None,
) -> Rulebook:

    language = output_language(breakdown.language)
    task_type = _task_type(breakdown, past)
    context, offered = _retrieved_context(breakdown, past, kb, task_type)
    prompt = load_prompt("rulebook_draft")
    breakdown_json = json.dumps(
        breakdown.model_dump(mode="json", include={"what", "why", "how", "how_much", "where"}), ensure_ascii=False
    )
    result = llm.structured(
        prompt,
        {
            "breakdown": breakdown_json,
            "request": breakdown.request,
            "retrieved": context,
            "samples": "\n".join(f"- {text}" for text in (samples or [])[:30]) or "(none)",
            "language": prompt_name(language),
            "token_budget": settings.rulebook_token_budget,
        },
        RulebookDraft,
        step="rulebook",
    )
    draft = result.value
    known_projects = set(past)
    labels = []
    for label in draft.labels:
        examples = []
        for example in label.examples:
            source = example.source
            if source in known_projects and example.text not in offered:
                source = NEW_SOURCE  # claims a past project but was not retrieved from it
            elif source not in known_projects and source not in (NEW_SOURCE, REQUEST_SAMPLE_SOURCE):
                source = NEW_SOURCE
            examples.append(example.model_copy(update={"source": source}))
        label_source = label.source if label.source in known_projects else NEW_SOURCE  # never a made-up project or URL
        labels.append(label.model_copy(update={"examples": examples, "source": label_source, "needs_definition": label.needs_definition or not label.definition.strip()}))
    quality = QualityStandards()
    target = breakdown.how_much.target_agreement
    if target.status != FieldStatus.missing and isinstance(target.value, (int, float)) and 0 < float(target.value) <= 1:
        quality.target_agreement = float(target.value)
    edge_cases = [edge if edge.source in known_projects else edge.model_copy(update={"source": NEW_SOURCE}) for edge in draft.edge_cases]
    rulebook = Rulebook(
        **draft.model_dump(exclude={"labels", "edge_cases"}),
        labels=labels,
        edge_cases=edge_cases,
        language=language,
        quality=quality,
        changelog=[ChangeLogEntry(version=1, date=date.today().isoformat(), change=message_text("note.first_draft_llm", "en", model=result.model, prompt=prompt.id))],
        sources=sorted({e.source for l in labels for e in l.examples if e.source in known_projects} | {l.source for l in labels if l.source in known_projects}),
        project_id=breakdown.project_id,
        engine="llm",
        model=result.model,
        prompt_version=prompt.version,
    )
    rulebook, notes = enforce_request(rulebook, breakdown, past)
    if notes:
        entry = rulebook.changelog[-1]
        rulebook.changelog[-1] = entry.model_copy(update={"change": entry.change + "; " + "; ".join(notes)})
    return rulebook
