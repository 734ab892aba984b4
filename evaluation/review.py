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

from assistant.core.messages import Items, Message, normalize, text
from assistant.rulebook.grounding import label_key
from evaluation.labels import Joined, LabelSet, join
from assistant.llm.embeddings import HashingEmbedder

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


def _short(value: str, limit: int = 40) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _count(count: int, noun: str) -> Message:
    """`3 items` / `1 item` in English; the bare number in a language that counts without a plural."""
    return Message(f"review.count.{noun}.{'one' if count == 1 else 'other'}", count=count)


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
    language: str,
) -> str:
    """The suggestion for one confused pair, in the rulebook's language (words from the catalogue: review.*)."""
    a, b = group.pair
    defs = {d.label: d for d in group.definitions}
    example_item = next((item for item in group.items if item.text), group.items[0])
    sample: Message | str = example_item.id
    if example_item.text:
        sample = Message("review.sample", item=example_item.id, text=_short(example_item.text))
    parts = [Message("review.suggest.boundary", a=a, b=b, n_items=_count(group.count, "item"), share=group.share, sample=sample)]
    for label in (a, b):
        d = defs[label]
        if not d.in_rulebook:
            if d.rulebook_label:
                parts.append(Message("review.suggest.variant", label=label, rulebook_label=d.rulebook_label))
            else:
                parts.append(Message("review.suggest.not_in_rulebook", label=label))
        elif not d.definition:
            parts.append(Message("review.suggest.no_definition", label=label))
    close = [e for e in near if e.similarity_to_items is not None]
    if close:
        # the closest example of each label, so the trainer sees both sides of the boundary
        best: dict[str, SuggestionExample] = {}
        for e in sorted(close, key=lambda e: -(e.similarity_to_items or 0)):
            best.setdefault(e.label, e)
        listed = Items(
            [
                Message("review.suggest.near_example", label=e.label, text=_short(e.text), similarity=e.similarity_to_items)
                for e in best.values()
            ],
            plain=True,
            separator="list.part_separator",
        )
        parts.append(Message("review.suggest.near", examples=listed))
    if boundary:
        parts.append(Message("review.suggest.has_negatives", n_examples=_count(len(boundary), "negative_example")))
    elif all(defs[label].in_rulebook for label in (a, b)):
        parts.append(Message("review.suggest.add_negative", item=example_item.id))
    return text("review.sentence_separator", language).join(part.render(language) for part in parts)


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
                message=text(
                    "review.suggest.no_rulebook",
                    review.language,
                    a=g.pair[0],
                    b=g.pair[1],
                    n_items=_count(g.count, "item"),
                    share=g.share,
                ),
            )
            for g in groups
        ]

    embedder = HashingEmbedder()
    language = normalize(rulebook.language)
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
                message=_message(group, rulebook, near, boundary, language),
                examples=examples,
            )
        )
    return out
