"""The report over batches: accuracy per batch, annotator and label over time, label drift, and the flags."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, Callable

from assistant.core.errors import InputError
from assistant.core.messages import Items, Message
from assistant.rulebook.grounding import label_key
from evaluation import message_refs as refs
from evaluation.batch_format import _EPS, _below, _beyond, _pct, _pts, _short
from evaluation.batch_models import (
    DEFAULT_THRESHOLD,
    DEFAULT_TOLERANCE,
    BatchQA,
    BatchRecord,
    BatchReport,
    BatchRow,
    BrokenRule,
    DistributionRow,
    Flag,
    LabelShift,
    TrendRow,
)
from evaluation.qa import GroupAccuracy

__all__ = ["batch_report", "total_variation"]


def total_variation(p: Mapping[str, float], q: Mapping[str, float]) -> float:
    """Total variation distance ½ Σ |p − q| between two label distributions (labels compared by label_key)."""
    a: dict[str, float] = defaultdict(float)
    b: dict[str, float] = defaultdict(float)
    for label, share in p.items():
        a[label_key(label)] += share
    for label, share in q.items():
        b[label_key(label)] += share
    return 0.5 * sum(abs(a.get(k, 0.0) - b.get(k, 0.0)) for k in sorted(set(a) | set(b)))  # sorted: the same sum in every run


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
    """A flag whose text is `parts` in a row, kept as message references (rendered in any language)."""
    return Flag(message_refs=refs.dump_all(parts), **fields)


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
        raise InputError(Message("error.qa.bad_threshold", threshold=str(threshold)))
    if not 0.0 <= tolerance <= 1.0:
        raise InputError(Message("error.batch_trend.bad_tolerance", tolerance=str(tolerance)))
    records = list(records)
    names = [r.name for r in records]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise InputError(Message("error.batch_trend.duplicate_names", names=str(dupes)))

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
