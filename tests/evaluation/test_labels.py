"""Loading label files and joining them: every data problem is reported, nothing merged silently."""

from __future__ import annotations

import pytest

from assistant.integrations.datafiles import write_records
from assistant.core.errors import InputError
from evaluation.labels import (
    LabelSet,
    join,
    label_sets_from_records,
    load_label_sets,
    load_labels,
    read_texts,
    unique_names,
)


def test_csv_with_annotator_column_gives_one_set_per_annotator(write_csv):
    path = write_csv(
        "trial.csv",
        ["id", "label", "annotator"],
        [["1", "positive", "ann1"], ["2", "neutral", "ann1"], ["1", "positive", "ann2"], ["2", "negative", "ann2"]],
    )
    sets = load_label_sets(path)
    assert [s.name for s in sets] == ["ann1", "ann2"]
    assert sets[0].labels == {"1": "positive", "2": "neutral"}
    assert sets[1].labels == {"1": "positive", "2": "negative"}
    assert all(s.annotator == s.name and s.source == str(path) for s in sets)
    with pytest.raises(InputError, match="2 annotators"):
        load_labels(path)


def test_file_without_annotator_column_is_named_after_its_stem_or_the_given_name(write_csv):
    path = write_csv("alice.csv", ["id", "label"], [["1", "positive"]])
    assert load_labels(path).name == "alice"
    assert load_labels(path, name="Alice R.").name == "Alice R."


def test_prelabel_output_abstain_and_error_count_as_missing_with_rationales(write_jsonl):
    path = write_jsonl(
        "prelabels.jsonl",
        [
            {"id": "1", "label": "positive", "confidence": 0.9, "rationale": "praise", "status": "labeled", "engine": "llm"},
            {"id": "2", "label": "abstain", "confidence": 0.1, "rationale": "unclear", "status": "abstain", "engine": "llm"},
            {"id": "3", "label": None, "confidence": 0.0, "rationale": "", "status": "error", "error": "timeout", "engine": "llm"},
            {"id": 4, "label": "neutral", "confidence": 0.6, "rationale": "a question", "status": "labeled", "engine": "llm"},
        ],
    )
    model = load_labels(path)
    assert model.is_model
    assert model.labels == {"1": "positive", "4": "neutral"}
    assert model.missing == {"2": "abstain", "3": "error"}
    assert model.rationales["1"] == "praise" and model.rationales["4"] == "a question"
    assert model.ids == ["1", "4", "2", "3"]


def test_human_file_with_a_confidence_column_is_not_the_model(write_csv):
    path = write_csv("h.csv", ["id", "label", "confidence"], [["1", "positive", "0.9"]])
    assert not load_labels(path).is_model


def test_custom_label_and_id_fields(write_csv):
    path = write_csv("x.csv", ["msg_id", "final"], [["m1", "positive"], ["m2", "negative"]])
    assert load_labels(path, label_field="final", id_field="msg_id").labels == {"m1": "positive", "m2": "negative"}
    with pytest.raises(InputError, match="--label-field"):
        load_labels(path, id_field="msg_id")


def test_xlsx_numbers_become_plain_ids_and_labels(tmp_path):
    path = write_records(tmp_path / "ratings.xlsx", [{"id": 1, "label": 3}, {"id": 2, "label": 0}])
    assert load_labels(path).labels == {"1": "3", "2": "0"}


def test_empty_label_is_missing_and_reported(write_csv, tiny_rulebook):
    a = load_labels(write_csv("a.csv", ["id", "label"], [["1", "positive"], ["2", ""]]))
    b = load_labels(write_csv("b.csv", ["id", "label"], [["1", "positive"], ["2", "neutral"]]))
    joined = join([a, b], tiny_rulebook)
    assert joined.table["a"] == ["positive", None]
    problems = joined.problems.sets[0]
    assert problems.empty_ids == ["2"]
    assert joined.problems.n_complete == 1
    assert any("empty label" in m for m in joined.problems.messages())


def test_ids_in_one_set_only_are_reported_per_set():
    a = LabelSet(name="a", labels={"1": "positive", "2": "neutral", "3": "negative"})
    b = LabelSet(name="b", labels={"1": "positive", "4": "neutral"})
    joined = join([a, b])
    assert joined.ids == ["1", "2", "3", "4"]
    assert joined.table == {"a": ["positive", "neutral", "negative", None], "b": ["positive", None, None, "neutral"]}
    pa, pb = joined.problems.sets
    assert pa.absent_ids == ["4"] and pb.absent_ids == ["2", "3"]
    messages = joined.problems.messages()
    assert "'a' lacks 1 id that other sets have: 4" in messages
    assert "'b' lacks 2 ids that other sets have: 2, 3" in messages


def test_labels_outside_the_rulebook_are_counted(tiny_rulebook):
    a = LabelSet(name="a", labels={"1": "positive", "2": "mixed", "3": "mixed", "4": "spam"})
    b = LabelSet(name="b", labels={"1": "positive", "2": "neutral", "3": "neutral", "4": "neutral"})
    joined = join([a, b], tiny_rulebook)
    assert joined.problems.sets[0].unknown_labels == {"mixed": 2, "spam": 1}
    assert joined.problems.sets[1].unknown_labels == {}
    assert joined.label_order == ["positive", "neutral", "negative", "mixed", "spam"]
    assert joined.unknown_labels == ["mixed", "spam"]
    assert "'a' uses labels outside the rulebook: 'mixed' ×2, 'spam' ×1" in joined.problems.messages()


def test_variants_are_reported_and_not_merged_by_default(write_jsonl, tiny_rulebook):
    path = write_jsonl(
        "a.jsonl",
        [
            {"id": "1", "label": "Positive "},
            {"id": "2", "label": "ｐｏｓｉｔｉｖｅ"},
            {"id": "3", "label": "positive"},
            {"id": "4", "label": "POS"},
        ],
    )
    a = load_labels(path)
    assert a.labels["1"] == "Positive "  # kept exactly as written
    b = LabelSet(name="b", labels={"1": "positive", "2": "positive", "3": "positive", "4": "positive"})
    joined = join([a, b], tiny_rulebook)
    assert joined.table["a"] == ["Positive ", "ｐｏｓｉｔｉｖｅ", "positive", "POS"]
    variants = {v.raw: v for v in joined.problems.sets[0].variants}
    assert set(variants) == {"Positive ", "ｐｏｓｉｔｉｖｅ", "POS"}
    assert variants["Positive "].canonical == "positive" and variants["Positive "].kind == "variant"
    assert variants["POS"].kind == "alias"
    assert not any(v.merged for v in variants.values())
    assert joined.problems.sets[0].unknown_labels == {}  # reported as variants, not as unknown labels
    assert any("NOT merged" in m and "'Positive '" in m for m in joined.problems.messages())


def test_normalise_maps_variants_to_the_rulebook_label_and_reports_the_mapping(tiny_rulebook):
    a = LabelSet(name="a", labels={"1": "Positive ", "2": "NEUTRAL", "3": "negative"})
    b = LabelSet(name="b", labels={"1": "positive", "2": "neutral", "3": "negative"})
    joined = join([a, b], tiny_rulebook, normalise=True)
    assert joined.table["a"] == ["positive", "neutral", "negative"]
    assert joined.problems.normalised
    variants = joined.problems.sets[0].variants
    assert {(v.raw, v.canonical, v.merged) for v in variants} == {("Positive ", "positive", True), ("NEUTRAL", "neutral", True)}
    assert any("mapped to 'positive'" in m for m in joined.problems.messages())


def test_variants_between_sets_are_found_without_a_rulebook():
    a = LabelSet(name="a", labels={"1": "Yes", "2": "no"})
    b = LabelSet(name="b", labels={"1": "yes", "2": "no", "3": "yes"})
    joined = join([a, b])
    assert joined.table["a"] == ["Yes", "no", None]
    [variant] = joined.problems.sets[0].variants
    assert (variant.raw, variant.canonical, variant.merged) == ("Yes", "yes", False)
    assert join([a, b], normalise=True).table["a"] == ["yes", "no", None]


def test_duplicate_ids_same_label_reported_conflicting_labels_refused():
    records = [{"id": "1", "label": "x"}, {"id": "1", "label": "x"}, {"id": "2", "label": "y"}]
    [s] = label_sets_from_records(records, "r")
    assert s.duplicates == {"1": 2}
    assert join([s, LabelSet(name="o", labels={"1": "x", "2": "y"})]).problems.sets[0].duplicate_ids == {"1": 2}
    with pytest.raises(InputError, match=r"listed twice with different labels \(1\)"):
        label_sets_from_records([{"id": "1", "label": "x"}, {"id": "1", "label": "y"}], "r")


def test_clear_errors_for_bad_files(write_csv, tmp_path):
    with pytest.raises(InputError, match="file not found"):
        load_label_sets(tmp_path / "nope.csv")
    with pytest.raises(InputError, match="empty 'annotator'"):
        load_label_sets(write_csv("a.csv", ["id", "label", "annotator"], [["1", "x", "ann"], ["2", "y", ""]]))
    with pytest.raises(InputError, match="share the name"):
        join([LabelSet(name="a"), LabelSet(name="a")])


def test_unique_names_prefixes_the_file_stem_on_collision():
    sets = unique_names(
        [LabelSet(name="ann1", source="round1.csv"), LabelSet(name="ann1", source="round2.csv"), LabelSet(name="b")]
    )
    assert [s.name for s in sets] == ["round1/ann1", "round2/ann1", "b"]


def test_texts_from_a_label_file_and_from_an_items_file(write_csv, samples):
    a = load_labels(write_csv("a.csv", ["id", "label", "text"], [["1", "x", "hello"]]))
    assert a.texts == {"1": "hello"}
    texts = read_texts(samples / "items.csv")
    assert len(texts) == 40 and texts["c001"].startswith("第三次联系你们了")


def test_bundled_samples_are_two_annotators_on_forty_items(samples, complaints_rulebook):
    sets = load_label_sets(samples / "human_a.csv") + load_label_sets(samples / "human_b.csv")
    assert len(sets) == 2
    joined = join(sets, complaints_rulebook)
    assert joined.ids == [f"c{i:03d}" for i in range(1, 41)]
    assert not joined.problems.has_problems
    assert set(joined.label_order) == {"愤怒投诉", "一般不满", "中性咨询", "正面反馈"}
    disagree = sum(x != y for x, y in zip(*joined.table.values()))
    assert disagree == 6  # 85% raw agreement
