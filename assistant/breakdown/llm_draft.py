"""The LLM breakdown engine: the `breakdown` prompt with the nearest past projects and the extracted facts as
context, structured output into `BreakdownDraft`; stated numbers must quote the request (`guard_stated`)."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from assistant.core.language import prompt_name
from assistant.breakdown.extract import Fact, extract_facts, request_language
from assistant.breakdown.request_facts import hold_to_request
from assistant.breakdown.request_input import output_language
from assistant.core.messages import text as message_text
from assistant.core.models import BreakdownDraft, BreakdownField, FieldStatus, PastProject, SimilarProject
from assistant.llm.prompts import load_prompt

if TYPE_CHECKING:
    from assistant.llm.chat import LLM

NUMERIC_FIELDS = ("how_much.volume", "how_much.budget", "when.deadline", "how_much.time_per_item", "how_much.target_agreement")


def _describe_past(project: PastProject, score: float) -> str:
    labels = "; ".join(f"{label.name}: {label.definition}" for label in project.rules.labels)
    w = project.five_w2h
    return (
        f"- id: {project.id} (similarity {score:.2f}); task type {project.task_type.value}; domain {project.domain}; "
        f"language {project.language.value}\n  what: {w.what}\n  how much: {w.how_much}\n  labels: {labels}"
    )


def _describe_facts(facts: list[Fact]) -> str:
    if not facts:
        return "(none found)"
    return "\n".join(f"- {fact.kind}: {fact.value!r} from «{fact.evidence}»" for fact in facts)


def _normalised(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def guard_stated(draft: BreakdownDraft, sources: str, previous: BreakdownDraft | None = None, language: str = "en") -> list[str]:
    """A `stated` number, date or budget must quote the request (or answer); otherwise it is dropped, and said so.

    Fields equal to the `previous` breakdown's were checked before and are left alone. The notes (they become
    the breakdown's assumptions) are in `language`, the breakdown's.
    """
    notes = []
    haystack = _normalised(sources)
    for path in NUMERIC_FIELDS:
        current = draft.field(path)
        if current.status != FieldStatus.stated:
            continue
        if previous is not None and previous.field(path) == current:
            continue
        if current.evidence and _normalised(current.evidence) in haystack:
            continue
        dimension, name = path.split(".")
        setattr(getattr(draft, dimension), name, BreakdownField())
        notes.append(message_text("breakdown.note.dropped_unquoted", language, path=path, value=repr(current.value)))
    return notes


def llm_draft(
    request: str,
    llm: "LLM",
    similar: list[SimilarProject],
    past: dict[str, PastProject],
    today: date,
) -> tuple[BreakdownDraft, list[str], str, str]:
    """The LLM breakdown; returns draft, notes, model and prompt version."""
    prompt = load_prompt("breakdown")
    language = output_language(request_language(request))
    context = "\n".join(_describe_past(past[p.id], p.score) for p in similar if p.id in past) or "(no similar past projects)"
    result = llm.structured(
        prompt,
        {
            "request": request,
            "today": today.isoformat(),
            "language": prompt_name(language),
            "similar_projects": context,
            "facts": _describe_facts(extract_facts(request, today)),
        },
        BreakdownDraft,
        step="breakdown",
    )
    draft = result.value
    notes = [*getattr(result, "repairs", []), *guard_stated(draft, request, language=language)]
    notes += hold_to_request(draft, request, language)
    known = {p.id for p in similar}
    for path, current in draft.fields():
        if current.status == FieldStatus.from_past_project and current.source not in known:
            dimension, name = path.split(".")
            setattr(getattr(draft, dimension), name, current.model_copy(update={"status": FieldStatus.inferred, "source": None}))
    return draft, notes, result.model, prompt.version
