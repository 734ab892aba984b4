"""The fast bootstrap gives the same CIs as evaluation.metrics.bootstrap_ci (same resamples, same seed)."""

from __future__ import annotations

import functools
import random

import pytest

from evaluation.bootstrap import fast_bootstrap
from evaluation.metrics import (
    bootstrap_ci,
    cohen_kappa,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    percent_agreement,
    percent_agreement_multi,
)

LABELS = ["a", "b", "c", "d", "e"]


def _rows(rng: random.Random, n: int, raters: int, q: int, missing: float, agree: float):
    labels = LABELS[:q]
    rows = []
    for _ in range(n):
        truth = rng.choice(labels)
        row = []
        for _ in range(raters):
            if rng.random() < missing:
                row.append(None)
            else:
                row.append(truth if rng.random() < agree else rng.choice(labels))
        rows.append(row)
    return rows, labels


def _two(rows):
    return [r[0] for r in rows], [r[1] for r in rows]


def _reference(kind, rows, labels, n, seed):
    if kind == "percent":
        return bootstrap_ci(percent_agreement, *_two(rows), n=n, seed=seed)
    if kind.startswith("cohen"):
        weights = {"cohen": None, "cohen_linear": "linear", "cohen_quadratic": "quadratic"}[kind]
        return bootstrap_ci(functools.partial(cohen_kappa, labels=labels, weights=weights), *_two(rows), n=n, seed=seed)
    fn = {
        "percent_multi": percent_agreement_multi,
        "fleiss": functools.partial(fleiss_kappa, labels=labels),
        "ac1": functools.partial(gwet_ac1, labels=labels),
        "alpha_nominal": functools.partial(krippendorff_alpha, level="nominal", labels=labels),
        "alpha_ordinal": functools.partial(krippendorff_alpha, level="ordinal", labels=labels),
    }[kind]
    return bootstrap_ci(fn, rows, n=n, seed=seed)


def _point(kind, rows, labels):
    return _reference(kind, rows, labels, 1, 0).model_copy(update={"ci_low": None, "ci_high": None, "explanation": ""})


TWO = ["percent", "cohen", "cohen_linear", "cohen_quadratic", "ac1", "alpha_nominal", "alpha_ordinal", "percent_multi", "fleiss"]
MANY = ["percent_multi", "fleiss", "ac1", "alpha_nominal", "alpha_ordinal"]


@pytest.mark.parametrize("case", range(24))
def test_same_ci_as_bootstrap_ci_on_random_data(case):
    rng = random.Random(case)
    raters = 2 if case % 3 else rng.choice([3, 4])
    n = rng.choice([1, 2, 3, 5, 12, 40])
    q = rng.choice([2, 3, 5])
    rows, labels = _rows(rng, n, raters, q, missing=rng.choice([0.0, 0.1, 0.4]), agree=rng.choice([0.3, 0.8, 1.0]))
    for kind in TWO if raters == 2 else MANY:
        reference = _reference(kind, rows, labels, 60, case)
        fast = fast_bootstrap(_point(kind, rows, labels), kind, rows, labels, n=60, seed=case)
        assert fast.value == reference.value, kind
        if reference.ci_low is None:
            assert fast.ci_low is None, (kind, rows)
        else:
            assert fast.ci_low == pytest.approx(reference.ci_low, abs=1e-9), (kind, rows)
            assert fast.ci_high == pytest.approx(reference.ci_high, abs=1e-9), (kind, rows)
            count = reference.explanation.split("bootstrap CI from ")[1].split(" ")[0]
            assert f"bootstrap CI from {count} item resamples" in fast.explanation, kind


def test_degenerate_data_gives_no_ci_like_bootstrap_ci():
    rows = [["a", "a"], ["a", "a"], ["a", None]]
    for kind in ("cohen", "alpha_nominal", "fleiss"):
        fast = fast_bootstrap(_point(kind, rows, ["a", "b"]), kind, rows, ["a", "b"], n=50)
        assert fast.ci_low is None and "undefined" in fast.explanation


