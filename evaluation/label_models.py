"""The contracts of the label step: one rater's labels, the aligned table, and the data problems found.

See :mod:`evaluation.labels` for what each problem means; :meth:`DataProblems.messages` words them from
the message catalogue (ids ``labels.*``) in any catalogue language.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.core.errors import InputError
from assistant.core.messages import Message, normalize, text

__all__ = ["MULTI", "DataProblems", "Joined", "LabelSet", "LabelVariant", "MissingReason", "SetProblems"]

MissingReason = Literal["empty", "abstain", "error", "multiple"]
MULTI = "|"  # several labels of one item, in the order given (multi-label)


class LabelSet(BaseModel):
    """One rater's labels, keyed by item id.

    ``labels`` holds the items that carry a label, exactly as written in the
    file (only ids are normalised to strings). Items present in the file
    without a usable label are in ``missing`` with the reason: an empty cell,
    the model abstaining, or a model error record.
    """

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="file stem, the annotator, or the name given")
    labels: dict[str, str] = Field(default_factory=dict, description="item id -> label")
    rationales: dict[str, str] = Field(default_factory=dict, description="item id -> the model's (or annotator's) rationale")
    texts: dict[str, str] = Field(default_factory=dict, description="item id -> item text, when the file has a text column")
    missing: dict[str, MissingReason] = Field(default_factory=dict, description="ids in the file without a usable label")
    duplicates: dict[str, int] = Field(default_factory=dict, description="ids listed more than once (same label), with the count")
    multi: list[str] = Field(default_factory=list, description="ids given several labels (joined with '|' in `labels`)")
    source: str | None = Field(default=None, description="the file it came from")
    annotator: str | None = None
    is_model: bool = Field(default=False, description="records carried status/confidence: the model's pre-labels")

    @property
    def ids(self) -> list[str]:
        """Every id in the file (labeled or missing), in file order."""
        return list(dict.fromkeys([*self.labels, *self.missing]))


class LabelVariant(BaseModel):
    """A label that is a spelling variant (or alias) of a canonical label."""

    model_config = ConfigDict(extra="forbid")

    raw: str
    canonical: str
    count: int = Field(ge=1)
    kind: Literal["variant", "alias"] = Field(description="'variant': case/width/space; 'alias': a rulebook alias")
    merged: bool = Field(description="True when it was mapped to the canonical label (normalise=True)")


class SetProblems(BaseModel):
    """What is wrong or unusual in one label set."""

    model_config = ConfigDict(extra="forbid")

    name: str
    source: str | None = None
    is_model: bool = False
    n_records: int = Field(ge=0, description="distinct ids in the set")
    n_labeled: int = Field(ge=0, description="ids with a usable label")
    empty_ids: list[str] = Field(default_factory=list)
    abstain_ids: list[str] = Field(default_factory=list)
    error_ids: list[str] = Field(default_factory=list)
    multiple_ids: list[str] = Field(default_factory=list, description="several labels on a single-label task: counted as missing")
    duplicate_ids: dict[str, int] = Field(default_factory=dict)
    absent_ids: list[str] = Field(default_factory=list, description="ids other sets have that this set lacks")
    only_here_ids: list[str] = Field(default_factory=list, description="ids no other set has")
    unknown_labels: dict[str, int] = Field(default_factory=dict, description="labels outside the rulebook, with counts")
    variants: list[LabelVariant] = Field(default_factory=list)

    @property
    def n_missing(self) -> int:
        return len(self.empty_ids) + len(self.abstain_ids) + len(self.error_ids) + len(self.multiple_ids)


def _ids(ids: Sequence[str], limit: int = 10) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f", … (+{len(ids) - limit})" if len(ids) > limit else "")


def _count(count: int, noun: str) -> Message:
    """`3 ids` / `1 id` in English; the bare number where the language counts without a plural."""
    return Message(f"labels.count.{noun}.{'one' if count == 1 else 'other'}", count=count)


class DataProblems(BaseModel):
    """Every data problem found while joining, per set."""

    model_config = ConfigDict(extra="forbid")

    sets: list[SetProblems]
    n_items: int = Field(ge=0, description="ids in any set")
    n_complete: int = Field(ge=0, description="ids with a usable label in every set")
    normalised: bool = False
    rulebook_checked: bool = Field(default=False, description="labels were checked against a rulebook")

    @property
    def has_problems(self) -> bool:
        return bool(self.messages())

    def messages(self, language: str = "en") -> list[str]:
        """One plain sentence per problem, in `language` (English, Chinese or any catalogue language)."""
        language = normalize(language)
        out: list[str] = []

        def say(message_id: str, **values: object) -> None:
            out.append(text(message_id, language, **values))

        for s in self.sets:
            who = Message("labels.who", name=s.name)
            if s.absent_ids:
                say("labels.problem.absent", who=who, n=_count(len(s.absent_ids), "id"), ids=_ids(s.absent_ids))
            if s.only_here_ids and len(self.sets) > 2:
                say("labels.problem.only_here", who=who, n=_count(len(s.only_here_ids), "id"), ids=_ids(s.only_here_ids))
            if s.empty_ids:
                say("labels.problem.empty", who=who, n=_count(len(s.empty_ids), "empty_label"), ids=_ids(s.empty_ids))
            if s.abstain_ids:
                say("labels.problem.abstain", who=who, n=_count(len(s.abstain_ids), "item"), ids=_ids(s.abstain_ids))
            if s.error_ids:
                say("labels.problem.error", who=who, n=_count(len(s.error_ids), "error_record"), ids=_ids(s.error_ids))
            if s.multiple_ids:
                say("labels.problem.multiple", who=who, n=_count(len(s.multiple_ids), "item"), ids=_ids(s.multiple_ids))
            if s.duplicate_ids:
                listed = ", ".join(f"{i} ×{c}" for i, c in list(s.duplicate_ids.items())[:10])
                say("labels.problem.duplicates", who=who, n=_count(len(s.duplicate_ids), "id"), listed=listed)
            if s.unknown_labels:
                listed = ", ".join(f"{label!r} ×{count}" for label, count in s.unknown_labels.items())
                say("labels.problem.unknown", who=who, listed=listed)
            for v in s.variants:
                what = Message(f"labels.variant_kind.{v.kind}")
                values = dict(who=who, raw=v.raw, count=v.count, what=what, canonical=v.canonical)
                say("labels.problem.variant_merged" if v.merged else "labels.problem.variant_not_merged", **values)
        return out


class Joined(BaseModel):
    """Several label sets aligned by item id; ``None`` where a set has no usable label."""

    model_config = ConfigDict(extra="forbid")

    names: list[str] = Field(description="set names, in the order given")
    ids: list[str] = Field(description="every item id in any set, first-seen order")
    table: dict[str, list[str | None]] = Field(description="set name -> labels aligned with `ids`")
    rationales: dict[str, dict[str, str]] = Field(default_factory=dict)
    texts: dict[str, str] = Field(default_factory=dict)
    model_sets: list[str] = Field(default_factory=list, description="names of sets that are the model's pre-labels")
    label_order: list[str] = Field(
        default_factory=list, description="rulebook labels in rulebook order, then other labels seen, sorted"
    )
    rulebook_labels: list[str] = Field(default_factory=list)
    problems: DataProblems

    def column(self, name: str) -> list[str | None]:
        try:
            return self.table[name]
        except KeyError:
            raise InputError(Message("error.label_models.no_such_set", name=name, names=str(self.names))) from None

    def rows(self) -> list[list[str | None]]:
        """One row per item, one label (or None) per set."""
        columns = [self.table[name] for name in self.names]
        return [list(row) for row in zip(*columns)] if columns else []

    @property
    def unknown_labels(self) -> list[str]:
        """Labels used that are not rulebook labels (empty without a rulebook)."""
        if not self.rulebook_labels:
            return []
        known = set(self.rulebook_labels)
        return [label for label in self.label_order if label not in known]

