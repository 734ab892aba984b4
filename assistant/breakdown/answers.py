"""Answers to a breakdown's questions (`apply_answers`) produce a new breakdown; nothing earlier is lost."""

from __future__ import annotations

import json

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from assistant.core.language import prompt_name
from assistant.breakdown.cues import LABEL_SPLIT, stated_labels
from assistant.breakdown.extract import extract_budget, extract_deadline, extract_facts, extract_target_agreement, extract_time_per_item, extract_volume
from assistant.breakdown.llm_draft import guard_stated
from assistant.breakdown.offline import _facts_by_kind, _fill_from_facts
from assistant.breakdown.questions import rank_questions
from assistant.breakdown.request_facts import _fill_deadline_forms, _fill_volume_forms, _stated, fill_target_forms, fill_team_forms
from assistant.breakdown.request_input import MAX_REQUEST_CHARS, output_language
from assistant.breakdown.request_labels import find_labels
from assistant.breakdown.task_signals import read_task_type
from assistant.core import messages
from assistant.core.errors import InputError
from assistant.core.messages import Message
from assistant.core.fields import BY_PATH
from assistant.core.models import Breakdown, BreakdownDraft, FieldStatus, TaskType
from assistant.llm.prompts import load_prompt

if TYPE_CHECKING:
    from assistant.llm.chat import LLM


def _coerce_answer(path: str, raw: Any, today: date) -> tuple[Any, str]:
    """Turn an answer into the field's value; numbers, dates and money are parsed, never guessed."""
    text = str(raw).strip()
    if not text:
        raise InputError(Message("error.answers.empty", path=str(path)))
    if path == "how_much.volume":
        if isinstance(raw, int) or text.isdigit():
            return int(text), text
        found = extract_volume(text if re.search(r"条|个|张|份|件|item|sample|row|record", text, re.I) else f"{text}条")
        if found:
            return found[0].value, text
        raise InputError(Message("error.answers.bad_volume", text=text, path=str(path)))
    if path == "when.deadline":
        try:
            return date.fromisoformat(text).isoformat(), text
        except ValueError:
            found = extract_deadline(text if re.search(r"前|by|before|within|内", text) else f"{text}前", today)
            if found:
                return found[0].value, text
        raise InputError(Message("error.answers.bad_date", text=text, path=str(path)))
    if path == "how_much.budget":
        found = extract_budget(text if re.search(r"预算|budget", text, re.I) else f"预算{text}")
        if found:
            return found[0].value, text
        raise InputError(Message("error.answers.bad_amount", text=text, path=str(path)))
    if path == "how_much.target_agreement":
        try:
            value = float(text.rstrip("%")) / (100 if text.endswith("%") or float(text.rstrip("%")) > 1 else 1)
            if 0 <= value <= 1:
                return value, text
        except ValueError:
            found = extract_target_agreement(text)
            if found:
                return found[0].value, text
        raise InputError(Message("error.answers.bad_target", text=text, path=str(path)))
    if path == "how_much.time_per_item":
        try:
            return float(text), text
        except ValueError:
            found = extract_time_per_item(text if re.search(r"每|per", text) else f"每条{text}")
            if found:
                return found[0].value, text
        raise InputError(Message("error.answers.bad_duration", text=text, path=str(path)))
    if path in ("what.candidate_labels", "where.language"):
        if isinstance(raw, list):
            return [str(item).strip() for item in raw if str(item).strip()], text
        named = find_labels(text) if path == "what.candidate_labels" else None
        if named:
            return named.labels, text
        return [part for part in LABEL_SPLIT.split(text) if part], text
    if path == "what.task_type" and text not in TaskType._value2member_map_:
        signal = read_task_type(text)
        if signal.task_type is not None and not signal.ambiguous:
            return signal.task_type.value, text
        raise InputError(Message("error.answers.bad_task_type", text=text, path=str(path), task_types=', '.join(t.value for t in TaskType)))
    return (raw if isinstance(raw, (int, float, list, dict)) else text), text


def _is_assumption(assumption: str, message_id: str) -> bool:
    """Whether `assumption` is the catalogue text `message_id` in any language (its words before the first value)."""
    for language in messages.languages():
        start = messages.template(message_id, language).split("{")[0]
        if start and assumption.startswith(start):
            return True
    return False


def apply_answers(
    breakdown: Breakdown,
    answers: dict[str, Any] | None = None,
    *,
    text: str | None = None,
    llm: "LLM | None" = None,
    today: date | None = None,
) -> Breakdown:
    """A new breakdown with the requester's answers applied; unanswered questions stay open.

    `answers` maps field paths (``how_much.volume``) to values. `text` is a free-text answer: the
    LLM, when given, applies it to the whole breakdown; offline, the stated facts are extracted
    from it as from a request.
    """
    today = today or date.today()
    answers = dict(answers or {})
    unknown = [path for path in answers if path not in BY_PATH]
    if unknown:
        raise InputError(Message("error.answers.unknown_fields", unknown=unknown, fields=', '.join(BY_PATH)))
    if not answers and not (text and text.strip()):
        raise InputError(Message("error.answers.none_given"))
    if text and len(text) > MAX_REQUEST_CHARS:
        raise InputError(Message("error.answers.too_long", count=len(text), limit=MAX_REQUEST_CHARS))
    draft = BreakdownDraft.model_validate(breakdown.model_dump(include=set(BreakdownDraft.model_fields)))
    notes: list[str] = []
    ordinal = breakdown.ordinal
    if text and text.strip() and llm is not None:
        prompt = load_prompt("breakdown_update")
        result = llm.structured(
            prompt,
            {
                "request": breakdown.request,
                "breakdown": json.dumps(draft.model_dump(mode="json"), ensure_ascii=False),
                "answer": text.strip(),
                "today": today.isoformat(),
                "language": prompt_name(output_language(breakdown.language)),
            },
            BreakdownDraft,
            step="answer",
        )
        previous, draft = draft, result.value
        notes = [*getattr(result, "repairs", []), *guard_stated(draft, breakdown.request + "\n" + text, previous, output_language(breakdown.language))]
    elif text and text.strip():
        facts = _facts_by_kind(extract_facts(text, today))
        _fill_from_facts(draft, facts, output_language(breakdown.language))
        _fill_volume_forms(draft, text, output_language(breakdown.language), answer=True)
        if "deadline" not in facts:
            _fill_deadline_forms(draft, text, today, answer=True)
        if "target_agreement" not in facts:
            fill_target_forms(draft, text)
        if "annotators" not in facts:
            fill_team_forms(draft, text, answer=True)
        named = find_labels(text)
        if named:
            draft.what.candidate_labels = _stated(named.labels, named.quote, 0.95)
            ordinal = named.ordinal
        else:
            labels = stated_labels(text)
            if labels:
                draft.what.candidate_labels = _stated(labels[0], labels[1], 0.95)
        signal = read_task_type(text, (named.main or named.labels) if named else None, ordinal=bool(named and named.ordinal))
        if signal.task_type is not None and not signal.ambiguous:
            draft.what.task_type = _stated(signal.task_type.value, f"answer: {signal.evidence or text.strip()[:80]}", 0.95)
    for path, raw in answers.items():
        value, evidence = _coerce_answer(path, raw, today)
        dimension, name = path.split(".")
        setattr(getattr(draft, dimension), name, _stated(value, f"answer: {evidence}", 1.0))
        if path == "what.candidate_labels":
            named = find_labels(str(raw)) if not isinstance(raw, list) else None
            ordinal = named.ordinal if named else (False if ordinal else ordinal)
    assumptions = list(breakdown.assumptions)
    if draft.how_much.target_agreement.status == FieldStatus.stated:
        # the requester set a target: the planning assumption it settles is retired
        assumptions = [a for a in assumptions if not _is_assumption(a, "breakdown.assumption.target")]
    if draft.what.task_type.status == FieldStatus.stated:
        assumptions = [a for a in assumptions if not _is_assumption(a, "breakdown.assumption.task_type")]
    if draft.what.candidate_labels.status == FieldStatus.stated:
        assumptions = [a for a in assumptions if not _is_assumption(a, "breakdown.assumption.candidate_labels")]
    given = [*(f"{path}={raw}" for path, raw in answers.items()), *([text.strip()] if text and text.strip() else [])]
    # Earlier questions stay open while their field is unchanged; answered ones drop out.
    open_questions = [
        q for q in breakdown.questions if q.field not in BY_PATH or draft.field(q.field) == breakdown.field(q.field)
    ]
    questions = rank_questions(draft, breakdown.language, open_questions)
    return breakdown.model_copy(
        update={
            **{dimension: getattr(draft, dimension) for dimension in ("what", "why", "when", "who", "where", "how", "how_much")},
            "questions": questions,
            "assumptions": [*assumptions, *notes],
            "answers": [*breakdown.answers, *given],
            "ordinal": ordinal,
            "version": None,
            "created": None,
        }
    )
