"""Disagreement review: which labels get confused, on which items, and what to sharpen.

:func:`disagreement_review` groups the items where raters disagree by the
unordered pair of labels involved (an item labeled A by one rater and B by
another belongs to the group {A, B}; an item with three different labels
belongs to each of its three pairs), most frequent first. Each group carries
its items (id, text, every set's label, the model's rationale) and the
rulebook's definition and criteria of both labels, so the trainer sees which
definition to sharpen.

:func:`suggestions_offline` turns the top groups into rule suggestions without
an LLM: the rulebook examples that sit on the boundary (positives of one label
that look like the disputed items or like the other label's examples, found
with :class:`assistant.llm.embeddings.HashingEmbedder`; and negative examples that
already link the two labels), and a templated message in the rulebook's
language. LLM-written suggestions live elsewhere and fill ``proposed_edits``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from assistant.rulebook.draft import label_key
from evaluation.labels import Joined, LabelSet, join

if TYPE_CHECKING:
    from assistant.core.models import RuleExample, Rulebook

__all__ = [
    "DisagreementGroup",
    "LabelDefinition",
    "Review",
    "ReviewItem",
    "RuleSuggestion",
    "SuggestionExample",
    "disagreement_review",
    "suggestions_offline",
]


class ReviewItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    text: str | None = None
    labels: dict[str, str | None] = Field(description="set name -> label (None: no usable label)")
    rationale: str | None = Field(default=None, description="the model's rationale, when a model set is present")


class LabelDefinition(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: str
    in_rulebook: bool
    rulebook_label: str | None = Field(
        default=None, description="the rulebook label this one is a variant or alias of, or itself"
    )
    definition: str = ""
    criteria: list[str] = Field(default_factory=list)


class DisagreementGroup(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pair: tuple[str, str]
    count: int = Field(ge=1, description="items whose labels include both labels of the pair")
    share: float = Field(ge=0, le=1, description="count / items with any disagreement")
    items: list[ReviewItem]
    definitions: list[LabelDefinition]


class Review(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sets: list[str]
    model_sets: list[str] = Field(default_factory=list)
    n_compared: int = Field(ge=0, description="items with two or more usable labels")
    n_disagreements: int = Field(ge=0, description="items where the usable labels differ")
    groups: list[DisagreementGroup]
    language: str = "en"


class SuggestionExample(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: str
    polarity: str
    text: str
    explanation: str = ""
    correct_label: str | None = None
    kind: str = Field(description="'boundary': a negative example linking the pair; 'positive': a positive near the boundary")
    similarity_to_items: float | None = Field(default=None, description="max cosine similarity to the disputed items")
    nearest_item: str | None = Field(default=None, description="id of the most similar disputed item")
    similarity_to_other: float | None = Field(
        default=None, description="max cosine similarity to the other label's positive examples"
    )


class RuleSuggestion(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pair: tuple[str, str]
    count: int = Field(default=0, ge=0)
    message: str
    examples: list[SuggestionExample] = Field(default_factory=list)
    proposed_edits: list[str] = Field(default_factory=list, description="concrete rule edits (LLM engine; empty offline)")
    edits: list[dict] = Field(default_factory=list, description="the same edits in structured form (assistant.rulebook.revise.Edit)")
    engine: str = "offline"


# --------------------------------------------------------------------------------------------- #
# Review
# --------------------------------------------------------------------------------------------- #


def _rank(order: Sequence[str]) -> dict[str, int]:
    return {label: i for i, label in enumerate(order)}


def _pair(x: str, y: str, rank: Mapping[str, int]) -> tuple[str, str]:
    big = len(rank)
    first, second = sorted((x, y), key=lambda label: (rank.get(label, big), label))
    return first, second


def _definition(label: str, rulebook: "Rulebook | None") -> LabelDefinition:
    if rulebook is None:
        return LabelDefinition(label=label, in_rulebook=False)
    rule = rulebook.label(label)
    if rule is None:
        key = label_key(label)
        rule = next(
            (r for r in rulebook.labels if label_key(r.name) == key or key in {label_key(a) for a in r.aliases}),
            None,
        )
        if rule is None:
            return LabelDefinition(label=label, in_rulebook=False)
        return LabelDefinition(
            label=label, in_rulebook=False, rulebook_label=rule.name, definition=rule.definition, criteria=list(rule.criteria)
        )
    return LabelDefinition(
        label=label, in_rulebook=True, rulebook_label=rule.name, definition=rule.definition, criteria=list(rule.criteria)
    )


def disagreement_review(
    data: Joined | Sequence[LabelSet],
    rulebook: "Rulebook | None" = None,
    *,
    texts: Mapping[str, str] | None = None,
    normalise: bool = False,
) -> Review:
    """Disagreements grouped by unordered label pair, most frequent first.

    ``data`` is a joined table or the label sets to join (with ``normalise``).
    ``texts`` (id -> text) adds the item texts; texts found in the label
    files are used otherwise. Ties in count are broken by the rulebook's label
    order. Items keep the joined (file) order inside a group.
    """
    joined = data if isinstance(data, Joined) else join(list(data), rulebook, normalise=normalise)
    rank = _rank(joined.label_order)
    all_texts = {**joined.texts, **(dict(texts) if texts else {})}
    model_rationales: dict[str, str] = {}
    for name in joined.model_sets:
        for item_id, rationale in joined.rationales.get(name, {}).items():
            model_rationales.setdefault(item_id, rationale)

    groups: dict[tuple[str, str], list[ReviewItem]] = defaultdict(list)
    n_compared = n_disagreements = 0
    for index, item_id in enumerate(joined.ids):
        labels = {name: joined.table[name][index] for name in joined.names}
        used = [label for label in labels.values() if label is not None]
        if len(used) < 2:
            continue
        n_compared += 1
        distinct = sorted(set(used), key=lambda label: (rank.get(label, len(rank)), label))
        if len(distinct) < 2:
            continue
        n_disagreements += 1
        item = ReviewItem(
            id=item_id, text=all_texts.get(item_id), labels=labels, rationale=model_rationales.get(item_id)
        )
        for i, x in enumerate(distinct):
            for y in distinct[i + 1 :]:
                groups[_pair(x, y, rank)].append(item)

    ordered = sorted(
        groups.items(),
        key=lambda kv: (-len(kv[1]), rank.get(kv[0][0], len(rank)), rank.get(kv[0][1], len(rank)), kv[0]),
    )
    language = "zh" if rulebook is not None and rulebook.language == "zh" else "en"
    return Review(
        sets=list(joined.names),
        model_sets=list(joined.model_sets),
        n_compared=n_compared,
        n_disagreements=n_disagreements,
        groups=[
            DisagreementGroup(
                pair=pair,
                count=len(items),
                share=len(items) / n_disagreements,
                items=items,
                definitions=[_definition(pair[0], rulebook), _definition(pair[1], rulebook)],
            )
            for pair, items in ordered
        ],
        language=language,
    )


# --------------------------------------------------------------------------------------------- #
# Offline suggestions
# --------------------------------------------------------------------------------------------- #


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _positives(rulebook: "Rulebook", label: str) -> list["RuleExample"]:
    rule = rulebook.label(label)
    return [e for e in (rule.examples if rule else []) if e.polarity.value == "positive"]


def _boundary(rulebook: "Rulebook", a: str, b: str) -> list["RuleExample"]:
    pair = {a, b}
    return [
        e
        for e in rulebook.examples()
        if e.polarity.value == "negative" and e.correct_label is not None and {e.label, e.correct_label} == pair
    ]


def _near_examples(
    group: DisagreementGroup, rulebook: "Rulebook", embedder, per_label: int
) -> list[SuggestionExample]:
    a, b = group.pair
    items = [item for item in group.items if item.text]
    pos = {a: _positives(rulebook, a), b: _positives(rulebook, b)}
    texts = [e.text for e in pos[a] + pos[b]]
    if not texts:
        return []
    vectors = embedder.embed(texts + [item.text for item in items])  # type: ignore[misc]
    example_vecs, item_vecs = vectors[: len(texts)], vectors[len(texts) :]
    n_a = len(pos[a])
    out: list[SuggestionExample] = []
    for label, start, examples, other_start, other_n in (
        (a, 0, pos[a], n_a, len(pos[b])),
        (b, n_a, pos[b], 0, n_a),
    ):
        scored = []
        for k, example in enumerate(examples):
            vec = example_vecs[start + k]
            to_items = nearest = None
            if len(item_vecs):
                sims = item_vecs @ vec
                j = int(sims.argmax())
                to_items, nearest = float(sims[j]), items[j].id
            to_other = None
            if other_n:
                to_other = float((example_vecs[other_start : other_start + other_n] @ vec).max())
            scored.append((to_items if to_items is not None else to_other or 0.0, to_items, nearest, to_other, example))
        scored.sort(key=lambda row: -row[0])
        for _, to_items, nearest, to_other, example in scored[:per_label]:
            out.append(
                SuggestionExample(
                    label=label,
                    polarity="positive",
                    text=example.text,
                    explanation=example.explanation,
                    kind="positive",
                    similarity_to_items=None if to_items is None else round(to_items, 4),
                    nearest_item=nearest,
                    similarity_to_other=None if to_other is None else round(to_other, 4),
                )
            )
    return out


def _message(
    group: DisagreementGroup,
    rulebook: "Rulebook",
    near: list[SuggestionExample],
    boundary: list["RuleExample"],
    zh: bool,
) -> str:
    a, b = group.pair
    defs = {d.label: d for d in group.definitions}
    example_item = next((item for item in group.items if item.text), group.items[0])
    sample = f"{example_item.id}「{_short(example_item.text)}」" if example_item.text else example_item.id
    sample_en = f"{example_item.id} «{_short(example_item.text)}»" if example_item.text else example_item.id
    parts: list[str] = []
    if zh:
        parts.append(
            f"明确「{a}」和「{b}」的边界：有 {group.count} 条数据在这两个标签之间出现分歧"
            f"（占全部分歧的 {group.share:.0%}），例如 {sample}。"
        )
    else:
        parts.append(
            f"Sharpen the boundary between '{a}' and '{b}': raters split between them on {group.count} "
            f"item{'s' if group.count != 1 else ''} ({group.share:.0%} of all disagreements), e.g. {sample_en}."
        )
    for label in (a, b):
        d = defs[label]
        if not d.in_rulebook:
            if d.rulebook_label:
                parts.append(
                    f"「{label}」指的是规则书标签「{d.rulebook_label}」（写法变体或别名）：请统一文件中的写法，或加 --normalise 归并。"
                    if zh
                    else f"'{label}' stands for the rulebook label '{d.rulebook_label}' (a spelling variant or alias): "
                    "fix the files or rerun with --normalise."
                )
            else:
                parts.append(
                    f"「{label}」不是规则书里的标签：决定把它并入已有标签、加进规则书，还是明确禁止使用。"
                    if zh
                    else f"'{label}' is not a rulebook label: map it to an existing label, add it to the rulebook, "
                    "or tell annotators not to use it."
                )
        elif not d.definition:
            parts.append(
                f"「{label}」还没有定义，先补上定义。" if zh else f"'{label}' has no definition yet: write one first."
            )
    close = [e for e in near if e.similarity_to_items is not None]
    if close:
        # the closest example of each label, so the trainer sees both sides of the boundary
        best: dict[str, SuggestionExample] = {}
        for e in sorted(close, key=lambda e: -(e.similarity_to_items or 0)):
            best.setdefault(e.label, e)
        shown = list(best.values())
        if zh:
            listed = "；".join(f"「{e.label}」的正例「{_short(e.text)}」（相似度 {e.similarity_to_items:.2f}）" for e in shown)
            parts.append(f"争议数据最像{listed}：在两个标签的判定标准里写明区分它们的具体信号。")
        else:
            listed = "; ".join(
                f"{e.label}'s example «{_short(e.text)}» (similarity {e.similarity_to_items:.2f})" for e in shown
            )
            parts.append(
                f"The disputed items look most like {listed}: state in both labels' criteria which signal separates them."
            )
    if boundary:
        if zh:
            parts.append(
                f"规则书已有 {len(boundary)} 条区分这两个标签的负例，标注员仍有分歧，"
                "说明需要把决定性信号直接写进判定标准，而不只是放在示例里。"
            )
        else:
            parts.append(
                f"The rulebook already has {len(boundary)} negative example{'s' if len(boundary) != 1 else ''} "
                "between them and raters still split: put the deciding signal in the criteria, not only in examples."
            )
    elif all(defs[label].in_rulebook for label in (a, b)):
        if zh:
            parts.append(
                f"规则书里还没有区分这两个标签的负例：把一条争议数据（如 {example_item.id}）裁定后加为负例，"
                "写明它看起来像哪个标签、实际应标哪个以及原因。"
            )
        else:
            parts.append(
                f"There is no negative example between them yet: adjudicate a disputed item (e.g. {example_item.id}) "
                "and add it as a negative example saying which label it looks like, which it is, and why."
            )
    return "".join(parts) if zh else " ".join(parts)


def suggestions_offline(
    review: Review, rulebook: "Rulebook | None", *, top: int = 3, per_label: int = 2
) -> list[RuleSuggestion]:
    """Templated rule suggestions for the ``top`` most confused label pairs (no LLM).

    Without a rulebook there are no definitions or examples to point at; the
    messages then only name the pairs.
    """
    groups = review.groups[:top]
    if not groups:
        return []
    if rulebook is None:
        return [
            RuleSuggestion(
                pair=g.pair,
                count=g.count,
                message=(
                    f"Sharpen the boundary between '{g.pair[0]}' and '{g.pair[1]}': raters split between them on "
                    f"{g.count} item{'s' if g.count != 1 else ''} ({g.share:.0%} of all disagreements). "
                    "Pass the rulebook to see both definitions and the examples on the boundary."
                ),
            )
            for g in groups
        ]
    from assistant.llm.embeddings import HashingEmbedder

    embedder = HashingEmbedder()
    zh = rulebook.language == "zh"
    out = []
    for group in groups:
        a, b = group.pair
        near = _near_examples(group, rulebook, embedder, per_label)
        boundary = _boundary(rulebook, a, b)
        examples = [
            SuggestionExample(
                label=e.label,
                polarity="negative",
                text=e.text,
                explanation=e.explanation,
                correct_label=e.correct_label,
                kind="boundary",
            )
            for e in boundary
        ] + near
        out.append(
            RuleSuggestion(
                pair=group.pair,
                count=group.count,
                message=_message(group, rulebook, near, boundary, zh),
                examples=examples,
            )
        )
    return out
