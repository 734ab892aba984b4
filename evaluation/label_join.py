"""Joining label sets: align them by item id and report every data problem (see :mod:`evaluation.labels`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal

from assistant.core.errors import InputError
from assistant.core.messages import Message
from assistant.rulebook.grounding import label_key
from evaluation.label_models import MULTI, DataProblems, Joined, LabelSet, LabelVariant, SetProblems

if TYPE_CHECKING:
    from assistant.core.models import Rulebook

__all__ = ["join"]


def _canonical_map(
    used: Iterable[str], rulebook: "Rulebook | None"
) -> tuple[dict[str, tuple[str, Literal["variant", "alias"]]], list[str]]:
    """raw label -> (canonical, kind) for labels that are not canonical; and the rulebook labels."""
    used = list(dict.fromkeys(used))
    mapping: dict[str, tuple[str, Literal["variant", "alias"]]] = {}
    if rulebook is not None:
        names = rulebook.label_names
        by_key = {label_key(n): n for n in names}
        by_alias: dict[str, str] = {}
        for rule in rulebook.labels:
            for alias in rule.aliases:
                by_alias.setdefault(label_key(alias), rule.name)
        for raw in used:
            if raw in names:
                continue
            key = label_key(raw)
            if key in by_key:
                mapping[raw] = (by_key[key], "variant")
            elif key in by_alias:
                mapping[raw] = (by_alias[key], "alias")
        return mapping, names
    return mapping, []


def _variants_without_rulebook(counts: Counter[str]) -> dict[str, tuple[str, Literal["variant", "alias"]]]:
    """Without a rulebook, spellings differing only in case/width/space are variants of the most
    frequent spelling among them (ties: the first in sorted order)."""
    groups: dict[str, list[str]] = {}
    for raw in counts:
        groups.setdefault(label_key(raw), []).append(raw)
    mapping: dict[str, tuple[str, Literal["variant", "alias"]]] = {}
    for spellings in groups.values():
        if len(spellings) < 2:
            continue
        canonical = sorted(spellings, key=lambda s: (-counts[s], s))[0]
        for raw in spellings:
            if raw != canonical:
                mapping[raw] = (canonical, "variant")
    return mapping


def _settle_multi(s: LabelSet, rulebook: "Rulebook | None") -> LabelSet:
    """Items given several labels: on a single-label rulebook they are a data problem (missing,
    reported), never a new label "A|B"; on a multi-label rulebook the labels are put in rulebook
    order so that the same set of labels is the same answer."""
    if not s.multi:
        return s
    labels, missing = dict(s.labels), dict(s.missing)
    if rulebook is not None and not rulebook.multi_label:
        for item_id in s.multi:
            labels.pop(item_id, None)
            missing[item_id] = "multiple"
        return s.model_copy(update={"labels": labels, "missing": missing})
    order = {name: index for index, name in enumerate(rulebook.label_names)} if rulebook is not None else {}
    for item_id in s.multi:
        parts = labels[item_id].split(MULTI)
        labels[item_id] = MULTI.join(sorted(parts, key=lambda p: (order.get(p, len(order)), p)))
    return s.model_copy(update={"labels": labels})


def join(sets: Sequence[LabelSet], rulebook: "Rulebook | None" = None, *, normalise: bool = False) -> Joined:
    """Align label sets by id and report every data problem (see the module docstring).

    Spelling variants and aliases of rulebook labels (or, without a rulebook,
    spellings of one label that differ only in case, width or spaces) are
    reported; they are mapped to the canonical label only when ``normalise``
    is True. Labels outside the rulebook are kept as they are and reported.
    """
    if not sets:
        raise InputError(Message("error.label_join.no_sets"))
    sets = [_settle_multi(s, rulebook) for s in sets]
    names = [s.name for s in sets]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise InputError(Message("error.label_join.duplicate_names", names=str(dupes)))
    ids = list(dict.fromkeys(item_id for s in sets for item_id in s.ids))
    all_counts: Counter[str] = Counter(label for s in sets for label in s.labels.values())
    mapping, rulebook_names = _canonical_map(all_counts, rulebook)
    if rulebook is None:
        mapping = _variants_without_rulebook(all_counts)

    multi_labels = {s.labels[i] for s in sets for i in s.multi if i in s.labels}
    table: dict[str, list[str | None]] = {}
    set_problems: list[SetProblems] = []
    id_sets = [set(s.ids) for s in sets]
    for index, s in enumerate(sets):
        counts: Counter[str] = Counter(s.labels.values())
        column: list[str | None] = []
        for item_id in ids:
            label = s.labels.get(item_id)
            if label is not None and normalise and label in mapping:
                label = mapping[label][0]
            column.append(label)
        table[s.name] = column
        variants = [
            LabelVariant(raw=raw, canonical=mapping[raw][0], kind=mapping[raw][1], count=count, merged=normalise)
            for raw, count in counts.items()
            if raw in mapping
        ]
        unknown: dict[str, int] = {}
        if rulebook is not None:
            unknown = {
                raw: count
                for raw, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
                if raw not in rulebook_names and raw not in mapping
                and not (raw in multi_labels and all(p in rulebook_names for p in raw.split(MULTI)))
            }  # variants and aliases are reported as such, not as unknown labels
        others = set().union(*(id_sets[:index] + id_sets[index + 1 :])) if len(sets) > 1 else set()
        set_problems.append(
            SetProblems(
                name=s.name,
                source=s.source,
                is_model=s.is_model,
                n_records=len(s.ids),
                n_labeled=len(s.labels),
                empty_ids=[i for i, r in s.missing.items() if r == "empty"],
                abstain_ids=[i for i, r in s.missing.items() if r == "abstain"],
                error_ids=[i for i, r in s.missing.items() if r == "error"],
                multiple_ids=[i for i, r in s.missing.items() if r == "multiple"],
                duplicate_ids=dict(s.duplicates),
                absent_ids=[i for i in ids if i not in id_sets[index]],
                only_here_ids=[i for i in s.ids if i not in others] if len(sets) > 1 else [],
                unknown_labels=unknown,
                variants=variants,
            )
        )

    used = list(dict.fromkeys(v for col in table.values() for v in col if v is not None))
    extras = sorted(label for label in used if label not in rulebook_names)
    label_order = list(rulebook_names) + extras
    n_complete = sum(all(table[n][i] is not None for n in names) for i in range(len(ids)))
    texts: dict[str, str] = {}
    for s in sets:
        for item_id, text in s.texts.items():
            texts.setdefault(item_id, text)
    problems = DataProblems(
        sets=set_problems,
        n_items=len(ids),
        n_complete=n_complete,
        normalised=normalise,
        rulebook_checked=rulebook is not None,
    )
    return Joined(
        names=names,
        ids=ids,
        table=table,
        rationales={s.name: dict(s.rationales) for s in sets if s.rationales},
        texts=texts,
        model_sets=[s.name for s in sets if s.is_model],
        label_order=label_order,
        rulebook_labels=list(rulebook_names),
        problems=problems,
    )
