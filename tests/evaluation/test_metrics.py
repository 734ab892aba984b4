"""Tests for evaluation.metrics.

Three kinds of check:
* property tests (hypothesis) against the reference implementations:
  sklearn (Cohen's kappa, per-label P/R/F1, confusion matrix), statsmodels
  (Fleiss' kappa), krippendorff (alpha), equal within 1e-9 wherever the
  reference is finite, and defined exactly where the reference is finite;
* every result on random input, degenerate input included, is finite or None;
* hand-computed / published worked examples (Gwet's AC1, span F1, bands).
"""

from __future__ import annotations

import functools
import itertools
import math
import warnings
from fractions import Fraction

import krippendorff
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score, confusion_matrix, precision_recall_fscore_support
from statsmodels.stats.inter_rater import aggregate_raters
from statsmodels.stats.inter_rater import fleiss_kappa as sm_fleiss_kappa

from evaluation.metrics import (
    ConfusionMatrix,
    LabelScores,
    Metric,
    SpanScores,
    bootstrap_ci,
    cohen_kappa,
    confusion,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    krippendorff_band,
    krippendorff_band_id,
    landis_koch_band,
    landis_koch_band_id,
    per_label_prf,
    percent_agreement,
    percent_agreement_multi,
    span_f1,
)

TOL = 1e-9

# Keep the suite fast and leave no hypothesis database behind in the repo.
FAST = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

NUMERIC_POOLS = [[0, 1], [0, 1, 2], [1, 2, 3, 4], [0, 2, 5, 9]]
STRING_POOLS = [["neg", "pos"], ["neg", "neu", "pos"], ["a", "b", "c", "d"]]
POOLS = st.sampled_from(NUMERIC_POOLS + STRING_POOLS)
MISSING_RATES = st.sampled_from([0.0, 0.0, 0.1, 0.3, 0.6, 0.9])


# --------------------------------------------------------------------------- #
# Strategies
# --------------------------------------------------------------------------- #


@st.composite
def label_set(draw, pools=POOLS):
    """(pool, used): the full label set (2-4 labels) and the labels raters actually use (1+)."""
    pool = draw(pools)
    used = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=len(pool), unique=True))
    return pool, used


@st.composite
def two_raters(draw, missing=True, min_items=2, max_items=40, pools=POOLS):
    pool, used = draw(label_set(pools))
    n = draw(st.integers(min_items, max_items))
    rate = draw(MISSING_RATES) if missing else 0.0
    rnd = draw(st.randoms(use_true_random=False))

    def column():
        return [None if rnd.random() < rate else rnd.choice(used) for _ in range(n)]

    return pool, column(), column()


@st.composite
def rating_table(draw, missing=True, min_items=2, max_items=40, min_raters=2, max_raters=6, pools=POOLS):
    pool, used = draw(label_set(pools))
    n_items = draw(st.integers(min_items, max_items))
    n_raters = draw(st.integers(min_raters, max_raters))
    rate = draw(MISSING_RATES) if missing else 0.0
    rnd = draw(st.randoms(use_true_random=False))
    items = [[None if rnd.random() < rate else rnd.choice(used) for _ in range(n_raters)] for _ in range(n_items)]
    return pool, items


# --------------------------------------------------------------------------- #
# Reference wrappers: return a finite float or None
# --------------------------------------------------------------------------- #


def _finite_or_none(x) -> float | None:
    x = float(x)
    return x if math.isfinite(x) else None


def ref_cohen(a, b, labels=None, weights=None):
    pairs = [(x, y) for x, y in zip(a, b) if x is not None and y is not None]
    if not pairs:
        return None
    y1, y2 = zip(*pairs)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return _finite_or_none(cohen_kappa_score(list(y1), list(y2), labels=labels, weights=weights))


def ref_fleiss(items):
    complete = [item for item in items if all(x is not None for x in item)]
    if not complete:
        return None
    codes = {label: i for i, label in enumerate(sorted({x for item in complete for x in item}, key=repr))}
    table, _ = aggregate_raters(np.array([[codes[x] for x in item] for item in complete]))
    with np.errstate(all="ignore"):
        return _finite_or_none(sm_fleiss_kappa(table))


def ref_alpha(items, level, labels=None):
    data = [[np.nan if x is None else x for x in item] for item in items]
    reliability = np.asarray(data).T  # raters x units
    kwargs = {"value_domain": labels} if labels is not None else {}
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            value = krippendorff.alpha(reliability_data=reliability, level_of_measurement=level, **kwargs)
        except ValueError:  # e.g. fewer than two values, or no unit with two ratings
            return None
    return _finite_or_none(value)


def assert_sane(metric: Metric) -> None:
    """Never NaN, never inf; undefined means value None with a reason."""
    assert isinstance(metric, Metric)
    for field in (metric.value, metric.ci_low, metric.ci_high, metric.missing_share):
        assert field is None or math.isfinite(field)
    assert metric.defined == (metric.value is not None)
    assert 0.0 <= metric.missing_share <= 1.0
    if not metric.defined:
        assert metric.explanation
        assert metric.band is None and metric.band_zh is None


def assert_matches(metric: Metric, reference: float | None) -> None:
    assert_sane(metric)
    assert metric.defined == (reference is not None), (metric, reference)
    if reference is not None:
        assert abs(metric.value - reference) <= TOL, (metric.value, reference)


# --------------------------------------------------------------------------- #
# Property tests against the reference implementations
# --------------------------------------------------------------------------- #


@FAST
@given(two_raters(), st.sampled_from([None, "linear", "quadratic"]), st.booleans(), st.randoms(use_true_random=False))
def test_cohen_kappa_matches_sklearn(case, weights, pass_labels, rnd):
    pool, a, b = case
    labels = None
    if pass_labels:  # an explicit (shuffled) order: the weights follow it
        labels = list(pool)
        rnd.shuffle(labels)
    ours = cohen_kappa(a, b, labels=labels, weights=weights)
    assert_matches(ours, ref_cohen(a, b, labels=labels, weights=weights))
    if ours.defined:
        assert ours.band == landis_koch_band(ours.value)
        assert ours.band_id == landis_koch_band_id(ours.value)
        assert ours.band_zh == landis_koch_band(ours.value, "zh")


@FAST
@given(rating_table())
def test_fleiss_kappa_matches_statsmodels(case):
    _, items = case
    ours = fleiss_kappa(items)
    assert_matches(ours, ref_fleiss(items))
    excluded = sum(any(x is None for x in item) for item in items)
    if ours.defined:
        assert ours.n_items == len(items) - excluded
    if excluded:
        assert "Excluded" in ours.explanation or "No item has a rating from every rater" in ours.explanation


@FAST
@given(rating_table(), st.sampled_from(["nominal", "ordinal", "interval"]), st.randoms(use_true_random=False))
def test_krippendorff_alpha_matches_library(case, level, rnd):
    pool, items = case
    if level == "interval" and isinstance(pool[0], str):
        level = "ordinal"
    labels = None
    if level == "ordinal":
        # An arbitrary order of the full label set: the value domain comes from `labels`.
        labels = list(pool)
        rnd.shuffle(labels)
    ours = krippendorff_alpha(items, level=level, labels=labels)
    assert_matches(ours, ref_alpha(items, level, labels))
    if ours.defined:
        assert ours.band == krippendorff_band(ours.value)


@FAST
@given(rating_table(pools=st.sampled_from(NUMERIC_POOLS)), st.sampled_from(["nominal", "ordinal", "interval"]))
def test_krippendorff_alpha_default_domain_matches_library(case, level):
    _, items = case
    assert_matches(krippendorff_alpha(items, level=level), ref_alpha(items, level))


@FAST
@given(two_raters(missing=False), st.booleans(), st.randoms(use_true_random=False))
def test_per_label_prf_and_confusion_match_sklearn(case, pass_labels, rnd):
    pool, ref, pred = case
    labels = None
    if pass_labels:  # any order, possibly a subset of the labels in use
        labels = rnd.sample(pool, rnd.randint(1, len(pool)))
    scores = per_label_prf(ref, pred, labels=labels)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        p, r, f, s = precision_recall_fscore_support(ref, pred, labels=labels, zero_division=0)
    expected_labels = labels if labels is not None else sorted(set(ref) | set(pred))
    assert [x.label for x in scores] == expected_labels
    for row, pi, ri, fi, si in zip(scores, p, r, f, s, strict=True):
        assert isinstance(row, LabelScores)
        assert abs(row.precision - pi) <= TOL
        assert abs(row.recall - ri) <= TOL
        assert abs(row.f1 - fi) <= TOL
        assert row.support == si

    cm = confusion(ref, pred, labels=labels)
    assert isinstance(cm, ConfusionMatrix)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            expected = confusion_matrix(ref, pred, labels=labels)
    except ValueError:  # sklearn refuses `labels` with none of them in the reference
        assert all(x not in ref for x in labels)
        assert cm.n_items == 0 and all(v == 0 for row in cm.matrix for v in row)
        return
    assert cm.labels == expected_labels
    assert cm.matrix == expected.tolist()
    assert cm.n_items == int(expected.sum())


@FAST
@given(two_raters())
def test_percent_agreement_two_raters(case):
    _, a, b = case
    ours = percent_agreement(a, b)
    pairs = [(x, y) for x, y in zip(a, b) if x is not None and y is not None]
    assert_sane(ours)
    if pairs:
        assert ours.value == pytest.approx(sum(x == y for x, y in pairs) / len(pairs), abs=TOL)
        # With two raters the multi-rater version is the same number.
        multi = percent_agreement_multi([list(p) for p in zip(a, b)])
        assert multi.value == pytest.approx(ours.value, abs=TOL)
    else:
        assert not ours.defined


@FAST
@given(rating_table())
def test_percent_agreement_multi_brute_force(case):
    _, items = case
    shares = []
    for item in items:
        rated = [x for x in item if x is not None]
        pairs = list(itertools.combinations(rated, 2))
        if pairs:
            shares.append(sum(x == y for x, y in pairs) / len(pairs))
    ours = percent_agreement_multi(items)
    assert_sane(ours)
    if shares:
        assert ours.value == pytest.approx(sum(shares) / len(shares), abs=TOL)
        assert ours.n_items == len(shares)
    else:
        assert not ours.defined


@FAST
@given(two_raters(missing=False))
def test_gwet_ac1_two_rater_formula(case):
    """Gwet (2008) two-rater form: pe = sum_k pi_k (1 - pi_k) / (q - 1), pi_k = (p_A,k + p_B,k) / 2."""
    pool, a, b = case
    ours = gwet_ac1([[x, y] for x, y in zip(a, b)], labels=pool)
    n, q = len(a), len(pool)
    pa = Fraction(sum(x == y for x, y in zip(a, b)), n)
    pe = sum(
        (pi := Fraction(a.count(k) + b.count(k), 2 * n)) * (1 - pi) for k in pool
    ) / (q - 1)
    assert_sane(ours)
    assert ours.value == pytest.approx(float((pa - pe) / (1 - pe)), abs=TOL)


def _ac1_exact(items, categories):
    """Gwet's AC1 with missing ratings (irrCAC gwet.ac1.raw), in exact fractions, loop by loop."""
    rated = [[x for x in item if x is not None] for item in items]
    rated = [item for item in rated if item]  # subjects with no rating are dropped
    multi = [item for item in rated if len(item) >= 2]
    if not multi or len(categories) < 2:
        return None
    pa = sum(
        Fraction(sum(item.count(k) * (item.count(k) - 1) for k in categories), len(item) * (len(item) - 1))
        for item in multi
    ) / len(multi)
    pi = {k: sum(Fraction(item.count(k), len(item)) for item in rated) / len(rated) for k in categories}
    pe = sum(p * (1 - p) for p in pi.values()) / (len(categories) - 1)
    return float((pa - pe) / (1 - pe))


@FAST
@given(rating_table(), st.booleans())
def test_gwet_ac1_matches_exact_formula_with_missing(case, pass_labels):
    pool, items = case
    categories = pool if pass_labels else sorted({x for item in items for x in item if x is not None})
    ours = gwet_ac1(items, labels=pool if pass_labels else None)
    assert_matches(ours, _ac1_exact(items, categories))


@FAST
@given(rating_table(), st.booleans())
def test_gwet_ac1_is_sane_and_bounded(case, pass_labels):
    pool, items = case
    ours = gwet_ac1(items, labels=pool if pass_labels else None)
    assert_sane(ours)
    if ours.defined:
        assert ours.value <= 1.0 + TOL
        assert ours.band == landis_koch_band(ours.value)


# --------------------------------------------------------------------------- #
# Every result finite or None, degenerate inputs included
# --------------------------------------------------------------------------- #

ANY_MISSING = st.sampled_from([0.0, 0.3, 0.8, 1.0])


@st.composite
def any_table(draw):
    """Anything from empty input to all-missing, one rater, one label, one item."""
    pool, used = draw(label_set())
    n_items = draw(st.integers(0, 12))
    n_raters = draw(st.integers(1, 5))
    rate = draw(ANY_MISSING)
    rnd = draw(st.randoms(use_true_random=False))
    items = [[None if rnd.random() < rate else rnd.choice(used) for _ in range(n_raters)] for _ in range(n_items)]
    return pool, items


@FAST
@given(any_table())
def test_every_metric_finite_or_none(case):
    pool, items = case
    a = [item[0] for item in items]
    b = [item[-1] for item in items]
    metrics = [
        percent_agreement(a, b),
        percent_agreement_multi(items),
        cohen_kappa(a, b),
        cohen_kappa(a, b, labels=pool, weights="quadratic"),
        fleiss_kappa(items),
        gwet_ac1(items),
        gwet_ac1(items, labels=pool),
        krippendorff_alpha(items),
        krippendorff_alpha(items, level="ordinal", labels=pool),
    ]
    if not isinstance(pool[0], str):
        metrics.append(krippendorff_alpha(items, level="interval"))
    for metric in metrics:
        assert_sane(metric)
    ref = [x for x in a]
    pred = [y for y in b]
    for row in per_label_prf(ref, pred):
        assert all(math.isfinite(v) for v in (row.precision, row.recall, row.f1))


# --------------------------------------------------------------------------- #
# Degenerate cases, spelled out
# --------------------------------------------------------------------------- #


MULTI = [percent_agreement_multi, fleiss_kappa, gwet_ac1, krippendorff_alpha]
PAIRWISE = [percent_agreement, cohen_kappa]


@pytest.mark.parametrize("fn", MULTI)
def test_multi_empty_input(fn):
    m = fn([])
    assert_sane(m)
    assert not m.defined and m.n_items == 0 and "Empty input" in m.explanation


@pytest.mark.parametrize("fn", PAIRWISE)
def test_pairwise_empty_input(fn):
    m = fn([], [])
    assert_sane(m)
    assert not m.defined and m.n_items == 0 and "Empty input" in m.explanation


@pytest.mark.parametrize("fn", MULTI)
def test_multi_all_missing(fn):
    m = fn([[None, None, None], [None, None, None]])
    assert_sane(m)
    assert not m.defined and m.missing_share == 1.0


@pytest.mark.parametrize("fn", PAIRWISE)
def test_pairwise_all_missing(fn):
    m = fn([None, "a", None], ["b", None, None])
    assert_sane(m)
    assert not m.defined and m.missing_share == pytest.approx(4 / 6)
    assert "No item was rated by both raters" in m.explanation


def test_one_label_only_kappa_like_undefined_with_reason():
    a = ["spam"] * 5
    ratings = [["spam"] * 3 for _ in range(5)]
    for m in (
        cohen_kappa(a, a),
        cohen_kappa(a, a, weights="linear"),
        fleiss_kappa(ratings),
        krippendorff_alpha(ratings),
        gwet_ac1(ratings),
    ):
        assert_sane(m)
        assert not m.defined
        assert "one label" in m.explanation and "percent agreement is 100%" in m.explanation
    assert percent_agreement(a, a).value == 1.0
    assert percent_agreement_multi(ratings).value == 1.0
    # The references agree that these are undefined (NaN or an error).
    assert ref_cohen(a, a) is None
    assert ref_fleiss(ratings) is None
    assert ref_alpha(ratings, "nominal") is None


def test_one_label_used_but_label_set_given():
    ratings = [["spam"] * 3 for _ in range(5)]
    # Kappa and alpha stay undefined whatever the label set ...
    assert not cohen_kappa(["spam"] * 5, ["spam"] * 5, labels=["spam", "ham"]).defined
    assert not krippendorff_alpha(ratings, labels=["spam", "ham"]).defined
    # ... AC1 with q = 2 categories is defined: p_e = 0, AC1 = p_a = 1.
    m = gwet_ac1(ratings, labels=["spam", "ham"])
    assert m.defined and m.value == 1.0


def test_all_agree_two_labels_is_perfect():
    a = ["x", "y", "x", "y"]
    ratings = [[x, x, x] for x in a]
    assert cohen_kappa(a, a).value == pytest.approx(1.0)
    assert fleiss_kappa(ratings).value == pytest.approx(1.0)
    assert krippendorff_alpha(ratings).value == pytest.approx(1.0)
    assert gwet_ac1(ratings).value == pytest.approx(1.0)
    assert cohen_kappa(a, a).band == "almost perfect"
    assert krippendorff_alpha(ratings).band == "reliable"


def test_single_item():
    # One item, both agree: one label, undefined.
    assert not cohen_kappa(["a"], ["a"]).defined
    # One item, disagreement: defined (kappa 0, alpha 0) with a warning note.
    k = cohen_kappa(["a"], ["b"])
    assert k.defined and k.value == pytest.approx(ref_cohen(["a"], ["b"]))
    assert "Only one item" in k.explanation
    alpha = krippendorff_alpha([["a", "b"]])
    assert_matches(alpha, ref_alpha([["a", "b"]], "nominal"))
    assert "Only one item" in alpha.explanation
    for m in (fleiss_kappa([["a", "b", "a"]]), gwet_ac1([["a", "b", "a"]]), percent_agreement_multi([["a", "b", "a"]])):
        assert_sane(m)
        assert m.defined and m.n_items == 1
    assert_matches(fleiss_kappa([["a", "b", "a"]]), ref_fleiss([["a", "b", "a"]]))


def test_single_rater_and_single_ratings():
    assert not fleiss_kappa([["a"], ["b"]]).defined
    assert "at least two raters" in fleiss_kappa([["a"], ["b"]]).explanation
    for fn in (krippendorff_alpha, gwet_ac1, percent_agreement_multi):
        m = fn([["a", None], [None, "b"]])
        assert not m.defined and "No item has two or more ratings" in m.explanation


def test_fleiss_excludes_incomplete_items_and_says_so():
    items = [["a", "a", "b"], ["a", None, "a"], ["b", "b", "b"], ["a", "b"]]
    m = fleiss_kappa(items)
    assert m.defined and m.n_items == 2
    assert "Excluded 2 items with missing ratings" in m.explanation
    assert m.missing_share == pytest.approx(2 / 12)
    assert m.value == pytest.approx(ref_fleiss([["a", "a", "b"], ["b", "b", "b"]]), abs=TOL)


def test_nan_counts_as_missing():
    assert percent_agreement([1.0, float("nan")], [1.0, 2.0]).n_items == 1
    assert krippendorff_alpha([[1, float("nan"), 2], [2, 2, 2]]).n_items == 2


def test_caller_mistakes_raise():
    with pytest.raises(ValueError):
        cohen_kappa(["a"], ["a", "b"])
    with pytest.raises(ValueError):
        cohen_kappa(["a", "c"], ["a", "b"], labels=["a", "b"])
    with pytest.raises(ValueError):
        cohen_kappa(["a"], ["b"], weights="cubic")
    with pytest.raises(ValueError):
        krippendorff_alpha([["a", "b"]], level="ratio")
    with pytest.raises(ValueError):
        krippendorff_alpha([["a", "b"]], level="interval")
    with pytest.raises(ValueError):
        fleiss_kappa([["a", "b"]], labels=["a", "a", "b"])
    with pytest.raises(ValueError):
        span_f1([[(0, 1, "X")]], [[]], mode="fuzzy")


def test_metric_model_rejects_nan():
    with pytest.raises(ValueError):
        Metric(name="x", value=float("nan"), defined=True)
    with pytest.raises(ValueError):
        Metric(name="x", value=None, defined=True)
    with pytest.raises(ValueError):
        Metric(name="x", value=0.5, defined=True, ci_low=0.1)


# --------------------------------------------------------------------------- #
# Published and hand-computed examples
# --------------------------------------------------------------------------- #

# Gwet's cac.raw4raters (Handbook of Inter-Rater Reliability; irrCAC README):
# 12 subjects, 4 raters, categories 1-5, missing ratings. Published:
# pa = 0.8181818, pe = 0.1903212, AC1 = 0.77544, Krippendorff's alpha = 0.74342.
RAW_4_RATERS = [
    [1, 1, None, 1],
    [2, 2, 3, 2],
    [3, 3, 3, 3],
    [3, 3, 3, 3],
    [2, 2, 2, 2],
    [1, 2, 3, 4],
    [4, 4, 4, 4],
    [1, 1, 2, 1],
    [2, 2, 2, 2],
    [None, 5, 5, 5],
    [None, None, 1, 1],
    [None, None, 3, None],
]


def test_gwet_ac1_gwet_worked_example_raw4raters():
    # By hand: 11 subjects have >= 2 ratings; their agreeing-pair shares sum to 9 -> pa = 9/11.
    # pi = (3, 3.25, 3.5, 1.25, 1) / 12 -> sum pi(1 - pi) = 109.625/144, pe = that / (q - 1 = 4).
    pa = Fraction(9, 11)
    pe = Fraction(109625, 144000) / 4
    ac1 = (pa - pe) / (1 - pe)
    m = gwet_ac1(RAW_4_RATERS)
    assert m.value == pytest.approx(float(ac1), abs=1e-12)
    assert round(m.value, 5) == 0.77544
    assert round(float(pe), 7) == 0.1903212
    assert m.n_items == 12
    assert m.missing_share == pytest.approx(7 / 48)
    assert percent_agreement_multi(RAW_4_RATERS).value == pytest.approx(9 / 11)
    assert round(krippendorff_alpha(RAW_4_RATERS).value, 5) == 0.74342


# Gwet's distrib.6raters: 15 patients, 6 psychiatrists, 5 categories (counts per category).
# Published: AC1 = 0.4448007, Fleiss' kappa = 0.4139265, Krippendorff's alpha = 0.4204384.
DISTRIB_6_RATERS = [
    [0, 0, 0, 6, 0], [0, 3, 0, 0, 3], [0, 1, 4, 0, 1], [0, 0, 0, 0, 6], [0, 3, 0, 3, 0],
    [2, 0, 4, 0, 0], [0, 0, 4, 0, 2], [2, 0, 3, 1, 0], [2, 0, 0, 4, 0], [0, 0, 0, 0, 6],
    [1, 0, 0, 5, 0], [1, 1, 0, 4, 0], [0, 3, 3, 0, 0], [1, 0, 0, 5, 0], [0, 2, 0, 3, 1],
]  # fmt: skip


def test_gwet_ac1_gwet_worked_example_distrib6raters():
    items = [[k for k, c in enumerate(row) for _ in range(c)] for row in DISTRIB_6_RATERS]
    assert gwet_ac1(items).value == pytest.approx(0.4448007, abs=5e-8)
    assert fleiss_kappa(items).value == pytest.approx(0.4139265, abs=5e-8)
    assert krippendorff_alpha(items).value == pytest.approx(0.4204384, abs=5e-8)
    assert percent_agreement_multi(items).value == pytest.approx(0.5511111, abs=5e-8)


def _expand(table):
    a, b = [], []
    for i, row in enumerate(table):
        for j, count in enumerate(row):
            a += [i] * count
            b += [j] * count
    return a, b


def test_gwet_ac1_two_raters_cont3x3abstractors():
    # irrCAC cont3x3abstractors: Cohen 0.7964094, AC1 0.8493305, alpha 0.7972585, pa 0.89.
    a, b = _expand([[13, 0, 0], [0, 20, 7], [0, 4, 56]])
    pairs = [[x, y] for x, y in zip(a, b)]
    assert gwet_ac1(pairs).value == pytest.approx(0.8493305, abs=5e-8)
    assert cohen_kappa(a, b).value == pytest.approx(0.7964094, abs=5e-8)
    assert krippendorff_alpha(pairs).value == pytest.approx(0.7972585, abs=5e-8)
    assert percent_agreement(a, b).value == pytest.approx(0.89)


def test_kappa_paradox_ac1_stays_high():
    # Hand-computed 2x2 (rows rater A, cols rater B; + then -): [[118, 5], [2, 0]], n = 125.
    a, b = _expand([[118, 5], [2, 0]])
    pa = Fraction(118, 125)
    # Cohen: pe = (123*120 + 2*5) / 125^2 -> kappa = -20/855, i.e. below chance.
    kappa_pe = Fraction(123 * 120 + 2 * 5, 125**2)
    kappa = (pa - kappa_pe) / (1 - kappa_pe)
    assert kappa == Fraction(-20, 855)
    # AC1: pi_+ = 243/250, pe = 2 * pi_+ * pi_- / (2 - 1) -> AC1 = 55598/59098.
    pi_pos = Fraction(243, 250)
    ac1_pe = 2 * pi_pos * (1 - pi_pos)
    ac1 = (pa - ac1_pe) / (1 - ac1_pe)
    assert ac1 == Fraction(55598, 59098)

    k = cohen_kappa(a, b)
    g = gwet_ac1([[x, y] for x, y in zip(a, b)])
    assert k.value == pytest.approx(float(kappa), abs=1e-12)
    assert g.value == pytest.approx(float(ac1), abs=1e-12)
    assert percent_agreement(a, b).value == pytest.approx(0.944)
    assert k.band == "poor" and g.band == "almost perfect"
    assert fleiss_kappa([[x, y] for x, y in zip(a, b)]).value < 0.0


def test_library_documented_examples():
    # sklearn's docstring example.
    y1 = ["negative", "positive", "negative", "neutral", "positive"]
    y2 = ["negative", "positive", "negative", "neutral", "negative"]
    assert cohen_kappa(y1, y2).value == pytest.approx(0.6875)
    # krippendorff's docstring examples (raters x units there, units x raters here).
    nan = None
    by_rater = [
        [nan, nan, nan, nan, nan, 3, 4, 1, 2, 1, 1, 3, 3, nan, 3],
        [1, nan, 2, 1, 3, 3, 4, 3, nan, nan, nan, nan, nan, nan, nan],
        [nan, nan, 2, 1, 3, 4, 4, nan, 2, 1, 1, 3, 3, nan, 4],
    ]
    units = [list(u) for u in zip(*by_rater)]
    assert round(krippendorff_alpha(units, "nominal").value, 6) == 0.691358
    assert round(krippendorff_alpha(units, "interval").value, 6) == 0.810845
    words = [
        ["very low", "low", "mid", "mid", "low", "very low", "high", "very low", "low", nan, nan, nan],
        ["very low", "low", "mid", "mid", "low", "low", "high", "very low", "low", "very high", nan, "mid"],
        [nan, "mid", "mid", "mid", "low", "mid", "high", "low", "low", "very high", "very low", nan],
        ["very low", "low", "mid", "mid", "low", "high", "high", "very low", "low", "very high", "very low", nan],
    ]
    units = [list(u) for u in zip(*words)]
    order = ["very low", "low", "mid", "high", "very high"]
    assert round(krippendorff_alpha(units, "ordinal", labels=order).value, 3) == 0.815
    assert round(krippendorff_alpha(units, "nominal").value, 3) == 0.743


def test_weighted_kappa_uses_label_order():
    a = ["low", "mid", "high", "mid", "low", "high"]
    b = ["mid", "mid", "high", "low", "low", "mid"]
    order = ["low", "mid", "high"]
    for weights in ("linear", "quadratic"):
        ours = cohen_kappa(a, b, labels=order, weights=weights)
        assert ours.value == pytest.approx(ref_cohen(a, b, labels=order, weights=weights), abs=TOL)
        assert ours.name == f"cohen_kappa_{weights}"
    # Alphabetical order (high, low, mid) gives a different weighted kappa.
    assert cohen_kappa(a, b, weights="linear").value != pytest.approx(
        cohen_kappa(a, b, labels=order, weights="linear").value
    )


# --------------------------------------------------------------------------- #
# Span F1
# --------------------------------------------------------------------------- #


def test_span_f1_exact_hand_computed():
    ref = [[(0, 5, "PER"), (10, 15, "LOC")], [(3, 8, "ORG")], []]
    pred = [[(0, 5, "PER"), (10, 15, "PER")], [(3, 9, "ORG")], [(1, 2, "PER")]]
    s = span_f1(ref, pred, mode="exact")
    assert isinstance(s, SpanScores)
    # TP = 1 (0-5 PER); predicted 4, reference 3.
    assert (s.true_positives, s.n_predicted, s.n_reference) == (1, 4, 3)
    assert s.precision == pytest.approx(1 / 4)
    assert s.recall == pytest.approx(1 / 3)
    assert s.f1 == pytest.approx(2 * 1 / 7)


def test_span_f1_overlap_hand_computed():
    ref = [[(0, 5, "PER"), (10, 15, "LOC")], [(3, 8, "ORG")], []]
    pred = [[(2, 7, "PER"), (10, 15, "PER")], [(7, 9, "ORG")], [(1, 2, "PER")]]
    s = span_f1(ref, pred, mode="overlap")
    # PER 0-5 ~ 2-7 and ORG 3-8 ~ 7-9 overlap; LOC vs PER label differs.
    assert (s.true_positives, s.n_predicted, s.n_reference) == (2, 4, 3)
    assert s.precision == pytest.approx(2 / 4)
    assert s.recall == pytest.approx(2 / 3)
    assert s.f1 == pytest.approx(4 / 7)


def test_span_f1_overlap_half_open_and_one_to_one():
    # Touching spans [0,5) and [5,8) share no character.
    assert span_f1([[(0, 5, "X")]], [[(5, 8, "X")]], mode="overlap").true_positives == 0
    # One long prediction covering two reference spans matches only one of them.
    s = span_f1([[(0, 3, "X"), (5, 8, "X")]], [[(0, 8, "X")]], mode="overlap")
    assert (s.true_positives, s.precision, s.recall) == (1, 1.0, 0.5)
    # Two predictions on one reference span: only one counts.
    s = span_f1([[(0, 8, "X")]], [[(0, 3, "X"), (5, 8, "X")]], mode="overlap")
    assert (s.true_positives, s.precision, s.recall) == (1, 0.5, 1.0)


def test_span_f1_overlap_uses_maximum_matching():
    # Greedy in reference order would pair (0,10) with (5,15) and leave (12,20) unmatched;
    # the best one-to-one matching pairs (0,10)-(0,3) and (12,20)-(5,15).
    ref = [[(0, 10, "X"), (12, 20, "X")]]
    pred = [[(5, 15, "X"), (0, 3, "X")]]
    s = span_f1(ref, pred, mode="overlap")
    assert s.true_positives == 2 and s.f1 == 1.0


def test_span_f1_exact_duplicates_and_objects():
    class Span:
        def __init__(self, start, end, label):
            self.start, self.end, self.label = start, end, label

    s = span_f1([[(0, 2, "A"), (0, 2, "A")]], [[Span(0, 2, "A")]], mode="exact")
    assert (s.true_positives, s.precision, s.recall) == (1, 1.0, 0.5)


def test_span_f1_degenerate():
    empty = span_f1([], [])
    assert (empty.precision, empty.recall, empty.f1, empty.n_items) == (0.0, 0.0, 0.0, 0)
    assert "reported as 0" in empty.explanation
    s = span_f1([[(0, 1, "A")], []], [[], []])
    assert (s.precision, s.recall, s.f1) == (0.0, 0.0, 0.0)
    assert "No predicted spans" in s.explanation
    with pytest.raises(ValueError):
        span_f1([[]], [[], []])


# --------------------------------------------------------------------------- #
# Bands
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("value", "band", "band_zh"),
    [
        (-0.5, "poor", "差（低于随机一致）"),
        (-1e-6, "poor", "差（低于随机一致）"),
        (0.0, "slight", "轻微一致"),
        (0.20, "slight", "轻微一致"),
        (0.1 + 0.1, "slight", "轻微一致"),
        (0.2000001, "fair", "一般一致"),
        (0.21, "fair", "一般一致"),
        (0.40, "fair", "一般一致"),
        (0.41, "moderate", "中等一致"),
        (0.60, "moderate", "中等一致"),
        (0.61, "substantial", "高度一致"),
        (0.80, "substantial", "高度一致"),
        (0.7 + 0.1, "substantial", "高度一致"),  # 0.7999999999999999 in floating point
        (0.81, "almost perfect", "几乎完全一致"),
        (1.0, "almost perfect", "几乎完全一致"),
    ],
)
def test_landis_koch_bands(value, band, band_zh):
    assert landis_koch_band(value) == band
    assert landis_koch_band(value, "zh") == band_zh


@pytest.mark.parametrize(
    ("value", "band", "band_zh"),
    [
        (-0.2, "unreliable — discard", "不可靠——应舍弃"),
        (0.6669, "unreliable — discard", "不可靠——应舍弃"),
        (0.667, "tentative conclusions only", "仅可得出初步结论"),
        (0.7999, "tentative conclusions only", "仅可得出初步结论"),
        (0.8, "reliable", "可靠"),
        (0.7 + 0.1, "reliable", "可靠"),
        (1.0, "reliable", "可靠"),
    ],
)
def test_krippendorff_bands(value, band, band_zh):
    assert krippendorff_band(value) == band
    assert krippendorff_band(value, "zh") == band_zh


def test_bands_of_none():
    for fn in (landis_koch_band, landis_koch_band_id, krippendorff_band, krippendorff_band_id):
        assert fn(None) is None
    assert landis_koch_band(None, "zh") is None and krippendorff_band(None, "zh") is None


def test_percent_agreement_has_no_band():
    m = percent_agreement(["a", "b"], ["a", "a"])
    assert m.band is None and m.band_zh is None


# --------------------------------------------------------------------------- #
# Bootstrap
# --------------------------------------------------------------------------- #


def test_bootstrap_ci_kappa_deterministic_and_brackets_point():
    a, b = _expand([[13, 0, 0], [0, 20, 7], [0, 4, 56]])
    m1 = bootstrap_ci(cohen_kappa, a, b, n=300, seed=7)
    m2 = bootstrap_ci(cohen_kappa, a, b, n=300, seed=7)
    assert m1 == m2
    assert_sane(m1)
    assert m1.value == cohen_kappa(a, b).value
    assert m1.ci_low < m1.value < m1.ci_high
    assert "95% percentile bootstrap CI" in m1.explanation
    narrower = bootstrap_ci(cohen_kappa, a, b, n=300, seed=7, confidence=0.5)
    assert m1.ci_low <= narrower.ci_low <= narrower.ci_high <= m1.ci_high


def test_bootstrap_ci_multi_rater_and_keywords():
    m = bootstrap_ci(functools.partial(krippendorff_alpha, level="ordinal"), RAW_4_RATERS, n=200)
    assert_sane(m)
    assert m.ci_low is not None and m.ci_low <= m.ci_high
    assert m.name == "krippendorff_alpha_ordinal"
    g = bootstrap_ci(gwet_ac1, RAW_4_RATERS, n=200)
    assert g.ci_low <= g.value <= g.ci_high


def test_bootstrap_ci_span_f1_as_float():
    ref = [[(0, 5, "PER")], [(3, 8, "ORG")], [(1, 4, "LOC")], []]
    pred = [[(0, 5, "PER")], [(3, 9, "ORG")], [(1, 4, "LOC")], [(2, 3, "PER")]]

    def span_f1_exact(r, p):
        return span_f1(r, p).f1

    m = bootstrap_ci(span_f1_exact, ref, pred, n=200)
    assert m.name == "span_f1_exact"
    assert m.value == pytest.approx(span_f1(ref, pred).f1)
    assert 0.0 <= m.ci_low <= m.ci_high <= 1.0


def test_bootstrap_ci_undefined_and_skipped_resamples():
    m = bootstrap_ci(cohen_kappa, ["a"] * 4, ["a"] * 4, n=50)
    assert not m.defined and m.ci_low is None and "No bootstrap CI" in m.explanation
    empty = bootstrap_ci(cohen_kappa, [], [], n=50)
    assert not empty.defined and empty.ci_low is None
    # Mostly one label: some resamples contain only that label and are skipped.
    a = ["x"] * 9 + ["y"]
    b = ["x"] * 9 + ["y"]
    m = bootstrap_ci(cohen_kappa, a, b, n=200, seed=1)
    assert m.defined and m.ci_low is not None
    assert "were skipped" in m.explanation
    with pytest.raises(ValueError):
        bootstrap_ci(cohen_kappa, a, b[:-1])
    with pytest.raises(ValueError):
        bootstrap_ci(cohen_kappa, a, b, confidence=1.5)
