"""The plan's contracts: its inputs and where each came from, what is missing, notes, fixes and the plan itself."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field, computed_field, model_validator

from assistant.core.messages import text as message_text
from evaluation import message_refs as refs
from evaluation.message_refs import absorb_twins

DEFAULT_REVIEW_RATE = 0.1
LOW_REVIEW_RATE = 0.05
InputSource = Literal["argument", "breakdown", "trial", "default", "assumed", "missing"]

FORMULAS = [
    "saved share f = prelabel_share × prelabel_accuracy (accepted correct pre-labels need no labeling; 0 without pre-labels)",
    "labeling hours L = volume × (1 − f) × seconds_per_item / 3600",
    "review hours Q = volume × review_rate × review_seconds_per_item / 3600",
    "person-hours P = L + Q",
    "person-days D = P / hours_per_day",
    "working days C = ceil(D / annotators), Monday–Friday (weekends skipped)",
    "finish date = the C-th working day counting from today",
    "cost = P × hourly_rate",
    "capacity K = annotators × working days until the deadline × hours_per_day; the deadline holds when P ≤ K",
    "annotators needed = ceil(D / working days until the deadline)",
    "pre-label share needed = (1 − (K − Q) / (volume × seconds_per_item / 3600)) / prelabel_accuracy",
    "review rate needed = (K − L) × 3600 / (volume × review_seconds_per_item)",
]


class PlanInput(BaseModel):
    value: Any = None
    source: InputSource
    detail: str = Field(default="", description="where the value came from, in English (from `detail_ref`)")
    detail_ref: dict[str, Any] | None = Field(default=None, description="the detail as a message reference (plan.detail.*)")
    legacy_zh: dict[str, Any] = Field(default_factory=dict, exclude=True)

    @model_validator(mode="before")
    @classmethod
    def _twins(cls, data: Any) -> Any:
        return absorb_twins(data, [("detail_ref", "detail", "detail_zh", False)])

    def detail_text(self, language: str | None = "en") -> str:
        """The detail in `language` (any catalogue language; an older plan: its stored en and zh)."""
        if self.detail_ref:
            return refs.load(self.detail_ref).render(language)
        return refs.legacy_text(self.detail, self.legacy_zh.get("detail_zh"), language, "plan.detail.")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def detail_zh(self) -> str:
        """The detail in Chinese, for JSON readers of `detail_zh`."""
        return self.detail_text("zh")


class MissingInput(BaseModel):
    name: str
    needed_for: str
    optional: bool = False


class PlanNote(BaseModel):
    """Something the reader should know about the numbers; `text` is English, `values` fill other languages."""

    code: str
    text: str
    values: dict[str, Any] = Field(default_factory=dict)


def note_text(note: PlanNote, language: str | None = "en") -> str:
    """A plan note in `language` (catalogue ids plan.note.*); the pre-label threshold is worded in that language too."""
    values = dict(note.values)
    if "above" in values:
        above = values["above"]
        values["threshold"] = message_text("plan.note.prelabel_confidence", language, above=above) if above else ""
    return message_text(f"plan.note.{note.code}", language, **values)


def _note(code: str, **values: Any) -> PlanNote:
    note = PlanNote(code=code, text="", values=values)
    note.text = note_text(note, "en")
    return note


class PlanFix(BaseModel):
    """One way to make the deadline hold, computed."""

    kind: Literal["annotators", "prelabel_acceptance", "review_rate"]
    feasible: bool
    value: float | int | None = None
    detail: str = ""


class Plan(BaseModel):
    today: date
    inputs: dict[str, PlanInput]
    saved_share: float | None = None
    labeling_hours: float | None = None
    review_hours: float | None = None
    person_hours: float | None = None
    person_days: float | None = None
    working_days: int | None = Field(default=None, description="calendar working days with the given annotators")
    finish_date: date | None = None
    cost: float | None = None
    currency: str | None = None
    budget_total: float | None = None
    within_budget: bool | None = None
    deadline: date | None = None
    working_days_available: int | None = None
    capacity_hours: float | None = None
    deadline_holds: bool | None = None
    annotators_needed: int | None = Field(default=None, description="fewest annotators that meet the deadline")
    fixes: list[PlanFix] = Field(default_factory=list)
    missing: list[MissingInput] = Field(default_factory=list)
    notes: list[PlanNote] = Field(default_factory=list)
    formulas: list[str] = Field(default_factory=lambda: list(FORMULAS))


def _pct(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value * 100:.1f}".rstrip("0").rstrip(".") + "%"
