"""The contracts of quality over time: a recorded batch, its QA and model agreement, and the report over batches.

See :mod:`evaluation.batches` for what is computed; these are the Pydantic models the steps pass along
and the store keeps (a batch record is stored as a project artifact of kind ``batch``).
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from evaluation import message_refs as refs
from evaluation.message_refs import absorb_twins
from evaluation.qa import GroupAccuracy, VerdictAndNotes

__all__ = [
    "BATCH_KIND",
    "DEFAULT_THRESHOLD",
    "DEFAULT_TOLERANCE",
    "BatchQA",
    "BatchRecord",
    "BatchReport",
    "BatchRow",
    "BrokenRule",
    "DistributionRow",
    "Flag",
    "LabelShift",
    "ModelAgreement",
    "TrendRow",
]

BATCH_KIND = "batch"
DEFAULT_THRESHOLD = 0.95
DEFAULT_TOLERANCE = 0.1


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BrokenRule(_Model):
    """A rule annotators broke: the label wrong items should have had, and its first criterion."""

    label: str = Field(description="the label that should have been given (the reviewed label)")
    rule: str | None = Field(default=None, description="that label's first criterion, else its definition; None when unknown")
    rule_kind: Literal["criterion", "definition"] | None = None
    in_rulebook: bool = Field(default=False, description="the label is one of the rulebook's labels")
    count: int = Field(ge=1)
    given: dict[str, int] = Field(default_factory=dict, description="the labels given instead, with counts")
    ids: list[str] = Field(default_factory=list, description="up to 10 of the wrong items")


class BatchQA(_Model, VerdictAndNotes):
    """The reviewed sample of one batch."""

    NOTE_PREFIX: ClassVar[str] = "batches.note."

    source: str
    n_records: int = Field(ge=0)
    n_reviewed: int = Field(ge=0)
    n_correct: int = Field(ge=0)
    accuracy: float
    ci_low: float
    ci_high: float
    confidence: float
    threshold: float = Field(description="the acceptance threshold used when the batch was recorded")
    accepted: bool
    verdict: str = Field(default="", description="the verdict in English (from `verdict_ref`)")
    basis: str
    per_annotator: list[GroupAccuracy] = Field(default_factory=list)
    per_label: list[GroupAccuracy] = Field(default_factory=list, description="by the label the annotator gave")
    n_wrong: int = Field(default=0, ge=0)
    n_wrong_without_reviewed_label: int = Field(default=0, ge=0, description="wrong items whose right label is unknown")
    broken_rules: list[BrokenRule] = Field(default_factory=list)
    broken_rules_by_annotator: dict[str, list[BrokenRule]] = Field(default_factory=dict)
    notes: list[str] = Field(default_factory=list, description="the notes in English (from `note_refs`)")
    verdict_ref: dict[str, Any] | None = Field(default=None, description="the verdict as a message reference (id and values)")
    note_refs: list[dict[str, Any]] = Field(default_factory=list, description="the notes as message references")
    legacy_zh: dict[str, Any] = Field(default_factory=dict, exclude=True)


class ModelAgreement(_Model):
    """Model pre-labels against the batch's human labels."""

    source: str
    n_items: int = Field(ge=0, description="distinct item ids with a human and a model label")
    n_pairs: int = Field(ge=0, description="annotations paired with the model's label of their item")
    percent_agreement: float | None
    cohen_kappa: float | None
    kappa_note: str = ""
    n_model_missing: int = Field(default=0, ge=0, description="pre-label records without a label (abstain, error, blank)")
    n_unmatched: int = Field(default=0, ge=0, description="human-labeled items the model did not label")
    per_annotator: dict[str, float | None] = Field(default_factory=dict, description="percent agreement with each annotator")


class BatchRecord(_Model):
    """One production batch, as recorded (stored as a project artifact of kind 'batch')."""

    name: str = Field(min_length=1)
    recorded_at: str = Field(description="ISO 8601, UTC")
    version: int | None = Field(default=None, description="artifact version in the project store")
    project_id: str | None = None
    source: str = Field(default="", description="the batch file")
    source_format: Literal["table", "label-studio"] = "table"
    label_field: str = "label"
    n_items: int = Field(ge=0, description="distinct item ids")
    n_annotations: int = Field(ge=0, description="annotation records (several per item when several annotators)")
    n_unlabeled: int = Field(default=0, ge=0, description="annotations without a label")
    n_cancelled: int = Field(default=0, ge=0, description="cancelled annotations left out (Label Studio)")
    label_counts: dict[str, int] = Field(default_factory=dict)
    label_distribution: dict[str, float] = Field(default_factory=dict, description="label -> share of labeled annotations")
    distribution_basis: Literal["labels", "spans"] = "labels"
    annotators: dict[str, int] = Field(default_factory=dict, description="annotator -> annotations")
    lead_time_median: float | None = None
    lead_time_mean: float | None = None
    lead_time_n: int = Field(default=0, ge=0)
    rulebook_version: int | None = None
    qa: BatchQA | None = None
    model_agreement: ModelAgreement | None = None
    notes: list[str] = Field(default_factory=list, description="the notes in English (from `note_refs`)")
    note_refs: list[dict[str, Any]] = Field(default_factory=list, description="the notes as message references")
    legacy_zh: dict[str, Any] = Field(default_factory=dict, exclude=True)

    @model_validator(mode="before")
    @classmethod
    def _twins(cls, data: Any) -> Any:
        return absorb_twins(data, [("note_refs", "notes", "notes_zh", True)])

    def notes_text(self, language: str = "en") -> list[str]:
        """The batch's notes in `language` (any catalogue language; an older record: its stored en and zh)."""
        return refs.texts_in(self.note_refs, language, english_texts=self.notes, chinese=self.legacy_zh.get("notes_zh"), prefix="batches.note.")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def notes_zh(self) -> list[str]:
        return self.notes_text("zh")


class LabelShift(_Model):
    label: str
    before: float
    after: float
    change: float


class Flag(_Model):
    """Something a trainer should look at; its message is kept as references and rendered in any language."""

    kind: Literal["batch_below_threshold", "annotator_below_threshold", "label_drift", "agreement_drift"]
    batch: str
    previous_batch: str | None = None
    annotator: str | None = None
    value: float | None = Field(default=None, description="accuracy, TVD or percent agreement")
    previous_value: float | None = None
    limit: float = Field(description="the threshold or tolerance it was compared with")
    message: str = Field(default="", description="the flag in English (from `message_refs`)")
    rules: list[BrokenRule] = Field(default_factory=list)
    shifts: list[LabelShift] = Field(default_factory=list)
    message_refs: list[dict[str, Any]] = Field(default_factory=list, description="the flag's parts as message references")
    legacy_zh: dict[str, Any] = Field(default_factory=dict, exclude=True)

    @model_validator(mode="before")
    @classmethod
    def _twins(cls, data: Any) -> Any:
        data = absorb_twins(data, [("message_refs", "message", "message_zh", True)])
        if isinstance(data, dict) and data.get("message_refs"):
            data["message"] = "".join(refs.english(data["message_refs"]))
        return data

    def text(self, language: str = "en") -> str:
        """The flag in `language` (any catalogue language; a flag of an older report: its stored en and zh)."""
        if self.message_refs:
            return "".join(refs.render_all(self.message_refs, language))
        return refs.legacy_text(self.message, self.legacy_zh.get("message_zh"), language, "batches.flag.")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def message_zh(self) -> str:
        """The flag in Chinese, for JSON readers of `message_zh`."""
        return self.text("zh")


class BatchRow(_Model):
    name: str
    version: int | None = None
    recorded_at: str
    n_items: int
    n_annotations: int
    n_reviewed: int | None = None
    accuracy: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    below_threshold: bool | None = None
    label_drift: float | None = Field(default=None, description="TVD from the previous batch's label distribution")
    model_agreement: float | None = None
    model_kappa: float | None = None
    lead_time_median: float | None = None


class TrendRow(_Model):
    """One annotator's (or label's) accuracy in each batch; None where it has no reviewed item."""

    name: str
    cells: list[GroupAccuracy | None]


class DistributionRow(_Model):
    label: str
    shares: list[float | None]


class BatchReport(_Model):
    threshold: float
    tolerance: float
    batches: list[str]
    rows: list[BatchRow]
    per_annotator: list[TrendRow] = Field(default_factory=list)
    per_label: list[TrendRow] = Field(default_factory=list)
    distribution: list[DistributionRow] = Field(default_factory=list)
    broken_rules: dict[str, list[BrokenRule]] = Field(default_factory=dict, description="batch -> rules most often broken")
    flags: list[Flag] = Field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return bool(self.flags)

