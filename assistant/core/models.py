"""Pydantic contracts between pipeline steps.

This module holds the shapes that travel between steps and into storage:
the knowledge a past project carries (labels, rules, examples, agreement,
lessons), and the records the knowledge base returns. Later steps
(breakdown, rulebook, prediction, report) add their own contracts here.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class Contract(BaseModel):
    """Base for every contract: unknown fields are an error, strings are stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class TaskType(str, Enum):
    """The kinds of annotation task the product knows how to plan for."""

    sentiment = "sentiment"
    intent_classification = "intent_classification"
    topic_classification = "topic_classification"
    content_safety = "content_safety"
    ner = "ner"
    search_relevance = "search_relevance"
    response_preference = "response_preference"
    summarization_quality = "summarization_quality"
    image_description = "image_description"
    other = "other"


class Language(str, Enum):
    zh = "zh"
    en = "en"
    mixed = "mixed"


class Polarity(str, Enum):
    """A positive example shows the label; a negative one looks like it but is not it."""

    positive = "positive"
    negative = "negative"


SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{1,63}$")


class Span(Contract):
    """A labeled character span inside an example text (NER and span tasks)."""

    start: int = Field(ge=0)
    end: int = Field(gt=0)
    label: str = Field(min_length=1)
    text: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> "Span":
        if self.end <= self.start:
            raise ValueError(f"span end {self.end} must be after start {self.start}")
        return self


class Example(Contract):
    """One annotated example.

    For a positive example `label` is the label it shows. For a negative one
    `label` is the label it is easily mistaken for, and `correct_label` (when
    known) is what it should be labeled instead.
    """

    text: str = Field(min_length=1)
    label: str = Field(min_length=1)
    polarity: Polarity
    explanation: str = Field(min_length=1)
    correct_label: str | None = None
    spans: list[Span] = Field(default_factory=list)
    source: str | None = Field(default=None, description="past project id or 'request sample'")


class LabelRule(Contract):
    """A label with what it means and how to decide it."""

    name: str = Field(min_length=1)
    definition: str = Field(min_length=1)
    criteria: list[str] = Field(default_factory=list, description="decision rules that make it this label")
    cues: list[str] = Field(default_factory=list, description="typical signals of the label")
    counter_cues: list[str] = Field(default_factory=list, description="signals that it is NOT this label")
    aliases: list[str] = Field(default_factory=list, description="other names annotators or models use")


class EdgeCase(Contract):
    case: str = Field(min_length=1)
    resolution: str = Field(min_length=1)


class FiveW2HSummary(Contract):
    """The 5W2H of a finished project, as plain statements."""

    what: str
    why: str
    when: str = ""
    who: str = ""
    where: str = ""
    how: str = ""
    how_much: str = ""


class PastRules(Contract):
    """The rulebook a past project shipped with."""

    task_definition: str = Field(min_length=1)
    labels: list[LabelRule] = Field(min_length=1)
    ordinal: bool = Field(default=False, description="labels are ordered (ratings); weighted agreement applies")
    multi_label: bool = False
    decision_procedure: list[str] = Field(default_factory=list)
    edge_cases: list[EdgeCase] = Field(default_factory=list)
    output_format: str = ""

    @field_validator("labels")
    @classmethod
    def _unique_labels(cls, labels: list[LabelRule]) -> list[LabelRule]:
        seen: set[str] = set()
        for label in labels:
            if label.name in seen:
                raise ValueError(f"label {label.name!r} is defined twice")
            seen.add(label.name)
        return labels


class AgreementResult(Contract):
    round: str = Field(description="e.g. 'trial 1', 'production QA'")
    metric: str = Field(description="e.g. 'percent agreement', 'cohen_kappa', 'krippendorff_alpha'")
    value: float
    annotators: int | None = None
    items: int | None = None
    note: str = ""


class PastProject(Contract):
    """A finished annotation project kept as knowledge for the next one."""

    id: str = Field(description="stable slug, e.g. 'ecom-complaint-sentiment-zh'")
    name: str = Field(min_length=1)
    domain: str = Field(min_length=1)
    language: Language
    task_type: TaskType
    summary: str = Field(min_length=1)
    five_w2h: FiveW2HSummary
    rules: PastRules
    examples: list[Example] = Field(default_factory=list)
    agreement: list[AgreementResult] = Field(default_factory=list)
    lessons: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not SLUG.match(value):
            raise ValueError("must be a lowercase slug of letters, digits, '-' or '_' (2-64 characters)")
        return value

    @model_validator(mode="after")
    def _examples_use_known_labels(self) -> "PastProject":
        names = {label.name for label in self.rules.labels}
        for index, example in enumerate(self.examples):
            if example.label not in names:
                raise ValueError(
                    f"examples[{index}].label {example.label!r} is not one of the project's labels "
                    f"{sorted(names)}"
                )
            if example.correct_label is not None and example.correct_label not in names:
                raise ValueError(
                    f"examples[{index}].correct_label {example.correct_label!r} is not one of the "
                    f"project's labels {sorted(names)}"
                )
        return self

    def label(self, name: str) -> LabelRule | None:
        return next((label for label in self.rules.labels if label.name == name), None)


KnowledgeKind = Literal["project", "rule", "example"]


class KnowledgeHit(Contract):
    """One search result from the knowledge base."""

    id: str
    kind: KnowledgeKind
    project: str = Field(description="past project id")
    project_name: str
    task_type: str
    language: str
    score: float = Field(description="cosine similarity in [-1, 1]; higher is closer")
    text: str
    label: str | None = None
    polarity: str | None = None


# =============================================================================================
# Step 1: the 5W2H breakdown
# =============================================================================================
class FieldStatus(str, Enum):
    stated = "stated"  # the request (or the requester's answer) says so
    inferred = "inferred"  # reasoned from what the request says
    from_past_project = "from_past_project"  # taken from a similar past project (see `source`)
    missing = "missing"  # nobody said; there is a question for it


FieldValue = int | float | str | list[str] | dict[str, Any] | None


class BreakdownField(Contract):
    """One fact of the breakdown, with where it came from and how sure we are."""

    value: FieldValue = None
    status: FieldStatus = FieldStatus.missing
    confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    source: str | None = Field(default=None, description="past project id when status is from_past_project")
    evidence: str | None = Field(default=None, description="the words of the request or answer it rests on")

    @model_validator(mode="after")
    def _status_fits_value(self) -> "BreakdownField":
        if self.status == FieldStatus.missing:
            if self.value not in (None, "", [], {}):
                raise ValueError("a missing field has no value")
            self.value, self.confidence = None, 0.0
        elif self.value in (None, "", [], {}):
            raise ValueError(f"a field with status {self.status.value} needs a value")
        if self.status == FieldStatus.from_past_project and not self.source:
            raise ValueError("a field taken from a past project names it in `source`")
        return self


def _missing() -> BreakdownField:
    return BreakdownField()


class WhatDimension(Contract):
    task_statement: BreakdownField = Field(default_factory=_missing)
    task_type: BreakdownField = Field(default_factory=_missing)
    data_modality: BreakdownField = Field(default_factory=_missing)
    annotation_unit: BreakdownField = Field(default_factory=_missing)
    candidate_labels: BreakdownField = Field(default_factory=_missing)


class WhyDimension(Contract):
    business_goal: BreakdownField = Field(default_factory=_missing)
    data_usage: BreakdownField = Field(default_factory=_missing)
    success_measure: BreakdownField = Field(default_factory=_missing)


class WhenDimension(Contract):
    deadline: BreakdownField = Field(default_factory=_missing)
    milestones: BreakdownField = Field(default_factory=_missing)
    cadence: BreakdownField = Field(default_factory=_missing)


class WhoDimension(Contract):
    requester: BreakdownField = Field(default_factory=_missing)
    annotator_profile: BreakdownField = Field(default_factory=_missing)
    reviewers: BreakdownField = Field(default_factory=_missing)
    end_users: BreakdownField = Field(default_factory=_missing)


class WhereDimension(Contract):
    data_source: BreakdownField = Field(default_factory=_missing)
    channel: BreakdownField = Field(default_factory=_missing)
    domain: BreakdownField = Field(default_factory=_missing)
    language: BreakdownField = Field(default_factory=_missing)
    annotation_platform: BreakdownField = Field(default_factory=_missing)


class HowDimension(Contract):
    method: BreakdownField = Field(default_factory=_missing, description="annotation method and granularity")
    steps: BreakdownField = Field(default_factory=_missing)
    qa_plan: BreakdownField = Field(default_factory=_missing)


class HowMuchDimension(Contract):
    volume: BreakdownField = Field(default_factory=_missing)
    budget: BreakdownField = Field(default_factory=_missing)
    time_per_item: BreakdownField = Field(default_factory=_missing, description="seconds per item")
    target_agreement: BreakdownField = Field(default_factory=_missing, description="fraction, e.g. 0.8")
    throughput: BreakdownField = Field(default_factory=_missing)


DIMENSIONS = ("what", "why", "when", "who", "where", "how", "how_much")


class Question(Contract):
    """A clarifying question for the requester; rank 1 matters most."""

    rank: int = Field(ge=1)
    field: str = Field(description="dimension.field it settles, e.g. how_much.volume")
    question: str = Field(min_length=1)
    reason: str = ""


class SimilarProject(Contract):
    id: str
    name: str
    task_type: str
    score: float


class BreakdownDraft(Contract):
    """What an engine produces: the seven dimensions, questions and assumptions."""

    what: WhatDimension = Field(default_factory=WhatDimension)
    why: WhyDimension = Field(default_factory=WhyDimension)
    when: WhenDimension = Field(default_factory=WhenDimension)
    who: WhoDimension = Field(default_factory=WhoDimension)
    where: WhereDimension = Field(default_factory=WhereDimension)
    how: HowDimension = Field(default_factory=HowDimension)
    how_much: HowMuchDimension = Field(default_factory=HowMuchDimension)
    questions: list[Question] = Field(default_factory=list)
    assumptions: list[str] = Field(default_factory=list)

    def field(self, path: str) -> BreakdownField:
        dimension, _, name = path.partition(".")
        if dimension not in DIMENSIONS:
            raise KeyError(path)
        group = getattr(self, dimension)
        if name not in type(group).model_fields:
            raise KeyError(path)
        return getattr(group, name)

    def fields(self) -> list[tuple[str, BreakdownField]]:
        out = []
        for dimension in DIMENSIONS:
            group = getattr(self, dimension)
            for name in type(group).model_fields:
                out.append((f"{dimension}.{name}", getattr(group, name)))
        return out


class Breakdown(BreakdownDraft):
    """The contract of step 1: a request broken down into 5W2H, with its provenance."""

    request: str
    answers: list[str] = Field(default_factory=list, description="the requester's answers, as given (free text or FIELD=VALUE)")
    ordinal: bool | None = Field(default=None, description="the named labels are an ordered scale (None: not known)")
    language: str = Field(description="language of the request and of this breakdown: zh, en or mixed")
    similar_projects: list[SimilarProject] = Field(default_factory=list)
    engine: str = Field(description="'offline' or 'llm'")
    model: str | None = None
    prompt_version: str | None = None
    project_id: str | None = None
    version: int | None = None
    created: str | None = None

    def request_text(self) -> str:
        """The request and every answer the requester gave: what a draft may quote."""
        return "\n".join([self.request, *self.answers])


# =============================================================================================
# Step 2: the rulebook
# =============================================================================================
NEW_SOURCE = "new"  # written for this rulebook, not taken from a past project
REQUEST_SAMPLE_SOURCE = "request sample"


class Origin(str, Enum):
    """Where a part of a rulebook came from, so a trainer knows what to verify."""

    request = "request"  # the requester's own words
    answers = "answers"  # the requester's answers to the clarifying questions
    past_project = "past_project"  # a named past project (see `source`)
    generated = "generated"  # written by the engine: verify before use
    missing = "missing"  # nobody said; ask the requester


class Provenance(Contract):
    origin: Origin
    source: str | None = Field(default=None, description="past project id when origin is past_project")
    quote: str | None = Field(default=None, description="the words of the request or answer it rests on")
    review: bool = Field(default=False, description="the trainer should check it before annotators see it")


class RuleExample(Contract):
    """An example in the rulebook; negatives look like `label` but are `correct_label`."""

    text: str = Field(min_length=1)
    label: str = Field(min_length=1)
    polarity: Polarity
    explanation: str = Field(min_length=1)
    correct_label: str | None = None
    spans: list[Span] = Field(default_factory=list)
    source: str = Field(default=NEW_SOURCE, description="past project id, 'request sample' or 'new'")


class RuleLabel(Contract):
    name: str = Field(min_length=1)
    definition: str = Field(default="", description="empty when the label still needs a definition")
    criteria: list[str] = Field(default_factory=list)
    cues: list[str] = Field(default_factory=list)
    counter_cues: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    examples: list[RuleExample] = Field(default_factory=list)
    source: str = Field(default=NEW_SOURCE, description="past project id the definition came from, or 'new'")
    needs_definition: bool = Field(default=False, description="no grounding found: the trainer must define it")
    name_origin: Provenance | None = Field(default=None, description="where the label itself came from")
    definition_origin: Provenance | None = Field(default=None, description="where the definition and criteria came from")

    @property
    def placeholder(self) -> bool:
        """Still undefined: blank, marked as needing a definition, or only the stub built from the requester's words."""
        if self.needs_definition or not self.definition.strip():
            return True
        origin = self.definition_origin
        return bool(origin and origin.review and origin.origin in (Origin.request, Origin.answers) and not self.criteria)


class EdgeCaseRule(Contract):
    case: str = Field(min_length=1)
    resolution: str = Field(min_length=1)
    labels: list[str] = Field(default_factory=list, description="labels the case is about")
    source: str = NEW_SOURCE


class GlossaryTerm(Contract):
    term: str = Field(min_length=1)
    definition: str = Field(min_length=1)


class QualityStandards(Contract):
    target_agreement: float = Field(default=0.8, ge=0, le=1, description="trial-round agreement target")
    agreement_metric: str = Field(default="percent_agreement", description="metric the target applies to")
    qa_sampling_rate: float = Field(default=0.1, ge=0, le=1)
    acceptance_accuracy: float = Field(default=0.95, ge=0, le=1, description="QA accuracy a batch must reach")


class ChangeLogEntry(Contract):
    version: int = Field(ge=1)
    date: str
    change: str


class Rulebook(Contract):
    """The rule document annotators follow; the JSON form is the contract pre-labeling reads."""

    title: str = Field(min_length=1)
    version: int = Field(default=1, ge=1)
    language: str = Field(default="en", description="zh or en: the language the rules are written in")
    task_type: TaskType = TaskType.other
    task_definition: str = Field(min_length=1)
    purpose: str = ""
    scope_in: list[str] = Field(default_factory=list)
    scope_out: list[str] = Field(default_factory=list)
    labels: list[RuleLabel] = Field(min_length=1)
    multi_label: bool = False
    ordinal: bool = Field(default=False, description="labels are ordered (ratings); listed from highest to lowest")
    decision_procedure: list[str] = Field(default_factory=list, description="priority order and what to do when unsure")
    edge_cases: list[EdgeCaseRule] = Field(default_factory=list)
    output_format: str = ""
    quality: QualityStandards = Field(default_factory=QualityStandards)
    glossary: list[GlossaryTerm] = Field(default_factory=list)
    changelog: list[ChangeLogEntry] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list, description="past projects this rulebook reuses")
    provenance: dict[str, Provenance] = Field(
        default_factory=dict,
        description="where each part came from: title, task_definition, purpose, labels, decision_procedure, edge_cases, output_format, quality",
    )
    request: str | None = Field(default=None, description="the request (and answers) it was drafted for, for `check`")
    project_id: str | None = None
    engine: str = "offline"
    model: str | None = None
    prompt_version: str | None = None
    token_count: int | None = Field(default=None, description="tokens of the rulebook as a prompt prefix")

    @field_validator("labels")
    @classmethod
    def _unique_label_names(cls, labels: list[RuleLabel]) -> list[RuleLabel]:
        seen: set[str] = set()
        for label in labels:
            key = label.name.strip().casefold()
            if key in seen:
                raise ValueError(f"label {label.name!r} is defined twice")
            seen.add(key)
        return labels

    @property
    def label_names(self) -> list[str]:
        return [label.name for label in self.labels]

    def label(self, name: str) -> RuleLabel | None:
        return next((label for label in self.labels if label.name == name), None)

    def examples(self) -> list[RuleExample]:
        return [example for label in self.labels for example in label.examples]


# =============================================================================================
# Steps 3-4: predictions
# =============================================================================================
ABSTAIN = "abstain"
PredictionStatus = Literal["labeled", "abstain", "error"]


class Prediction(Contract):
    """One pre-label: a label from the rulebook (or abstain), its confidence and why."""

    id: str
    label: str | None = Field(description="a rulebook label, 'abstain', or None for an error record")
    labels: list[str] = Field(default_factory=list, description="multi-label tasks: every label that applies")
    spans: list[Span] = Field(default_factory=list, description="span tasks: the labeled spans")
    confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    rationale: str = ""
    rule: str | None = Field(default=None, description="the rule or example that decided it")
    status: PredictionStatus = "labeled"
    error: str | None = None
    engine: str
    model: str | None = None
    rulebook_version: int | None = None
