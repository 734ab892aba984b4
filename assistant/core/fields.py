"""The 5W2H field catalogue: how much each field matters; its label and the question that settles it.

Weights rank clarifying questions: without a label set or a volume nothing can be planned, while a
missing annotation platform can wait. Labels, questions and dimension titles are in the message
catalogue (`field.<path>.label`, `field.<path>.question`, `field.dimension.<dimension>`,
`field.heading.<dimension>`; assistant/core/locales/*.yaml); the breakdown uses the request's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.core.messages import text


@dataclass(frozen=True)
class FieldSpec:
    path: str
    weight: int

    def label(self, language: str) -> str:
        return text(f"field.{self.path}.label", language)

    def question(self, language: str) -> str:
        return text(f"field.{self.path}.question", language)


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("what.task_statement", 78),
    FieldSpec("what.task_type", 95),
    FieldSpec("what.data_modality", 62),
    FieldSpec("what.annotation_unit", 68),
    FieldSpec("what.candidate_labels", 100),
    FieldSpec("why.business_goal", 58),
    FieldSpec("why.data_usage", 55),
    FieldSpec("why.success_measure", 50),
    FieldSpec("when.deadline", 85),
    FieldSpec("when.milestones", 25),
    FieldSpec("when.cadence", 18),
    FieldSpec("who.requester", 15),
    FieldSpec("who.annotator_profile", 45),
    FieldSpec("who.reviewers", 30),
    FieldSpec("who.end_users", 20),
    FieldSpec("where.data_source", 80),
    FieldSpec("where.channel", 35),
    FieldSpec("where.domain", 30),
    FieldSpec("where.language", 65),
    FieldSpec("where.annotation_platform", 10),
    FieldSpec("how.method", 36),
    FieldSpec("how.steps", 12),
    FieldSpec("how.qa_plan", 38),
    FieldSpec("how_much.volume", 90),
    FieldSpec("how_much.budget", 60),
    FieldSpec("how_much.time_per_item", 40),
    FieldSpec("how_much.target_agreement", 70),
    FieldSpec("how_much.throughput", 15),
)

BY_PATH: dict[str, FieldSpec] = {spec.path: spec for spec in FIELDS}


def dimension_name(dimension: str, language: str) -> str:
    """A 5W2H dimension's name: What, 做什么."""
    return text(f"field.dimension.{dimension}", language)


def dimension_title(dimension: str, language: str) -> str:
    """A dimension's heading in a breakdown report (the Chinese one keeps the 5W2H word: What · 做什么)."""
    return text(f"field.heading.{dimension}", language)
