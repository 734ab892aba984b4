"""Label files in, one aligned table out, with every data problem reported.

A *label set* is one rater's labels: a human annotator's file, one annotator of
a file with an ``annotator`` column, or the model's pre-label output (JSONL
records with ``id``, ``label``, ``status``, ``confidence``, ``rationale``).
:func:`join` aligns several sets by item id into a :class:`Joined` table and
reports, per set, what would otherwise distort agreement silently:

* ids some sets have and others lack;
* labels outside the rulebook (with counts);
* spelling variants of rulebook labels ("Positive " vs "positive", full-width,
  aliases): reported, and mapped to the rulebook label only with
  ``normalise=True`` (the mapping is then reported too);
* empty labels, the model's abstentions and error records: counted as missing;
* duplicate ids within a set.

Nothing is dropped or merged without a line in :class:`DataProblems`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.integrations.datafiles import read_records, require_columns
from assistant.core.errors import InputError
from assistant.core.models import ABSTAIN
from assistant.rulebook.draft import label_key
from assistant.integrations.cells import cell_text

if TYPE_CHECKING:
    from assistant.core.models import Rulebook

__all__ = [
    "DataProblems",
    "Joined",
    "LabelSet",
    "LabelVariant",
    "SetProblems",
    "join",
    "label_sets_from_records",
    "load_label_sets",
    "load_labels",
    "read_texts",
    "unique_names",
]

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
        """One plain sentence per problem, in English or Chinese."""
        zh = language == "zh"
        out: list[str] = []
        for s in self.sets:
            who = f"「{s.name}」" if zh else f"{s.name!r}"
            if s.absent_ids:
                out.append(
                    f"{who}缺少其他标注集中有的 {len(s.absent_ids)} 条：{_ids(s.absent_ids)}"
                    if zh
                    else f"{who} lacks {_n(len(s.absent_ids), 'id')} that other sets have: {_ids(s.absent_ids)}"
                )
            if s.only_here_ids and len(self.sets) > 2:
                out.append(
                    f"{who}有 {len(s.only_here_ids)} 条其他标注集都没有：{_ids(s.only_here_ids)}"
                    if zh
                    else f"{who} has {_n(len(s.only_here_ids), 'id')} no other set has: {_ids(s.only_here_ids)}"
                )
            if s.empty_ids:
                out.append(
                    f"{who}有 {len(s.empty_ids)} 条标签为空，按缺失计：{_ids(s.empty_ids)}"
                    if zh
                    else f"{who} has {_n(len(s.empty_ids), 'empty label')}, counted as missing: {_ids(s.empty_ids)}"
                )
            if s.abstain_ids:
                out.append(
                    f"{who}有 {len(s.abstain_ids)} 条弃权（abstain），按缺失计：{_ids(s.abstain_ids)}"
                    if zh
                    else f"{who} abstained on {_n(len(s.abstain_ids), 'item')}, counted as missing: {_ids(s.abstain_ids)}"
                )
            if s.error_ids:
                out.append(
                    f"{who}有 {len(s.error_ids)} 条出错记录，按缺失计：{_ids(s.error_ids)}"
                    if zh
                    else f"{who} has {_n(len(s.error_ids), 'error record')}, counted as missing: {_ids(s.error_ids)}"
                )
            if s.multiple_ids:
                out.append(
                    f"{who}有 {len(s.multiple_ids)} 条选了多个标签，但规则书是单标签任务，按缺失计：{_ids(s.multiple_ids)}"
                    if zh
                    else f"{who} gave several labels to {_n(len(s.multiple_ids), 'item')} of a single-label task, "
                    f"counted as missing: {_ids(s.multiple_ids)}"
                )
            if s.duplicate_ids:
                listed = ", ".join(f"{i} ×{c}" for i, c in list(s.duplicate_ids.items())[:10])
                out.append(
                    f"{who}有 {len(s.duplicate_ids)} 个 id 重复出现（标签相同，只计一次）：{listed}"
                    if zh
                    else f"{who} lists {_n(len(s.duplicate_ids), 'id')} more than once (same label, counted once): {listed}"
                )
            if s.unknown_labels:
                listed = ", ".join(f"{label!r} ×{count}" for label, count in s.unknown_labels.items())
                out.append(
                    f"{who}使用了规则书以外的标签：{listed}"
                    if zh
                    else f"{who} uses labels outside the rulebook: {listed}"
                )
            for v in s.variants:
                what_zh = "别名" if v.kind == "alias" else "写法变体（大小写/全半角/空格）"
                what_en = "an alias" if v.kind == "alias" else "a case/width/space variant"
                if v.merged:
                    out.append(
                        f"{who}的 {v.raw!r}（{v.count} 条）是 {v.canonical!r} 的{what_zh}，已按 --normalise 归并为 {v.canonical!r}"
                        if zh
                        else f"{who}: {v.raw!r} ({v.count}×) is {what_en} of {v.canonical!r}; mapped to {v.canonical!r} (normalise)"
                    )
                else:
                    out.append(
                        f"{who}的 {v.raw!r}（{v.count} 条）是 {v.canonical!r} 的{what_zh}，未归并、按不同标签计算；"
                        "修正文件或加 --normalise"
                        if zh
                        else f"{who}: {v.raw!r} ({v.count}×) is {what_en} of {v.canonical!r}; NOT merged, so it counts "
                        "as a different label (fix the file or pass --normalise)"
                    )
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
            raise InputError(f"no label set named {name!r}; the sets are {self.names}") from None

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


# --------------------------------------------------------------------------------------------- #
# Loading
# --------------------------------------------------------------------------------------------- #


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _ids(ids: Sequence[str], limit: int = 10) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f", … (+{len(ids) - limit})" if len(ids) > limit else "")


_PREDICTION_STATUSES = ("labeled", "abstain", "error")


def _label_parts(record: Mapping[str, Any], label_field: str) -> list[str]:
    """The label(s) of a record: one text, or a list (Doccano's ``["x"]``, a Label Studio multi-choice,
    JSON list text in a CSV cell) -- never the Python text of a list."""
    raw = record.get(label_field)
    listed = record.get("labels")
    if label_field == "label" and isinstance(listed, list) and len(listed) > 1:
        raw = listed  # a Label Studio multi-choice answer
    if isinstance(raw, str) and raw.strip()[:1] == "[":
        import json

        try:
            decoded = json.loads(raw)
        except json.JSONDecodeError:
            decoded = None
        if isinstance(decoded, list):
            raw = decoded
    if isinstance(raw, dict) and "choices" in raw:
        raw = raw["choices"]  # JSON_MIN's {"choices": [...]}
    if isinstance(raw, list):
        parts: list[str] = []
        for part in raw:
            if isinstance(part, list) and len(part) == 3:  # a Doccano span [start, end, label]
                part = part[2]
            text = cell_text(part, strip=False) if not isinstance(part, (list, dict)) else None
            if text is not None and text.strip() not in parts:
                parts.append(text.strip())
        return parts
    text = cell_text(raw, strip=False)
    return [text] if text is not None else []


def _is_model_records(records: Sequence[Mapping[str, Any]]) -> bool:
    """Pre-label output: a prediction `status`, or `confidence` with `engine`/`rationale` (a human file
    with just an annotator-confidence column is not taken for the model)."""
    for record in records[:200]:
        if cell_text(record.get("status"), strip=False) in _PREDICTION_STATUSES or "engine" in record:
            return True
        if "confidence" in record and ("rationale" in record or "engine" in record):
            return True
    return False


def label_sets_from_records(
    records: Sequence[Mapping[str, Any]],
    name: str,
    *,
    label_field: str = "label",
    id_field: str = "id",
    annotator_field: str = "annotator",
    text_field: str = "text",
    rationale_field: str = "rationale",
    source: str | None = None,
) -> list[LabelSet]:
    """Label sets from in-memory records (what :func:`load_label_sets` does after reading the file).

    With an ``annotator_field`` column there is one set per annotator, named
    after the annotator; otherwise one set called ``name``.
    """
    where = source or name
    if not records:
        raise InputError(f"{where}: no records")
    present = set().union(*(r.keys() for r in records[:50]))
    missing_cols = [c for c in (id_field, label_field) if c not in present]
    if missing_cols:
        hint = ""
        if label_field in missing_cols:
            hint = " (choose the label column with --label-field)"
        elif id_field in missing_cols:
            hint = " (choose the id column with --id-field)"
        raise InputError(f"{where}: missing column(s) {missing_cols}; the file has {sorted(present)}{hint}")
    is_model = _is_model_records(records)
    by_annotator = annotator_field in present and not is_model
    groups: dict[str | None, list[tuple[int, Mapping[str, Any]]]] = {}
    blank_annotator: list[int] = []
    for number, record in enumerate(records, 1):
        annotator = cell_text(record.get(annotator_field), strip=False) if by_annotator else None
        if by_annotator and annotator is None:
            blank_annotator.append(number)
            continue
        groups.setdefault(annotator.strip() if annotator else None, []).append((number, record))
    if blank_annotator:
        raise InputError(
            f"{where}: {_n(len(blank_annotator), 'record')} with an empty {annotator_field!r} "
            f"(records {', '.join(map(str, blank_annotator[:10]))}); fill in who labeled them"
        )
    sets = []
    for annotator, rows in groups.items():
        set_name = annotator if annotator is not None else name
        sets.append(
            _one_set(
                rows,
                set_name,
                where=where,
                annotator=annotator,
                is_model=is_model,
                label_field=label_field,
                id_field=id_field,
                text_field=text_field,
                rationale_field=rationale_field,
                source=source,
            )
        )
    return sets


def _one_set(
    rows: list[tuple[int, Mapping[str, Any]]],
    name: str,
    *,
    where: str,
    annotator: str | None,
    is_model: bool,
    label_field: str,
    id_field: str,
    text_field: str,
    rationale_field: str,
    source: str | None,
) -> LabelSet:
    labels: dict[str, str] = {}
    missing: dict[str, MissingReason] = {}
    rationales: dict[str, str] = {}
    texts: dict[str, str] = {}
    seen: Counter[str] = Counter()
    first_value: dict[str, str | None] = {}
    conflicts: list[str] = []
    blank_ids: list[int] = []
    multi: list[str] = []
    for number, record in rows:
        item_id = cell_text(record.get(id_field), strip=False)
        if item_id is None:
            blank_ids.append(number)
            continue
        item_id = item_id.strip()
        parts = _label_parts(record, label_field)
        label = MULTI.join(parts) if parts else None
        if len(parts) > 1:
            multi.append(item_id)
        status = cell_text(record.get("status"), strip=False) if is_model else None
        reason: MissingReason | None = None
        if status == "error":
            reason, label = "error", None
        elif status == ABSTAIN or (label is not None and label.strip() == ABSTAIN):
            reason, label = "abstain", None
        elif label is None:
            reason = "error" if is_model and status not in (None, "labeled") else "empty"
        seen[item_id] += 1
        value = label if reason is None else f"\0{reason}"
        if seen[item_id] > 1:
            if first_value[item_id] != value:
                conflicts.append(item_id)
            continue
        first_value[item_id] = value
        if reason is None:
            labels[item_id] = label  # type: ignore[assignment]
        else:
            missing[item_id] = reason
        rationale = cell_text(record.get(rationale_field), strip=False)
        if rationale:
            rationales[item_id] = rationale.strip()
        text = cell_text(record.get(text_field), strip=False)
        if text:
            texts[item_id] = text.strip()
    who = f" (annotator {annotator!r})" if annotator else ""
    if blank_ids:
        raise InputError(
            f"{where}{who}: {_n(len(blank_ids), 'record')} without an {id_field!r} "
            f"(records {', '.join(map(str, blank_ids[:10]))})"
        )
    if conflicts:
        shown = ", ".join(conflicts[:10])
        raise InputError(
            f"{where}{who}: {_n(len(conflicts), 'id')} listed twice with different labels ({shown}); "
            "keep one label per item and rater"
        )
    duplicates = {item_id: count for item_id, count in seen.items() if count > 1}
    return LabelSet(
        name=name,
        labels=labels,
        rationales=rationales,
        texts=texts,
        missing=missing,
        duplicates=duplicates,
        multi=list(dict.fromkeys(i for i in multi if i in labels)),
        source=source,
        annotator=annotator,
        is_model=is_model,
    )


def load_label_sets(
    path: Path | str,
    *,
    name: str | None = None,
    label_field: str = "label",
    id_field: str = "id",
    annotator_field: str = "annotator",
    text_field: str = "text",
) -> list[LabelSet]:
    """Read a label file (CSV, JSONL, JSON or XLSX; or pre-label output JSONL) into label sets.

    A file with an ``annotator`` column gives one set per annotator (named
    after the annotator); otherwise one set named ``name`` or the file stem.
    """
    path = Path(path)
    records = read_records(path)
    require_columns(path, records, id_field)
    return label_sets_from_records(
        records,
        name or path.stem,
        label_field=label_field,
        id_field=id_field,
        annotator_field=annotator_field,
        text_field=text_field,
        source=str(path),
    )


def load_labels(path: Path | str, **options: Any) -> LabelSet:
    """Read a label file that holds exactly one rater's labels."""
    sets = load_label_sets(path, **options)
    if len(sets) != 1:
        names = ", ".join(s.name for s in sets)
        raise InputError(f"{path}: holds {len(sets)} annotators ({names}); use load_label_sets for several")
    return sets[0]


def read_texts(path: Path | str, *, id_field: str = "id", text_field: str = "text") -> dict[str, str]:
    """Item texts (id -> text) from a CSV/JSONL/XLSX file, for the disagreement review."""
    path = Path(path)
    records = read_records(path)
    require_columns(path, records, id_field, text_field)
    texts: dict[str, str] = {}
    for record in records:
        item_id, text = cell_text(record.get(id_field), strip=False), cell_text(record.get(text_field), strip=False)
        if item_id is not None and text is not None:
            texts[item_id.strip()] = text.strip()
    return texts


def unique_names(sets: Sequence[LabelSet]) -> list[LabelSet]:
    """Rename sets whose names collide to ``<file stem>/<name>`` (then ``#2``, ``#3`` if still needed)."""
    counts = Counter(s.name for s in sets)
    out: list[LabelSet] = []
    taken: set[str] = set()
    for s in sets:
        new = s.name
        if counts[s.name] > 1 and s.source:
            new = f"{Path(s.source).stem}/{s.name}"
        base, k = new, 2
        while new in taken:
            new, k = f"{base}#{k}", k + 1
        taken.add(new)
        out.append(s if new == s.name else s.model_copy(update={"name": new}))
    return out


# --------------------------------------------------------------------------------------------- #
# Joining
# --------------------------------------------------------------------------------------------- #


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
        raise InputError("no label sets to join")
    sets = [_settle_multi(s, rulebook) for s in sets]
    names = [s.name for s in sets]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise InputError(f"two label sets share the name(s) {dupes}; give each set its own name")
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
