"""QA sampling of large batches: how many items to review, which ones, and whether the batch passes.

* :func:`sample_size`: Cochran's sample size for a proportion with the
  finite-population correction, rounded up
  (n0 = z² p (1 - p) / e², n = n0 / (1 + (n0 - 1) / N)).
* :func:`draw_sample`: a simple or stratified random sample (proportional
  allocation, at least one item per stratum when the sample is large enough),
  reproducible by seed.
* :func:`qa_check`: accuracy of a reviewed sample with a Wilson CI,
  accept/reject against a threshold stated plainly, per annotator and per label.
* :func:`annotator_accuracy`: each annotator's accuracy on gold items.

Labels compare with :func:`assistant.rulebook.draft.label_key` (case, width and
surrounding spaces ignored) wherever a reviewed label is compared to a label.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from statistics import NormalDist
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from assistant.core.errors import InputError
from assistant.core.messages import Message
from evaluation import message_refs as refs
from evaluation.message_refs import absorb_twins
from assistant.rulebook.grounding import label_key
from evaluation.labels import LabelSet
from assistant.integrations.cells import cell_text

__all__ = [
    "EMPTY_STRATUM",
    "REVIEW_COLUMNS",
    "GroupAccuracy",
    "QACheck",
    "WrongItem",
    "allocate",
    "annotator_accuracy",
    "draw_sample",
    "parse_correct",
    "qa_check",
    "sample_size",
    "stratum_sizes",
    "wilson_interval",
    "z_value",
]

EMPTY_STRATUM = "(empty)"
REVIEW_COLUMNS = ("correct", "reviewed_label", "review_note")
GOLD_FIELDS = ("reviewed_label", "gold", "gold_label")

_TRUE = {"1", "true", "t", "yes", "y", "correct", "right", "ok", "pass", "对", "是", "正确", "✓", "✔", "√"}
_FALSE = {"0", "false", "f", "no", "n", "wrong", "incorrect", "fail", "错", "否", "错误", "✗", "✘", "×", "x"}


# --------------------------------------------------------------------------------------------- #
# Sample size
# --------------------------------------------------------------------------------------------- #


def z_value(confidence: float) -> float:
    """Two-sided standard normal quantile: 0.95 -> 1.959964."""
    if not 0.0 < confidence < 1.0:
        raise InputError(Message("error.qa.bad_confidence", confidence=str(confidence)))
    return NormalDist().inv_cdf(0.5 + confidence / 2.0)


def sample_size(population: int | float | None, margin: float = 0.03, confidence: float = 0.95, p: float = 0.5) -> int:
    """Cochran's sample size with the finite-population correction, rounded up.

    ``population`` None or ``math.inf`` means an infinite population. ``p`` is
    the expected proportion (0.5 is the conservative choice). Examples: N=∞,
    ±5%, 95% -> 385; N=10,000, ±3%, 95% -> 965. Never more than the population.
    """
    if not 0.0 < margin < 1.0:
        raise InputError(Message("error.qa.bad_margin", margin=str(margin)))
    if not 0.0 < p < 1.0:
        raise InputError(Message("error.qa.bad_proportion", p=str(p)))
    z = z_value(confidence)
    n0 = z * z * p * (1.0 - p) / (margin * margin)
    if population is None or (isinstance(population, float) and math.isinf(population)):
        return math.ceil(n0 - 1e-9)
    if population < 0 or int(population) != population:
        raise InputError(Message("error.qa.bad_population", population=str(population)))
    population = int(population)
    if population == 0:
        return 0
    n = n0 / (1.0 + (n0 - 1.0) / population)
    return min(population, math.ceil(n - 1e-9))


# --------------------------------------------------------------------------------------------- #
# Drawing the sample
# --------------------------------------------------------------------------------------------- #


# The sources an error names when the caller gave no file: said in the reader's language.
_DEFAULT_SOURCES = {
    "the sample": "error.qa.the_sample",
    "the reviewed sample": "error.qa.the_reviewed_sample",
    "the pre-labels": "error.qa.the_prelabels",
}


def named_source(source: Any) -> "str | Message":
    """A source as an error names it: a file's path as given, a default description ("the sample") as a catalogue message."""
    text = str(source)
    return Message(_DEFAULT_SOURCES[text]) if text in _DEFAULT_SOURCES else text


def _stratum_field(stratify: str | None, label_field: str, annotator_field: str) -> str | None:
    if stratify is None:
        return None
    if stratify == "label":
        return label_field
    if stratify == "annotator":
        return annotator_field
    raise InputError(Message("error.qa.bad_stratify", stratify=repr(stratify)))


def stratum_sizes(
    records: Sequence[Mapping[str, Any]],
    stratify: Literal["label", "annotator"],
    *,
    label_field: str = "label",
    annotator_field: str = "annotator",
) -> dict[str, int]:
    """Number of records per stratum (blank values form the stratum ``(empty)``), sorted by name."""
    field = _stratum_field(stratify, label_field, annotator_field)
    if records and not any(field in r for r in records):
        raise InputError(Message("error.qa.no_stratum_column", stratify=str(stratify), field=field))
    counts = Counter((cell_text(r.get(field)) if field else None) or EMPTY_STRATUM for r in records)
    return dict(sorted(counts.items()))


def allocate(sizes: Mapping[str, int], n: int) -> dict[str, int]:
    """Proportional allocation of ``n`` over strata (largest remainder), at least one per stratum when n allows.

    Never more than a stratum holds; the total is ``min(n, sum(sizes))``. When
    ``n`` is smaller than the number of strata, the largest strata get one
    each (ties by name). Deterministic.
    """
    if n < 0:
        raise InputError(Message("error.qa.bad_sample_size", n=str(n)))
    strata = {k: int(v) for k, v in sizes.items() if v > 0}
    total = sum(strata.values())
    n = min(n, total)
    alloc = {k: 0 for k in sizes}
    if n == 0:
        return alloc
    names = sorted(strata)
    if n < len(strata):
        for k in sorted(names, key=lambda k: (-strata[k], k))[:n]:
            alloc[k] = 1
        return alloc
    quota = {k: n * strata[k] / total for k in names}
    for k in names:
        alloc[k] = min(strata[k], max(1, math.floor(quota[k])))
    given = sum(alloc.values())
    while given < n:  # hand out the rest by largest remainder, where room is left
        k = max((k for k in names if alloc[k] < strata[k]), key=lambda k: (quota[k] - alloc[k], -names.index(k)))
        alloc[k] += 1
        given += 1
    while given > n:  # minimums pushed us over: take back where the allocation most exceeds its quota
        k = max((k for k in names if alloc[k] > 1), key=lambda k: (alloc[k] - quota[k], -names.index(k)))
        alloc[k] -= 1
        given -= 1
    return alloc


def draw_sample(
    records: Sequence[Mapping[str, Any]],
    n: int,
    stratify: Literal["label", "annotator"] | None = None,
    seed: int = 0,
    *,
    label_field: str = "label",
    annotator_field: str = "annotator",
) -> list[dict[str, Any]]:
    """A random sample of ``n`` records (all of them when n ≥ the population), in file order.

    With ``stratify`` the sample is allocated proportionally over the labels
    or annotators (see :func:`allocate`). The same records, ``n`` and ``seed``
    always give the same sample.
    """
    if n < 0:
        raise InputError(Message("error.qa.bad_sample_size", n=str(n)))
    rng = random.Random(seed)
    field = _stratum_field(stratify, label_field, annotator_field)
    if field is None:
        chosen = rng.sample(range(len(records)), min(n, len(records)))
    else:
        sizes = stratum_sizes(records, stratify, label_field=label_field, annotator_field=annotator_field)  # type: ignore[arg-type]
        alloc = allocate(sizes, n)
        members: dict[str, list[int]] = defaultdict(list)
        for index, record in enumerate(records):
            members[cell_text(record.get(field)) or EMPTY_STRATUM].append(index)
        chosen = []
        for stratum in sorted(members):
            chosen.extend(rng.sample(members[stratum], alloc.get(stratum, 0)))
    return [dict(records[i]) for i in sorted(chosen)]


# --------------------------------------------------------------------------------------------- #
# Checking a reviewed sample
# --------------------------------------------------------------------------------------------- #


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> tuple[float, float] | tuple[None, None]:
    """Wilson score interval for a proportion; (None, None) when n = 0."""
    if n <= 0:
        return None, None
    z = z_value(confidence)
    phat = successes / n
    denom = 1.0 + z * z / n
    centre = (phat + z * z / (2 * n)) / denom
    half = z * math.sqrt(phat * (1 - phat) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


class GroupAccuracy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    n: int = Field(ge=0, description="reviewed (or gold) items compared")
    correct: int = Field(ge=0)
    accuracy: float | None
    ci_low: float | None = None
    ci_high: float | None = None
    n_missing: int = Field(default=0, ge=0, description="gold items this annotator did not label")


class WrongItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str | None
    label: str | None
    reviewed_label: str | None = None
    annotator: str | None = None


class VerdictAndNotes(BaseModel):
    """A verdict and notes kept as message references (`verdict_ref`, `note_refs`) and shown in any catalogue
    language; a record written before references existed keeps its English text and Chinese twin."""

    NOTE_PREFIX: ClassVar[str] = "qa."
    if TYPE_CHECKING:  # the fields are declared by each record, in its own order
        verdict: str
        notes: list[str]
        verdict_ref: dict[str, Any] | None
        note_refs: list[dict[str, Any]]
        legacy_zh: dict[str, Any]

    @model_validator(mode="before")
    @classmethod
    def _twins(cls, data: Any) -> Any:
        return absorb_twins(data, [("verdict_ref", "verdict", "verdict_zh", False), ("note_refs", "notes", "notes_zh", True)])

    def verdict_text(self, language: str = "en") -> str:
        """The verdict in `language` (any catalogue language; an older record read back from JSON: en and zh)."""
        return verdict_in(self.verdict_ref, self.verdict, self.legacy_zh, language)

    def notes_text(self, language: str = "en") -> list[str]:
        return refs.texts_in(self.note_refs, language, english_texts=self.notes, chinese=self.legacy_zh.get("notes_zh"), prefix=self.NOTE_PREFIX)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def verdict_zh(self) -> str:
        """The verdict in Chinese, for JSON readers of `verdict_zh`."""
        return self.verdict_text("zh")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def notes_zh(self) -> list[str]:
        return self.notes_text("zh")


class QACheck(VerdictAndNotes):
    """The verdict on a reviewed QA sample."""

    model_config = ConfigDict(extra="forbid")

    n_records: int = Field(ge=0)
    n_reviewed: int = Field(ge=0)
    n_unreviewed: int = Field(ge=0)
    n_correct: int = Field(ge=0)
    accuracy: float
    ci_low: float
    ci_high: float
    confidence: float
    threshold: float
    accepted: bool
    verdict: str = Field(default="", description="e.g. 'ACCEPT: accuracy 0.96 ≥ threshold 0.95 (…)' (English, from `verdict_ref`)")
    basis: str = Field(description="which column(s) decided correctness")
    notes: list[str] = Field(default_factory=list, description="the notes in English (from `note_refs`)")
    per_annotator: list[GroupAccuracy] = Field(default_factory=list)
    per_label: list[GroupAccuracy] = Field(default_factory=list)
    wrong: list[WrongItem] = Field(default_factory=list)
    verdict_ref: dict[str, Any] | None = Field(default=None, description="the verdict as a message reference (id and values)")
    note_refs: list[dict[str, Any]] = Field(default_factory=list, description="the notes as message references")
    legacy_zh: dict[str, Any] = Field(default_factory=dict, exclude=True)


def verdict_in(ref: dict[str, Any] | None, english: str, legacy_zh: dict[str, Any], language: str) -> str:
    if ref:
        return refs.load(ref).render(language)
    return refs.legacy_text(english, legacy_zh.get("verdict_zh"), language, "qa.")


def parse_correct(value: Any) -> bool | None:
    """yes/no, true/false, 1/0, 对/错, 是/否, ✓/✗ … -> bool; blank -> None; anything else -> ValueError."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and not (isinstance(value, float) and math.isnan(value)):
        if value in (0, 1):
            return bool(value)
        raise ValueError(value)
    text = cell_text(value)
    if text is None:
        return None
    key = label_key(text)
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ValueError(value)


def _fmt_pair(value: float, target: float) -> tuple[str, str]:
    v, t = round(value, 10), round(target, 10)
    digits = 2
    while digits < 6 and v != t and f"{value:.{digits}f}" == f"{target:.{digits}f}":
        digits += 1
    return f"{value:.{digits}f}", f"{target:.{digits}f}"


def _group(name: str, outcomes: list[bool], confidence: float, n_missing: int = 0) -> GroupAccuracy:
    n, k = len(outcomes), sum(outcomes)
    low, high = wilson_interval(k, n, confidence)
    return GroupAccuracy(
        name=name, n=n, correct=k, accuracy=k / n if n else None, ci_low=low, ci_high=high, n_missing=n_missing
    )


def qa_check(
    reviewed_records: Sequence[Mapping[str, Any]],
    threshold: float,
    *,
    label_field: str = "label",
    reviewed_field: str = "correct",
    gold_field: str | None = None,
    id_field: str = "id",
    annotator_field: str = "annotator",
    confidence: float = 0.95,
    source: str = "the sample",
) -> QACheck:
    """Accuracy of a reviewed sample and the accept/reject decision.

    A record is judged by its reviewed label when one is given (``gold_field``,
    or the first of ``reviewed_label``/``gold``/``gold_label`` present),
    compared to ``label_field``; otherwise by ``reviewed_field`` (yes/no,
    true/false, 1/0, 对/错 …). Records with neither are unreviewed: counted and
    reported, not scored. The batch is accepted when the accuracy is at least
    ``threshold``; the Wilson CI is given alongside.
    """
    if not 0.0 <= threshold <= 1.0:
        raise InputError(Message("error.qa.bad_threshold", threshold=str(threshold)))
    if not reviewed_records:
        raise InputError(Message("error.label_load.no_records", source=named_source(source)))
    present = set().union(*(r.keys() for r in reviewed_records))
    if gold_field is None:
        gold_field = next((f for f in GOLD_FIELDS if f in present), None)
    elif gold_field not in present:
        raise InputError(Message("error.qa.no_gold_column", source=named_source(source), field=gold_field, columns=str(sorted(present))))
    if gold_field is None and reviewed_field not in present:
        raise InputError(Message("error.qa.no_review_column", source=named_source(source), field=reviewed_field, columns=str(sorted(present))))
    if gold_field is not None and label_field not in present:
        raise InputError(Message("error.qa.no_label_column", source=named_source(source), field=label_field))

    outcomes: list[tuple[Mapping[str, Any], bool]] = []
    unreviewed: list[str] = []
    conflicts: list[str] = []
    bad: list[str] = []
    for number, record in enumerate(reviewed_records, 1):
        ref = cell_text(record.get(id_field)) or f"record {number}"
        flag: bool | None = None
        if reviewed_field in record:
            try:
                flag = parse_correct(record.get(reviewed_field))
            except ValueError:
                bad.append(f"{ref}: {record.get(reviewed_field)!r}")
                continue
        gold = cell_text(record.get(gold_field)) if gold_field else None
        if gold is not None:
            label = cell_text(record.get(label_field))
            same = label is not None and label_key(label) == label_key(gold)
            if flag is not None and flag != same:
                conflicts.append(ref)
            outcomes.append((record, same))
        elif flag is not None:
            outcomes.append((record, flag))
        else:
            unreviewed.append(ref)
    if bad:
        raise InputError(Message("error.qa.unreadable_reviews", source=named_source(source), field=reviewed_field, count=len(bad), shown="; ".join(bad[:5])))
    if not outcomes:
        raise InputError(Message("error.qa.none_reviewed", source=named_source(source), count=len(reviewed_records), field=reviewed_field))

    n = len(outcomes)
    k = sum(ok for _, ok in outcomes)
    accuracy = k / n
    low, high = wilson_interval(k, n, confidence)
    assert low is not None and high is not None  # n > 0 here
    accepted = round(accuracy, 10) >= round(threshold, 10)
    acc_s, thr_s = _fmt_pair(accuracy, threshold)
    level = f"{confidence:.0%}"
    ci = f"{low:.3f}–{high:.3f}"
    verdict = Message(
        "qa.verdict.accept" if accepted else "qa.verdict.reject",
        accuracy=acc_s,
        threshold=thr_s,
        correct=k,
        reviewed=n,
        level=level,
        ci=ci,
    )
    notes: list[Message] = []
    if unreviewed:
        shown = ", ".join(unreviewed[:10]) + (" …" if len(unreviewed) > 10 else "")
        notes.append(Message("qa.note.unreviewed", count=len(unreviewed), shown=shown))
    if conflicts:
        shown = ", ".join(conflicts[:10])
        notes.append(
            Message("qa.note.conflicts", count=len(conflicts), reviewed_field=reviewed_field, gold_field=gold_field, shown=shown)
        )
    if accepted and low < threshold:
        notes.append(Message("qa.note.lower_bound_below", low=f"{low:.3f}"))
    elif not accepted and high >= threshold:
        notes.append(Message("qa.note.upper_bound_reaches", high=f"{high:.3f}"))

    per_annotator: list[GroupAccuracy] = []
    if annotator_field in present:
        groups: dict[str, list[bool]] = defaultdict(list)
        for record, ok in outcomes:
            groups[cell_text(record.get(annotator_field)) or EMPTY_STRATUM].append(ok)
        per_annotator = [_group(name, groups[name], confidence) for name in sorted(groups)]
    per_label: list[GroupAccuracy] = []
    if label_field in present:
        groups = defaultdict(list)
        for record, ok in outcomes:
            groups[cell_text(record.get(label_field)) or EMPTY_STRATUM].append(ok)
        per_label = [_group(name, groups[name], confidence) for name in sorted(groups)]
    wrong = [
        WrongItem(
            id=cell_text(record.get(id_field)),
            label=cell_text(record.get(label_field)),
            reviewed_label=cell_text(record.get(gold_field)) if gold_field else None,
            annotator=cell_text(record.get(annotator_field)),
        )
        for record, ok in outcomes
        if not ok
    ]
    basis = (
        f"{gold_field!r} compared with {label_field!r}, else {reviewed_field!r}" if gold_field else f"{reviewed_field!r}"
    )
    check = QACheck(
        n_records=len(reviewed_records),
        n_reviewed=n,
        n_unreviewed=len(unreviewed),
        n_correct=k,
        accuracy=accuracy,
        ci_low=low,
        ci_high=high,
        confidence=confidence,
        threshold=threshold,
        accepted=accepted,
        verdict_ref=refs.dump(verdict),
        basis=basis,
        note_refs=refs.dump_all(notes),
        per_annotator=per_annotator,
        per_label=per_label,
        wrong=wrong,
    )
    return check


def annotator_accuracy(
    labels: Sequence[LabelSet] | Mapping[str, Mapping[str, str]],
    gold: LabelSet | Mapping[str, str],
    *,
    confidence: float = 0.95,
) -> list[GroupAccuracy]:
    """Each annotator's accuracy on the gold items they labeled (gold items they skipped: ``n_missing``)."""
    gold_map = dict(gold.labels) if isinstance(gold, LabelSet) else {str(k): v for k, v in gold.items() if v is not None}
    if not gold_map:
        raise InputError(Message("error.qa.no_gold"))
    if isinstance(labels, Mapping):
        named = [(name, dict(values)) for name, values in labels.items()]
    else:
        named = [(s.name, dict(s.labels)) for s in labels]
    out = []
    for name, values in named:
        outcomes = []
        missing = 0
        for item_id, gold_label in gold_map.items():
            label = values.get(item_id)
            if label is None:
                missing += 1
                continue
            outcomes.append(label_key(str(label)) == label_key(str(gold_label)))
        out.append(_group(name, outcomes, confidence, n_missing=missing))
    return out
