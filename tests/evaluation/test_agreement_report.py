"""The agreement report: the right figures for two / many sets, CIs, bands, and a plain PASS/FAIL."""

from __future__ import annotations

import pytest

from assistant.core.errors import InputError
from evaluation.agreement import _fmt_pair, agreement_report, resolve_target_metric
from evaluation.labels import LabelSet, load_label_sets
from evaluation.metrics import cohen_kappa, fleiss_kappa, gwet_ac1, krippendorff_alpha, percent_agreement


def _with_quality(rulebook, **quality):
    return rulebook.model_copy(update={"quality": rulebook.quality.model_copy(update=quality)})


@pytest.fixture
def sample_sets(samples):
    return load_label_sets(samples / "human_a.csv") + load_label_sets(samples / "human_b.csv")


def test_two_sets_pass_statement_figures_bands_and_cis(sample_sets, complaints_rulebook):
    report = agreement_report(sample_sets, complaints_rulebook, bootstrap=200, seed=1)
    assert report.verdict.text == "PASS: percent agreement 0.85 ≥ target 0.80"
    assert report.verdict.text_zh == "通过：一致率 0.85 ≥ 目标 0.80"
    assert report.verdict.passed is True and report.verdict.metric == "percent_agreement"
    assert list(report.metrics) == ["percent_agreement", "cohen_kappa", "gwet_ac1", "krippendorff_alpha_nominal"]
    a, b = sample_sets
    order = complaints_rulebook.label_names
    ids = [f"c{i:03d}" for i in range(1, 41)]
    col_a, col_b = [a.labels[i] for i in ids], [b.labels[i] for i in ids]
    assert report.metrics["percent_agreement"].value == pytest.approx(percent_agreement(col_a, col_b).value)
    assert report.metrics["cohen_kappa"].value == pytest.approx(cohen_kappa(col_a, col_b).value)
    assert report.metrics["gwet_ac1"].value == pytest.approx(gwet_ac1(list(zip(col_a, col_b)), labels=order).value)
    alpha = krippendorff_alpha(list(zip(col_a, col_b)), level="nominal").value
    assert report.metrics["krippendorff_alpha_nominal"].value == pytest.approx(alpha)
    for key, metric in report.metrics.items():
        assert metric.ci_low is not None and metric.ci_low <= metric.value <= metric.ci_high, key
        assert metric.n_items == 40 and metric.missing_share == 0
        if key != "percent_agreement":
            assert metric.band and metric.band_zh
    assert report.metrics["cohen_kappa"].band == "substantial"
    assert report.n_items == 40 and report.n_complete == 40 and report.missing_share == 0
    assert report.reference == "ann_zhang" and report.compared == "ann_li"
    assert [s.label for s in report.per_label] == order
    assert report.confusion.labels == order and report.confusion.n_items == 40
    assert sum(report.confusion.matrix[i][i] for i in range(4)) == 34
    assert report.language == "zh"


def test_cis_are_the_metrics_bootstrap_on_the_same_resamples(sample_sets, complaints_rulebook):
    from evaluation.metrics import bootstrap_ci

    report = agreement_report(sample_sets, complaints_rulebook, bootstrap=150, seed=5)
    a, b = sample_sets
    ids = sorted(a.labels)
    col_a, col_b = [a.labels[i] for i in ids], [b.labels[i] for i in ids]
    expected = bootstrap_ci(cohen_kappa, col_a, col_b, n=150, seed=5)
    got = report.metrics["cohen_kappa"]
    assert (got.ci_low, got.ci_high) == pytest.approx((expected.ci_low, expected.ci_high), abs=1e-12)
    assert "95% percentile bootstrap CI from 150 item resamples (seed 5)" in got.explanation


def test_fail_statement_when_below_target(sample_sets, complaints_rulebook):
    rulebook = _with_quality(complaints_rulebook, target_agreement=0.9)
    report = agreement_report(sample_sets, rulebook, bootstrap=0)
    assert report.verdict.text == "FAIL: percent agreement 0.85 < target 0.90"
    assert report.verdict.text_zh == "未通过：一致率 0.85 < 目标 0.90"
    assert report.verdict.passed is False
    assert all(m.ci_low is None for m in report.metrics.values())  # bootstrap=0: no CIs


def test_target_on_the_rulebook_metric(sample_sets, complaints_rulebook):
    report = agreement_report(sample_sets, _with_quality(complaints_rulebook, agreement_metric="Cohen's kappa"), bootstrap=0)
    assert report.verdict.metric == "cohen_kappa"
    assert report.verdict.text.startswith("FAIL: Cohen's kappa 0.79") and report.verdict.text.endswith("< target 0.80")
    unknown = agreement_report(sample_sets, _with_quality(complaints_rulebook, agreement_metric="ICC"), bootstrap=0)
    assert unknown.verdict.metric == "percent_agreement"
    assert "'ICC' is not one Rulebook computes" in unknown.verdict.notes[0]


def test_values_next_to_the_target_get_enough_decimals():
    assert _fmt_pair(0.7996, 0.8) == ("0.7996", "0.8000")
    assert _fmt_pair(0.85, 0.8) == ("0.85", "0.80")
    assert _fmt_pair(0.8, 0.8) == ("0.80", "0.80")


def test_without_rulebook_default_target_and_note():
    a = LabelSet(name="a", labels={str(i): "x" if i % 2 else "y" for i in range(10)})
    b = LabelSet(name="b", labels={str(i): "x" if i % 2 else "y" for i in range(10)})
    report = agreement_report([a, b], bootstrap=0)
    assert report.verdict.text == "PASS: percent agreement 1.00 ≥ target 0.80"
    assert any("No rulebook given" in note for note in report.notes)


def test_model_prelabels_are_scored_against_the_human_set():
    model = LabelSet(name="model", labels={"1": "x", "2": "y", "3": "y"}, is_model=True)
    human = LabelSet(name="human", labels={"1": "x", "2": "y", "3": "x"})
    report = agreement_report([model, human], bootstrap=0)
    assert (report.reference, report.compared) == ("human", "model")
    assert report.model_sets == ["model"]
    x = next(s for s in report.per_label if s.label == "x")
    assert (x.support, x.recall, x.precision) == (2, 0.5, 1.0)
    assert agreement_report([model, human], reference="model", bootstrap=0).reference == "model"
    with pytest.raises(InputError, match="--reference 'nobody'"):
        agreement_report([model, human], reference="nobody")


def test_ordinal_rulebook_adds_weighted_kappa_and_ordinal_alpha(search_rulebook):
    order = search_rulebook.label_names
    a_labels = ["3", "2", "1", "0", "3", "2", "2", "1", "0", "3"]
    b_labels = ["3", "1", "1", "0", "2", "2", "3", "0", "0", "3"]
    a = LabelSet(name="a", labels={str(i): x for i, x in enumerate(a_labels)})
    b = LabelSet(name="b", labels={str(i): x for i, x in enumerate(b_labels)})
    report = agreement_report([a, b], search_rulebook, bootstrap=0)
    assert report.ordinal
    assert list(report.metrics) == [
        "percent_agreement", "cohen_kappa", "cohen_kappa_linear", "cohen_kappa_quadratic", "gwet_ac1",
        "krippendorff_alpha_ordinal",
    ]
    for weights in ("linear", "quadratic"):
        expected = cohen_kappa(a_labels, b_labels, labels=order, weights=weights).value
        assert report.metrics[f"cohen_kappa_{weights}"].value == pytest.approx(expected)
    expected_alpha = krippendorff_alpha(list(zip(a_labels, b_labels)), level="ordinal", labels=order).value
    assert report.metrics["krippendorff_alpha_ordinal"].value == pytest.approx(expected_alpha)
    quadratic = agreement_report(
        [a, b], _with_quality(search_rulebook, agreement_metric="quadratic weighted kappa"), bootstrap=0
    )
    assert quadratic.verdict.metric == "cohen_kappa_quadratic"


def test_ordinal_coefficients_leave_out_labels_off_the_scale(search_rulebook):
    a = LabelSet(name="a", labels={"1": "3", "2": "2", "3": "1", "4": "n/a"})
    b = LabelSet(name="b", labels={"1": "3", "2": "2", "3": "0", "4": "0"})
    report = agreement_report([a, b], search_rulebook, bootstrap=0)
    assert report.metrics["cohen_kappa_quadratic"].n_items == 3
    assert report.metrics["cohen_kappa"].n_items == 4
    assert any("outside the ordinal scale ('n/a')" in note for note in report.notes)


def test_three_sets_fleiss_alpha_ac1_and_pairwise_matrix():
    rows = [("x", "x", "x"), ("x", "y", "x"), ("y", "y", "y"), ("z", "z", "y"), ("x", "x", None), ("z", "z", "z")]
    sets = [
        LabelSet(name=name, labels={str(i): row[j] for i, row in enumerate(rows) if row[j] is not None})
        for j, name in enumerate(["p", "q", "r"])
    ]
    report = agreement_report(sets, bootstrap=100)
    assert list(report.metrics) == ["percent_agreement_multi", "fleiss_kappa", "gwet_ac1", "krippendorff_alpha_nominal"]
    ratings = [list(row) for row in rows]
    assert report.metrics["fleiss_kappa"].value == pytest.approx(fleiss_kappa(ratings).value)
    assert report.metrics["fleiss_kappa"].n_items == 5  # the item with a missing rating is excluded
    assert report.verdict.metric == "percent_agreement_multi"
    # item shares of agreeing pairs: 1, 1/3, 1, 1/3, 1, 1 -> 14/18
    assert report.metrics["percent_agreement_multi"].value == pytest.approx(14 / 18)
    assert report.verdict.text == "FAIL: mean pairwise percent agreement 0.78 < target 0.80"
    assert [(p.a, p.b) for p in report.pairwise] == [("p", "q"), ("p", "r"), ("q", "r")]
    pq = report.pairwise[0]
    assert pq.percent_agreement.value == pytest.approx(5 / 6)
    assert report.per_label == [] and report.confusion is None
    # x: (3*2 + 2*1 + 2*1) agreeing uses / (3*2 + 2*2 + 2*1) uses paired with another rating
    assert report.label_agreement["x"] == pytest.approx(10 / 12)
    assert report.missing_share == pytest.approx(1 / 18)
    kappa = agreement_report(sets, _with_quality_none("cohen_kappa"), bootstrap=0)
    assert kappa.verdict.metric == "fleiss_kappa" and "Fleiss" in kappa.verdict.notes[0]


def _with_quality_none(metric):
    from assistant.core.models import Rulebook

    return Rulebook.model_validate(
        {
            "title": "t",
            "task_definition": "t",
            "labels": [{"name": "x"}, {"name": "y"}, {"name": "z"}],
            "quality": {"agreement_metric": metric, "target_agreement": 0.5},
        }
    )


def test_bootstrap_is_reproducible_by_seed(sample_sets, complaints_rulebook):
    one = agreement_report(sample_sets, complaints_rulebook, bootstrap=100, seed=3)
    two = agreement_report(sample_sets, complaints_rulebook, bootstrap=100, seed=3)
    other = agreement_report(sample_sets, complaints_rulebook, bootstrap=100, seed=4)
    assert one.metrics == two.metrics
    assert one.metrics["cohen_kappa"].ci_low != other.metrics["cohen_kappa"].ci_low


def test_undefined_headline_gives_no_verdict():
    a = LabelSet(name="a", labels={"1": "x", "2": "x"})
    b = LabelSet(name="b", labels={"1": "x", "2": "x"})
    rulebook = _with_quality_none("cohen_kappa")
    report = agreement_report([a, b], rulebook, bootstrap=0)
    assert report.verdict.passed is None
    assert report.verdict.text.startswith("NO VERDICT: Cohen's kappa is undefined")


def test_missing_items_and_share(tiny_rulebook):
    model = LabelSet(name="model", labels={"1": "positive", "2": "neutral"}, missing={"3": "abstain"}, is_model=True)
    human = LabelSet(name="human", labels={"1": "positive", "2": "negative", "3": "neutral", "4": "neutral"})
    report = agreement_report([model, human], tiny_rulebook, bootstrap=0)
    assert report.n_items == 4 and report.n_complete == 2
    assert report.missing_share == pytest.approx(2 / 8)
    assert report.metrics["percent_agreement"].n_items == 2
    problems = report.problems.sets[0]
    assert problems.abstain_ids == ["3"] and problems.absent_ids == ["4"]


def test_needs_two_sets():
    with pytest.raises(InputError, match="at least two label sets"):
        agreement_report([LabelSet(name="a", labels={"1": "x"})])


def test_resolve_target_metric_aliases():
    assert resolve_target_metric("percent agreement", n_sets=2, ordinal=False)[0] == "percent_agreement"
    assert resolve_target_metric("一致率", n_sets=3, ordinal=False)[0] == "percent_agreement_multi"
    assert resolve_target_metric("Krippendorff's alpha", n_sets=2, ordinal=True)[0] == "krippendorff_alpha_ordinal"
    assert resolve_target_metric("AC1", n_sets=4, ordinal=False)[0] == "gwet_ac1"
    key, note, note_zh = resolve_target_metric("QWK", n_sets=2, ordinal=False)
    assert key == "cohen_kappa" and "ordinal" in note and note_zh
