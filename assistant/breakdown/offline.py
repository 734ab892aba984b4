"""The offline breakdown engine: the extractors keep what the request states, the nearest past projects in the
knowledge base suggest task type, labels and domain (marked `from_past_project`), and every other field is
`missing` with a question. Nothing is invented."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Iterable

from assistant.breakdown.cues import DOMAIN_CUES, GOAL_PATTERNS, USAGE_CUES, _first
from assistant.breakdown.extract import Fact, extract_facts, request_language
from assistant.breakdown.past_figures import hold_past_figures
from assistant.breakdown.deadline_choice import choose_deadline
from assistant.breakdown.request_facts import (
    _fill_deadline_forms,
    _fill_volume_forms,
    _inferred,
    _set_task_type,
    _stated,
    fill_budget_forms,
    fill_target_forms,
    fill_team_forms,
)
from assistant.breakdown.request_input import output_language
from assistant.breakdown.request_labels import find_labels
from assistant.breakdown.task_signals import read_task_type
from assistant.breakdown.volume_choice import choose_volume
from assistant.breakdown.volume_scope import scope_volume
from assistant.core.messages import text as message_text
from assistant.core.models import BreakdownDraft, BreakdownField, FieldStatus, PastProject, SimilarProject, TaskType

MIN_SIMILARITY = 0.12  # below this a past project is not similar enough to borrow from


def _borrowed(value: Any, project: SimilarProject) -> BreakdownField:
    return BreakdownField(
        value=value,
        status=FieldStatus.from_past_project,
        confidence=round(min(0.85, 0.3 + project.score), 2),
        source=project.id,
        evidence=f"{project.name} (similarity {project.score:.2f})",
    )


# the method of each task type is the catalogue id `breakdown.method.<task type>`, in the request's language
METHOD_TASKS = frozenset(TaskType) - {TaskType.other}


def _facts_by_kind(facts: Iterable[Fact]) -> dict[str, list[Fact]]:
    grouped: dict[str, list[Fact]] = {}
    for fact in facts:
        grouped.setdefault(fact.kind, []).append(fact)
    return grouped


def _fill_from_facts(draft: BreakdownDraft, facts: dict[str, list[Fact]], language: str) -> None:
    """Put stated facts where they belong (used for requests and for free-text answers)."""
    if "volume" in facts:
        fact = facts["volume"][0]
        draft.how_much.volume = _stated(fact.value, fact)
    if "deadline" in facts:
        fact = facts["deadline"][0]
        draft.when.deadline = _stated(fact.value, fact, 0.85 if fact.relative else 0.95)
    if "budget" in facts:
        fact = facts["budget"][0]
        draft.how_much.budget = _stated(fact.value, fact)
    elif "unit_price" in facts:
        fact = facts["unit_price"][0]
        draft.how_much.budget = _stated({**fact.value, "per": "item"}, fact)  # type: ignore[dict-item]  # a unit price is a dict
    if "overlap" in facts:
        fact = facts["overlap"][0]
        draft.how.steps = _stated({"annotators_per_item": fact.value}, fact)
    if "time_per_item" in facts:
        fact = facts["time_per_item"][0]
        draft.how_much.time_per_item = _stated(fact.value, fact)
    if "target_agreement" in facts:
        fact = facts["target_agreement"][0]
        draft.how_much.target_agreement = _stated(fact.value, fact)
    if "annotators" in facts:
        fact = facts["annotators"][0]
        draft.who.annotator_profile = _stated({"count": fact.value}, fact)
    if "qa_rate" in facts:
        fact = facts["qa_rate"][0]
        draft.how.qa_plan = _stated({"sample_rate": fact.value}, fact)
    if "language" in facts:
        codes = list(dict.fromkeys(str(f.value) for f in facts["language"]))
        draft.where.language = _stated(codes, " / ".join(f.evidence for f in facts["language"]))
    if "channel" in facts:
        channels = list(dict.fromkeys(str(f.value) for f in facts["channel"]))
        draft.where.channel = _stated(channels[0] if len(channels) == 1 else channels, facts["channel"][0])
    if "modality" in facts:
        modalities = list(dict.fromkeys(str(f.value) for f in facts["modality"]))
        draft.what.data_modality = _stated(modalities[0] if len(modalities) == 1 else modalities, facts["modality"][0])


def first_clause(request: str, limit: int = 80) -> str:
    """The request's first sentence, or its first clause when that sentence is long."""
    sentence = re.split(r"(?<=[。！？!?])|(?<=[.;])\s|\n", request.strip())[0].strip() or request.strip()
    if len(sentence) > limit:
        sentence = re.split(r"[,，;；]", sentence)[0].strip() or sentence
    return sentence[:300]


def offline_draft(
    request: str, similar: list[SimilarProject], past: dict[str, PastProject], today: date
) -> tuple[BreakdownDraft, list[str]]:
    """The offline breakdown of a request, and the assumptions it made."""
    language = output_language(request_language(request))
    draft = BreakdownDraft()
    assumptions: list[str] = []
    _fill_from_facts(draft, _facts_by_kind(extract_facts(request, today)), language)
    _fill_volume_forms(draft, request, language)
    scope_volume(draft, request, language)  # containers, corpus totals and sizes are not the item volume
    choose_volume(draft, request, language)  # of all the counts mentioned, the one that counts the items to label
    _fill_deadline_forms(draft, request, today)
    choose_deadline(draft, request, today)  # of the dates given, the labels' delivery date (not a meeting's, a spec's)
    fill_target_forms(draft, request)
    fill_budget_forms(draft, request)
    fill_team_forms(draft, request)
    hold_past_figures(draft, request)  # "last year we only reached 72%" is history, not the target

    draft.what.task_statement = _stated(first_clause(request), first_clause(request), 0.6)

    # Labels the request names are the candidate labels; past projects only suggest when it names none.
    named = find_labels(request)
    candidates = [p for p in similar if p.score >= MIN_SIMILARITY]
    prior_project = candidates[0] if candidates else None
    prior = TaskType(prior_project.task_type) if prior_project and prior_project.task_type in TaskType._value2member_map_ else None
    # Task type: the request's own words, weighted; the nearest past project is only a prior.
    signal = read_task_type(request, named.labels if named else None, prior, ordinal=bool(named and named.ordinal))
    _set_task_type(draft, signal, prior_project, language, assumptions)
    if signal.task_type is not None:
        candidates = [p for p in candidates if p.task_type == signal.task_type.value]
    nearest = candidates[0] if candidates else None

    if named:
        draft.what.candidate_labels = _stated(named.labels, named.quote, 0.9)
    elif nearest and nearest.id in past:
        project = past[nearest.id]
        draft.what.candidate_labels = _borrowed([label.name for label in project.rules.labels], nearest)
        assumptions.append(message_text("breakdown.assumption.candidate_labels", language, project=nearest.id))

    task_type = draft.what.task_type.value
    if task_type and draft.what.data_modality.status == FieldStatus.missing:
        modality = "image" if task_type == TaskType.image_description.value else "text"
        draft.what.data_modality = _inferred(modality, None, 0.5)
    if task_type:
        if TaskType(task_type) in METHOD_TASKS:
            draft.how.method = _inferred(message_text(f"breakdown.method.{task_type}", language), None, 0.6)

    for domain, pattern in DOMAIN_CUES.items():
        match = _first(pattern, request)
        if match:
            draft.where.domain = _stated(domain, match.group(0), 0.7)
            break
    else:
        if nearest and nearest.id in past:
            draft.where.domain = _borrowed(past[nearest.id].domain, nearest)

    if draft.where.language.status == FieldStatus.missing:
        script = request_language(request)
        codes = ["zh", "en"] if script == "mixed" else [script]
        draft.where.language = _inferred(codes, None, 0.5)
        assumptions.append(message_text("breakdown.assumption.data_language", language))

    for goal_pattern in GOAL_PATTERNS:
        match = goal_pattern.search(request)
        if match:
            draft.why.business_goal = _stated(match.group("goal").strip(), match.group(0).strip(), 0.7)
            break
    for usage, pattern in USAGE_CUES.items():
        match = _first(pattern, request)
        if match:
            draft.why.data_usage = _stated(usage, match.group(0), 0.8)
            break

    if draft.how_much.target_agreement.status == FieldStatus.missing:
        assumptions.append(message_text("breakdown.assumption.target", language))
    return draft, assumptions
