"""Disagreement review: groups by unordered label pair, hand-checked counts and order; offline suggestions."""

from __future__ import annotations

from evaluation.labels import LabelSet, join, load_label_sets, read_texts
from evaluation.review import disagreement_review, suggestions_offline


def _sets(pairs, names=("a", "b")):
    return [
        LabelSet(name=name, labels={f"i{k}": pair[j] for k, pair in enumerate(pairs) if pair[j] is not None})
        for j, name in enumerate(names)
    ]


# Hand-built: positive/negative x3 (both directions), positive/neutral x2, neutral/negative x2, 4 agreements.
PAIRS = [
    ("positive", "negative"),  # i0
    ("neutral", "negative"),  # i1
    ("negative", "positive"),  # i2  same unordered pair as i0
    ("positive", "positive"),  # i3
    ("neutral", "positive"),  # i4
    ("negative", "neutral"),  # i5
    ("positive", "negative"),  # i6
    ("positive", "neutral"),  # i7
    ("neutral", "neutral"),  # i8
    ("negative", "negative"),  # i9
    ("positive", None),  # i10 one side missing: not compared
    (None, "neutral"),  # i11
    ("negative", "negative"),  # i12
]


def test_groups_by_unordered_pair_most_frequent_first_ties_in_rulebook_order(tiny_rulebook):
    review = disagreement_review(_sets(PAIRS), tiny_rulebook)
    assert review.n_compared == 11 and review.n_disagreements == 7
    # rulebook order: positive, neutral, negative -> ties (2 and 2) in that order
    assert [(g.pair, g.count) for g in review.groups] == [
        (("positive", "negative"), 3),
        (("positive", "neutral"), 2),
        (("neutral", "negative"), 2),
    ]
    assert [item.id for item in review.groups[0].items] == ["i0", "i2", "i6"]
    assert review.groups[0].items[1].labels == {"a": "negative", "b": "positive"}
    assert review.groups[0].share == 3 / 7
    assert sum(g.count for g in review.groups) == review.n_disagreements  # two raters: one pair per item


def test_groups_carry_both_definitions_and_criteria(tiny_rulebook):
    group = disagreement_review(_sets(PAIRS), tiny_rulebook).groups[0]
    first, second = group.definitions
    assert (first.label, first.definition, first.criteria) == (
        "positive", "The writer is pleased.", ["praise of the product or service"]
    )
    assert (second.label, second.definition) == ("negative", "The writer is unhappy.")
    assert first.in_rulebook and second.in_rulebook


def test_items_with_three_labels_belong_to_each_of_their_pairs(tiny_rulebook):
    sets = [
        LabelSet(name="a", labels={"1": "positive", "2": "neutral"}),
        LabelSet(name="b", labels={"1": "neutral", "2": "neutral"}),
        LabelSet(name="c", labels={"1": "negative", "2": "negative"}),
    ]
    review = disagreement_review(sets, tiny_rulebook)
    assert review.n_disagreements == 2
    counts = {g.pair: g.count for g in review.groups}
    assert counts == {("positive", "neutral"): 1, ("positive", "negative"): 1, ("neutral", "negative"): 2}
    assert review.groups[0].pair == ("neutral", "negative")


def test_texts_and_model_rationale_are_attached(tiny_rulebook):
    model = LabelSet(
        name="model",
        labels={"1": "positive", "2": "neutral"},
        rationales={"1": "sounds pleased", "2": "a question"},
        is_model=True,
    )
    human = LabelSet(name="human", labels={"1": "neutral", "2": "neutral"})
    review = disagreement_review([model, human], tiny_rulebook, texts={"1": "thanks, ok then"})
    [group] = review.groups
    [item] = group.items
    assert (item.id, item.text, item.rationale) == ("1", "thanks, ok then", "sounds pleased")
    assert review.model_sets == ["model"]


def test_unmerged_variant_shows_up_as_its_own_group(tiny_rulebook):
    sets = [LabelSet(name="a", labels={"1": "Positive", "2": "positive"}), LabelSet(name="b", labels={"1": "positive", "2": "positive"})]
    review = disagreement_review(join(sets, tiny_rulebook), tiny_rulebook)
    [group] = review.groups
    assert group.pair == ("positive", "Positive")
    variant = group.definitions[1]
    assert not variant.in_rulebook and variant.rulebook_label == "positive"
    assert disagreement_review(join(sets, tiny_rulebook, normalise=True), tiny_rulebook).groups == []


def test_no_disagreements_no_groups_no_suggestions(tiny_rulebook):
    sets = _sets([("positive", "positive"), ("neutral", "neutral")])
    review = disagreement_review(sets, tiny_rulebook)
    assert review.groups == [] and review.n_compared == 2
    assert suggestions_offline(review, tiny_rulebook) == []


def test_offline_suggestions_english(tiny_rulebook):
    review = disagreement_review(
        _sets(PAIRS), tiny_rulebook, texts={"i4": "thanks, ok", "i7": "love it, when does it ship"}
    )
    suggestions = suggestions_offline(review, tiny_rulebook)
    assert [s.pair for s in suggestions] == [g.pair for g in review.groups]
    first, second = suggestions[0], suggestions[1]
    assert first.message.startswith("Sharpen the boundary between 'positive' and 'negative': raters split")
    assert "3 items (43% of all disagreements)" in first.message
    assert "no negative example between them yet" in first.message
    assert first.proposed_edits == [] and first.engine == "offline"
    # positive <-> neutral: the rulebook has a negative example linking them, and texts give similarities
    boundary = [e for e in second.examples if e.kind == "boundary"]
    assert [(e.text, e.label, e.correct_label) for e in boundary] == [("thanks, ok", "positive", "neutral")]
    near = [e for e in second.examples if e.kind == "positive"]
    assert {e.label for e in near} == {"positive", "neutral"}
    assert all(e.nearest_item in {"i4", "i7"} and e.similarity_to_items is not None for e in near)
    assert "already has 1 negative example" in second.message


def test_offline_suggestions_chinese_on_the_samples(samples, complaints_rulebook):
    sets = load_label_sets(samples / "human_a.csv") + load_label_sets(samples / "human_b.csv")
    review = disagreement_review(sets, complaints_rulebook, texts=read_texts(samples / "items.csv"))
    assert [(g.pair, g.count) for g in review.groups] == [
        (("愤怒投诉", "一般不满"), 3),
        (("一般不满", "中性咨询"), 2),
        (("中性咨询", "正面反馈"), 1),
    ]
    assert [i.id for i in review.groups[0].items] == ["c005", "c012", "c027"]
    assert review.language == "zh"
    suggestions = suggestions_offline(review, complaints_rulebook, top=2)
    assert len(suggestions) == 2
    assert suggestions[0].message.startswith("明确「愤怒投诉」和「一般不满」的边界：有 3 条数据")
    assert any(e.kind == "boundary" and e.correct_label == "一般不满" for e in suggestions[0].examples)


def test_suggestions_without_rulebook_only_name_the_pair():
    review = disagreement_review(_sets([("x", "y"), ("x", "x")]))
    [suggestion] = suggestions_offline(review, None)
    assert suggestion.message.startswith("Sharpen the boundary between 'x' and 'y'")
    assert suggestion.examples == []
