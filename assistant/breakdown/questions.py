"""The clarifying questions of a breakdown, most decision-relevant first."""

from __future__ import annotations

from typing import Iterable

from assistant.breakdown.request_input import output_language
from assistant.core.fields import BY_PATH, FIELDS
from assistant.core.models import BreakdownDraft, FieldStatus, Question


def rank_questions(draft: BreakdownDraft, language: str, proposed: Iterable[Question] = ()) -> list[Question]:
    """Questions for missing fields and for borrowed or uncertain answers, most decision-relevant first.

    Questions an LLM proposed are kept (their wording), placed by the weight of the field they settle.
    """
    zh = output_language(language) == "zh"
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
            reason = "需求中未提及" if zh else "not stated in the request"
            by_field[spec.path] = Question(rank=1, field=spec.path, question=spec.question(language), reason=reason)
        elif current.status == FieldStatus.from_past_project and spec.weight >= 60:
            shown = "、".join(current.value) if zh and isinstance(current.value, list) else (
                ", ".join(current.value) if isinstance(current.value, list) else str(current.value)
            )
            question = (
                f"{spec.question(language)}（参考历史项目 {current.source}：{shown}）"
                if zh
                else f"{spec.question(language)} (past project {current.source} used: {shown})"
            )
            reason = "取自相似历史项目，需确认" if zh else "borrowed from a similar past project; confirm"
            by_field[spec.path] = Question(rank=1, field=spec.path, question=question, reason=reason)

    def weight(question: Question) -> tuple[int, str]:
        spec = BY_PATH.get(question.field)
        return (-(spec.weight if spec else 50), question.field)

    ordered = sorted(by_field.values(), key=weight)
    return [question.model_copy(update={"rank": rank}) for rank, question in enumerate(ordered, 1)]
