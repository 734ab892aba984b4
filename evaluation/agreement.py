"""The agreement report: how far annotators (and the model) agree, against the rulebook's target.

:func:`agreement_report` takes two or more label sets (see :mod:`evaluation.labels`)
and computes, on the items aligned by id:

* two sets: percent agreement, Cohen's kappa (plus linear and quadratic
  weighted kappa when the rulebook is ordinal, in the rulebook's label order),
  Gwet's AC1, Krippendorff's alpha (ordinal level for ordinal rulebooks, else
  nominal), per-label precision/recall/F1 and the confusion matrix against the
  reference set;
* three or more sets: mean pairwise percent agreement, Fleiss' kappa,
  Krippendorff's alpha, Gwet's AC1 and the pairwise matrix of percent agreement
  and Cohen's kappa;
* per-label specific agreement (how often a label, when one rater uses it, is
  matched by another);

each headline figure with a percentile bootstrap CI and its interpretation band
(a catalogue id, shown in any language), and a plain PASS/FAIL statement against
``rulebook.quality.target_agreement`` on ``rulebook.quality.agreement_metric``.

Reference set (two sets): ``reference`` when given; else, when exactly one set
is the model's pre-labels, the human set; else the first set.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from assistant.core.errors import InputError
from assistant.core.messages import Message, has, normalize
from assistant.core.messages import text as message_text
from evaluation.bootstrap import Kind, PatternTable, fast_bootstrap
from evaluation import message_refs as refs
from evaluation.explain import Explanation
from evaluation.message_refs import absorb_twins
from evaluation.target_metric import DEFAULT_METRIC, _resolve, resolve_target_metric
from evaluation.labels import DataProblems, Joined, LabelSet, join
from evaluation.metrics import (
    ConfusionMatrix,
    LabelScores,
    Metric,
    cohen_kappa,
    confusion,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    per_label_prf,
    percent_agreement,
    percent_agreement_multi,
)

if TYPE_CHECKING:
    from assistant.core.models import Rulebook

__all__ = [
    "METRIC_KEYS",
    "RAW_AGREEMENT_BAND",
    "AgreementReport",
    "PairwiseEntry",
    "Verdict",
    "agreement_from_joined",
    "agreement_report",
    "metric_name",
    "resolve_target_metric",
]

DEFAULT_TARGET = 0.8

# the metrics' display names are catalogue ids metric.<key>; the raw-agreement band of percent agreement is band.raw_agreement
METRIC_KEYS = ("percent_agreement", "percent_agreement_multi", "cohen_kappa", "cohen_kappa_linear", "cohen_kappa_quadratic", "fleiss_kappa", "krippendorff_alpha_nominal", "krippendorff_alpha_ordinal", "gwet_ac1")
RAW_AGREEMENT_BAND = "band.raw_agreement"


MAX_BOOTSTRAP = 100_000  # resamples: CIs are stable long before; more only costs minutes and memory


def metric_name(key: str, language: str = "en") -> str:
    return message_text(f"metric.{key}", language) if has(f"metric.{key}") else key


class PairwiseEntry(BaseModel):
    """Agreement of one pair of sets."""

    model_config = ConfigDict(extra="forbid")

    a: str
    b: str
    percent_agreement: Metric
    cohen_kappa: Metric


class Verdict(BaseModel):
    """PASS/FAIL against the rulebook's target, stated plainly."""

    model_config = ConfigDict(extra="forbid")

    metric: str = Field(description="the metric key judged, e.g. 'percent_agreement'")
    requested: str = Field(description="the rulebook's agreement_metric as written")
    target: float
    value: float | None
    passed: bool | None = Field(description="None when the metric is undefined")
    text: str = Field(default="", description="e.g. 'PASS: percent agreement 0.84 ≥ target 0.80' (English, from `ref`)")
    notes: list[str] = Field(default_factory=list, description="the notes in English (from `note_refs`)")
    ref: dict[str, Any] | None = Field(default=None, description="the verdict as a message reference (id and values)")
    note_refs: list[dict[str, Any]] = Field(default_factory=list, description="the notes as message references")
    legacy_zh: dict[str, Any] = Field(default_factory=dict, exclude=True)

    @model_validator(mode="before")
    @classmethod
    def _twins(cls, data: Any) -> Any:
        return absorb_twins(data, [("ref", "text", "text_zh", False), ("note_refs", "notes", "notes_zh", True)])

    def verdict_text(self, language: str = "en") -> str:
        """The verdict in `language` (any catalogue language; an older report read back from JSON: en and zh)."""
        if self.ref:
            return refs.load(self.ref).render(language)
        return refs.legacy_text(self.text, self.legacy_zh.get("text_zh"), language, "agreement.verdict.")

    def notes_text(self, language: str = "en") -> list[str]:
        return refs.texts_in(self.note_refs, language, english_texts=self.notes, chinese=self.legacy_zh.get("notes_zh"), prefix="agreement.note.")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def text_zh(self) -> str:
        """The verdict in Chinese, for JSON readers of `text_zh`."""
        return self.verdict_text("zh")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def notes_zh(self) -> list[str]:
        return self.notes_text("zh")


class AgreementReport(BaseModel):
    """Everything the trainer needs to judge a trial round."""

    model_config = ConfigDict(extra="forbid")

    sets: list[str]
    model_sets: list[str] = Field(default_factory=list)
    reference: str | None = Field(default=None, description="two sets: the reference of per-label scores")
    compared: str | None = Field(default=None, description="two sets: the set scored against the reference")
    n_items: int = Field(ge=0, description="ids in any set")
    n_complete: int = Field(ge=0, description="ids labeled by every set")
    missing_share: float = Field(ge=0, le=1, description="share of (item, set) slots without a usable label")
    ordinal: bool = False
    label_order: list[str] = Field(default_factory=list)
    rulebook_title: str | None = None
    rulebook_version: int | None = None
    language: str = "en"
    metrics: dict[str, Metric] = Field(description="headline figures, in display order")
    verdict: Verdict
    pairwise: list[PairwiseEntry] = Field(default_factory=list)
    per_label: list[LabelScores] = Field(default_factory=list, description="two sets: compared vs reference")
    label_agreement: dict[str, float | None] = Field(
        default_factory=dict, description="per-label specific agreement (None when the label was never used)"
    )
    confusion: ConfusionMatrix | None = None
    problems: DataProblems
    notes: list[str] = Field(default_factory=list, description="notes on the figures, in English (from `note_refs`)")
    note_refs: list[dict[str, Any]] = Field(default_factory=list, description="the notes as message references")
    legacy_zh: dict[str, Any] = Field(default_factory=dict, exclude=True)
    bootstrap: int = 0
    seed: int = 0

    @model_validator(mode="before")
    @classmethod
    def _twins(cls, data: Any) -> Any:
        return absorb_twins(data, [("note_refs", "notes", "notes_zh", True)])

    def notes_text(self, language: str = "en") -> list[str]:
        """The notes in `language` (any catalogue language; an older report read back from JSON: en and zh)."""
        return refs.texts_in(self.note_refs, language, english_texts=self.notes, chinese=self.legacy_zh.get("notes_zh"), prefix="agreement.note.")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def notes_zh(self) -> list[str]:
        """The notes in Chinese, for JSON readers of `notes_zh`."""
        return self.notes_text("zh")

    @property
    def headline(self) -> Metric | None:
        return self.metrics.get(self.verdict.metric)


def _fmt_pair(value: float, target: float) -> tuple[str, str]:
    """Format value and target with enough decimals that their order is visible (0.7996 vs 0.80)."""
    v, t = round(value, 10), round(target, 10)
    digits = 2
    while digits < 6 and v != t and f"{value:.{digits}f}" == f"{target:.{digits}f}":
        digits += 1
    return f"{value:.{digits}f}", f"{target:.{digits}f}"


def _verdict(metrics: dict[str, Metric], key: str, requested: str, target: float, note: Message | None) -> Verdict:
    metric = metrics[key]
    name = Message(f"metric.{key}") if has(f"metric.{key}") else key
    notes = [note] if note else []
    if metric.value is None:
        why = Explanation(metric.explanation) if metric.explanation else Message("metric.why.no_comparable")
        headline = Message(
            "agreement.verdict.undefined", metric=name, why=why, target=f"{target:.2f}"
        )
        return _made_verdict(headline, notes, metric=key, requested=requested, target=target, value=None, passed=None)
    passed = round(metric.value, 10) >= round(target, 10)
    value_s, target_s = _fmt_pair(metric.value, target)
    headline = Message(
        "agreement.verdict.pass" if passed else "agreement.verdict.fail", metric=name, value=value_s, target=target_s
    )
    if metric.ci_low is not None and metric.ci_high is not None:
        ci = f"{metric.ci_low:.2f}–{metric.ci_high:.2f}"
        if passed and metric.ci_low < target:
            notes.append(Message("agreement.note.ci_below_target", ci=ci, n=metric.n_items))
        elif not passed and metric.ci_high >= target:
            notes.append(Message("agreement.note.ci_reaches_target", ci=ci, n=metric.n_items))
    if metric.n_items < 30:
        notes.append(Message("agreement.note.few_items", n=metric.n_items))
    return _made_verdict(headline, notes, metric=key, requested=requested, target=target, value=metric.value, passed=passed)


def _made_verdict(headline: Message, notes: list[Message], **fields: Any) -> Verdict:
    return Verdict(ref=refs.dump(headline), note_refs=refs.dump_all(notes), **fields)


# --------------------------------------------------------------------------------------------- #
# Computation
# --------------------------------------------------------------------------------------------- #


class _Bootstrap:
    """Bootstrap CIs via :mod:`evaluation.bootstrap`, reusing the resamples of the same rows across metrics."""

    def __init__(self, n: int, seed: int) -> None:
        self.n, self.seed = n, seed
        self._cache: dict[int, tuple[Any, Any]] = {}

    def __call__(self, point: Metric, kind: Kind, rows: list[list[str | None]], labels: Sequence[str]) -> Metric:
        if self.n <= 0:
            return point
        if not point.defined or not rows:
            return fast_bootstrap(point, kind, rows, labels, n=self.n, seed=self.seed)
        key = id(rows)
        if key not in self._cache:
            table = PatternTable(rows, labels)
            self._cache[key] = (rows, table, table.resample_weights(self.n, self.seed))  # type: ignore[assignment]
        _, table, weights = self._cache[key]  # type: ignore[misc]
        return fast_bootstrap(point, kind, rows, labels, n=self.n, seed=self.seed, table=table, weights=weights)


def _add_note(metric: Metric, note: str) -> Metric:
    if not note:
        return metric
    joined = f"{metric.explanation} {note}".strip()
    return metric.model_copy(update={"explanation": joined})


def _restrict(column: Sequence[str | None], allowed: set[str]) -> tuple[list[str | None], int]:
    out: list[str | None] = []
    dropped = 0
    for x in column:
        if x is not None and x not in allowed:
            out.append(None)
            dropped += 1
        else:
            out.append(x)
    return out, dropped


def _specific_agreement(rows: Sequence[Sequence[str | None]], order: Sequence[str]) -> dict[str, float | None]:
    """Per label: sum n_k(n_k-1) / sum n_k(m-1) over items with two or more ratings."""
    num: Counter[str] = Counter()
    den: Counter[str] = Counter()
    for row in rows:
        rated = [x for x in row if x is not None]
        m = len(rated)
        if m < 2:
            continue
        for label, count in Counter(rated).items():
            num[label] += count * (count - 1)
            den[label] += count * (m - 1)
    return {label: (num[label] / den[label] if den[label] else None) for label in order}


def _choose_reference(joined: Joined, reference: str | None) -> str:
    if reference is not None:
        if reference not in joined.names:
            raise InputError(Message("error.agreement.unknown_reference", reference=reference, names=str(joined.names)))
        return reference
    humans = [n for n in joined.names if n not in joined.model_sets]
    if len(joined.names) == 2 and len(joined.model_sets) == 1 and humans:
        return humans[0]
    return joined.names[0]


def agreement_from_joined(
    joined: Joined,
    rulebook: "Rulebook | None" = None,
    *,
    reference: str | None = None,
    bootstrap: int = 1000,
    seed: int = 0,
) -> AgreementReport:
    """The agreement report of an already joined table (see :func:`agreement_report`)."""
    n_sets = len(joined.names)
    if n_sets < 2:
        names = ", ".join(joined.names) or Message("error.agreement.none")
        raise InputError(Message("error.agreement.too_few_sets", count=n_sets, names=names))
    if bootstrap < 0 or bootstrap > MAX_BOOTSTRAP:
        raise InputError(Message("error.agreement.bad_bootstrap", most=MAX_BOOTSTRAP, bootstrap=bootstrap))
    ordinal = bool(rulebook is not None and rulebook.ordinal)
    order = list(joined.label_order)
    rulebook_order = list(joined.rulebook_labels)
    unknown = joined.unknown_labels
    notes: list[Message] = []
    ordinal_note = ""
    if ordinal and unknown:
        ordinal_note = (
            f"Ratings with labels outside the ordinal scale ({', '.join(map(repr, unknown))}) are left out of "
            "this ordered coefficient."
        )
    metrics: dict[str, Metric] = {}
    pairwise: list[PairwiseEntry] = []
    per_label: list[LabelScores] = []
    matrix: ConfusionMatrix | None = None
    ref: str | None = None
    compared: str | None = None
    labels_arg = order or None

    boot = _Bootstrap(bootstrap, seed)
    if n_sets == 2:
        ref = _choose_reference(joined, reference)
        compared = next(n for n in joined.names if n != ref)
        a, b = joined.column(ref), joined.column(compared)
        rows = [[x, y] for x, y in zip(a, b)]
        metrics["percent_agreement"] = boot(percent_agreement(a, b), "percent", rows, order)
        metrics["cohen_kappa"] = boot(cohen_kappa(a, b, labels=labels_arg), "cohen", rows, order)
        if ordinal:
            allowed = set(rulebook_order)
            a_ord, dropped_a = _restrict(a, allowed)
            b_ord, dropped_b = _restrict(b, allowed)
            rows_ord = [[x, y] for x, y in zip(a_ord, b_ord)]
            for weights in ("linear", "quadratic"):
                point = cohen_kappa(a_ord, b_ord, labels=rulebook_order, weights=weights)
                m = boot(point, "cohen_linear" if weights == "linear" else "cohen_quadratic", rows_ord, rulebook_order)
                metrics[f"cohen_kappa_{weights}"] = _add_note(m, ordinal_note if dropped_a + dropped_b else "")
        metrics["gwet_ac1"] = boot(gwet_ac1(rows, labels=labels_arg), "ac1", rows, order)
        per_label = per_label_prf(a, b, labels=labels_arg)
        matrix = confusion(a, b, labels=labels_arg)
    else:
        if reference is not None:
            ref = _choose_reference(joined, reference)
            notes.append(Message("agreement.note.no_single_reference", n_sets=n_sets, reference=ref))
        rows = joined.rows()
        metrics["percent_agreement_multi"] = boot(percent_agreement_multi(rows), "percent_multi", rows, order)
        metrics["fleiss_kappa"] = boot(fleiss_kappa(rows, labels=labels_arg), "fleiss", rows, order)
        metrics["gwet_ac1"] = boot(gwet_ac1(rows, labels=labels_arg), "ac1", rows, order)

    # Krippendorff's alpha, both modes
    if ordinal:
        allowed = set(rulebook_order)
        alpha_rows = [[x if x is None or x in allowed else None for x in row] for row in rows]
        dropped = sum(x is not None and x not in allowed for row in rows for x in row)
        point = krippendorff_alpha(alpha_rows, level="ordinal", labels=rulebook_order)
        metrics["krippendorff_alpha_ordinal"] = _add_note(
            boot(point, "alpha_ordinal", alpha_rows, rulebook_order), ordinal_note if dropped else ""
        )
    else:
        point = krippendorff_alpha(rows, level="nominal", labels=labels_arg)
        metrics["krippendorff_alpha_nominal"] = boot(point, "alpha_nominal", rows, order)

    if ordinal_note and any(x is not None and x in set(unknown) for row in rows for x in row):
        notes.append(Message("agreement.note.outside_ordinal_scale", labels=", ".join(map(repr, unknown))))

    # pairwise matrix (three or more sets)
    if n_sets > 2:
        names = list(joined.names)
        if ref is not None:
            names.remove(ref)
            names.insert(0, ref)
        for x, y in itertools.combinations(names, 2):
            ca, cb = joined.column(x), joined.column(y)
            pairwise.append(
                PairwiseEntry(
                    a=x,
                    b=y,
                    percent_agreement=percent_agreement(ca, cb),
                    cohen_kappa=cohen_kappa(ca, cb, labels=labels_arg),
                )
            )

    # target
    target = rulebook.quality.target_agreement if rulebook is not None else DEFAULT_TARGET
    requested = rulebook.quality.agreement_metric if rulebook is not None else DEFAULT_METRIC
    key, note = _resolve(requested, n_sets=n_sets, ordinal=ordinal)
    verdict = _verdict(metrics, key, requested, target, note)
    if rulebook is None:
        notes.append(Message("agreement.note.no_rulebook", target=f"{DEFAULT_TARGET:.2f}"))

    n_slots = len(joined.ids) * n_sets
    n_missing = sum(x is None for col in joined.table.values() for x in col)
    return AgreementReport(
        sets=list(joined.names),
        model_sets=list(joined.model_sets),
        reference=ref,
        compared=compared,
        n_items=len(joined.ids),
        n_complete=joined.problems.n_complete,
        missing_share=n_missing / n_slots if n_slots else 0.0,
        ordinal=ordinal,
        label_order=order,
        rulebook_title=rulebook.title if rulebook is not None else None,
        rulebook_version=rulebook.version if rulebook is not None else None,
        language=normalize(rulebook.language) if rulebook is not None else "en",
        metrics=metrics,
        verdict=verdict,
        pairwise=pairwise,
        per_label=per_label,
        label_agreement=_specific_agreement(rows, order),
        confusion=matrix,
        problems=joined.problems,
        note_refs=refs.dump_all(notes),
        bootstrap=bootstrap,
        seed=seed,
    )


def agreement_report(
    sets: list[LabelSet],
    rulebook: "Rulebook | None" = None,
    *,
    reference: str | None = None,
    bootstrap: int = 1000,
    seed: int = 0,
    normalise: bool = False,
) -> AgreementReport:
    """Agreement between two or more label sets, judged against the rulebook's target.

    ``normalise`` maps spelling variants and aliases of rulebook labels to the
    rulebook label (reported either way). ``bootstrap`` is the number of
    resamples for the CIs (0: no CIs); ``seed`` makes them reproducible.
    """
    return agreement_from_joined(
        join(sets, rulebook, normalise=normalise), rulebook, reference=reference, bootstrap=bootstrap, seed=seed
    )
