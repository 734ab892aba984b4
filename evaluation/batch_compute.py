"""Computing one batch's record: size, label distribution, lead time, QA of the reviewed sample, model agreement."""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Callable, Literal

from assistant.core.errors import InputError
from assistant.core.messages import Items, Message
from assistant.integrations.cells import cell_text
from assistant.integrations.label_studio_export import MULTI_SEPARATOR
from assistant.rulebook.grounding import label_key
from evaluation import message_refs as refs
from evaluation.batch_models import DEFAULT_THRESHOLD, BatchQA, BatchRecord, BrokenRule, ModelAgreement
from evaluation.qa import QACheck, named_source, qa_check
from evaluation.metrics import cohen_kappa, percent_agreement

if TYPE_CHECKING:
    from assistant.core.models import Rulebook

__all__ = ["LEAD_TIME_FIELDS", "batch_record_from_records"]

LEAD_TIME_FIELDS = ("lead_time", "duration", "duration_seconds", "seconds", "time_spent")

# The fields a batch's QA result takes over unchanged from the QA check of its reviewed sample.
_QA_CHECK_FIELDS = frozenset(BatchQA.model_fields) & frozenset(QACheck.model_fields)


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(str(value).strip()) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and number >= 0 else None


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
        raise InputError(Message("error.batch_compute.reviewed_empty", source=named_source(source)))
    present = _present(reviewed)
    if id_field not in present:
        raise InputError(Message("error.batch_compute.reviewed_no_id", source=named_source(source), field=id_field, columns=str(sorted(present))))
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
    notes: list[Message] = []
    if not_in_batch:
        shown = ", ".join(not_in_batch[:10])
        notes.append(Message("batches.note.not_in_batch", count=len(not_in_batch), shown=shown))
    if ambiguous:
        shown = ", ".join(ambiguous[:10])
        notes.append(Message("batches.note.ambiguous", count=len(ambiguous), field=annotator_field, shown=shown))
    if unknown:
        notes.append(Message("batches.note.no_reviewed_label", count=unknown))
    verdict_fields = _QA_CHECK_FIELDS - {"per_annotator", "notes", "note_refs", "legacy_zh"}
    return BatchQA(
        **{name: getattr(check, name) for name in verdict_fields},
        source=source,
        per_annotator=check.per_annotator if annotator_field in _present(enriched) else [],
        n_wrong=len(check.wrong),
        n_wrong_without_reviewed_label=unknown,
        broken_rules=broken,
        broken_rules_by_annotator=broken_by_annotator,
        note_refs=check.note_refs + refs.dump_all(notes),
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

    if not prelabels:
        raise InputError(Message("error.batch_compute.prelabels_empty", source=named_source(source)))
    present = _present(prelabels)
    missing = [c for c in (id_field, model_label_field) if c not in present]
    if missing:
        raise InputError(Message("error.batch_compute.prelabels_missing_columns", source=named_source(source), missing=str(missing), columns=str(sorted(present))))
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
        examples = ", ".join(sorted(model_ids)[:3]) or Message("error.label_load.none")
        raise InputError(Message("error.batch_compute.no_shared_ids", source=named_source(source), examples=examples))
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
        raise InputError(Message("error.batch_compute.batch_empty", source=str(where)))
    present = _present(records)
    missing = [c for c in (id_field, label_field) if c not in present]
    if missing:
        hint = Message("error.label_load.hint_label_field") if label_field in missing else ""
        raise InputError(Message("error.label_load.missing_columns", source=str(where), missing=str(missing), columns=str(sorted(present)), hint=hint))
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

    notes: list[Message] = []
    if n_unlabeled and basis == "labels":
        notes.append(Message("batches.note.unlabeled", count=n_unlabeled, field=label_field))
    if rulebook is not None:
        known = {label_key(n) for n in rulebook.label_names}
        outside = [
            label
            for label in counts
            if not all(label_key(part) in known for part in label.split(MULTI_SEPARATOR))
        ]
        if outside:
            notes.append(Message("batches.note.not_in_rulebook", labels=Items(outside, plain=True)))

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
        note_refs=refs.dump_all(notes),
    )


