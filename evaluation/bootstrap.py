"""Fast bootstrap CIs for the agreement coefficients of :mod:`evaluation.agreement`.

:func:`evaluation.metrics.bootstrap_ci` calls the metric on every resample; the
metrics loop over items in Python, so 1,000 resamples of 10,000 items take
minutes. Every agreement coefficient here depends on the items only through
how many items show each *pattern* (the tuple of labels an item received), so a
resample is fully described by its pattern counts. This module draws the very
same item resamples as ``bootstrap_ci`` (same generator, same seed, same
order of draws), turns each into pattern counts, and evaluates the
coefficients for all resamples at once with numpy. The point estimate still
comes from :mod:`evaluation.metrics`; only the CI bounds are computed here,
and the tests check them against ``bootstrap_ci``.

Supported kinds: ``percent`` (two raters), ``percent_multi``, ``cohen``
(unweighted / linear / quadratic), ``fleiss``, ``ac1``, ``alpha_nominal`` and
``alpha_ordinal``. ``labels`` must list every label in the rows (the agreement
report always passes them), so the category set is fixed across resamples.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import numpy as np

from evaluation.metrics import Metric

__all__ = ["Kind", "PatternTable", "fast_bootstrap"]

Kind = Literal[
    "percent",
    "percent_multi",
    "cohen",
    "cohen_linear",
    "cohen_quadratic",
    "fleiss",
    "ac1",
    "alpha_nominal",
    "alpha_ordinal",
]


class PatternTable:
    """Items compressed to distinct label patterns, and the pattern counts of each resample."""

    def __init__(self, rows: Sequence[Sequence[Any]], labels: Sequence[Any]) -> None:
        self.labels = list(labels)
        index = {label: i for i, label in enumerate(self.labels)}
        self.n_items = len(rows)
        self.n_raters = max((len(row) for row in rows), default=0)
        patterns: dict[tuple[Any, ...], int] = {}
        pid = np.empty(self.n_items, dtype=np.int64)
        for i, row in enumerate(rows):
            key = tuple(row) + (None,) * (self.n_raters - len(row))
            pid[i] = patterns.setdefault(key, len(patterns))
        self.pid = pid
        q = len(self.labels)
        self.counts = np.zeros((len(patterns), q), dtype=np.float64)  # P x q: ratings per category
        self.codes = np.full((len(patterns), self.n_raters), -1, dtype=np.int64)  # P x R: category index or -1
        for key, p in patterns.items():
            for j, x in enumerate(key):
                if x is not None:
                    self.counts[p, index[x]] += 1.0
                    self.codes[p, j] = index[x]
        self.m = self.counts.sum(axis=1)

    def resample_weights(self, n: int, seed: int) -> np.ndarray:
        """B x P pattern counts of the ``n`` resamples ``bootstrap_ci`` would draw with ``seed``."""
        rng = np.random.default_rng(seed)
        weights = np.empty((n, self.counts.shape[0]), dtype=np.float64)
        for b in range(n):
            idx = rng.integers(0, self.n_items, size=self.n_items)
            weights[b] = np.bincount(self.pid[idx], minlength=self.counts.shape[0])
        return weights


def _safe_div(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    out = np.full(num.shape, np.nan)
    ok = den != 0
    out[ok] = num[ok] / den[ok]
    return out


def _percent_multi(t: PatternTable, w: np.ndarray) -> np.ndarray:
    valid = t.m >= 2
    share = np.zeros_like(t.m)
    mv = t.m[valid]
    share[valid] = (t.counts[valid] * (t.counts[valid] - 1.0)).sum(axis=1) / (mv * (mv - 1.0))
    return _safe_div(w @ share, w @ valid.astype(float))


def _cohen(t: PatternTable, w: np.ndarray, weights: str | None) -> np.ndarray:
    q = len(t.labels)
    both = (t.codes[:, 0] >= 0) & (t.codes[:, 1] >= 0)
    onehot = np.zeros((t.counts.shape[0], q * q))
    rows = np.nonzero(both)[0]
    onehot[rows, t.codes[rows, 0] * q + t.codes[rows, 1]] = 1.0
    cm = (w @ onehot).reshape(-1, q, q)  # B x q x q, rows = first rater
    total = cm.sum(axis=(1, 2))
    sum0 = cm.sum(axis=1)  # column sums
    sum1 = cm.sum(axis=2)  # row sums
    used = ((sum0 + sum1) > 0).sum(axis=1)
    if weights is None:
        wm = np.ones((q, q)) - np.eye(q)
    else:
        grid = np.zeros((q, q)) + np.arange(q)
        wm = np.abs(grid - grid.T) if weights == "linear" else (grid - grid.T) ** 2
    safe_total = np.where(total > 0, total, 1.0)
    expected = np.einsum("bi,bj->bij", sum0, sum1) / safe_total[:, None, None]
    num = (wm * cm).sum(axis=(1, 2))
    den = (wm * expected).sum(axis=(1, 2))
    value = 1.0 - _safe_div(num, den)
    value[(total == 0) | (used <= 1)] = np.nan
    return value


def _fleiss(t: PatternTable, w: np.ndarray) -> np.ndarray:
    r = float(t.n_raters)
    complete = (t.m == r).astype(float)
    wc = w * complete  # B x P
    n_items = wc.sum(axis=1)
    cat = wc @ t.counts  # B x q
    n_total = cat.sum(axis=1)
    p_cat = _safe_div(cat, n_total[:, None] * np.ones_like(cat))
    p_item = ((t.counts * t.counts).sum(axis=1) - r) / (r * (r - 1.0)) if r >= 2 else np.zeros_like(t.m)
    p_mean = _safe_div(wc @ p_item, n_items)
    p_exp = np.nansum(p_cat * p_cat, axis=1)
    used = (cat > 0).sum(axis=1)
    value = _safe_div(p_mean - p_exp, 1.0 - p_exp)
    value[(n_items == 0) | (used <= 1)] = np.nan
    return value


def _ac1(t: PatternTable, w: np.ndarray) -> np.ndarray:
    q = len(t.labels)
    if q < 2:
        return np.full(w.shape[0], np.nan)
    rated = t.m >= 1
    multi = t.m >= 2
    pa_item = np.zeros_like(t.m)
    pa_item[multi] = (t.counts[multi] * (t.counts[multi] - 1.0)).sum(axis=1) / (t.m[multi] * (t.m[multi] - 1.0))
    pa = _safe_div(w @ pa_item, w @ multi.astype(float))
    share = np.zeros_like(t.counts)
    share[rated] = t.counts[rated] / t.m[rated][:, None]
    n_rated = w @ rated.astype(float)
    pi = (w @ share) / np.where(n_rated > 0, n_rated, 1.0)[:, None]
    pe = (pi * (1.0 - pi)).sum(axis=1) / (q - 1)
    return _safe_div(pa - pe, 1.0 - pe)  # pa is NaN when no item has two ratings


def _alpha(t: PatternTable, w: np.ndarray, level: str) -> np.ndarray:
    q = len(t.labels)
    pairable = t.m >= 2
    scaled = np.zeros_like(t.counts)
    scaled[pairable] = t.counts[pairable] / (t.m[pairable] - 1.0)[:, None]
    # o[b] = sum_p w[b,p] * (scaled_p^T counts_p - diag(scaled_p))
    outer = np.einsum("pi,pj->pij", scaled, t.counts).reshape(len(t.m), q * q)
    o = (w @ outer).reshape(-1, q, q)
    diag = w @ scaled
    o = o - np.einsum("bi,ij->bij", diag, np.eye(q))
    n_c = o.sum(axis=1)
    n = n_c.sum(axis=1)
    e = (np.einsum("bi,bj->bij", n_c, n_c) - np.einsum("bi,ij->bij", n_c, np.eye(q))) / np.where(n > 1, n - 1.0, 1.0)[:, None, None]
    if level == "nominal":
        d = np.broadcast_to(1.0 - np.eye(q), o.shape)
    else:
        cum = np.concatenate([np.zeros((n_c.shape[0], 1)), np.cumsum(n_c, axis=1)], axis=1)
        i = np.arange(q)
        lo = np.minimum(i[:, None], i[None, :])
        hi = np.maximum(i[:, None], i[None, :])
        d = (cum[:, hi + 1] - cum[:, lo] - (n_c[:, lo] + n_c[:, hi]) / 2.0) ** 2
    value = 1.0 - _safe_div((o * d).sum(axis=(1, 2)), (e * d).sum(axis=(1, 2)))
    used_pairable = (w @ (t.counts * pairable[:, None]) > 0).sum(axis=1)
    value[(w @ pairable.astype(float) == 0) | (used_pairable <= 1)] = np.nan
    return value


def _values(kind: Kind, table: PatternTable, weights: np.ndarray) -> np.ndarray:
    if kind in ("percent", "percent_multi"):
        return _percent_multi(table, weights)  # with two raters the same as percent agreement
    if kind == "cohen":
        return _cohen(table, weights, None)
    if kind == "cohen_linear":
        return _cohen(table, weights, "linear")
    if kind == "cohen_quadratic":
        return _cohen(table, weights, "quadratic")
    if kind == "fleiss":
        return _fleiss(table, weights)
    if kind == "ac1":
        return _ac1(table, weights)
    if kind == "alpha_nominal":
        return _alpha(table, weights, "nominal")
    if kind == "alpha_ordinal":
        return _alpha(table, weights, "ordinal")
    raise ValueError(f"unknown kind {kind!r}")


def fast_bootstrap(
    point: Metric,
    kind: Kind,
    rows: Sequence[Sequence[Any]],
    labels: Sequence[Any],
    *,
    n: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
    table: PatternTable | None = None,
    weights: np.ndarray | None = None,
) -> Metric:
    """``point`` (computed by :mod:`evaluation.metrics` on ``rows``) with its percentile bootstrap CI.

    Same resamples, CI and explanation as ``bootstrap_ci(metric_fn, ..., n=n,
    confidence=confidence, seed=seed)``. Pass ``table``/``weights`` to reuse
    the resamples across several metrics of the same rows.
    """
    level = f"{confidence:.0%}"
    if not point.defined:
        return point.model_copy(update={"explanation": f"{point.explanation} No bootstrap CI: the metric is undefined.".strip()})
    if not rows:
        return point.model_copy(update={"explanation": f"{point.explanation} No bootstrap CI: no items.".strip()})
    table = table or PatternTable(rows, labels)
    weights = weights if weights is not None else table.resample_weights(n, seed)
    with np.errstate(divide="ignore", invalid="ignore"):
        values = _values(kind, table, weights)
    replicates = values[np.isfinite(values)]
    skipped = n - len(replicates)
    notes = [point.explanation]
    if len(replicates) == 0:
        notes.append(f"No bootstrap CI: the metric was undefined in all {n} resamples.")
        return point.model_copy(update={"explanation": " ".join(x for x in notes if x)})
    tail = (1.0 - confidence) / 2.0
    low, high = np.quantile(replicates, [tail, 1.0 - tail])
    notes.append(f"{level} percentile bootstrap CI from {len(replicates)} item resamples (seed {seed}).")
    if skipped:
        notes.append(f"{skipped} resamples where the metric was undefined were skipped.")
    return point.model_copy(
        update={"ci_low": float(low), "ci_high": float(high), "explanation": " ".join(x for x in notes if x)}
    )
