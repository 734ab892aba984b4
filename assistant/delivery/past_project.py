"""Step 5: delivery. A finished project goes back into the knowledge base.

`deliver` turns the project's final rulebook, its agreement results and the lessons learned (a
retrospective: what was unclear, which rules changed and why) into a `PastProject`, stores it,
indexes it, and marks the project delivered, so that the next similar request retrieves it.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from assistant.core.errors import InputError
from assistant.core.language import project_language
from assistant.core.messages import Message, localize
from assistant.core.messages import text as message_text
from assistant.core.models import (
    AgreementResult,
    Breakdown,
    EdgeCase,
    Example,
    FieldStatus,
    FiveW2HSummary,
    LabelRule,
    PastProject,
    PastRules,
    Rulebook,
)


def lessons_from_markdown(text: str) -> list[str]:
    """Bullet or numbered lines of a lessons file; plain paragraphs count as one lesson each."""
    lessons = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip() and not line.lstrip().startswith("#")]
        bullets = [re.sub(r"^([-*+]|\d+[.)])\s+", "", line) for line in lines if re.match(r"^([-*+]|\d+[.)])\s+", line)]
        if bullets:
            lessons.extend(bullets)
        elif lines:
            lessons.append(" ".join(lines))
    return [lesson for lesson in lessons if lesson]


def _field_text(breakdown: Breakdown | None, *paths: str) -> str:
    if breakdown is None:
        return ""
    parts = []
    for path in paths:
        field = breakdown.field(path)
        if field.status != FieldStatus.missing and field.value not in (None, "", [], {}):
            value = field.value
            if isinstance(value, list):
                value = ", ".join(str(item) for item in value)
            elif isinstance(value, dict):
                value = ", ".join(f"{k} {v}" for k, v in value.items())
            parts.append(f"{path.split('.')[1].replace('_', ' ')}: {value}")
    return "; ".join(parts)


def five_w2h_summary(breakdown: Breakdown | None, rulebook: Rulebook) -> FiveW2HSummary:
    return FiveW2HSummary(
        what=_field_text(breakdown, "what.task_statement", "what.task_type", "what.data_modality", "what.annotation_unit")
        or rulebook.task_definition,
        why=_field_text(breakdown, "why.business_goal", "why.data_usage", "why.success_measure") or rulebook.purpose or "-",
        when=_field_text(breakdown, "when.deadline", "when.milestones", "when.cadence"),
        who=_field_text(breakdown, "who.requester", "who.annotator_profile", "who.reviewers", "who.end_users"),
        where=_field_text(breakdown, "where.data_source", "where.channel", "where.domain", "where.language"),
        how=_field_text(breakdown, "how.method", "how.steps", "how.qa_plan"),
        how_much=_field_text(breakdown, "how_much.volume", "how_much.budget", "how_much.time_per_item", "how_much.target_agreement"),
    )


def retrospective(rulebook: Rulebook, agreement: list[AgreementResult]) -> list[str]:
    """Lessons the records already tell: how agreement moved and which rules changed."""
    language = project_language(rulebook)
    lessons = []
    if len(agreement) >= 2:
        first, last = agreement[0], agreement[-1]
        lessons.append(
            message_text(
                "delivery.lesson.agreement", language, first=first.value, metric=first.metric, first_round=first.round,
                last=last.value, last_round=last.round,
            )
        )
    for entry in rulebook.changelog[1:]:
        change = localize(entry.change, language, "note.")
        lessons.append(message_text("delivery.lesson.rule_change", language, version=entry.version, change=change))
    return lessons


def to_past_project(
    project_id: str,
    name: str,
    rulebook: Rulebook,
    breakdown: Breakdown | None,
    agreement: list[AgreementResult],
    lessons: list[str],
) -> PastProject:
    """The finished project as knowledge; refuses rules an annotator could not follow."""
    undefined = [label.name for label in rulebook.labels if label.placeholder]
    if undefined:
        raise InputError(Message("error.past_project.undefined_labels", labels=', '.join(undefined), project_id=project_id))
    names = set(rulebook.label_names)
    examples = [
        Example(
            text=example.text,
            label=example.label,
            polarity=example.polarity,
            explanation=example.explanation,
            correct_label=example.correct_label if example.correct_label in names else None,
            spans=example.spans,
            source=example.source,
        )
        for example in rulebook.examples()
        if example.label in names
    ]
    domain = breakdown.where.domain.value if breakdown and breakdown.where.domain.value else "general"
    language = rulebook.language if rulebook.language in ("zh", "en") else "mixed"
    try:
        return PastProject(
            id=project_id,
            name=name,
            domain=str(domain),
            language=language,
            task_type=rulebook.task_type,
            summary=f"{rulebook.title}. {rulebook.task_definition}"[:1000],
            five_w2h=five_w2h_summary(breakdown, rulebook),
            rules=PastRules(
                task_definition=rulebook.task_definition,
                labels=[
                    LabelRule(
                        name=label.name,
                        definition=label.definition,
                        criteria=label.criteria,
                        cues=label.cues,
                        counter_cues=label.counter_cues,
                        aliases=label.aliases,
                    )
                    for label in rulebook.labels
                ],
                ordinal=rulebook.ordinal,
                multi_label=rulebook.multi_label,
                decision_procedure=rulebook.decision_procedure,
                edge_cases=[EdgeCase(case=edge.case, resolution=edge.resolution) for edge in rulebook.edge_cases],
                output_format=rulebook.output_format,
            ),
            examples=examples,
            agreement=agreement,
            lessons=[*retrospective(rulebook, agreement), *lessons],
            tags=["delivered", rulebook.task_type.value],
        )
    except ValidationError as error:
        raise InputError(Message("error.past_project.not_deliverable", project_id=project_id, reason=error.errors()[0]['msg'])) from error


def agreement_results(payloads: list[dict[str, Any]]) -> list[AgreementResult]:
    """The judged figure of each agreement report (`rulebook agree --json` / `--project`), oldest first."""
    results = []
    for index, payload in enumerate(payloads, 1):
        verdict = payload.get("verdict") or {}
        if not isinstance(verdict, dict) or verdict.get("value") is None:
            continue
        results.append(
            AgreementResult(
                round=str(payload.get("round") or f"trial {index}"),
                metric=str(verdict.get("metric") or "percent_agreement"),
                value=float(verdict["value"]),
                annotators=len(payload["sets"]) if isinstance(payload.get("sets"), list) else None,
                items=payload.get("n_items"),
                note=str(verdict.get("text") or ""),
            )
        )
    return results
