"""The clarifying questions of a breakdown, most decision-relevant first."""

from __future__ import annotations

from typing import Iterable

from assistant.breakdown.request_input import output_language
from assistant.core.fields import BY_PATH, FIELDS
from assistant.core.messages import Items
from assistant.core.messages import text as message_text
from assistant.core.models import BreakdownDraft, FieldStatus, Question


def rank_questions(draft: BreakdownDraft, language: str, proposed: Iterable[Question] = ()) -> list[Question]:
    """Questions for missing fields and for borrowed or uncertain answers, most decision-relevant first.

    Questions an LLM proposed are kept (their wording), placed by the weight of the field they settle.
    """
    language = output_language(language)
    by_field: dict[str, Question] = {}
    for question in proposed:
        if question.field in BY_PATH and draft.field(question.field).status == FieldStatus.stated:
            continue  # already answered
        by_field.setdefault(question.field, question)
    for spec in FIELDS:
        current = draft.field(spec.path)
        if spec.path in by_field:
            continue
        if current.status == FieldStatus.missing:
            reason = message_text("breakdown.question.not_stated", language)
            by_field[spec.path] = Question(rank=1, field=spec.path, question=spec.question(language), reason=reason)
        elif current.status == FieldStatus.from_past_project and spec.weight >= 60:
            shown = Items(current.value, plain=True) if isinstance(current.value, list) else str(current.value)
            question = message_text(
                "breakdown.question.past_project", language, question=spec.question(language), project=current.source, value=shown
            )
            reason = message_text("breakdown.question.borrowed", language)
            by_field[spec.path] = Question(rank=1, field=spec.path, question=question, reason=reason)

    def weight(question: Question) -> tuple[int, str]:
        spec = BY_PATH.get(question.field)
        return (-(spec.weight if spec else 50), question.field)

    ordered = sorted(by_field.values(), key=weight)
    return [question.model_copy(update={"rank": rank}) for rank, question in enumerate(ordered, 1)]
