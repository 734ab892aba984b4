"""Agreement and QA metrics over plain Python lists of labels.

Every function here is pure: it takes lists (no files, no global state) and
returns pydantic models. Agreement coefficients come back as a :class:`Metric`.

Input shapes
------------
* Two raters: two equally long lists ``a`` and ``b``; ``a[i]`` and ``b[i]``
  rate item ``i``.
* Many raters: ``ratings`` is a list of items, each item a list with one label
  per rater (``ratings[i][j]`` is rater ``j``'s label for item ``i``). Items may
  be shorter than the longest one; the missing tail counts as missing ratings.
* A missing rating is ``None`` (a float NaN is accepted as missing too).
* Labels are any hashable values (strings, ints, ...). Where an order matters
  (weighted kappa, ordinal alpha) pass ``labels`` in that order; otherwise the
  sorted distinct labels are used (first-seen order if they cannot be sorted).

Conventions for degenerate input (the same everywhere)
------------------------------------------------------
No function returns NaN or raises for degenerate data. When a coefficient is
mathematically undefined the :class:`Metric` has ``value=None``,
``defined=False`` and ``explanation`` says why:

* empty input, all ratings missing, or no item rated by two raters: nothing
  to compare, so every coefficient is undefined;
* every usable rating carries one and the same label: chance agreement is 1
  (kappa, Fleiss) or expected disagreement is 0 (alpha), so the coefficient is
  0/0 and undefined; the explanation adds that percent agreement is 100%.
  Gwet's AC1 follows the same rule when the label set has a single category
  (its chance term divides by ``q - 1``); with ``labels`` of two or more
  categories AC1 stays defined (it is then 1.0);
* a single item is computed like any other input, with a note that one item
  gives no meaningful estimate.

Caller mistakes are not degenerate data and raise ``ValueError``: lists of
different lengths, an unknown ``weights`` or ``level``, duplicate ``labels``,
ratings outside the given ``labels`` (agreement coefficients), non-numeric
ratings for interval alpha, unsortable labels for ordinal alpha without
``labels``.

Bands
-----
Kappa-like coefficients (Cohen, Fleiss, Gwet) get Landis & Koch (1977) bands,
Krippendorff's alpha gets Krippendorff's (2004) thresholds. Band edges are
inclusive at the top of each band (0.20 is "slight", 0.8 is "reliable"; see
the band functions) and the value is rounded to 10 decimals first so that
floating point noise cannot move a value across an edge.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from assistant.core.messages import normalize, parse
from assistant.core.messages import text as message_text
from evaluation.explain import explanation_text

__all__ = [
    "Metric",
    "LabelScores",
    "ConfusionMatrix",
    "SpanScores",
    "percent_agreement",
    "percent_agreement_multi",
    "cohen_kappa",
    "fleiss_kappa",
    "krippendorff_alpha",
    "gwet_ac1",
    "per_label_prf",
    "confusion",
    "span_f1",
    "bootstrap_ci",
    "landis_koch_band",
    "landis_koch_band_id",
    "krippendorff_band",
    "krippendorff_band_id",
]

Weights = Literal["linear", "quadratic"] | None
Level = Literal["nominal", "ordinal", "interval"]


# --------------------------------------------------------------------------- #
# Result models
# --------------------------------------------------------------------------- #


def _check_finite(name: str, value: float | None) -> None:
    if value is not None and not math.isfinite(value):
        raise ValueError(f"{name} must be finite or None, got {value!r}")


class Metric(BaseModel):
    """One agreement figure with everything needed to report it honestly."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(description="metric id, e.g. 'cohen_kappa'")
    value: float | None = Field(description="the coefficient; None when undefined (never NaN)")
    defined: bool = Field(description="False when the coefficient is mathematically undefined for this input")
    explanation: str = Field(default="", description="why it is undefined, or notes on exclusions and the CI")
    band: str | None = Field(default=None, description="interpretation band in English (from `band_id`)")
    band_id: str | None = Field(default=None, description="the band's catalogue id, e.g. 'band.landis_koch.moderate'")
    legacy_band_zh: str | None = Field(default=None, exclude=True)
    n_items: int = Field(default=0, ge=0, description="items that entered the computation")
    missing_share: float = Field(default=0.0, ge=0.0, le=1.0, description="share of rating slots that were missing")
    ci_low: float | None = Field(default=None, description="bootstrap CI lower bound, when requested")
    ci_high: float | None = Field(default=None, description="bootstrap CI upper bound, when requested")

    def explanation_text(self, language: str = "en") -> str:
        """The explanation in `language` (any catalogue language; see :mod:`evaluation.explain`)."""

        return explanation_text(self.explanation, language)

    def band_text(self, language: str = "en") -> str | None:
        """The interpretation band in `language` (any catalogue language)."""
        if self.band_id:
            return message_text(self.band_id, language)
        if self.band is None:
            return None
        message = parse(self.band, "band.")
        if message is not None:
            return message.render(language)
        return (self.legacy_band_zh or self.band) if normalize(language) == "zh" else self.band

    @computed_field  # type: ignore[prop-decorator]
    @property
    def band_zh(self) -> str | None:
        """The band in Chinese, for JSON readers of `band_zh`."""
        return self.band_text("zh")

    @model_validator(mode="before")
    @classmethod
    def _band_from_id(cls, data: Any) -> Any:
        """`band` is the English of `band_id`; `band_zh` (output) is dropped, or kept aside for an older metric."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        zh = data.pop("band_zh", None)
        if data.get("band_id"):
            data["band"] = message_text(data["band_id"], "en")
        elif zh is not None:
            data["legacy_band_zh"] = zh
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Metric:
        for field in ("value", "ci_low", "ci_high"):
            _check_finite(field, getattr(self, field))
        if self.defined != (self.value is not None):
            raise ValueError("defined must be True exactly when value is not None")
        if (self.ci_low is None) != (self.ci_high is None):
            raise ValueError("ci_low and ci_high are both set or both None")
        return self


class LabelScores(BaseModel):
    """Precision, recall and F1 of one label (reference vs predicted)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: Any
    precision: float
    recall: float
    f1: float
    support: int = Field(ge=0, description="number of reference items with this label")


class ConfusionMatrix(BaseModel):
    """Counts of (reference, predicted) pairs; rows are reference labels."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    labels: list[Any]
    matrix: list[list[int]]
    n_items: int = Field(ge=0, description="pairs counted in the matrix")


class SpanScores(BaseModel):
    """Micro-averaged span precision, recall and F1 over all items."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    mode: Literal["exact", "overlap"]
    precision: float
    recall: float
    f1: float
    true_positives: int = Field(ge=0)
    n_reference: int = Field(ge=0)
    n_predicted: int = Field(ge=0)
    n_items: int = Field(ge=0)
    explanation: str = ""


# --------------------------------------------------------------------------- #
# Interpretation bands
# --------------------------------------------------------------------------- #

# Band names are catalogue ids (assistant/core/locales): (upper edge inclusive, id); "below 0" is poor.
_LANDIS_KOCH: tuple[tuple[float, str], ...] = (
    (0.20, "band.landis_koch.slight"),
    (0.40, "band.landis_koch.fair"),
    (0.60, "band.landis_koch.moderate"),
    (0.80, "band.landis_koch.substantial"),
)


_LK_POOR = "band.landis_koch.poor"
_LK_TOP = "band.landis_koch.almost_perfect"
_KRIPP_UNRELIABLE = "band.krippendorff.unreliable"
_KRIPP_TENTATIVE = "band.krippendorff.tentative"
_KRIPP_RELIABLE = "band.krippendorff.reliable"


def landis_koch_band_id(value: float | None) -> str | None:
    """The catalogue id of the Landis & Koch (1977) band of a kappa-like value (None gives None)."""
    if value is None:
        return None
    v = round(float(value), 10)
    if v < 0:
        return _LK_POOR
    for upper, band in _LANDIS_KOCH:
        if v <= upper:
            return band
    return _LK_TOP


def krippendorff_band_id(value: float | None) -> str | None:
    """The catalogue id of Krippendorff's (2004) band of an alpha (None gives None)."""
    if value is None:
        return None
    v = round(float(value), 10)
    if v < 0.667:
        return _KRIPP_UNRELIABLE
    if v < 0.8:
        return _KRIPP_TENTATIVE
    return _KRIPP_RELIABLE


def landis_koch_band(value: float | None, language: str | None = "en") -> str | None:
    """Landis & Koch (1977) band for a kappa-like value, in `language` (any catalogue language).

    < 0 poor; 0–0.20 slight; (0.20–0.40] fair; (0.40–0.60] moderate;
    (0.60–0.80] substantial; > 0.80 almost perfect. None gives None.
    """
    band = landis_koch_band_id(value)
    return None if band is None else message_text(band, language)


def krippendorff_band(value: float | None, language: str | None = "en") -> str | None:
    """Krippendorff's (2004) thresholds for alpha, in `language` (any catalogue language).

    < 0.667 unreliable — discard; 0.667 ≤ α < 0.8 tentative conclusions only;
    α ≥ 0.8 reliable. None gives None.
    """
    band = krippendorff_band_id(value)
    return None if band is None else message_text(band, language)


# --------------------------------------------------------------------------- #
# Helpers
# --------------------------------------------------------------------------- #


def _is_missing(x: Any) -> bool:
    if x is None:
        return True
    if isinstance(x, (float, np.floating)):
        return math.isnan(x)
    return False


def _fmt(label: Any) -> str:
    return repr(label)


def _ordered_labels(observed: Iterable[Hashable]) -> list[Any]:
    """Distinct labels, sorted when possible (as sklearn does), else first-seen order."""
    distinct = list(dict.fromkeys(observed))
    try:
        return sorted(distinct)
    except TypeError:
        return distinct


def _check_labels(labels: Sequence[Any] | None) -> list[Any] | None:
    if labels is None:
        return None
    labels = list(labels)
    if any(_is_missing(x) for x in labels):
        raise ValueError("labels must not contain None or NaN")
    if len(set(labels)) != len(labels):
        raise ValueError("labels must be distinct")
    return labels


def _label_order(observed: Iterable[Hashable], labels: Sequence[Any] | None) -> list[Any]:
    """The category list for an agreement coefficient; ratings outside `labels` are an error."""
    observed = list(observed)
    labels = _check_labels(labels)
    if labels is None:
        return _ordered_labels(observed)
    known = set(labels)
    unknown = [x for x in dict.fromkeys(observed) if x not in known]
    if unknown:
        raise ValueError(f"ratings use labels not in `labels`: {unknown!r}")
    return labels


def _check_same_length(**columns: Sequence[Any]) -> int:
    lengths = {name: len(col) for name, col in columns.items()}
    if len(set(lengths.values())) > 1:
        raise ValueError(f"inputs must have the same length, got {lengths}")
    return next(iter(lengths.values()), 0)


def _normalise_items(ratings: Sequence[Sequence[Any]]) -> tuple[list[list[Any]], int, int]:
    """Pad items to the widest one with None. Returns (items, n_raters, n_missing)."""
    items = []
    for item in ratings:
        if isinstance(item, (str, bytes)):
            raise ValueError("each item must be a list of ratings (one per rater), not a string")
        items.append([None if _is_missing(x) else x for x in item])
    n_raters = max((len(item) for item in items), default=0)
    for item in items:
        item.extend([None] * (n_raters - len(item)))
    n_missing = sum(x is None for item in items for x in item)
    return items, n_raters, n_missing


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _items(n: int) -> str:
    return f"{n} item" if n == 1 else f"{n} items"


def _join(*notes: str) -> str:
    return " ".join(n for n in notes if n)


def _single_item_note(n_items: int) -> str:
    return "Only one item: the estimate is not meaningful, rate more items." if n_items == 1 else ""


def _undefined(name: str, why: str, *, n_items: int, missing_share: float) -> Metric:
    return Metric(
        name=name,
        value=None,
        defined=False,
        explanation=why,
        n_items=n_items,
        missing_share=missing_share,
    )


def _defined(
    name: str,
    value: float,
    *,
    explanation: str,
    n_items: int,
    missing_share: float,
    bands: Callable[[float | None], str | None] | None,
) -> Metric:
    value = float(value)
    band = bands(value) if bands is not None else None
    return Metric(
        name=name,
        value=value,
        defined=True,
        explanation=explanation,
        band_id=band,
        n_items=n_items,
        missing_share=missing_share,
    )


def _one_label_reason(label: Any, what: str) -> str:
    return (
        f"All ratings use one label ({_fmt(label)}): {what}; percent agreement is 100%."
    )


# --------------------------------------------------------------------------- #
# Percent agreement
# --------------------------------------------------------------------------- #


def percent_agreement(a: Sequence[Any], b: Sequence[Any]) -> Metric:
    """Share of items on which two raters give the same label.

    Items where either rating is missing are left out (and counted in
    ``missing_share``). Value is a proportion in [0, 1]. No band is attached:
    raw agreement is not chance-corrected.
    """
    n_input = _check_same_length(a=a, b=b)
    n_missing = sum(_is_missing(x) for x in a) + sum(_is_missing(y) for y in b)
    missing_share = _share(n_missing, 2 * n_input)
    pairs = [(x, y) for x, y in zip(a, b) if not _is_missing(x) and not _is_missing(y)]
    name = "percent_agreement"
    if not pairs:
        why = "Empty input: there are no items." if n_input == 0 else "No item was rated by both raters."
        return _undefined(name, why, n_items=0, missing_share=missing_share)
    agree = sum(x == y for x, y in pairs)
    dropped = n_input - len(pairs)
    explanation = _join(
        f"{agree} of {_items(len(pairs))} agree.",
        f"Left out {_items(dropped)} with a missing rating." if dropped else "",
        _single_item_note(len(pairs)),
    )
    return _defined(
        name, agree / len(pairs), explanation=explanation, n_items=len(pairs), missing_share=missing_share, bands=None
    )


def percent_agreement_multi(ratings: Sequence[Sequence[Any]]) -> Metric:
    """Mean pairwise agreement across raters.

    For every item with at least two ratings, the share of agreeing pairs among
    its rating pairs, averaged over those items (the observed agreement of
    Fleiss and Gwet; with two raters it equals :func:`percent_agreement`).
    """
    items, n_raters, n_missing = _normalise_items(ratings)
    missing_share = _share(n_missing, len(items) * n_raters)
    name = "percent_agreement_multi"
    shares = []
    for item in items:
        counts = Counter(x for x in item if x is not None)
        m = sum(counts.values())
        if m >= 2:
            shares.append(sum(c * (c - 1) for c in counts.values()) / (m * (m - 1)))
    if not shares:
        why = "Empty input: there are no items." if not items else "No item has two or more ratings."
        return _undefined(name, why, n_items=0, missing_share=missing_share)
    left_out = len(items) - len(shares)
    explanation = _join(
        f"Mean share of agreeing rater pairs over {_items(len(shares))}.",
        f"Left out {_items(left_out)} with fewer than two ratings." if left_out else "",
        _single_item_note(len(shares)),
    )
    return _defined(
        name,
        sum(shares) / len(shares),
        explanation=explanation,
        n_items=len(shares),
        missing_share=missing_share,
        bands=None,
    )


# --------------------------------------------------------------------------- #
# Cohen's kappa
# --------------------------------------------------------------------------- #


def cohen_kappa(
    a: Sequence[Any],
    b: Sequence[Any],
    labels: Sequence[Any] | None = None,
    weights: Weights = None,
) -> Metric:
    """Cohen's kappa for two raters, optionally linear or quadratic weighted.

    Equals ``sklearn.metrics.cohen_kappa_score(a, b, labels=labels,
    weights=weights)`` on the items rated by both raters. ``labels`` fixes the
    category order used by the weights (default: sorted distinct labels).
    Undefined when no item is rated by both, or when both raters use one and
    the same label only (chance agreement is 1).
    """
    if weights not in (None, "linear", "quadratic"):
        raise ValueError(f"weights must be None, 'linear' or 'quadratic', got {weights!r}")
    n_input = _check_same_length(a=a, b=b)
    n_missing = sum(_is_missing(x) for x in a) + sum(_is_missing(y) for y in b)
    missing_share = _share(n_missing, 2 * n_input)
    pairs = [(x, y) for x, y in zip(a, b) if not _is_missing(x) and not _is_missing(y)]
    name = "cohen_kappa" if weights is None else f"cohen_kappa_{weights}"
    # Validate every rating against `labels`; without `labels` the order comes
    # from the paired ratings only, as sklearn sees them.
    _label_order([v for v in (*a, *b) if not _is_missing(v)], labels)
    order = _label_order([v for p in pairs for v in p], labels)
    if not pairs:
        why = "Empty input: there are no items." if n_input == 0 else "No item was rated by both raters."
        return _undefined(name, why, n_items=0, missing_share=missing_share)
    used = set(v for p in pairs for v in p)
    if len(used) == 1:
        why = _one_label_reason(
            next(iter(used)), "chance agreement is 1 so kappa is undefined (0/0)"
        )
        return _undefined(name, why, n_items=len(pairs), missing_share=missing_share)

    index = {label: i for i, label in enumerate(order)}
    k = len(order)
    cm = np.zeros((k, k), dtype=np.float64)
    for x, y in pairs:
        cm[index[x], index[y]] += 1.0
    sum0 = cm.sum(axis=0)
    sum1 = cm.sum(axis=1)
    expected = np.outer(sum0, sum1) / sum0.sum()
    if weights is None:
        w = np.ones((k, k)) - np.eye(k)
    else:
        grid = np.zeros((k, k)) + np.arange(k)
        w = np.abs(grid - grid.T) if weights == "linear" else (grid - grid.T) ** 2
    value = 1.0 - float((w * cm).sum()) / float((w * expected).sum())
    dropped = n_input - len(pairs)
    explanation = _join(
        f"{weights.capitalize()}-weighted over label order {order!r}." if weights else "",
        f"Computed on {_items(len(pairs))} rated by both raters.",
        f"Left out {_items(dropped)} with a missing rating." if dropped else "",
        _single_item_note(len(pairs)),
    )
    return _defined(
        name, value, explanation=explanation, n_items=len(pairs), missing_share=missing_share, bands=landis_koch_band_id
    )


# --------------------------------------------------------------------------- #
# Fleiss' kappa
# --------------------------------------------------------------------------- #


def fleiss_kappa(ratings: Sequence[Sequence[Any]], labels: Sequence[Any] | None = None) -> Metric:
    """Fleiss' kappa for a fixed number of raters per item.

    Fleiss needs the same number of ratings on every item, so items with a
    missing rating (or shorter than the widest item) are excluded, and the
    explanation says how many. Equals
    ``statsmodels.stats.inter_rater.fleiss_kappa`` on the aggregated
    items x categories table of the complete items.
    """
    items, n_raters, n_missing = _normalise_items(ratings)
    missing_share = _share(n_missing, len(items) * n_raters)
    name = "fleiss_kappa"
    complete = [item for item in items if all(x is not None for x in item)]
    order = _label_order([x for item in items for x in item if x is not None], labels)
    excluded = len(items) - len(complete)
    excl_note = (
        f"Excluded {_items(excluded)} with missing ratings (Fleiss' kappa needs the same number of "
        f"raters, {n_raters}, on every item)."
        if excluded
        else ""
    )
    if not items:
        return _undefined(name, "Empty input: there are no items.", n_items=0, missing_share=missing_share)
    if n_raters < 2:
        return _undefined(
            name, "Fleiss' kappa needs at least two raters per item.", n_items=0, missing_share=missing_share
        )
    if not complete:
        why = _join("No item has a rating from every rater.", excl_note)
        return _undefined(name, why, n_items=0, missing_share=missing_share)
    used = set(x for item in complete for x in item)
    if len(used) == 1:
        why = _join(
            _one_label_reason(next(iter(used)), "chance agreement is 1 so kappa is undefined (0/0)"),
            excl_note,
        )
        return _undefined(name, why, n_items=len(complete), missing_share=missing_share)

    index = {label: i for i, label in enumerate(order)}
    table = np.zeros((len(complete), len(order)), dtype=np.float64)
    for row, item in enumerate(complete):
        for x in item:
            table[row, index[x]] += 1.0
    n_total = table.sum()
    p_cat = table.sum(axis=0) / n_total
    p_item = ((table * table).sum(axis=1) - n_raters) / (n_raters * (n_raters - 1.0))
    p_mean = p_item.mean()
    p_exp = (p_cat * p_cat).sum()
    value = (p_mean - p_exp) / (1.0 - p_exp)
    explanation = _join(
        f"Computed on {_items(len(complete))} with {n_raters} ratings each.",
        excl_note,
        _single_item_note(len(complete)),
    )
    return _defined(
        name, value, explanation=explanation, n_items=len(complete), missing_share=missing_share, bands=landis_koch_band_id
    )


# --------------------------------------------------------------------------- #
# Krippendorff's alpha
# --------------------------------------------------------------------------- #


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float, np.integer, np.floating)) and not isinstance(x, (bool, np.bool_))


def krippendorff_alpha(
    ratings: Sequence[Sequence[Any]],
    level: Level = "nominal",
    labels: Sequence[Any] | None = None,
) -> Metric:
    """Krippendorff's alpha, tolerating missing ratings.

    ``level`` is "nominal", "ordinal" (order from ``labels``, else sorted
    values) or "interval" (ratings must be numbers). Items with fewer than two
    ratings carry no pairable values and are left out. Equals
    ``krippendorff.alpha(reliability_data=..., level_of_measurement=level,
    value_domain=labels)``. Undefined when no item has two ratings or when all
    pairable ratings carry one value (expected disagreement is 0).
    """
    if level not in ("nominal", "ordinal", "interval"):
        raise ValueError(f"level must be 'nominal', 'ordinal' or 'interval', got {level!r}")
    items, n_raters, n_missing = _normalise_items(ratings)
    missing_share = _share(n_missing, len(items) * n_raters)
    name = f"krippendorff_alpha_{level}"
    values = [x for item in items for x in item if x is not None]
    if level == "interval":
        bad = [x for x in dict.fromkeys(values) if not _is_number(x)]
        if labels is not None:
            bad += [x for x in labels if not _is_number(x)]
        if bad:
            raise ValueError(f"interval alpha needs numeric ratings, got {bad!r}")
    if level == "ordinal" and labels is None:
        try:
            sorted(set(values))
        except TypeError as exc:
            raise ValueError("ordinal alpha needs `labels` in order when the ratings cannot be sorted") from exc
    order = _label_order(values, labels)
    if level == "interval":
        order = sorted(order)

    pairable = [[x for x in item if x is not None] for item in items]
    pairable = [item for item in pairable if len(item) >= 2]
    if not pairable:
        why = "Empty input: there are no items." if not items else "No item has two or more ratings."
        return _undefined(name, why, n_items=0, missing_share=missing_share)
    used = set(x for item in pairable for x in item)
    left_out = len(items) - len(pairable)
    left_note = f"Left out {_items(left_out)} with fewer than two ratings." if left_out else ""
    if len(used) == 1:
        why = _join(
            _one_label_reason(
                next(iter(used)), "expected disagreement is 0 so alpha is undefined (0/0)"
            ).replace("All ratings", "All pairable ratings"),
            left_note,
        )
        return _undefined(name, why, n_items=len(pairable), missing_share=missing_share)

    index = {label: i for i, label in enumerate(order)}
    v = len(order)
    counts = np.zeros((len(pairable), v), dtype=np.float64)
    for row, item in enumerate(pairable):
        for x in item:
            counts[row, index[x]] += 1.0
    m_u = counts.sum(axis=1)
    # coincidence matrix o[c, k] = sum_u n_uc * (n_uk - [c == k]) / (m_u - 1)
    scaled = counts / (m_u - 1.0)[:, None]
    o = scaled.T @ counts - np.diag(scaled.sum(axis=0))
    n_c = o.sum(axis=0)
    n = n_c.sum()
    e = (np.outer(n_c, n_c) - np.diag(n_c)) / (n - 1.0)
    if level == "nominal":
        d = 1.0 - np.eye(v)
    elif level == "interval":
        vals = np.asarray(order, dtype=np.float64)
        d = (vals[:, None] - vals[None, :]) ** 2
    else:  # ordinal: (sum_{g=c..k} n_g - (n_c + n_k) / 2) ** 2
        cum = np.concatenate([[0.0], np.cumsum(n_c)])
        i = np.arange(v)
        lo = np.minimum(i[:, None], i[None, :])
        hi = np.maximum(i[:, None], i[None, :])
        d = (cum[hi + 1] - cum[lo] - (n_c[lo] + n_c[hi]) / 2.0) ** 2
    value = 1.0 - float((o * d).sum()) / float((e * d).sum())
    explanation = _join(
        f"{level.capitalize()} alpha over {_items(len(pairable))} with two or more ratings.",
        f"Value order {order!r}." if level == "ordinal" else "",
        left_note,
        _single_item_note(len(pairable)),
    )
    return _defined(
        name, value, explanation=explanation, n_items=len(pairable), missing_share=missing_share, bands=krippendorff_band_id
    )


# --------------------------------------------------------------------------- #
# Gwet's AC1
# --------------------------------------------------------------------------- #


def gwet_ac1(ratings: Sequence[Sequence[Any]], labels: Sequence[Any] | None = None) -> Metric:
    """Gwet's AC1 (Gwet 2008; Handbook of Inter-Rater Reliability) for two or more raters, nominal.

    With r_i ratings on item i and r_ik of them in category k:

    * p_a = mean over items with r_i >= 2 of sum_k r_ik (r_ik - 1) / (r_i (r_i - 1));
    * pi_k = mean over items with r_i >= 1 of r_ik / r_i;
    * p_e = sum_k pi_k (1 - pi_k) / (q - 1), q = number of categories
      (``len(labels)`` when given, else the distinct labels used);
    * AC1 = (p_a - p_e) / (1 - p_e).

    Missing ratings are allowed (as in Gwet's irrCAC ``gwet.ac1.raw``).
    Undefined when no item has two ratings, or when q < 2.
    """
    items, n_raters, n_missing = _normalise_items(ratings)
    missing_share = _share(n_missing, len(items) * n_raters)
    name = "gwet_ac1"
    rated = [[x for x in item if x is not None] for item in items]
    rated = [item for item in rated if item]
    order = _label_order([x for item in rated for x in item], labels)
    n2 = sum(len(item) >= 2 for item in rated)
    if n2 == 0:
        why = "Empty input: there are no items." if not items else "No item has two or more ratings."
        return _undefined(name, why, n_items=0, missing_share=missing_share)
    q = len(order)
    if q < 2:
        why = _one_label_reason(
            order[0],
            "with a single category AC1's chance agreement divides by q - 1 = 0 so AC1 is undefined "
            "(pass `labels` with the full label set to get a value)",
        )
        return _undefined(name, why, n_items=len(rated), missing_share=missing_share)

    index = {label: i for i, label in enumerate(order)}
    counts = np.zeros((len(rated), q), dtype=np.float64)
    for row, item in enumerate(rated):
        for x in item:
            counts[row, index[x]] += 1.0
    r_i = counts.sum(axis=1)
    multi = r_i >= 2
    pa = float(((counts[multi] * (counts[multi] - 1.0)).sum(axis=1) / (r_i[multi] * (r_i[multi] - 1.0))).mean())
    pi = (counts / r_i[:, None]).mean(axis=0)
    pe = float((pi * (1.0 - pi)).sum() / (q - 1))
    value = (pa - pe) / (1.0 - pe)
    single = len(rated) - n2
    explanation = _join(
        f"Observed agreement {pa:.4f} over {_items(n2)} with two or more ratings; chance agreement {pe:.4f} "
        f"over {_items(len(rated))} with a rating and {q} categories.",
        f"{_items(single)} with a single rating counted only toward category prevalence." if single else "",
        f"Left out {_items(len(items) - len(rated))} with no rating." if len(items) > len(rated) else "",
        _single_item_note(len(rated)),
    )
    return _defined(
        name, value, explanation=explanation, n_items=len(rated), missing_share=missing_share, bands=landis_koch_band_id
    )


# --------------------------------------------------------------------------- #
# Model vs reference: per-label scores and confusion matrix
# --------------------------------------------------------------------------- #


def _complete_pairs(reference: Sequence[Any], predicted: Sequence[Any]) -> list[tuple[Any, Any]]:
    _check_same_length(reference=reference, predicted=predicted)
    return [(r, p) for r, p in zip(reference, predicted) if not _is_missing(r) and not _is_missing(p)]


def per_label_prf(
    reference: Sequence[Any], predicted: Sequence[Any], labels: Sequence[Any] | None = None
) -> list[LabelScores]:
    """Per-label precision, recall, F1 and support of `predicted` against `reference`.

    Matches ``sklearn.metrics.precision_recall_fscore_support(reference,
    predicted, labels=labels, zero_division=0)``: a 0/0 ratio is reported as
    0; ``labels`` picks and orders the labels reported (pairs with other
    labels still count as errors, as in sklearn). Pairs with a missing side
    are left out. Empty input gives an empty list (or zero rows for `labels`).
    """
    pairs = _complete_pairs(reference, predicted)
    labels = _check_labels(labels)
    order = labels if labels is not None else _ordered_labels(v for p in pairs for v in p)
    tp: Counter[Any] = Counter(r for r, p in pairs if r == p)
    true_n: Counter[Any] = Counter(r for r, _ in pairs)
    pred_n: Counter[Any] = Counter(p for _, p in pairs)
    out = []
    for label in order:
        t, s, m = tp[label], true_n[label], pred_n[label]
        precision = t / m if m else 0.0
        recall = t / s if s else 0.0
        f1 = 2 * t / (s + m) if (s + m) else 0.0
        out.append(LabelScores(label=label, precision=precision, recall=recall, f1=f1, support=s))
    return out


def confusion(
    reference: Sequence[Any], predicted: Sequence[Any], labels: Sequence[Any] | None = None
) -> ConfusionMatrix:
    """Confusion matrix, rows = reference, columns = predicted.

    Matches ``sklearn.metrics.confusion_matrix(reference, predicted,
    labels=labels)``: pairs with a label outside ``labels`` are not counted.
    Pairs with a missing side are left out.
    """
    pairs = _complete_pairs(reference, predicted)
    labels = _check_labels(labels)
    order = labels if labels is not None else _ordered_labels(v for p in pairs for v in p)
    index = {label: i for i, label in enumerate(order)}
    matrix = [[0] * len(order) for _ in order]
    counted = 0
    for r, p in pairs:
        if r in index and p in index:
            matrix[index[r]][index[p]] += 1
            counted += 1
    return ConfusionMatrix(labels=order, matrix=matrix, n_items=counted)


# --------------------------------------------------------------------------- #
# Span F1
# --------------------------------------------------------------------------- #

SpanLike = Any  # (start, end, label) tuple or an object with .start, .end, .label


def _span(s: SpanLike) -> tuple[int, int, Any]:
    if hasattr(s, "start") and hasattr(s, "end") and hasattr(s, "label"):
        start, end, label = s.start, s.end, s.label
    else:
        start, end, label = s
    if end < start:
        raise ValueError(f"span end {end} is before start {start}")
    return start, end, label


def _max_matching(refs: list[tuple[int, int]], preds: list[tuple[int, int]]) -> int:
    """Size of a maximum one-to-one matching between overlapping half-open spans."""
    adj = [[j for j, (ps, pe) in enumerate(preds) if max(rs, ps) < min(re, pe)] for rs, re in refs]
    match_of_pred: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in match_of_pred or augment(match_of_pred[j], seen):
                match_of_pred[j] = i
                return True
        return False

    return sum(augment(i, set()) for i in range(len(refs)))


def span_f1(
    reference_spans: Sequence[Sequence[SpanLike]],
    predicted_spans: Sequence[Sequence[SpanLike]],
    mode: Literal["exact", "overlap"] = "exact",
) -> SpanScores:
    """Micro precision, recall and F1 of predicted spans against reference spans.

    Each side is a list per item of spans ``(start, end, label)`` with ``end``
    exclusive (objects with ``start``/``end``/``label`` work too).

    * exact: a match needs the same start, end and label (duplicates match as
      a multiset);
    * overlap: same label and at least one shared character; each reference
      span and each predicted span is matched at most once, and the matching
      is a maximum one (not greedy), so the score does not depend on order.

    precision = TP / predicted, recall = TP / reference, F1 = 2 TP /
    (reference + predicted); a 0/0 ratio is reported as 0 (sklearn's
    zero_division=0) and said in the explanation.
    """
    if mode not in ("exact", "overlap"):
        raise ValueError(f"mode must be 'exact' or 'overlap', got {mode!r}")
    n_items = _check_same_length(reference_spans=reference_spans, predicted_spans=predicted_spans)
    tp = n_ref = n_pred = 0
    for ref_item, pred_item in zip(reference_spans, predicted_spans):
        refs = [_span(s) for s in ref_item]
        preds = [_span(s) for s in pred_item]
        n_ref += len(refs)
        n_pred += len(preds)
        if mode == "exact":
            tp += sum((Counter(refs) & Counter(preds)).values())
        else:
            by_label_ref: dict[Any, list[tuple[int, int]]] = defaultdict(list)
            by_label_pred: dict[Any, list[tuple[int, int]]] = defaultdict(list)
            for s, e, lab in refs:
                by_label_ref[lab].append((s, e))
            for s, e, lab in preds:
                by_label_pred[lab].append((s, e))
            for lab, rs in by_label_ref.items():
                if lab in by_label_pred:
                    tp += _max_matching(rs, by_label_pred[lab])
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_ref if n_ref else 0.0
    f1 = 2 * tp / (n_ref + n_pred) if (n_ref + n_pred) else 0.0
    notes = []
    if n_ref == 0 and n_pred == 0:
        notes.append("No reference and no predicted spans: precision, recall and F1 are 0/0, reported as 0.")
    elif n_pred == 0:
        notes.append("No predicted spans: precision is 0/0, reported as 0.")
    elif n_ref == 0:
        notes.append("No reference spans: recall is 0/0, reported as 0.")
    return SpanScores(
        mode=mode,
        precision=precision,
        recall=recall,
        f1=f1,
        true_positives=tp,
        n_reference=n_ref,
        n_predicted=n_pred,
        n_items=n_items,
        explanation=" ".join(notes),
    )


# --------------------------------------------------------------------------- #
# Bootstrap confidence interval
# --------------------------------------------------------------------------- #


def _as_metric(result: Metric | float | None, name: str) -> Metric:
    if isinstance(result, Metric):
        return result
    if result is None or not math.isfinite(float(result)):
        return Metric(name=name, value=None, defined=False, explanation="The metric returned no finite value.")
    return Metric(name=name, value=float(result), defined=True)


def bootstrap_ci(
    metric_fn: Callable[..., Metric | float | None],
    *columns: Sequence[Any],
    n: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
) -> Metric:
    """Percentile bootstrap CI for a metric, resampling items with replacement.

    ``columns`` are parallel per-item sequences passed positionally to
    ``metric_fn`` (``a, b`` for Cohen's kappa, ``ratings`` for the
    multi-rater coefficients, ``reference_spans, predicted_spans`` for span
    F1). ``metric_fn`` returns a :class:`Metric` or a float (e.g.
    ``lambda r, p: span_f1(r, p).f1``); use ``functools.partial`` for keyword
    arguments. Returns the point estimate on the full data with ``ci_low`` /
    ``ci_high`` set. Resamples where the metric is undefined are skipped and
    counted in the explanation; if the point estimate or every resample is
    undefined the CI stays None. Deterministic for a given ``seed``.
    """
    if not columns:
        raise ValueError("bootstrap_ci needs at least one column of per-item data")
    if n < 1:
        raise ValueError("n must be at least 1")
    if not 0.0 < confidence < 1.0:
        raise ValueError("confidence must be between 0 and 1")
    n_items = _check_same_length(**{f"column_{i}": c for i, c in enumerate(columns)})
    fn_name = getattr(metric_fn, "__name__", "metric")
    point = _as_metric(metric_fn(*columns), fn_name)
    level = f"{confidence:.0%}"
    if not point.defined:
        return point.model_copy(
            update={"explanation": _join(point.explanation, "No bootstrap CI: the metric is undefined.")}
        )
    if n_items == 0:
        return point.model_copy(update={"explanation": _join(point.explanation, "No bootstrap CI: no items.")})
    rng = np.random.default_rng(seed)
    replicates = []
    for _ in range(n):
        idx = rng.integers(0, n_items, size=n_items)
        resampled = [[col[i] for i in idx] for col in columns]
        rep = _as_metric(metric_fn(*resampled), fn_name)
        if rep.value is not None:
            replicates.append(rep.value)
    skipped = n - len(replicates)
    skipped_note = f"{skipped} resamples where the metric was undefined were skipped." if skipped else ""
    if not replicates:
        return point.model_copy(
            update={
                "explanation": _join(
                    point.explanation, f"No bootstrap CI: the metric was undefined in all {n} resamples."
                )
            }
        )
    tail = (1.0 - confidence) / 2.0
    low, high = np.quantile(np.asarray(replicates), [tail, 1.0 - tail])
    note = f"{level} percentile bootstrap CI from {len(replicates)} item resamples (seed {seed})."
    return point.model_copy(
        update={
            "ci_low": float(low),
            "ci_high": float(high),
            "explanation": _join(point.explanation, note, skipped_note),
        }
    )
