"""Readable text for people: breakdowns in the request's language."""

from __future__ import annotations

from typing import Any

from assistant.breakdown.five_w2h import output_language
from assistant.core.fields import BY_PATH, dimension_title
from assistant.core.messages import template as message_template
from assistant.core.messages import text as message_text
from assistant.core.models import DIMENSIONS, Breakdown, BreakdownField, FieldStatus
from assistant.core.text_table import text_table



def format_value(value: Any, language: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return message_template("list.separator", language).join(str(item) for item in value)
    if isinstance(value, dict):
        if "amount" in value:
            amount = value["amount"]
            shown = f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"
            money = f"{shown} {value.get('currency') or ''}".strip()
            if value.get("per") == "item":  # a unit price is a rate, never the whole budget
                return message_text("breakdown.value.per_item", language, money=money)
            return money
        if "vague" in value:  # a vague amount: its words and the range they imply, never one number
            low, high = value.get("low"), value.get("high")
            span = f"{low:,}–{high:,}" if low is not None and high is not None else f"≥ {low:,}" if low is not None else ""
            if span:
                return message_text("breakdown.value.vague_about", language, vague=value["vague"], span=span)
            return message_text("breakdown.value.vague", language, vague=value["vague"])
        return ", ".join(f"{key} {item}" for key, item in value.items())
    if isinstance(value, float) and 0 < value <= 1:
        return f"{value:.0%}" if value * 100 == int(value * 100) else f"{value:.2f}"
    return str(value)


def _status(field: BreakdownField, language: str) -> str:
    text = message_text(f"breakdown.status.{field.status.value}", language)
    if field.status == FieldStatus.from_past_project:
        text += f" {field.source}"
    if field.status != FieldStatus.missing:
        text += f", {field.confidence:.0%}"
    if field.evidence and field.status in (FieldStatus.stated, FieldStatus.inferred):
        text += f" «{field.evidence[:60]}»"
    return text


def breakdown_text(breakdown: Breakdown, *, max_questions: int = 10) -> str:
    language = output_language(breakdown.language)
    lines = []
    engine = breakdown.engine if breakdown.engine == "offline" else f"llm {breakdown.model} (prompt breakdown@{breakdown.prompt_version})"
    lines.append(message_text("breakdown.render.header", language, project=breakdown.project_id, version=breakdown.version, engine=engine))
    lines.append(message_text("breakdown.render.request", language, request=breakdown.request.replace("\n", " ")[:200]))
    for dimension in DIMENSIONS:
        lines.append("")
        lines.append(f"## {dimension_title(dimension, language)}")
        group = getattr(breakdown, dimension)
        rows = []
        for name in type(group).model_fields:
            field: BreakdownField = getattr(group, name)
            spec = BY_PATH[f"{dimension}.{name}"]
            rows.append([spec.label(language), format_value(field.value, language), f"[{_status(field, language)}]"])
        lines.append(text_table(rows, min_widths=[18]))  # label, value and status in columns (CJK-aware widths)
    lines.append("")
    lines.append("## " + message_text("breakdown.render.questions", language))
    for question in breakdown.questions[:max_questions]:
        lines.append(f"  {question.rank}. [{question.field}] {question.question}")
    hidden = len(breakdown.questions) - max_questions
    if hidden > 0:
        lines.append("  " + message_text("breakdown.render.more_questions", language, hidden=hidden))
    if breakdown.assumptions:
        lines.append("")
        lines.append("## " + message_text("breakdown.render.assumptions", language))
        lines.extend(f"  - {assumption}" for assumption in breakdown.assumptions)
    if breakdown.similar_projects:
        lines.append("")
        lines.append("## " + message_text("breakdown.render.similar", language))
        lines.extend(f"  - {p.id} ({p.task_type}) {p.score:.2f}  {p.name}" for p in breakdown.similar_projects)
    return "\n".join(lines)
