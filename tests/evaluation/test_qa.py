"""QA sampling: textbook sample sizes, stratified allocation, reproducibility, accept/reject."""

from __future__ import annotations

import math
from collections import Counter
from statistics import NormalDist

import pytest
from statsmodels.stats.proportion import proportion_confint

from assistant.core.errors import InputError
from evaluation.labels import LabelSet
from evaluation.qa import (
    allocate,
    annotator_accuracy,
    draw_sample,
    parse_correct,
    qa_check,
    sample_size,
    wilson_interval,
)


@pytest.mark.parametrize(
    ("population", "margin", "confidence", "expected"),
    [
        (None, 0.05, 0.95, 385),  # the classic 384.16 -> 385
        (math.inf, 0.03, 0.95, 1068),
        (None, 0.05, 0.99, 664),
        (None, 0.10, 0.90, 68),
        (10_000, 0.03, 0.95, 965),
        (10_000, 0.05, 0.95, 370),
        (1_000, 0.05, 0.95, 278),
        (500, 0.05, 0.95, 218),
        (100, 0.05, 0.95, 80),
        (1_000_000, 0.05, 0.95, 384),  # 384.146 / (1 + 383.146 / 1e6) = 383.999
    ],
)
def test_sample_size_textbook_values(population, margin, confidence, expected):
    assert sample_size(population, margin=margin, confidence=confidence) == expected


@pytest.mark.parametrize("population", [1, 7, 50, 333, 2_000, 12_345, 99_999])
@pytest.mark.parametrize("margin", [0.01, 0.03, 0.05])
def test_sample_size_is_cochran_with_fpc_rounded_up(population, margin):
    z = NormalDist().inv_cdf(0.975)
    n0 = z * z * 0.25 / margin**2
    exact = n0 / (1 + (n0 - 1) / population)
    n = sample_size(population, margin=margin)
    assert n == min(population, math.ceil(exact))
    assert n >= exact - 1e-9 and n - 1 < exact


def test_sample_size_edges_and_errors():
    assert sample_size(0) == 0
    assert sample_size(10, margin=0.01) == 10
    assert sample_size(None, p=0.1, margin=0.05) < sample_size(None, p=0.5, margin=0.05)
    for bad in ({"margin": 0}, {"margin": 1.5}, {"confidence": 1.0}, {"p": 0}):
        with pytest.raises(InputError):
            sample_size(100, **bad)
    with pytest.raises(InputError):
        sample_size(-5)


def test_allocate_is_proportional_with_at_least_one_per_stratum():
    assert allocate({"a": 500, "b": 300, "c": 150, "d": 50}, 20) == {"a": 10, "b": 6, "c": 3, "d": 1}
    # the tiny stratum gets one even though its quota is 0.2; the total stays n
    alloc = allocate({"big": 980, "mid": 18, "tiny": 2}, 10)
    assert alloc == {"big": 8, "mid": 1, "tiny": 1}
    assert sum(alloc.values()) == 10
    assert allocate({"a": 2, "b": 100}, 50) == {"a": 1, "b": 49}  # quotas 0.98 and 49.02
    # never more than a stratum holds
    assert allocate({"a": 2, "b": 100}, 101) == {"a": 2, "b": 99}
    # fewer items than strata: the largest strata get one each
    assert allocate({"a": 5, "b": 50, "c": 20}, 2) == {"a": 0, "b": 1, "c": 1}
    assert allocate({"a": 3, "b": 2}, 100) == {"a": 3, "b": 2}


def _records(n_a=700, n_b=250, n_c=50):
    labels = ["A"] * n_a + ["B"] * n_b + ["C"] * n_c
    return [{"id": f"r{i:04d}", "label": label, "annotator": f"ann{i % 3}"} for i, label in enumerate(labels)]


def test_stratified_sample_follows_the_allocation_and_file_order():
    records = _records()
    sample = draw_sample(records, 40, stratify="label", seed=7)
    assert Counter(r["label"] for r in sample) == {"A": 28, "B": 10, "C": 2}
    ids = [r["id"] for r in sample]
    assert ids == sorted(ids) and len(set(ids)) == 40
    by_annotator = Counter(r["annotator"] for r in draw_sample(records, 30, stratify="annotator", seed=7))
    assert by_annotator == {"ann0": 10, "ann1": 10, "ann2": 10}


def test_sample_is_reproducible_by_seed():
    records = _records()
    first = draw_sample(records, 50, stratify="label", seed=11)
    assert draw_sample(records, 50, stratify="label", seed=11) == first
    assert draw_sample(records, 50, stratify="label", seed=12) != first
    assert draw_sample(records, 50, seed=1) == draw_sample(records, 50, seed=1)
    assert len(draw_sample(records, 5_000)) == len(records)


def test_stratify_needs_the_column():
    with pytest.raises(InputError, match="no 'annotator' column"):
        draw_sample([{"id": "1", "label": "A"}], 1, stratify="annotator")
    with pytest.raises(InputError, match="label or 'annotator'|'label' or 'annotator'"):
        draw_sample([{"id": "1", "label": "A"}], 1, stratify="colour")  # type: ignore[arg-type]


def test_wilson_interval_matches_statsmodels():
    for k, n in [(0, 10), (3, 10), (10, 10), (192, 200), (950, 1000)]:
        low, high = wilson_interval(k, n)
        ref_low, ref_high = proportion_confint(k, n, alpha=0.05, method="wilson")
        assert low == pytest.approx(ref_low, abs=1e-12) and high == pytest.approx(ref_high, abs=1e-12)
    assert wilson_interval(0, 0) == (None, None)


def _reviewed(n_ok, n_bad, **extra):
    rows = [{"id": f"q{i}", "label": "A", "annotator": "ann1", "correct": "yes"} for i in range(n_ok)]
    rows += [{"id": f"x{i}", "label": "B", "annotator": "ann2", "correct": "no"} for i in range(n_bad)]
    for row in rows:
        row.update(extra)
    return rows


def test_accept_and_reject_are_stated_plainly():
    accepted = qa_check(_reviewed(192, 8), 0.95)
    assert accepted.accepted and accepted.accuracy == 0.96
    assert accepted.verdict.startswith("ACCEPT: accuracy 0.96 ≥ threshold 0.95 (192 of 200 reviewed correct; 95% Wilson CI")
    assert accepted.verdict_zh.startswith("验收通过：准确率 0.96 ≥ 阈值 0.95")
    assert any("lower bound" in note for note in accepted.notes)
    rejected = qa_check(_reviewed(180, 20), 0.95)
    assert not rejected.accepted
    assert rejected.verdict.startswith("REJECT: accuracy 0.90 < threshold 0.95 (180 of 200 reviewed correct")
    assert rejected.verdict_zh.startswith("验收不通过：")
    assert [w.id for w in rejected.wrong][:2] == ["x0", "x1"]


def test_per_annotator_and_per_label_accuracy():
    result = qa_check(_reviewed(9, 1) + [{"id": "z", "label": "B", "annotator": "ann2", "correct": "对"}], 0.8)
    assert [(g.name, g.correct, g.n) for g in result.per_annotator] == [("ann1", 9, 9), ("ann2", 1, 2)]
    assert [(g.name, g.correct, g.n) for g in result.per_label] == [("A", 9, 9), ("B", 1, 2)]
    assert result.per_annotator[1].accuracy == 0.5


def test_reviewed_label_column_and_unreviewed_rows():
    rows = [
        {"id": "1", "label": "positive", "reviewed_label": "Positive"},  # same label (case ignored)
        {"id": "2", "label": "positive", "reviewed_label": "neutral"},
        {"id": "3", "label": "neutral", "reviewed_label": ""},  # not reviewed yet
        {"id": "4", "label": "neutral", "reviewed_label": "neutral", "correct": "no"},  # contradiction
    ]
    result = qa_check(rows, 0.5)
    assert (result.n_reviewed, result.n_correct, result.n_unreviewed) == (3, 2, 1)
    assert result.wrong[0].id == "2" and result.wrong[0].reviewed_label == "neutral"
    assert any("not reviewed yet" in note for note in result.notes)
    assert any("contradicts" in note for note in result.notes)


def test_qa_check_errors():
    with pytest.raises(InputError, match="none of the 2 records is reviewed"):
        qa_check([{"id": "1", "label": "A", "correct": ""}, {"id": "2", "label": "A", "correct": None}], 0.9)
    with pytest.raises(InputError, match="cannot read 'correct'"):
        qa_check([{"id": "1", "label": "A", "correct": "maybe"}], 0.9)
    with pytest.raises(InputError, match="no review column"):
        qa_check([{"id": "1", "label": "A"}], 0.9)
    with pytest.raises(InputError, match="threshold"):
        qa_check([{"id": "1", "label": "A", "correct": "yes"}], 95)


def test_parse_correct():
    for value in ("yes", "Y", "true", "1", 1, True, "对", "✓", "正确"):
        assert parse_correct(value) is True
    for value in ("no", "FALSE", "0", 0, 0.0, False, "错", "否", "x"):
        assert parse_correct(value) is False
    assert parse_correct("") is None and parse_correct(None) is None


def test_annotator_accuracy_against_gold():
    gold = LabelSet(name="gold", labels={"1": "A", "2": "B", "3": "C", "4": "A"})
    ann1 = LabelSet(name="ann1", labels={"1": "A", "2": "B", "3": "C", "4": "B", "5": "C"})
    ann2 = LabelSet(name="ann2", labels={"1": "a", "2": "C"})
    result = annotator_accuracy([ann1, ann2], gold)
    assert [(g.name, g.correct, g.n, g.n_missing) for g in result] == [("ann1", 3, 4, 0), ("ann2", 1, 2, 2)]
    assert result[0].accuracy == 0.75
    assert annotator_accuracy({"x": {"1": "A"}}, {"1": "A", "2": "B"})[0].n_missing == 1
