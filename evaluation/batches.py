"""Quality over time: record each production batch, then watch accuracy and drift batch by batch.

:func:`record_batch` reads one delivered batch (CSV, JSONL, XLSX or a Label Studio JSON export),
optionally with the reviewed QA sample and the model's pre-labels, computes a
:class:`BatchRecord` and stores it as a project artifact of kind ``batch`` (the project moves to
``production`` when it was at ``rulebook`` or ``trial``). A record holds:

* size: items (distinct ids), annotations, cancelled annotations (Label Studio), unlabeled rows;
* the label distribution (share of labeled annotations per label; labels are matched to the
  rulebook's names and aliases ignoring case and width) and annotations per annotator;
* lead time (seconds) median and mean, when the file has a ``lead_time`` column;
* with a reviewed sample: QA accuracy with a Wilson CI (see :func:`evaluation.qa.qa_check`), per
  annotator and per label (the label the annotator gave), and the **rules most often broken**:
  for each wrong item whose reviewed label is known, the label that should have been given and
  that label's first criterion in the rulebook (its definition when it has no criteria), counted;
* with pre-labels: model-vs-human percent agreement and Cohen's kappa over the annotations whose
  item id the model labeled (every annotation is paired with the model's label for its item).

:func:`batch_report` lines the records up and raises flags:

* ``batch_below_threshold``: a batch's QA accuracy is below ``threshold``;
* ``annotator_below_threshold``: an annotator's QA accuracy in a batch is below ``threshold``, with
  the rules they broke most;
* ``label_drift``: the label distribution moved by more than ``tolerance`` between consecutive
  batches, measured by the total variation distance TVD = ½ Σ |p(label) − q(label)| (0 = same
  distribution, 1 = no label in common; 0.1 means a tenth of the annotations would have to change
  label to turn one distribution into the other), naming the labels that moved most;
* ``agreement_drift``: model-vs-human percent agreement moved by more than ``tolerance``
  (absolute, e.g. 0.1 = 10 points) between consecutive batches that both have pre-labels.

Comparisons are strict (a TVD of exactly the tolerance is not flagged; an accuracy of exactly the
threshold passes). Every flag carries a message in English and Chinese.
"""

from __future__ import annotations

import io
import math
import statistics
import warnings
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from assistant.core.errors import InputError
from assistant.core.markdown_safe import safe_markdown
from assistant.core.messages import Items, Message, normalize
from assistant.rulebook.draft import label_key
from assistant.integrations.label_studio_export import MULTI_SEPARATOR
from evaluation.qa import GroupAccuracy, QACheck, qa_check
from assistant.integrations.cells import cell_text

if TYPE_CHECKING:
    from assistant.core.models import Rulebook
    from assistant.service.workspace import Workspace

__all__ = [
    "BATCH_KIND",
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
    "batch_record_from_records",
    "batch_report",
    "project_batches",
    "record_batch",
    "report_markdown",
    "total_variation",
    "trend_chart",
]

BATCH_KIND = "batch"
DEFAULT_THRESHOLD = 0.95
DEFAULT_TOLERANCE = 0.1
LEAD_TIME_FIELDS = ("lead_time", "duration", "duration_seconds", "seconds", "time_spent")
MOVABLE_STATUSES = ("rulebook", "trial")  # a recorded batch moves these projects to production
_EPS = 10  # decimals compared, so 0.1 computed as 0.10000000000000003 is not "beyond" 0.1


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------------------------- #
# Contracts
# --------------------------------------------------------------------------------------------- #


class BrokenRule(_Model):
    """A rule annotators broke: the label wrong items should have had, and its first criterion."""

    label: str = Field(description="the label that should have been given (the reviewed label)")
    rule: str | None = Field(default=None, description="that label's first criterion, else its definition; None when unknown")
    rule_kind: Literal["criterion", "definition"] | None = None
    in_rulebook: bool = Field(default=False, description="the label is one of the rulebook's labels")
    count: int = Field(ge=1)
    given: dict[str, int] = Field(default_factory=dict, description="the labels given instead, with counts")
    ids: list[str] = Field(default_factory=list, description="up to 10 of the wrong items")


class BatchQA(_Model):
    """The reviewed sample of one batch."""

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
    verdict: str
    verdict_zh: str
    basis: str
    per_annotator: list[GroupAccuracy] = Field(default_factory=list)
    per_label: list[GroupAccuracy] = Field(default_factory=list, description="by the label the annotator gave")
    n_wrong: int = Field(default=0, ge=0)
    n_wrong_without_reviewed_label: int = Field(default=0, ge=0, description="wrong items whose right label is unknown")
    broken_rules: list[BrokenRule] = Field(default_factory=list)
    broken_rules_by_annotator: dict[str, list[BrokenRule]] = Field(default_factory=dict)
    notes: list[str] = Field(default_factory=list)
    notes_zh: list[str] = Field(default_factory=list)


# The fields a batch's QA result takes over unchanged from the QA check of its reviewed sample.
_QA_CHECK_FIELDS = frozenset(BatchQA.model_fields) & frozenset(QACheck.model_fields)


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
    notes: list[str] = Field(default_factory=list)
    notes_zh: list[str] = Field(default_factory=list)


class LabelShift(_Model):
    label: str
    before: float
    after: float
    change: float


class Flag(_Model):
    """Something a trainer should look at, with a message in English and Chinese."""

    kind: Literal["batch_below_threshold", "annotator_below_threshold", "label_drift", "agreement_drift"]
    batch: str
    previous_batch: str | None = None
    annotator: str | None = None
    value: float | None = Field(default=None, description="accuracy, TVD or percent agreement")
    previous_value: float | None = None
    limit: float = Field(description="the threshold or tolerance it was compared with")
    message: str
    message_zh: str
    rules: list[BrokenRule] = Field(default_factory=list)
    shifts: list[LabelShift] = Field(default_factory=list)
    _parts: list[Message] = PrivateAttr(default_factory=list)

    def text(self, language: str = "en") -> str:
        """The flag in `language`: from the catalogue when computed now; a flag read back from JSON has only en and zh."""
        if self._parts:
            return "".join(part.render(language) for part in self._parts)
        return self.message_zh if normalize(language) == "zh" else self.message


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


# --------------------------------------------------------------------------------------------- #
# Small helpers
# --------------------------------------------------------------------------------------------- #


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(str(value).strip()) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and number >= 0 else None


def _pct(value: float | None) -> str:
    if value is None:
        return "—"
    text = f"{value * 100:.1f}".rstrip("0").rstrip(".")
    return f"{text}%"


def _pts(delta: float) -> str:
    text = f"{abs(delta) * 100:.1f}".rstrip("0").rstrip(".")
    return f"{'+' if delta >= 0 else '−'}{text}"


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _beyond(value: float, limit: float) -> bool:
    return round(value, _EPS) > round(limit, _EPS)


def _below(value: float, limit: float) -> bool:
    return round(value, _EPS) < round(limit, _EPS)


def _canonicalizer(rulebook: "Rulebook | None") -> Callable[[str], str]:
    """raw label -> the rulebook's name (by name or alias, ignoring case/width), else the first spelling seen."""
    by_key: dict[str, str] = {}
    if rulebook is not None:
        for rule in rulebook.labels:
            by_key[label_key(rule.name)] = rule.name
        for rule in rulebook.labels:
            for alias in rule.aliases:
                by_key.setdefault(label_key(alias), rule.name)
    seen: dict[str, str] = {}

    def canon(raw: str) -> str:
        raw = raw.strip()
        if MULTI_SEPARATOR in raw:
            return MULTI_SEPARATOR.join(canon(part) for part in raw.split(MULTI_SEPARATOR) if part.strip())
        key = label_key(raw)
        if key in by_key:
            return by_key[key]
        return seen.setdefault(key, raw)

    return canon


def _rule_of(rulebook: "Rulebook | None", label: str) -> tuple[str | None, str | None, bool]:
    if rulebook is None:
        return None, None, False
    rule = rulebook.label(label) or next((r for r in rulebook.labels if label_key(r.name) == label_key(label)), None)
    if rule is None:
        return None, None, False
    criteria = [c for c in rule.criteria if c.strip()]
    if criteria:
        return criteria[0], "criterion", True
    if rule.definition.strip():
        return rule.definition, "definition", True
    return None, None, True


def _present(records: Sequence[Mapping[str, Any]]) -> set[str]:
    return set().union(*(r.keys() for r in records)) if records else set()


# --------------------------------------------------------------------------------------------- #
# Computing one batch
# --------------------------------------------------------------------------------------------- #


def _broken_rules(wrong: list[Any], rulebook: "Rulebook | None", canon: Callable[[str], str]) -> tuple[list[BrokenRule], int]:
    groups: dict[str, list[Any]] = defaultdict(list)
    unknown = 0
    for item in wrong:
        if not item.reviewed_label:
            unknown += 1
            continue
        groups[canon(item.reviewed_label)].append(item)
    out = []
    for label, items in groups.items():
        rule, kind, known = _rule_of(rulebook, label)
        given = Counter(canon(i.label) if i.label else "(empty)" for i in items)
        out.append(
            BrokenRule(
                label=label,
                rule=rule,
                rule_kind=kind,  # type: ignore[arg-type]
                in_rulebook=known,
                count=len(items),
                given=dict(given.most_common()),
                ids=[i.id for i in items if i.id][:10],
            )
        )
    out.sort(key=lambda r: (-r.count, r.label))
    return out, unknown


def _qa(
    reviewed: Sequence[Mapping[str, Any]],
    batch: Sequence[Mapping[str, Any]],
    *,
    source: str,
    rulebook: "Rulebook | None",
    canon: Callable[[str], str],
    threshold: float,
    label_field: str,
    correct_field: str,
    id_field: str,
    annotator_field: str,
    confidence: float,
) -> BatchQA:
    if not reviewed:
        raise InputError(f"{source}: the reviewed sample has no records")
    present = _present(reviewed)
    if id_field not in present:
        raise InputError(f"{source}: the reviewed sample needs an {id_field!r} column to match the batch; it has {sorted(present)}")
    by_pair: dict[tuple[str, str], Mapping[str, Any]] = {}
    by_id: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for record in batch:
        item_id = cell_text(record.get(id_field))
        if item_id is None:
            continue
        by_id[item_id].append(record)
        who = cell_text(record.get(annotator_field))
        if who is not None:
            by_pair.setdefault((item_id, who), record)
    enriched: list[dict[str, Any]] = []
    not_in_batch: list[str] = []
    ambiguous: list[str] = []
    gold_fields = ("reviewed_label", "gold", "gold_label")
    for record in reviewed:
        row = dict(record)
        item_id = cell_text(row.get(id_field))
        who = cell_text(row.get(annotator_field))
        match: Mapping[str, Any] | None = None
        if item_id is not None:
            if item_id not in by_id:
                not_in_batch.append(item_id)
            elif who is not None:
                match = by_pair.get((item_id, who))
            elif len(by_id[item_id]) == 1:
                match = by_id[item_id][0]
            elif cell_text(row.get(label_field)) is None:
                ambiguous.append(item_id)
        if match is not None:
            for name in (label_field, annotator_field):
                if cell_text(row.get(name)) is None and cell_text(match.get(name)) is not None:
                    row[name] = match.get(name)
        for name in (label_field, *gold_fields):
            value = cell_text(row.get(name))
            if value is not None:
                row[name] = canon(value)
        enriched.append(row)
    check = qa_check(
        enriched,
        threshold,
        label_field=label_field,
        reviewed_field=correct_field,
        id_field=id_field,
        annotator_field=annotator_field,
        confidence=confidence,
        source=source,
    )
    broken, unknown = _broken_rules(check.wrong, rulebook, canon)
    by_annotator: dict[str, list[Any]] = defaultdict(list)
    for item in check.wrong:
        by_annotator[item.annotator or "(unknown)"].append(item)
    broken_by_annotator = {who: _broken_rules(items, rulebook, canon)[0] for who, items in sorted(by_annotator.items())}
    notes, notes_zh = list(check.notes), list(check.notes_zh)
    if not_in_batch:
        shown = ", ".join(not_in_batch[:10])
        notes.append(f"{len(not_in_batch)} reviewed item(s) are not in the batch file: {shown}")
        notes_zh.append(f"有 {len(not_in_batch)} 条复核记录不在本批次文件中：{shown}")
    if ambiguous:
        shown = ", ".join(ambiguous[:10])
        notes.append(
            f"{len(ambiguous)} reviewed item(s) were labeled by several annotators and the review names none "
            f"(add an {annotator_field!r} column): {shown}"
        )
        notes_zh.append(f"有 {len(ambiguous)} 条复核记录对应多位标注员，但未写明是哪位（请加 {annotator_field!r} 列）：{shown}")
    if unknown:
        notes.append(
            f"{unknown} wrong item(s) have no reviewed label, so the rule they broke is unknown; "
            "fill in 'reviewed_label' to see which rules are broken"
        )
        notes_zh.append(f"有 {unknown} 条错误记录没有填写正确标签（reviewed_label），无法判断违反了哪条规则")
    verdict_fields = _QA_CHECK_FIELDS - {"per_annotator", "notes", "notes_zh"}
    return BatchQA(
        **{name: getattr(check, name) for name in verdict_fields},
        source=source,
        per_annotator=check.per_annotator if annotator_field in _present(enriched) else [],
        n_wrong=len(check.wrong),
        n_wrong_without_reviewed_label=unknown,
        broken_rules=broken,
        broken_rules_by_annotator=broken_by_annotator,
        notes=notes,
        notes_zh=notes_zh,
    )


_MODEL_MISSING = {"abstain", "error"}


def _model_agreement(
    batch: Sequence[Mapping[str, Any]],
    prelabels: Sequence[Mapping[str, Any]],
    *,
    source: str,
    canon: Callable[[str], str],
    label_field: str,
    id_field: str,
    annotator_field: str,
    model_label_field: str = "label",
) -> ModelAgreement:
    from evaluation.metrics import cohen_kappa, percent_agreement

    if not prelabels:
        raise InputError(f"{source}: the pre-labels file has no records")
    present = _present(prelabels)
    missing = [c for c in (id_field, model_label_field) if c not in present]
    if missing:
        raise InputError(f"{source}: the pre-labels need column(s) {missing}; the file has {sorted(present)}")
    model: dict[str, str] = {}
    model_ids: set[str] = set()
    n_missing = 0
    for record in prelabels:
        item_id = cell_text(record.get(id_field))
        if item_id is None:
            continue
        model_ids.add(item_id)
        label = cell_text(record.get(model_label_field))
        status = cell_text(record.get("status"))
        if label is None or status in _MODEL_MISSING or label_key(label) == "abstain":
            n_missing += 1
            continue
        model.setdefault(item_id, label_key(canon(label)))
    human: list[str] = []
    machine: list[str] = []
    per_annotator: dict[str, list[bool]] = defaultdict(list)
    items: set[str] = set()
    unmatched: set[str] = set()
    batch_ids: set[str] = set()
    for record in batch:
        item_id = cell_text(record.get(id_field))
        label = cell_text(record.get(label_field))
        if item_id is None:
            continue
        batch_ids.add(item_id)
        if label is None:
            continue
        if item_id not in model:
            unmatched.add(item_id)
            continue
        h = label_key(canon(label))
        human.append(h)
        machine.append(model[item_id])
        items.add(item_id)
        per_annotator[cell_text(record.get(annotator_field)) or "(unknown)"].append(h == model[item_id])
    if not (model_ids & batch_ids):
        raise InputError(
            f"{source}: the pre-labels share no item id with the batch (pre-label ids such as "
            f"{', '.join(sorted(model_ids)[:3]) or '(none)'}); is it the pre-label file of this batch?"
        )
    agreement = percent_agreement(human, machine) if human else None
    kappa = cohen_kappa(human, machine) if human else None
    return ModelAgreement(
        source=source,
        n_items=len(items),
        n_pairs=len(human),
        percent_agreement=agreement.value if agreement is not None else None,
        cohen_kappa=kappa.value if kappa is not None else None,
        kappa_note="" if kappa is None or kappa.defined else kappa.explanation,
        n_model_missing=n_missing,
        n_unmatched=len(unmatched),
        per_annotator={who: sum(v) / len(v) for who, v in sorted(per_annotator.items()) if v},
    )


def batch_record_from_records(
    records: Sequence[Mapping[str, Any]],
    *,
    name: str,
    source: str = "",
    source_format: Literal["table", "label-studio"] = "table",
    reviewed: Sequence[Mapping[str, Any]] | None = None,
    reviewed_source: str = "the reviewed sample",
    prelabels: Sequence[Mapping[str, Any]] | None = None,
    prelabels_source: str = "the pre-labels",
    rulebook: "Rulebook | None" = None,
    label_field: str = "label",
    correct_field: str = "correct",
    id_field: str = "id",
    annotator_field: str = "annotator",
    threshold: float | None = None,
    confidence: float = 0.95,
    n_cancelled: int = 0,
    recorded_at: str | None = None,
) -> BatchRecord:
    """A :class:`BatchRecord` from records already in memory (what :func:`record_batch` stores)."""
    where = source or name
    if not records:
        raise InputError(f"{where}: the batch has no annotation records")
    present = _present(records)
    missing = [c for c in (id_field, label_field) if c not in present]
    if missing:
        hint = " (choose the label column with --label-field)" if label_field in missing else ""
        raise InputError(f"{where}: missing column(s) {missing}; the file has {sorted(present)}{hint}")
    if threshold is None:
        threshold = rulebook.quality.acceptance_accuracy if rulebook is not None else DEFAULT_THRESHOLD
    canon = _canonicalizer(rulebook)

    ids = {item_id for item_id in (cell_text(r.get(id_field)) for r in records) if item_id is not None}
    counts: Counter[str] = Counter()
    n_unlabeled = 0
    for record in records:
        label = cell_text(record.get(label_field))
        if label is None:
            n_unlabeled += 1
        else:
            counts[canon(label)] += 1
    basis: Literal["labels", "spans"] = "labels"
    if not counts:  # span annotations (NER): the distribution of span labels
        for record in records:
            spans = record.get("spans")
            if isinstance(spans, list):
                for span in spans:
                    if isinstance(span, Mapping) and cell_text(span.get("label")):
                        counts[canon(str(span["label"]))] += 1
        if counts:
            basis = "spans"
    total = sum(counts.values())
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if rulebook is not None:
        order = {n: i for i, n in enumerate(rulebook.label_names)}
        ordered = sorted(counts.items(), key=lambda kv: (order.get(kv[0], len(order)), -kv[1], kv[0]))
    label_counts = dict(ordered)
    distribution = {label: count / total for label, count in ordered} if total else {}

    annotators: Counter[str] = Counter()
    if annotator_field in present:
        for record in records:
            annotators[cell_text(record.get(annotator_field)) or "(unknown)"] += 1

    lead_field = next((f for f in LEAD_TIME_FIELDS if f in present), None)
    times = [t for t in (_number(r.get(lead_field)) for r in records) if t is not None] if lead_field else []

    notes: list[str] = []
    notes_zh: list[str] = []
    if n_unlabeled and basis == "labels":
        notes.append(f"{n_unlabeled} annotation(s) without a {label_field!r} value, left out of the label distribution")
        notes_zh.append(f"有 {n_unlabeled} 条标注没有 {label_field!r}，未计入标签分布")
    if rulebook is not None:
        known = {label_key(n) for n in rulebook.label_names}
        outside = [
            label
            for label in counts
            if not all(label_key(part) in known for part in label.split(MULTI_SEPARATOR))
        ]
        if outside:
            notes.append(f"label(s) not in the rulebook: {', '.join(outside)}")
            notes_zh.append(f"规则书中没有的标签：{'、'.join(outside)}")

    qa = None
    if reviewed is not None:
        qa = _qa(
            reviewed,
            records,
            source=reviewed_source,
            rulebook=rulebook,
            canon=canon,
            threshold=threshold,
            label_field=label_field,
            correct_field=correct_field,
            id_field=id_field,
            annotator_field=annotator_field,
            confidence=confidence,
        )
    agreement = None
    if prelabels is not None:
        agreement = _model_agreement(
            records,
            prelabels,
            source=prelabels_source,
            canon=canon,
            label_field=label_field,
            id_field=id_field,
            annotator_field=annotator_field,
        )
    return BatchRecord(
        name=name,
        recorded_at=recorded_at or datetime.now(timezone.utc).isoformat(timespec="seconds"),
        source=source,
        source_format=source_format,
        label_field=label_field,
        n_items=len(ids),
        n_annotations=len(records),
        n_unlabeled=n_unlabeled,
        n_cancelled=n_cancelled,
        label_counts=label_counts,
        label_distribution=distribution,
        distribution_basis=basis,
        annotators=dict(sorted(annotators.items(), key=lambda kv: (-kv[1], kv[0]))),
        lead_time_median=statistics.median(times) if times else None,
        lead_time_mean=statistics.fmean(times) if times else None,
        lead_time_n=len(times),
        rulebook_version=rulebook.version if rulebook is not None else None,
        qa=qa,
        model_agreement=agreement,
        notes=notes,
        notes_zh=notes_zh,
    )


# --------------------------------------------------------------------------------------------- #
# Recording a batch in a project
# --------------------------------------------------------------------------------------------- #


def _resolve_rulebook(ws: "Workspace", project_id: str, rulebook: "Rulebook | Path | str | None") -> "Rulebook | None":
    from assistant.core.models import Rulebook

    if isinstance(rulebook, Rulebook):
        return rulebook
    if rulebook is not None:
        from assistant.rulebook.export import load_rulebook

        return load_rulebook(Path(rulebook))
    rows = ws.store.artifacts(project_id, "rulebook")
    if not rows:
        return None
    try:
        return Rulebook.model_validate(rows[-1].payload)
    except Exception:  # noqa: BLE001 - a stored rulebook that no longer validates is simply not used
        return None


def _stored_batches(ws: "Workspace", project_id: str) -> list[BatchRecord]:
    out = []
    for row in ws.store.artifacts(project_id, BATCH_KIND):
        record = BatchRecord.model_validate(row.payload)
        out.append(record.model_copy(update={"version": row.version, "project_id": project_id}))
    return out


def project_batches(ws: "Workspace", project_id: str) -> list[BatchRecord]:
    """The project's batches in the order first recorded; a batch recorded again under the same name
    counts with its latest record (earlier records stay in the store)."""
    ws.store.project(project_id)  # an unknown id is reported as such
    latest: dict[str, BatchRecord] = {}
    for record in _stored_batches(ws, project_id):
        latest[record.name] = record  # dict keeps the first insertion position, the value is the latest
    return list(latest.values())


def record_batch(
    ws: "Workspace",
    project_id: str,
    labels_path: Path | str,
    *,
    name: str | None = None,
    reviewed_path: Path | str | None = None,
    prelabels_path: Path | str | None = None,
    rulebook: "Rulebook | Path | str | None" = None,
    label_field: str = "label",
    correct_field: str = "correct",
    id_field: str = "id",
    annotator_field: str = "annotator",
    threshold: float | None = None,
    confidence: float = 0.95,
) -> BatchRecord:
    """Read a production batch (and its reviewed sample and pre-labels), store its record, return it.

    ``rulebook`` (a Rulebook or a JSON path) names the rules broken; without it the project's latest
    rulebook is used, if any. The QA threshold is ``threshold``, else the rulebook's acceptance
    accuracy, else 0.95. The project moves to ``production`` when it was at ``rulebook`` or ``trial``.
    """
    from assistant.integrations.label_studio_export import load_batch_file

    project = ws.store.project(project_id)
    labels_path = Path(labels_path)
    rb = _resolve_rulebook(ws, project_id, rulebook)
    records, imported = load_batch_file(labels_path, label_names=rb.label_names if rb is not None else None)
    if imported is not None and not records:
        raise InputError(
            f"{labels_path}: the Label Studio export has {imported.n_tasks} task(s) but no submitted annotation"
            + (f" ({imported.n_cancelled} cancelled)" if imported.n_cancelled else "")
        )
    reviewed = None
    if reviewed_path is not None:
        from assistant.integrations.label_studio_export import load_batch_records

        reviewed = load_batch_records(reviewed_path)
    prelabels = None
    prelabels_source = str(prelabels_path) if prelabels_path is not None else ""
    if prelabels_path is not None:
        pre_records, pre_import = load_batch_file(prelabels_path)
        prelabels = pre_import.predictions if pre_import is not None else pre_records
        if pre_import is not None and not prelabels:
            raise InputError(f"{prelabels_path}: the Label Studio export has no predictions to use as pre-labels")
    elif imported is not None and imported.predictions:
        prelabels = imported.predictions
        prelabels_source = f"{labels_path} (Label Studio predictions)"

    stored = _stored_batches(ws, project_id)
    taken = {record.name for record in stored}
    replaces = None
    if name is None or not name.strip():
        base = labels_path.stem
        name, k = base, len(stored) + 1
        while name in taken:
            name, k = f"{base} #{k}", k + 1
    else:
        name = name.strip()
        replaces = next((r for r in reversed(stored) if r.name == name), None)

    record = batch_record_from_records(
        records,
        name=name,
        source=str(labels_path),
        source_format="label-studio" if imported is not None else "table",
        reviewed=reviewed,
        reviewed_source=str(reviewed_path),
        prelabels=prelabels,
        prelabels_source=prelabels_source,
        rulebook=rb,
        label_field=label_field,
        correct_field=correct_field,
        id_field=id_field,
        annotator_field=annotator_field,
        threshold=threshold,
        confidence=confidence,
        n_cancelled=imported.n_cancelled if imported is not None else 0,
    )
    notes, notes_zh = list(record.notes), list(record.notes_zh)
    if imported is not None:
        notes = imported.notes + notes
        notes_zh = imported.notes_zh + notes_zh
    if replaces is not None:
        notes.append(f"replaces the earlier record of batch {name!r} (version {replaces.version}) in reports")
        notes_zh.append(f"替换此前记录的同名批次「{name}」（第 {replaces.version} 版）")
    record = record.model_copy(update={"project_id": project_id, "notes": notes, "notes_zh": notes_zh})
    row = ws.store.add_artifact(project_id, BATCH_KIND, record.model_dump(mode="json"), note=name)
    if project.status in MOVABLE_STATUSES:
        ws.store.set_status(project_id, "production")
    return record.model_copy(update={"version": row.version})


# --------------------------------------------------------------------------------------------- #
# The report over batches
# --------------------------------------------------------------------------------------------- #


def total_variation(p: Mapping[str, float], q: Mapping[str, float]) -> float:
    """Total variation distance ½ Σ |p − q| between two label distributions (labels compared by label_key)."""
    a: dict[str, float] = defaultdict(float)
    b: dict[str, float] = defaultdict(float)
    for label, share in p.items():
        a[label_key(label)] += share
    for label, share in q.items():
        b[label_key(label)] += share
    return 0.5 * sum(abs(a.get(k, 0.0) - b.get(k, 0.0)) for k in set(a) | set(b))


def _shifts(p: Mapping[str, float], q: Mapping[str, float]) -> list[LabelShift]:
    names: dict[str, str] = {}
    a: dict[str, float] = defaultdict(float)
    b: dict[str, float] = defaultdict(float)
    for label, share in p.items():
        names.setdefault(label_key(label), label)
        a[label_key(label)] += share
    for label, share in q.items():
        names[label_key(label)] = label  # the latest spelling
        b[label_key(label)] += share
    shifts = [
        LabelShift(label=names[k], before=a.get(k, 0.0), after=b.get(k, 0.0), change=b.get(k, 0.0) - a.get(k, 0.0))
        for k in names
    ]
    shifts = [s for s in shifts if round(s.change, _EPS) != 0]
    shifts.sort(key=lambda s: (-round(abs(s.change), _EPS), s.label))
    return shifts


def _rules_text(rules: Sequence[BrokenRule], limit: int = 3) -> Items:
    parts = []
    for rule in rules[:limit]:
        if rule.rule:
            parts.append(Message("batches.rule", label=rule.label, rule=_short(rule.rule), count=rule.count))
        elif rule.in_rulebook:
            parts.append(Message("batches.rule_label", label=rule.label, count=rule.count))
        else:
            parts.append(Message("batches.rule_not_in_rulebook", label=rule.label, count=rule.count))
    return Items(parts, plain=True, separator="list.part_separator")


def _shifts_text(shifts: Sequence[LabelShift], limit: int = 3) -> Items:
    return Items(
        [
            Message("batches.shift", label=s.label, before=_pct(s.before), after=_pct(s.after), change=_pts(s.change))
            for s in shifts[:limit]
        ],
        plain=True,
        separator="list.part_separator",
    )


def _flag(parts: list[Message], **fields: Any) -> "Flag":
    """A flag whose text is `parts` in a row; `message` / `message_zh` keep the English and Chinese for JSON."""
    flag = Flag(
        message="".join(part.render("en") for part in parts),
        message_zh="".join(part.render("zh") for part in parts),
        **fields,
    )
    flag._parts = parts
    return flag


def _batch_flag(record: BatchRecord, threshold: float) -> Flag:
    qa = record.qa
    assert qa is not None
    level = f"{qa.confidence:.0%}"
    ci = f"{_pct(qa.ci_low)}–{_pct(qa.ci_high)}"
    parts = [
        Message(
            "batches.flag.batch_below",
            batch=record.name,
            accuracy=_pct(qa.accuracy),
            threshold=_pct(threshold),
            correct=qa.n_correct,
            reviewed=qa.n_reviewed,
            level=level,
            ci=ci,
        )
    ]
    if qa.broken_rules:
        parts.append(Message("batches.flag.rules_broken", rules=_rules_text(qa.broken_rules)))
    if not _below(qa.ci_high, threshold):
        parts.append(Message("batches.flag.batch_ci_reaches"))
    return _flag(parts, kind="batch_below_threshold", batch=record.name, value=qa.accuracy, limit=threshold, rules=qa.broken_rules[:5])


def _annotator_flag(record: BatchRecord, group: GroupAccuracy, threshold: float) -> Flag:
    qa = record.qa
    assert qa is not None and group.accuracy is not None
    rules = qa.broken_rules_by_annotator.get(group.name, [])
    level = f"{qa.confidence:.0%}"
    ci = f"{_pct(group.ci_low)}–{_pct(group.ci_high)}"
    parts = [
        Message(
            "batches.flag.annotator_below",
            batch=record.name,
            annotator=group.name,
            accuracy=_pct(group.accuracy),
            threshold=_pct(threshold),
            correct=group.correct,
            reviewed=group.n,
            level=level,
            ci=ci,
        )
    ]
    if rules:
        parts.append(Message("batches.flag.annotator_rules", rules=_rules_text(rules)))
    elif group.correct < group.n:
        parts.append(Message("batches.flag.no_right_labels"))
    if group.ci_high is not None and not _below(group.ci_high, threshold):
        parts.append(Message("batches.flag.annotator_ci_reaches", reviewed=group.n))
    return _flag(
        parts,
        kind="annotator_below_threshold",
        batch=record.name,
        annotator=group.name,
        value=group.accuracy,
        limit=threshold,
        rules=rules[:5],
    )


def _drift_flag(previous: BatchRecord, record: BatchRecord, tvd: float, tolerance: float) -> Flag:
    shifts = _shifts(previous.label_distribution, record.label_distribution)
    parts = [
        Message(
            "batches.flag.label_drift",
            previous=previous.name,
            batch=record.name,
            tvd=f"{tvd:.2f}",
            tolerance=f"{tolerance:.2f}",
            shifts=_shifts_text(shifts),
        )
    ]
    return _flag(
        parts, kind="label_drift", batch=record.name, previous_batch=previous.name, value=tvd, limit=tolerance, shifts=shifts[:5]
    )


def _agreement_flag(previous: BatchRecord, record: BatchRecord, tolerance: float) -> Flag:
    before = previous.model_agreement.percent_agreement  # type: ignore[union-attr]
    after = record.model_agreement.percent_agreement  # type: ignore[union-attr]
    assert before is not None and after is not None
    delta = after - before
    k_before = previous.model_agreement.cohen_kappa  # type: ignore[union-attr]
    k_after = record.model_agreement.cohen_kappa  # type: ignore[union-attr]
    kappa: Message | str = ""
    if k_before is not None and k_after is not None:
        kappa = Message("batches.flag.kappa", before=f"{k_before:.2f}", after=f"{k_after:.2f}")
    values = dict(
        previous=previous.name,
        batch=record.name,
        before=_pct(before),
        after=_pct(after),
        change=_pts(delta),
        tolerance=_pct(tolerance),
        kappa=kappa,
    )
    parts = [Message("batches.flag.agreement_fell" if delta < 0 else "batches.flag.agreement_rose", **values)]
    return _flag(
        parts,
        kind="agreement_drift",
        batch=record.name,
        previous_batch=previous.name,
        value=after,
        previous_value=before,
        limit=tolerance,
    )


def batch_report(
    records: Sequence[BatchRecord],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    tolerance: float = DEFAULT_TOLERANCE,
) -> BatchReport:
    """Accuracy per batch, per annotator and per label over time, and the flags (see the module docstring)."""
    if not 0.0 <= threshold <= 1.0:
        raise InputError(f"threshold must be between 0 and 1 (e.g. 0.95), got {threshold}")
    if not 0.0 <= tolerance <= 1.0:
        raise InputError(f"tolerance must be between 0 and 1 (e.g. 0.1), got {tolerance}")
    records = list(records)
    names = [r.name for r in records]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise InputError(f"batch name(s) {dupes} appear twice; give each batch its own name")

    rows: list[BatchRow] = []
    flags: list[Flag] = []
    previous_dist: BatchRecord | None = None
    previous_agree: BatchRecord | None = None
    for record in records:
        qa = record.qa
        tvd = None
        if record.label_distribution:
            if previous_dist is not None:
                tvd = total_variation(previous_dist.label_distribution, record.label_distribution)
            current_prev_dist = previous_dist
            previous_dist = record
        else:
            current_prev_dist = None
        agreement = record.model_agreement
        rows.append(
            BatchRow(
                name=record.name,
                version=record.version,
                recorded_at=record.recorded_at,
                n_items=record.n_items,
                n_annotations=record.n_annotations,
                n_reviewed=qa.n_reviewed if qa else None,
                accuracy=qa.accuracy if qa else None,
                ci_low=qa.ci_low if qa else None,
                ci_high=qa.ci_high if qa else None,
                below_threshold=_below(qa.accuracy, threshold) if qa else None,
                label_drift=tvd,
                model_agreement=agreement.percent_agreement if agreement else None,
                model_kappa=agreement.cohen_kappa if agreement else None,
                lead_time_median=record.lead_time_median,
            )
        )
        if qa is not None:
            if _below(qa.accuracy, threshold):
                flags.append(_batch_flag(record, threshold))
            for group in qa.per_annotator:
                if group.accuracy is not None and _below(group.accuracy, threshold):
                    flags.append(_annotator_flag(record, group, threshold))
        if tvd is not None and current_prev_dist is not None and _beyond(tvd, tolerance):
            flags.append(_drift_flag(current_prev_dist, record, tvd, tolerance))
        if agreement is not None and agreement.percent_agreement is not None:
            if previous_agree is not None:
                delta = agreement.percent_agreement - previous_agree.model_agreement.percent_agreement  # type: ignore[union-attr,operator]
                if _beyond(abs(delta), tolerance):
                    flags.append(_agreement_flag(previous_agree, record, tolerance))
            previous_agree = record

    def trend(groups_of: Callable[[BatchQA], list[GroupAccuracy]], order: list[str] | None = None) -> list[TrendRow]:
        seen: dict[str, None] = {}
        for record in records:
            if record.qa is not None:
                seen.update(dict.fromkeys(g.name for g in groups_of(record.qa)))
        keys = list(seen)
        if order is not None:
            rank = {n: i for i, n in enumerate(order)}
            keys.sort(key=lambda n: (rank.get(n, len(rank)), n))
        else:
            keys.sort()
        out = []
        for key in keys:
            cells: list[GroupAccuracy | None] = []
            for record in records:
                found = None
                if record.qa is not None:
                    found = next((g for g in groups_of(record.qa) if g.name == key), None)
                cells.append(found)
            out.append(TrendRow(name=key, cells=cells))
        return out

    label_order: dict[str, None] = {}
    for record in records:
        label_order.update(dict.fromkeys(record.label_distribution))
    distribution = [  # a label a batch did not use has share 0 there; a batch without labels has None
        DistributionRow(
            label=label, shares=[r.label_distribution.get(label, 0.0) if r.label_distribution else None for r in records]
        )
        for label in label_order
    ]
    return BatchReport(
        threshold=threshold,
        tolerance=tolerance,
        batches=names,
        rows=rows,
        per_annotator=trend(lambda qa: qa.per_annotator),
        per_label=trend(lambda qa: qa.per_label, list(label_order)),
        distribution=distribution,
        broken_rules={r.name: r.qa.broken_rules for r in records if r.qa is not None and r.qa.broken_rules},
        flags=flags,
    )


# --------------------------------------------------------------------------------------------- #
# Chart and Markdown
# --------------------------------------------------------------------------------------------- #


def _chart_rc(texts: Sequence[str]) -> dict[Any, Any]:
    from evaluation.plots import _CJK, CJKFontWarning, find_cjk_font

    font = find_cjk_font()
    rc: dict[str, Any] = {"font.family": "sans-serif", "axes.unicode_minus": False}
    if font:
        rc["font.sans-serif"] = [font, "DejaVu Sans"]
    elif any(_CJK.search(t or "") for t in texts):
        warnings.warn(
            "no CJK font found, so Chinese names in the chart may show as boxes; install one "
            "(Debian/Ubuntu: apt-get install fonts-noto-cjk; macOS and Windows ship one)",
            CJKFontWarning,
            stacklevel=3,
        )
    return rc


_CHART_TEXT = {
    "en": {"title": "QA accuracy per batch", "y": "accuracy", "x": "batch", "batch": "batch (95% CI)",
           "below": "below threshold", "threshold": "threshold {thr}"},
    "zh": {"title": "各批次抽检准确率", "y": "准确率", "x": "批次", "batch": "批次（95% 置信区间）",
           "below": "低于阈值", "threshold": "阈值 {thr}"},
}


def trend_chart(
    report: BatchReport, path: Path | str, *, title: str | None = None, language: str = "en", annotators: bool = True
) -> Path:
    """A PNG line chart of QA accuracy per batch (with its CI), per annotator, and the threshold; written atomically."""
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from assistant.integrations.datafiles import atomic_writer

    if not any(row.accuracy is not None for row in report.rows):
        raise InputError("no batch has a reviewed QA sample, so there is no accuracy to chart; record batches with --reviewed")
    if language not in _CHART_TEXT:
        raise InputError(f"language must be en or zh, got {language!r}")
    words = _CHART_TEXT[language]
    nan = float("nan")
    x = list(range(len(report.batches)))
    title = title or words["title"]
    texts = [title, words["x"], *report.batches, *(row.name for row in report.per_annotator)]
    with rc_context(_chart_rc(texts)):
        figure = Figure(figsize=(min(4.0 + 1.1 * len(x), 16.0), 4.6))
        FigureCanvasAgg(figure)
        ax = figure.add_subplot(1, 1, 1)
        values: list[float] = []
        if annotators:
            for row in report.per_annotator:
                ys = [cell.accuracy if cell is not None and cell.accuracy is not None else nan for cell in row.cells]
                values += [y for y in ys if not math.isnan(y)]
                ax.plot(x, ys, marker="o", markersize=3, linewidth=1, alpha=0.6, label=row.name)
        ys = [row.accuracy if row.accuracy is not None else nan for row in report.rows]
        lows = [row.accuracy - row.ci_low if row.accuracy is not None and row.ci_low is not None else 0 for row in report.rows]
        highs = [row.ci_high - row.accuracy if row.accuracy is not None and row.ci_high is not None else 0 for row in report.rows]
        values += [y for y in ys if not math.isnan(y)]
        values += [row.ci_low for row in report.rows if row.ci_low is not None]
        ax.errorbar(x, ys, yerr=[lows, highs], color="black", linewidth=2.2, marker="o", capsize=4, label=words["batch"], zorder=3)
        below = [(i, y) for i, y in zip(x, ys) if not math.isnan(y) and _below(y, report.threshold)]
        if below:
            ax.scatter([i for i, _ in below], [y for _, y in below], color="red", s=70, zorder=4, label=words["below"])
        ax.axhline(report.threshold, color="red", linestyle="--", linewidth=1.2, label=words["threshold"].format(thr=_pct(report.threshold)))
        low = min([*values, report.threshold]) if values else report.threshold
        ax.set_ylim(max(0.0, low - 0.05), 1.02)
        ax.set_xticks(x, report.batches, rotation=30 if len(x) > 6 else 0, ha="right" if len(x) > 6 else "center")
        ax.set_xlim(-0.5, len(x) - 0.5)
        ax.set_ylabel(words["y"])
        ax.set_xlabel(words["x"])
        ax.set_title(title)
        ax.grid(axis="y", alpha=0.3)
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
        buffer = io.BytesIO()
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r"Glyph .* missing from font")
            figure.savefig(buffer, format="png", dpi=120, bbox_inches="tight")
    path = Path(path)
    with atomic_writer(path, "wb") as stream:
        stream.write(buffer.getvalue())
    return path


_TEXT: dict[str, dict[str, Any]] = {
    "en": {
        "title": "Quality over time",
        "summary": "{n} batch(es); threshold {thr}, drift tolerance {tol}.",
        "flags": "Flags",
        "no_flags": "No flags: every reviewed batch and annotator meets the threshold, and nothing drifted beyond the tolerance.",
        "batches": "Accuracy per batch",
        "cols": ["batch", "recorded", "items", "annotations", "reviewed", "accuracy", "95% CI", "label drift (TVD)", "model agreement", "model κ", "lead time (median s)"],
        "annotators": "Accuracy per annotator",
        "labels": "Accuracy per label (by the label given)",
        "distribution": "Label distribution",
        "rules": "Rules most often broken",
        "rule_cols": ["batch", "should have been", "rule", "times", "given instead"],
        "name": "annotator",
        "label": "label",
        "none": "no reviewed sample recorded",
        "not_in_rb": "(not a rulebook label)",
    },
    "zh": {
        "title": "批次质量趋势",
        "summary": "共 {n} 个批次；验收阈值 {thr}，漂移容差 {tol}。",
        "flags": "预警",
        "no_flags": "无预警：所有已抽检的批次和标注员都达到阈值，也没有超出容差的漂移。",
        "batches": "各批次准确率",
        "cols": ["批次", "记录时间", "条目数", "标注数", "抽检数", "准确率", "95% 置信区间", "标签分布漂移（TVD）", "模型一致率", "模型 κ", "用时（中位数，秒）"],
        "annotators": "各标注员准确率",
        "labels": "各标签准确率（按标注的标签）",
        "distribution": "标签分布",
        "rules": "最常违反的规则",
        "rule_cols": ["批次", "应标为", "规则", "次数", "实际标为"],
        "name": "标注员",
        "label": "标签",
        "none": "尚无抽检记录",
        "not_in_rb": "（规则书中无此标签）",
    },
}

_FLAG_TITLE = {
    "en": {
        "batch_below_threshold": "batch below threshold",
        "annotator_below_threshold": "annotator below threshold",
        "label_drift": "label drift",
        "agreement_drift": "model-vs-human agreement drift",
    },
    "zh": {
        "batch_below_threshold": "批次低于阈值",
        "annotator_below_threshold": "标注员低于阈值",
        "label_drift": "标签分布漂移",
        "agreement_drift": "模型与人工一致率漂移",
    },
}


def _md(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _acc_cell(cell: GroupAccuracy | None) -> str:
    if cell is None or cell.accuracy is None:
        return "—"
    return f"{_pct(cell.accuracy)} ({cell.correct}/{cell.n})"


def report_markdown(report: BatchReport, language: str = "en") -> str:
    """The report as Markdown, in English (``en``) or Chinese (``zh``)."""
    if language not in _TEXT:
        raise InputError(f"language must be en or zh, got {language!r}")
    t = _TEXT[language]
    lines = [f"# {t['title']}", "", t["summary"].format(n=len(report.batches), thr=_pct(report.threshold), tol=f"{report.tolerance:.2f}"), ""]
    lines += [f"## {t['flags']} ({len(report.flags)})" if language == "en" else f"## {t['flags']}（{len(report.flags)}）", ""]
    if report.flags:
        for flag in report.flags:
            text = flag.text(language)
            lines.append(f"- ⚠ **{_FLAG_TITLE[language][flag.kind]}**: {text}" if language == "en" else f"- ⚠ **{_FLAG_TITLE[language][flag.kind]}**：{text}")
    else:
        lines.append(f"✓ {t['no_flags']}")
    lines.append("")

    lines += [f"## {t['batches']}", "", "| " + " | ".join(t["cols"]) + " |", "|" + "---|" * len(t["cols"])]
    for row in report.rows:
        accuracy = _pct(row.accuracy) + (" ⚠" if row.below_threshold else "") if row.accuracy is not None else "—"
        ci = f"{_pct(row.ci_low)}–{_pct(row.ci_high)}" if row.ci_low is not None else "—"
        drift = "—" if row.label_drift is None else f"{row.label_drift:.2f}" + (" ⚠" if _beyond(row.label_drift, report.tolerance) else "")
        kappa = "—" if row.model_kappa is None else f"{row.model_kappa:.2f}"
        lead = "—" if row.lead_time_median is None else f"{row.lead_time_median:.1f}"
        cells: list[Any] = [
            row.name, row.recorded_at[:16].replace("T", " "), row.n_items, row.n_annotations,
            row.n_reviewed if row.n_reviewed is not None else "—", accuracy, ci, drift, _pct(row.model_agreement), kappa, lead,
        ]
        lines.append("| " + " | ".join(_md(c) for c in cells) + " |")
    lines.append("")

    for key, rows, head in (("annotators", report.per_annotator, t["name"]), ("labels", report.per_label, t["label"])):
        lines += [f"## {t[key]}", ""]
        if not rows:
            lines += [f"_{t['none']}_", ""]
            continue
        lines += ["| " + " | ".join([head, *map(_md, report.batches)]) + " |", "|" + "---|" * (len(report.batches) + 1)]
        for trend in rows:
            cells = []
            for cell in trend.cells:
                text = _acc_cell(cell)
                if cell is not None and cell.accuracy is not None and _below(cell.accuracy, report.threshold):
                    text += " ⚠"
                cells.append(text)
            lines.append("| " + " | ".join([_md(trend.name), *cells]) + " |")
        lines.append("")

    lines += [f"## {t['distribution']}", ""]
    if report.distribution:
        lines += ["| " + " | ".join([t["label"], *map(_md, report.batches)]) + " |", "|" + "---|" * (len(report.batches) + 1)]
        for row in report.distribution:
            lines.append("| " + " | ".join([_md(row.label), *(_pct(s) for s in row.shares)]) + " |")
    else:
        lines.append("—")
    lines.append("")

    lines += [f"## {t['rules']}", ""]
    if report.broken_rules:
        lines += ["| " + " | ".join(t["rule_cols"]) + " |", "|" + "---|" * len(t["rule_cols"])]
        for batch, rules in report.broken_rules.items():
            for rule in rules[:5]:
                text = _short(rule.rule, 120) if rule.rule else ("—" if rule.in_rulebook else t["not_in_rb"])
                given = ", ".join(f"{label} ×{count}" for label, count in rule.given.items())
                lines.append("| " + " | ".join(_md(c) for c in (batch, rule.label, text, rule.count, given)) + " |")
    else:
        lines.append("—")
    lines.append("")
    return safe_markdown("\n".join(lines))  # user text stays text (issue 14)
